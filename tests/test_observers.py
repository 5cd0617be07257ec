"""Observer associations: the feed's rules, the table, and the REST lists."""
import pytest
from werkzeug.test import Client

from simulator.http import create_app
from tests.helpers import feed, post

PEOPLE = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE"
LINKS = "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY"


@pytest.fixture
def app():
    app = create_app(open_control=True)
    app.sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.PERSONS", "password": "secret"})
    post(app.sim, "store", feed(["s1|s1|S|One|none", "s2|s2|S|Two|none", "o1|o1|O|One|observer",
                                 "o2|o2|O|Two|OBSERVER"], PEOPLE))
    return app


def link(app, rows, operation="store", header=LINKS):
    return post(app.sim, operation, feed(rows, header), object_name="associateobserver")


def observees(app, key):
    learn = app.sim.learn
    return sorted(u.external_id for u in learn.observer_links.observees_of(learn.users_by_external_id[key]))


def test_many_to_many(app):
    assert link(app, ["o1|s1", "o1|s2", "o2|s1"]).outcomes == {"created": 3}
    learn = app.sim.learn
    assert observees(app, "o1") == ["s1", "s2"]
    assert sorted(u.external_id for u in learn.observer_links.observers_of(learn.users_by_external_id["s1"])) == ["o1", "o2"]


@pytest.mark.parametrize("row, field, words", [
    ("s1|s2", "external_observer_key", "Observer system role"),
    ("zz|s1", "external_observer_key", "no person with that key"),
    ("o1|zz", "external_user_key", "no person with that key"),
    ("o1|o1", "external_user_key", "cannot observe themselves"),
])
def test_each_rule_is_a_row_error_naming_its_field(app, row, field, words):
    data_set = link(app, [row])
    errors = [e for e in data_set.log if e.level == "ERROR"]
    assert len(errors) == 1 and errors[0].field == field and words in errors[0].message
    assert len(app.sim.learn.observer_links) == 0


def test_delete_disables_and_store_reenables(app):
    link(app, ["o1|s1"])
    assert link(app, ["o1|s1"], operation="delete").outcomes == {"disabled": 1}
    assert observees(app, "o1") == []
    assert link(app, ["o1|s1"]).outcomes == {"reenabled": 1}
    assert observees(app, "o1") == ["s1"]


def test_refresh_disables_missing_links_but_no_person(app):
    link(app, ["o1|s1", "o2|s2"])
    assert link(app, ["o1|s1"], operation="refresh").outcomes == {"updated": 1, "disabled": 1}
    assert observees(app, "o2") == [] and app.sim.learn.users_by_external_id["s2"].enabled


def test_another_integrations_store_updates_with_a_warning(app):
    app.sim.sis.put_integration("OTHER", {"data_source_key": "SIS.OTHER", "password": "x"})
    link(app, ["o1|s1"])
    data_set = post(app.sim, "store", feed(["o1|s1|disabled"], LINKS + "|ROW_STATUS"), bbid="OTHER",
                    object_name="associateobserver")
    assert data_set.outcomes == {"disabled": 1}
    assert any("belongs to another integration" in e.message for e in data_set.log)
    record = next(iter(app.sim.learn.observer_links.records.values()))
    assert record.owner == app.sim.sis.integrations["BBLEARN"].pk and record.data_source == "SIS.PERSONS"


def _rest(app):
    client = Client(app)
    client.post("/_sim/rest-apps", json={"key": "k", "secret": "s"})
    token = client.post("/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                        auth=("k", "s")).json["access_token"]
    return lambda path: client.get(f"/learn/api/public/v1{path}", headers={"Authorization": f"Bearer {token}"})


def test_rest_lists_observers_and_observees_as_users(app):
    link(app, ["o1|s1", "o2|s1", "o2|s2|disabled"], header=LINKS)
    link(app, ["o2|s2|disabled"], header=LINKS + "|ROW_STATUS")
    get = _rest(app)
    users = app.sim.learn.users_by_external_id

    def ids(body):
        return [(u["id"], u["externalId"]) for u in body["results"]]
    observers = get("/users/externalId:s1/observers").json
    assert ids(observers) == [(users["o1"].pk, "o1"), (users["o2"].pk, "o2")]
    assert observers["results"][0] == get(f"/users/{users['o1'].pk}").json
    assert ids(get(f"/users/{users['o2'].pk}/observees").json) == [(users["s1"].pk, "s1")]
    assert get("/users/userName:s2/observers").json == {"results": []}
    paged = get("/users/externalId:s1/observers?limit=1").json
    assert ids(paged) == [(users["o1"].pk, "o1")] and "offset=1" in paged["paging"]["nextPage"]
    missing = get("/users/externalId:nobody/observers")
    assert missing.status_code == 404 and missing.json["status"] == 404


def test_a_dry_run_purge_is_taken_back_without_reordering(app):
    app.sim.sis.put_integration("BBLEARN", {"delete_behaviour": {"associateobserver": "smart_delete"}})
    link(app, ["o1|s1", "o1|s2", "o2|s1"])
    table = app.sim.learn.observer_links
    before = list(table.records), {pk: list(d) for pk, d in table.by_user.items()}
    data_set = post(app.sim, "delete", feed(["o1|s1"], LINKS), object_name="associateobserver", dry_run=True)
    assert data_set.outcomes == {"purged": 1}
    assert (list(table.records), {pk: list(d) for pk, d in table.by_user.items()}) == before


def test_a_testing_integration_logs_but_applies_nothing(app):
    app.sim.sis.put_integration("BBLEARN", {"status": "testing"})
    data_set = link(app, ["o1|s1", "s1|s2"])
    assert data_set.outcomes == {"created": 1, "rejected": 1} and data_set.errors == 1
    assert len(app.sim.learn.observer_links) == 0 and observees(app, "o1") == []

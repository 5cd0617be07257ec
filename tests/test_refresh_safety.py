"""Refresh and delete safety (issue 9): each defect found by hostile use, replayed over
HTTP against the in-process app, plus the rules behind the fixes (SPEC §1.3)."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from simulator.http import create_app
from simulator.sis.parser import FeedFile

PEOPLE = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME"


def endpoint(bbid: str, object_name: str, operation: str) -> str:
    return f"/webapps/bb-data-integration-flatfile-{bbid}/endpoint/{object_name}/{operation}"


@pytest.fixture
def learn():
    """An app with two integrations (BBLEARN and HR) and a poster speaking HTTP."""
    app = create_app()
    client = Client(app)
    creds = {}
    for bbid, dsk in (("BBLEARN", "SIS.LEARN"), ("HR", "SIS.HR")):
        integration, _ = app.sim.sis.put_integration(bbid, {"data_source_key": dsk, "password": f"pw-{bbid}"})
        creds[bbid] = (integration.username, f"pw-{bbid}")

    def post(operation: str, body: str | bytes, bbid: str = "BBLEARN", object_name: str = "person"):
        data = body.encode() if isinstance(body, str) else body
        response = client.post(endpoint(bbid, object_name, operation), data=data, auth=creds[bbid])
        assert response.status_code == 200, response.text
        return app.sim.sis.datasets[response.text.split()[-8]]

    post.app = app
    return post


def people(n: int, prefix: str = "p") -> str:
    return "\n".join([PEOPLE, *(f"{prefix}{i}|{prefix}user{i}|F{i}|L{i}" for i in range(n))]) + "\n"


def enabled(learn, bbid: str = "BBLEARN") -> set[str]:
    pk = learn.app.sim.sis.integrations[bbid].pk
    return {u.external_id for u in learn.app.sim.learn.users.values() if u.owner == pk and u.enabled}


def messages(dataset) -> str:
    return "\n".join(f"{e.level} {e.message}" for e in dataset.log)


def test_a_header_ending_with_the_delimiter_is_refused_and_disables_nobody(learn):
    learn("store", people(100))
    body = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|\n" + "\n".join(f"p{i}|puser{i}|F|L" for i in range(3)) + "\n"
    dataset = learn("refresh", body)
    assert len(enabled(learn)) == 100
    assert dataset.errors == 3 and dataset.outcomes.get("disabled", 0) == 0
    assert "empty column name at position 5" in messages(dataset)


def test_cr_only_line_endings_are_line_ends(learn):
    learn("store", people(5))
    dataset = learn("refresh", people(3).replace("\n", "\r").encode())
    assert dataset.completed == 3 and dataset.errors == 0
    assert enabled(learn) == {"p0", "p1", "p2"}


def test_cr_only_and_mixed_endings_keep_physical_line_numbers():
    rows = list(FeedFile("A|B\r1|2\r\n\r3|4\n5|6").rows())
    assert [(r.line, r.values) for r in rows] == [(2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "4"}),
                                                  (5, {"a": "5", "b": "6"})]


def test_a_row_rejected_for_its_field_count_keeps_its_person(learn):
    learn("store", people(3))
    dataset = learn("refresh", f"{PEOPLE}\np0|puser0|A|B\np1|puser1|A|O|Brien\n")
    assert dataset.errors == 1
    assert enabled(learn) == {"p0", "p1"}, "p1's row was rejected, but it names p1: the refresh must spare it"


def test_a_short_row_still_names_its_key_when_the_key_column_comes_first(learn):
    learn("store", people(3))
    learn("refresh", f"{PEOPLE}\np0|puser0|A|B\np2\n")
    assert enabled(learn) == {"p0", "p2"}


def test_a_refresh_whose_rows_are_all_rejected_disables_nothing_and_says_why(learn):
    learn("store", people(4))
    dataset = learn("refresh", f"{PEOPLE}\nx1|puser0|A|B\nx2|u2||B\n")  # duplicate user id, empty firstname
    assert dataset.errors == 2 and enabled(learn) == {"p0", "p1", "p2", "p3"}
    assert "refresh phase was skipped: all 2 data rows were rejected" in messages(dataset)


@pytest.mark.parametrize("operation", ["refresh", "refreshlegacy"])
def test_a_refresh_without_data_rows_disables_nothing_and_says_why(learn, operation):
    learn("store", people(4))
    dataset = learn(operation, PEOPLE + "\n\n  \n")
    assert enabled(learn) == {"p0", "p1", "p2", "p3"}
    assert "refresh phase was skipped: the file has no data rows" in messages(dataset)


@pytest.mark.parametrize("behaviour", ["disable", "smart_delete"])
def test_another_integrations_feed_user_cannot_delete_or_purge_bblearns_persons(learn, behaviour):
    learn.app.sim.sis.put_integration("HR", {"delete_behaviour": {"person": behaviour}})
    learn("store", people(3))
    dataset = learn("delete", "EXTERNAL_PERSON_KEY\np0\np1\n", bbid="HR")
    assert enabled(learn) == {"p0", "p1", "p2"} and len(learn.app.sim.learn.users) == 3
    assert dataset.warnings == 2 and "deletes only its own records" in messages(dataset)
    assert not dataset.outcomes.get("purged") and not dataset.outcomes.get("disabled")


def test_an_integration_still_deletes_its_own_records(learn):
    learn.app.sim.sis.put_integration("BBLEARN", {"delete_behaviour": {"person": "smart_delete"}})
    learn("store", people(3))
    dataset = learn("delete", "EXTERNAL_PERSON_KEY\np0\n")
    assert dataset.outcomes["purged"] == 1 and {u.external_id for u in learn.app.sim.learn.users.values()} == {"p1", "p2"}


@pytest.mark.parametrize("object_name, header, row", [
    ("secondaryinstrole", "EXTERNAL_PERSON_KEY|ROLE_ID", "p0|EXTRA"),
    ("associateobserver", "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY", "w|p0"),
])
def test_association_deletes_spare_other_integrations_records(learn, object_name, header, row):
    learn.app.sim.learn.add_institution_role("EXTRA")
    learn("store", people(2) + "w|watcher|W|W\n")
    learn("store", f"{PEOPLE}|SYSTEM_ROLE\nw|watcher|W|W|observer\n")
    learn("store", f"{header}\n{row}\n", object_name=object_name)
    learn.app.sim.sis.put_integration("HR", {"delete_behaviour": {object_name: "smart_delete"}})
    dataset = learn("delete", f"{header}\n{row}\n", bbid="HR", object_name=object_name)
    assert "deletes only its own records" in messages(dataset)
    table = {"secondaryinstrole": learn.app.sim.learn.secondary_role_records,
             "associateobserver": learn.app.sim.learn.observer_links}[object_name]
    bblearn = learn.app.sim.sis.integrations["BBLEARN"].pk
    assert [r.enabled for r in table.owned(bblearn)] == [True]


@pytest.mark.parametrize("object_name, header, rows", [
    ("secondaryinstrole", "EXTERNAL_PERSON_KEY|ROLE_ID", ["p0|EXTRA", "p1|EXTRA"]),
    ("associateobserver", "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY", ["w|p0", "w|p1"]),
])
def test_association_refreshes_spare_rejected_and_short_rows(learn, object_name, header, rows):
    learn.app.sim.learn.add_institution_role("EXTRA")
    learn("store", f"{PEOPLE}|SYSTEM_ROLE\np0|u0|A|A|none\np1|u1|B|B|none\nw|watcher|W|W|observer\n")
    learn("store", "\n".join([header, *rows]) + "\n", object_name=object_name)
    table = {"secondaryinstrole": learn.app.sim.learn.secondary_role_records,
             "associateobserver": learn.app.sim.learn.observer_links}[object_name]
    dataset = learn("refresh", "\n".join([header, rows[0] + "|extra"]) + "\n", object_name=object_name)
    assert dataset.errors == 1 and all(r.enabled for r in table.owned(learn.app.sim.sis.integrations["BBLEARN"].pk))
    dataset = learn("refresh", "\n".join([header, rows[0], rows[1] + "|extra"]) + "\n", object_name=object_name)
    assert all(r.enabled for r in table.owned(learn.app.sim.sis.integrations["BBLEARN"].pk))
    assert not dataset.outcomes.get("disabled")

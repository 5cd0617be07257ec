"""Property: a dry run predicts exactly what the real post then does, and changes nothing.

For random starting states (persons, secondary role records, observer links) and random
feeds of every object and operation, with random integration settings, the dry run's
outcomes, record keys and log problems equal those of the real post that follows, and
Learn is unchanged by the dry run (records, effective roles and REST order included).
"""
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.cli import main
from simulator.mock import mock_learn
from simulator.sis.dataset import DataSet
from tests.helpers import feed, post, simulator_with, snapshot

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PEOPLE = [f"p{i}" for i in range(6)]
ROLES = ["ROLE_A", "ROLE_B", "STUDENT", "NOPE"]
HEADERS = {
    "person": "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE|ROW_STATUS",
    "secondaryinstrole": "EXTERNAL_PERSON_KEY|ROLE_ID|ROW_STATUS",
    "associateobserver": "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY|ROW_STATUS",
}
statuses = st.sampled_from(["", "enabled", "disabled"])


@st.composite
def rows(draw, object_name):
    people = st.sampled_from(PEOPLE + ["ghost"])
    if object_name == "person":
        key = draw(people)
        user_id = draw(st.sampled_from([f"u_{key}", "u_p0"]))
        return f"{key}|{user_id}|F|L|{draw(st.sampled_from(['none', 'observer']))}|{draw(statuses)}"
    if object_name == "secondaryinstrole":
        return f"{draw(people)}|{draw(st.sampled_from(ROLES)).lower()}|{draw(statuses)}"
    return f"{draw(people)}|{draw(people)}|{draw(statuses)}"


@st.composite
def scenarios(draw):
    object_name = draw(st.sampled_from(list(HEADERS)))
    return {
        "observers": draw(st.sets(st.sampled_from(PEOPLE), max_size=4)),
        "roles": draw(st.lists(rows("secondaryinstrole"), max_size=6)),
        "links": draw(st.lists(rows("associateobserver"), max_size=6)),
        "object": object_name,
        "operation": draw(st.sampled_from(["store", "refresh", "refreshlegacy", "delete"])),
        "rows": draw(st.lists(rows(object_name), max_size=8)),
        "settings": {
            "refresh_behaviour": draw(st.sampled_from(["disable", "purge", "none"])),
            "delete_behaviour": {object_name: draw(st.sampled_from(["disable", "smart_delete", "none"]))},
            "refresh_threshold": draw(st.sampled_from([None, 0, 30, 60, 100])),
        },
    }


def state(sim) -> tuple:
    learn = sim.learn
    roles = [(r.user.external_id, r.role_id, r.owner, r.data_source, r.enabled, r.modified)
             for r in learn.secondary_role_records.records.values()]
    links = [(r.observer.external_id, r.user.external_id, r.owner, r.data_source, r.enabled, r.modified)
             for r in learn.observer_links.records.values()]
    watched = {u.external_id: ([o.pk for o in learn.observer_links.observers_of(u)],
                               [o.pk for o in learn.observer_links.observees_of(u)]) for u in learn.users.values()}
    modified = {u.external_id: u.modified for u in learn.users.values()}
    return snapshot(sim), list(learn.users), roles, links, watched, modified, sorted(learn.data_sources)


def problems(data_set: DataSet) -> list[tuple]:
    return [(e.level, e.line, e.field, e.message) for e in data_set.log]


def prepared(scenario):
    sim = simulator_with()
    for role in ROLES[:2]:
        sim.learn.add_institution_role(role)
    people = [f"{p}|u_{p}|F|L|{'observer' if p in scenario['observers'] else 'none'}|" for p in PEOPLE]
    post(sim, "store", feed(people, HEADERS["person"]))
    post(sim, "store", feed(scenario["roles"], HEADERS["secondaryinstrole"]), object_name="secondaryinstrole")
    post(sim, "store", feed(scenario["links"], HEADERS["associateobserver"]), object_name="associateobserver")
    sim.sis.put_integration("BBLEARN", scenario["settings"])
    return sim


@FAST
@given(scenarios())
def test_a_dry_run_predicts_the_real_run_and_changes_nothing(monkeypatch, scenario):
    def outcome(self, kind, key):  # the real run records its keys too, so they can be compared
        self.outcomes[kind] += 1
        self.changes.setdefault(kind, []).append(key)

    monkeypatch.setattr(DataSet, "outcome", outcome)
    sim = prepared(scenario)
    body = feed(scenario["rows"], HEADERS[scenario["object"]])
    before = state(sim)
    predicted = post(sim, scenario["operation"], body, object_name=scenario["object"], dry_run=True)
    assert state(sim) == before, "the dry run changed Learn"
    done = post(sim, scenario["operation"], body, object_name=scenario["object"])
    assert done.changes == predicted.changes
    assert done.outcomes == predicted.outcomes
    assert problems(done) == problems(predicted)
    assert (done.completed, done.errors, done.warnings) == (predicted.completed, predicted.errors, predicted.warnings)


def test_learnsim_post_dry_run_prints_the_report_and_changes_nothing(tmp_path: Path):
    path = tmp_path / "roles.txt"
    path.write_text("EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME\nk1|u1|Al|Bo\n")
    with mock_learn("https://learn.example.edu") as learn:
        integration, _ = learn.sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS", "password": "pw"})
        result = CliRunner().invoke(main, ["post", str(path), "--url", "https://learn.example.edu",
                                           "--username", integration.username, "--password", "pw", "--dry-run"])
        assert result.exit_code == 0, result.output
        assert "Dry run: person store, 1 rows" in result.output and "k1" in result.output
        as_json = CliRunner().invoke(main, ["post", str(path), "--url", "https://learn.example.edu", "--json",
                                            "--username", integration.username, "--password", "pw", "--dry-run"])
        assert '"dryRun": true' in as_json.output and '"created": [' in as_json.output and '"k1"' in as_json.output
        assert not learn.sim.learn.users

"""Secondary institution role records: the feed's rules, effective roles, ownership, rollback."""
import pytest

from simulator.learn import LearnError
from tests.helpers import feed, post, simulator_with, snapshot

ROLES = "EXTERNAL_PERSON_KEY|ROLE_ID"


@pytest.fixture
def sim():
    sim = simulator_with()
    for role in ("ENG_STUDENT", "ENG_FACULTY", "LIBRARY"):
        sim.learn.add_institution_role(role)
    post(sim, "store", feed(["p1|u1|pw|A|A", "p2|u2|pw|B|B", "p3|u3|pw|C|C"]))
    return sim


def roles(sim, key):
    return sorted(sim.learn.users_by_external_id[key].secondary_roles)


def store_roles(sim, rows, operation="store", header=ROLES, bbid="BBLEARN"):
    return post(sim, operation, feed(rows, header), bbid=bbid, object_name="secondaryinstrole")


def test_store_creates_records_and_role_ids_ignore_case(sim):
    data_set = store_roles(sim, ["p1|eng_student", "p1|Library", "p2|ENG_FACULTY"])
    assert data_set.outcomes == {"created": 3}
    assert roles(sim, "p1") == ["ENG_STUDENT", "LIBRARY"]
    record = sim.learn.secondary_role_records.get((sim.learn.users_by_external_id["p1"].pk, "LIBRARY"))
    assert record.owner == sim.sis.integrations["BBLEARN"].pk and record.data_source == "SIS.PERSONS"


def test_a_disabled_record_is_kept_but_not_in_effect(sim):
    store_roles(sim, ["p1|eng_student|disabled"], header=ROLES + "|ROW_STATUS")
    assert roles(sim, "p1") == []
    assert len(sim.learn.secondary_role_records) == 1
    assert store_roles(sim, ["p1|eng_student"]).outcomes == {"reenabled": 1}
    assert roles(sim, "p1") == ["ENG_STUDENT"]


@pytest.mark.parametrize("row, field, words", [
    ("nobody|eng_student", "external_person_key", "no person with that key"),
    ("p1|ghost", "role_id", "no institution role"),
    ("p1|student", "role_id", "primary institution role"),
    ("p1|", "role_id", "required"),
])
def test_each_rule_is_a_row_error_naming_its_field(sim, row, field, words):
    data_set = store_roles(sim, [row])
    errors = [e for e in data_set.log if e.level == "ERROR"]
    assert len(errors) == 1 and errors[0].field == field and words in errors[0].message and errors[0].line == 2
    assert len(sim.learn.secondary_role_records) == 0


def test_refresh_disables_only_the_integrations_own_missing_records(sim):
    sim.sis.put_integration("OTHER", {"data_source_key": "SIS.OTHER", "password": "x"})
    store_roles(sim, ["p1|eng_student", "p2|eng_student"])
    store_roles(sim, ["p3|library"], bbid="OTHER")
    data_set = store_roles(sim, ["p1|eng_student"], operation="refresh")
    assert data_set.outcomes == {"updated": 1, "disabled": 1}
    assert (roles(sim, "p1"), roles(sim, "p2"), roles(sim, "p3")) == (["ENG_STUDENT"], [], ["LIBRARY"])


def test_refreshlegacy_keeps_other_data_sources(sim):
    store_roles(sim, ["p1|eng_student|SIS.ELSEWHERE", "p2|eng_student|SIS.PERSONS"], header=ROLES + "|DATA_SOURCE_KEY")
    store_roles(sim, ["p3|library"], operation="refreshlegacy")
    assert (roles(sim, "p1"), roles(sim, "p2"), roles(sim, "p3")) == (["ENG_STUDENT"], [], ["LIBRARY"])


def test_smart_delete_purges_the_record(sim):
    sim.sis.put_integration("BBLEARN", {"delete_behaviour": {"secondaryinstrole": "smart_delete"}})
    store_roles(sim, ["p1|eng_student"])
    assert store_roles(sim, ["p1|ENG_STUDENT"], operation="delete").outcomes == {"purged": 1}
    assert len(sim.learn.secondary_role_records) == 0 and roles(sim, "p1") == []


def test_the_connector_api_and_the_feed_share_one_table(sim):
    learn = sim.learn
    user = learn.users_by_external_id["p1"]
    learn.add_secondary_role(user, "library")
    assert roles(sim, "p1") == ["LIBRARY"]
    store_roles(sim, ["p1|eng_student"], operation="refresh")
    assert roles(sim, "p1") == ["ENG_STUDENT", "LIBRARY"], "a refresh leaves records no integration owns"
    learn.remove_secondary_role(user, "eng_student")
    assert roles(sim, "p1") == ["LIBRARY"]
    with pytest.raises(LearnError, match="primary"):
        learn.add_secondary_role(user, "STUDENT")
    with pytest.raises(LearnError, match="does not exist"):
        learn.add_secondary_role(user, "GHOST")


def test_a_role_that_becomes_primary_is_not_listed_twice(sim):
    store_roles(sim, ["p1|library"])
    post(sim, "store", feed(["p1|u1|A|A|library"], "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|INSTITUTION_ROLE"))
    store_roles(sim, ["p1|eng_student"])
    user = sim.learn.users_by_external_id["p1"]
    assert user.institution_role == "LIBRARY" and roles(sim, "p1") == ["ENG_STUDENT"]


def test_purging_a_person_removes_its_role_records(sim):
    sim.sis.put_integration("BBLEARN", {"delete_behaviour": {"person": "smart_delete"}})
    store_roles(sim, ["p1|library", "p2|library"])
    post(sim, "delete", feed(["p1"], "EXTERNAL_PERSON_KEY"))
    assert [r.user.external_id for r in sim.learn.secondary_role_records.records.values()] == ["p2"]


def test_a_dry_run_rolls_back_records_and_effective_roles(sim):
    store_roles(sim, ["p1|eng_student", "p2|library"])
    before = snapshot(sim), {k: (r.enabled, r.modified) for k, r in sim.learn.secondary_role_records.records.items()}
    data_set = post(sim, "refresh", feed(["p1|library|", "p3|eng_faculty|disabled"], ROLES + "|ROW_STATUS"),
                    object_name="secondaryinstrole", dry_run=True)
    assert data_set.outcomes == {"created": 2, "disabled": 2}
    after = snapshot(sim), {k: (r.enabled, r.modified) for k, r in sim.learn.secondary_role_records.records.items()}
    assert after == before

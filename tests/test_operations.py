"""The four operations, ownership, data-source scoping, row rules, journals."""
import pytest

from simulator.learn import passwords
from simulator.sis.integration import IntegrationError
from tests.helpers import feed, post, simulator_with, snapshot

THREE = ["testPerson1|aanderson_test|changeme|Alpha|Anderson",
         "testPerson2|bbrown_test|changeme|Beta|Brown",
         "testPerson3|gcarlin_test|changeme|Gamma|Carlin"]


def users(sim):
    return {u.user_name: u for u in sim.learn.users.values()}


def test_store_creates_then_updates_and_counts_outcomes():
    sim = simulator_with()
    first = post(sim, "store", feed(THREE))
    assert (first.completed, first.errors, first.outcomes["created"]) == (3, 0, 3)
    second = post(sim, "store", feed(["testPerson1|aanderson_test|changeme|Alpha|Andersen"]))
    assert second.outcomes == {"updated": 1}
    assert users(sim)["aanderson_test"].lastname == "Andersen"
    assert users(sim)["aanderson_test"].owner == sim.sis.integrations["BBLEARN"].pk


def test_refresh_disables_only_owned_records_missing_from_the_file():
    sim = simulator_with()
    sim.sis.put_integration("HR", {"data_source_key": "HR", "password": "x"})
    post(sim, "store", feed(THREE))
    post(sim, "store", feed(["hr1|hr_test|pw|Hr|Person"]), bbid="HR")
    result = post(sim, "refresh", feed(THREE[:2]))
    assert result.outcomes["disabled"] == 1
    assert {n: u.availability for n, u in users(sim).items()} == {
        "aanderson_test": "Yes", "bbrown_test": "Yes", "gcarlin_test": "Disabled", "hr_test": "Yes"}


def test_refreshlegacy_touches_only_the_files_data_source():
    sim = simulator_with()
    post(sim, "store", feed(THREE))
    post(sim, "store", feed(["k9|zzulu_test|pw|Zeta|Zulu|SIS.OTHER"], header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|DATA_SOURCE_KEY"))
    post(sim, "refreshlegacy", feed(THREE[:1]))
    states = {n: u.availability for n, u in users(sim).items()}
    assert states == {"aanderson_test": "Yes", "bbrown_test": "Disabled", "gcarlin_test": "Disabled", "zzulu_test": "Yes"}


def test_refresh_keeps_a_record_the_file_rekeys():
    sim = simulator_with()
    post(sim, "store", feed(THREE[:1]))
    post(sim, "refresh", feed(["testPerson1|aanderson_test|changeme|Alpha|Anderson|newKey1"],
                              header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|NEW_EXTERNAL_PERSON_KEY"))
    user = users(sim)["aanderson_test"]
    assert (user.external_id, user.availability) == ("newKey1", "Yes")


def test_refresh_does_not_disable_a_record_whose_row_failed():
    sim = simulator_with()
    post(sim, "store", feed(THREE))
    result = post(sim, "refresh", feed(THREE[:2] + ["testPerson3|gcarlin_test|changeme|Gamma|" + "C" * 101]))
    assert result.errors == 1
    assert users(sim)["gcarlin_test"].availability == "Yes"


def test_delete_behaviours():
    sim = simulator_with(delete_behaviour={"person": "smart_delete"})
    post(sim, "store", feed(THREE))
    post(sim, "delete", feed(["testPerson3"], header="EXTERNAL_PERSON_KEY"))
    assert "gcarlin_test" not in users(sim)
    sim.sis.integrations["BBLEARN"].configure({"delete_behaviour": {"person": "none"}})
    post(sim, "delete", feed(["testPerson2"], header="EXTERNAL_PERSON_KEY"))
    assert users(sim)["bbrown_test"].availability == "Yes"


def test_missing_required_header_changes_nothing_even_on_refresh():
    sim = simulator_with()
    post(sim, "store", feed(THREE))
    before = snapshot(sim)
    result = post(sim, "refresh", feed(["testPerson1|aanderson_test"], header="EXTERNAL_PERSON_KEY|USER_ID"))
    assert (result.completed, result.errors) == (1, 1)
    assert "firstname, lastname" in result.log[0].message
    assert snapshot(sim) == before


def test_repeated_header_is_refused():
    sim = simulator_with()
    result = post(sim, "store", feed(["k|u|u2|A|B"], header="EXTERNAL_PERSON_KEY|USER_ID|USER_ID|FIRSTNAME|LASTNAME"))
    assert result.errors == 1 and not sim.learn.users


def test_user_id_must_stay_unique():
    sim = simulator_with()
    post(sim, "store", feed(THREE))
    result = post(sim, "store", feed(["testPerson4|aanderson_test|pw|Delta|Darling"]))
    assert result.errors == 1
    assert "already belongs to the person with external_person_key 'testPerson1'" in result.log[0].message
    assert result.log[0].field == "user_id" and result.log[0].line == 2


def test_duplicate_key_later_row_wins_with_warning():
    sim = simulator_with()
    result = post(sim, "store", feed(["k1|u1|pw|A|First", "k1|u1|pw|A|Second"]))
    assert result.warnings == 1 and "also appears on line 2" in result.log[0].message
    assert users(sim)["u1"].lastname == "Second"


def test_password_rules():
    sim = simulator_with(password_changes_on_update=False)
    post(sim, "store", feed(["k1|u1|first|A|B"], header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME"))
    post(sim, "store", feed(["k1|u1|second|A|B"]))
    assert sim.learn.login("u1", "first") == (True, "ok")
    post(sim, "store", feed(["k2|u2|A|B"], header="EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME"))
    assert passwords.is_unusable(users(sim)["u2"].password)
    assert b"first" not in users(sim)["u1"].password and not passwords.is_unusable(users(sim)["u1"].password)


def test_an_over_long_clear_password_is_a_row_error_but_a_hash_may_be_longer():
    sim = simulator_with()
    long = "p" * 33
    result = post(sim, "store", feed([f"k1|u1|{long}|A|B"]))
    assert result.errors == 1 and result.log[0].field == "passwd"
    digest = "{SSHA}" + "A" * 40
    result = post(sim, "store", feed([f"k1|u1|{digest}|SSHA|A|B"], header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|PWENCRYPTIONTYPE|FIRSTNAME|LASTNAME"))
    assert result.errors == 0


def test_testing_status_and_dry_run_roll_everything_back():
    sim = simulator_with()
    post(sim, "store", feed(THREE))
    before = snapshot(sim)
    sources = set(sim.learn.data_sources)
    dry = post(sim, "refresh", feed(["testPerson4|ddarling_test|pw|Delta|Darling|NEW.DS"],
                                    header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|DATA_SOURCE_KEY"), dry_run=True)
    assert dry.outcomes == {"created": 1, "disabled": 3}
    assert dry.changes["disabled"] == ["testPerson1", "testPerson2", "testPerson3"]
    assert snapshot(sim) == before and set(sim.learn.data_sources) == sources
    sim.sis.integrations["BBLEARN"].configure({"status": "testing"})
    post(sim, "delete", feed(["testPerson1"], header="EXTERNAL_PERSON_KEY"))
    assert snapshot(sim) == before


def test_integration_settings_are_checked_and_nothing_changes_on_error():
    sim = simulator_with()
    integration = sim.sis.integrations["BBLEARN"]
    for bad in ({"delimiter": "ab"}, {"status": "paused"}, {"refresh_threshold": 120},
                {"default_system_role": "wizard"}, {"colour": "red"}, {"delete_behaviour": {"person": "shred"}}):
        with pytest.raises(IntegrationError):
            integration.configure({"status": "testing", **bad})
        assert integration.status == "active"
    with pytest.raises(IntegrationError, match="data_source_key"):
        sim.sis.put_integration("NEW", {"password": "x"})


def test_prehashed_md5_verifies():
    import hashlib

    stored = passwords.prehashed(hashlib.md5(b"pw").hexdigest().upper(), "MD5")
    assert passwords.verify(stored, "pw") and not passwords.verify(stored, "px")


def test_a_secondary_role_made_primary_and_back_is_secondary_again():
    sim = simulator_with()
    sim.learn.add_institution_role("ENGINEERING_STUDENT")
    post(sim, "store", feed(THREE[:1]))
    post(sim, "store", feed(["testPerson1|engineering_student"], header="EXTERNAL_PERSON_KEY|ROLE_ID"), object_name="secondaryinstrole")
    user = users(sim)["aanderson_test"]
    assert user.secondary_roles == {"ENGINEERING_STUDENT"}
    role_header = "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|INSTITUTION_ROLE"
    post(sim, "store", feed(["testPerson1|aanderson_test|changeme|Alpha|Anderson|engineering_student"], header=role_header))
    assert (user.institution_role, user.secondary_roles) == ("ENGINEERING_STUDENT", set())
    post(sim, "store", feed(["testPerson1|aanderson_test|changeme|Alpha|Anderson|student"], header=role_header))
    assert (user.institution_role, user.secondary_roles) == ("STUDENT", {"ENGINEERING_STUDENT"})

"""Field mapping: header mappings, JavaScript scripts in QuickJS, and their limits."""
import pytest

from simulator.sis import mapping, sandbox
from simulator.sis.integration import IntegrationError
from tests.helpers import feed, post, simulator_with

PEOPLE = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME"


def mapped(person_fields: dict, rows: list[str], header: str = PEOPLE, operation: str = "store"):
    sim = simulator_with(field_mappings={"person": person_fields})
    return sim, post(sim, operation, feed(rows, header))


def user(sim, key):
    return sim.learn.users_by_external_id.get(key)


def errors(data_set):
    return [(e.line, e.field, e.message) for e in data_set.log if e.level == "ERROR"]


def test_a_header_mapping_replaces_the_fields_own_column():
    sim, data_set = mapped({"user_id": {"header": "NetID"}}, ["k1|ignored|A|B|net1"], PEOPLE + "|NETID")
    assert data_set.outcomes == {"created": 1} and user(sim, "k1").user_name == "net1"
    assert not [e for e in data_set.log if e.level == "WARNING"], "a header a mapping reads is not unknown"


def test_a_required_field_mapped_from_a_missing_header_is_a_row_error():
    sim, data_set = mapped({"user_id": {"header": "netid"}}, ["k1|A|B"], "EXTERNAL_PERSON_KEY|FIRSTNAME|LASTNAME")
    assert errors(data_set) == [(2, "user_id", "user_id is required, but its field mapping gave no value for this row")]


@pytest.mark.parametrize("script, expected", [
    ("data.getValue('firstname') + '-' + data.getValue('LASTNAME')", "Al-Bo"),
    ("(function () { return data.getValueIfPresent('nickname', 'none'); })()", "none"),
    ("data.getValueIfNotEmpty('middlename', 'fallback')", "fallback"),
    ("data.getValueIfPresent('middlename', 'fallback')", ""),
    ("42", "42"),
    ("null", ""),
    ("var parts = ['x', 'y']; parts.join('+');", "x+y"),
    ("  (function () { return 'trailing semicolon'; })();  ", "trailing semicolon"),
])
def test_script_values_become_the_field(script, expected):
    sim, data_set = mapped({"title": {"script": script}}, ["k1|u1|Al|Bo|"], PEOPLE + "|MIDDLENAME")
    assert errors(data_set) == []
    assert user(sim, "k1").profile.get("title", "") == expected


def test_get_value_of_a_missing_column_is_an_error_naming_the_field():
    sim, data_set = mapped({"title": {"script": "data.getValue('nickname')"}}, ["k1|u1|Al|Bo"])
    [(line, field, message)] = errors(data_set)
    assert (line, field) == (2, "title") and "no column 'nickname'" in message
    assert user(sim, "k1") is None


def test_skip_attribute_leaves_the_stored_value():
    sim = simulator_with()
    post(sim, "store", feed(["k1|u1|Al|Bo|old@example.edu"], PEOPLE + "|EMAIL"))
    sim.sis.put_integration("BBLEARN", {"field_mappings": {"person": {
        "email": {"script": "data.getValueIfNotEmpty('email', helper.skipAttribute())"}}}})
    post(sim, "store", feed(["k1|u1|Al|Bo|"], PEOPLE + "|EMAIL"))
    assert user(sim, "k1").profile["email"] == "old@example.edu"


def test_script_logs_go_to_the_data_set_with_the_rows_line():
    script = "(function () { helper.logInfo('i'); helper.logWarning('w'); helper.logError('e'); return 'x'; })()"
    _, data_set = mapped({"title": {"script": script}}, ["k1|u1|Al|Bo", "k2|u2|Cy|Do"])
    logged = [(e.level, e.line, e.message) for e in data_set.log if e.message.startswith("script:")]
    assert logged == [("INFO", 2, "script: i"), ("WARNING", 2, "script: w"), ("ERROR", 2, "script: e"),
                      ("INFO", 3, "script: i"), ("WARNING", 3, "script: w"), ("ERROR", 3, "script: e")]
    assert (data_set.warnings, data_set.errors) == (2, 2)


@pytest.mark.parametrize("mappings, words", [
    ({"person": {"title": {"script": "function ("}}}, "field_mappings[person][title]: the field-mapping script for title does not compile"),
    ({"person": {"shoe_size": {"header": "size"}}}, "field_mappings[person][shoe_size]: field mapping names 'shoe_size', which is not a field of person"),
    ({"person": {"email": {"column": "mail"}}}, 'must be {"header": "<name>"} or {"script": "<JavaScript>"}'),
    ({"gradecenter": {"title": {"header": "x"}}}, "field_mappings names the object 'gradecenter'"),
    ({"person": []}, "field_mappings[person] must map fields"),
])
def test_a_mapping_that_cannot_work_is_refused_when_it_is_set(mappings, words):
    sim = simulator_with()
    with pytest.raises(IntegrationError) as refused:
        sim.sis.put_integration("BBLEARN", {"field_mappings": mappings})
    assert words in str(refused.value)
    assert sim.sis.integrations["BBLEARN"].field_mappings == {}


def test_a_broken_mapping_that_got_in_fails_every_row_and_changes_nothing():
    sim = simulator_with()
    sim.sis.integrations["BBLEARN"].field_mappings = {"person": {"title": {"script": "function ("}}}
    data_set = post(sim, "store", feed(["k1|u1|Al|Bo", "k2|u2|Cy|Do"], PEOPLE))
    assert [(line, field) for line, field, _ in errors(data_set)] == [(2, "title"), (3, "title")]
    assert "does not compile" in errors(data_set)[0][2] and not sim.learn.users


def test_a_runaway_script_is_stopped_once_per_feed_not_once_per_row(monkeypatch):
    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.05)
    runs = []
    original = sandbox.Sandbox._call
    monkeypatch.setattr(sandbox.Sandbox, "_call", lambda self, op, *args: runs.append(op) or original(self, op, *args))
    sim, data_set = mapped({"title": {"script": "(function () { for (;;) {} })()"}}, [f"k{i}|u{i}|Al|Bo" for i in range(6)])
    assert [m for _, _, m in errors(data_set)] == [
        "the field-mapping script for title failed: it ran longer than 0.05 s of CPU and was stopped",
        *["the field-mapping script for title failed: it ran longer than 0.05 s of CPU on an earlier row, "
          "so it is not run again in this feed"] * 5]
    assert runs.count("run") == 1, "the endless script must run once, not once per row"
    assert not sim.learn.users


def test_a_script_cannot_grab_unbounded_memory():
    script = "(function () { var a = []; for (;;) { a.push(new Array(100000).join('x')); } })()"
    sim, data_set = mapped({"title": {"script": script}}, ["k1|u1|Al|Bo"])
    [(line, field, message)] = errors(data_set)
    assert field == "title" and "failed" in message


def test_scripts_are_compiled_once_per_feed_not_once_per_row(monkeypatch):
    scripts = {"title": {"script": "'Dr'"}, "middlename": {"script": "data.getValue('user_id').toUpperCase()"}}
    sim = simulator_with(field_mappings={"person": scripts})
    compiled = []
    original = sandbox.Sandbox.compile
    monkeypatch.setattr(sandbox.Sandbox, "compile", lambda self, script: compiled.append(script) or original(self, script))
    data_set = post(sim, "store", feed([f"k{i}|u{i}|A|B" for i in range(40)], PEOPLE))
    assert data_set.outcomes == {"created": 40} and len(compiled) == 2
    assert user(sim, "k7").profile == {"title": "Dr", "middlename": "U7"}


def test_delete_files_need_only_the_mapped_key():
    sim = simulator_with()
    post(sim, "store", feed(["k1|u1|pw|A|B"]))
    sim.sis.put_integration("BBLEARN", {"field_mappings": {"person": {"external_person_key": {"header": "sis_id"}}}})
    data_set = post(sim, "delete", feed(["k1"], "SIS_ID"))
    assert data_set.outcomes == {"disabled": 1} and not user(sim, "k1").enabled

"""Field-mapping scripts are sandboxed (issue 9): a script reaches only the row and the
documented helpers, cannot break the engine for later rows, and its failures (throwing,
time, memory, stack) are its own row's error with nothing of that row applied."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from simulator.http import create_app
from simulator.sis import sandbox
from tests.helpers import feed, post, simulator_with

PEOPLE = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME"
OLD_INTERNALS = "(function () { __begin = null; __takeLogs = null; __outcome = null; __row = null; __skip = 1; return 'x'; })()"


def run(script: str, rows: int = 3, field: str = "title"):
    sim = simulator_with(field_mappings={"person": {field: {"script": script}}})
    return sim, post(sim, "store", feed([f"k{i}|u{i}|F{i}|L{i}" for i in range(rows)], PEOPLE))


def errors(data_set):
    return [(e.line, e.field, e.message) for e in data_set.log if e.level == "ERROR"]


def titles(sim):
    return {u.external_id: u.profile.get("title") for u in sim.learn.users.values()}


def test_a_script_overwriting_the_old_internal_names_changes_nothing_but_its_value():
    sim, data_set = run(OLD_INTERNALS)
    assert errors(data_set) == [] and titles(sim) == {"k0": "x", "k1": "x", "k2": "x"}


@pytest.mark.parametrize("attack", [
    "JSON.parse = function () { return {user_id: 'evil'}; }",
    "JSON.stringify = function () { return 'x'; }",
    "String.prototype.trim = function () { return 'evil'; }",
    "String.prototype.toLowerCase = function () { return 'user_id'; }",
    "Object.prototype.hasOwnProperty = function () { return true; }",
    "Object.defineProperty(Object.prototype, 'user_id', {value: 'evil'})",
    "data.getValue = function () { return 'evil'; }",
    "helper.skipAttribute = function () { return 'evil'; }",
    "Array.prototype.push = function () { throw new Error('no logs'); }",
])
def test_a_script_cannot_tamper_with_the_machinery_for_later_rows(attack):
    script = f"(function () {{ 'use strict'; if (data.getValue('external_person_key') === 'k0') {{ {attack}; }} return data.getValue('user_id'); }})()"
    sim, data_set = run(script)
    assert titles(sim)["k1"] == "u1" and titles(sim)["k2"] == "u2"
    assert [(line, field) for line, field, _ in errors(data_set)] == [(2, "title")], "only the attacking row fails"
    assert "k0" not in titles(sim), "the failing row is not half-applied"


@pytest.mark.parametrize("name", ["__row", "__begin", "machine", "row", "scripts", "logs", "SKIP", "std", "os",
                                  "require", "process", "fetch", "XMLHttpRequest"])
def test_a_script_sees_no_internal_or_host_names(name):
    sim, data_set = run(f"typeof {name}")
    assert errors(data_set) == [] and set(titles(sim).values()) == {"undefined"}


def test_a_script_that_throws_fails_its_row_only_and_logs_what_it_logged_before():
    script = "(function () { helper.logWarning('checking ' + data.getValue('user_id')); " \
             "if (data.getValue('user_id') === 'u1') throw new Error('bad row'); return 'ok'; })()"
    sim, data_set = run(script)
    assert titles(sim) == {"k0": "ok", "k2": "ok"}
    assert errors(data_set) == [(3, "title", "the field-mapping script for title failed: Error: bad row")]
    assert [e.message for e in data_set.log if e.level == "WARNING"] == [f"script: checking u{i}" for i in range(3)]


def test_a_script_recursing_forever_is_stopped_and_later_rows_still_run():
    script = "(function f(n) { if (data.getValue('user_id') === 'u0') return f(n + 1); return 'ok'; })(0)"
    sim, data_set = run(script)
    [(line, field, message)] = errors(data_set)
    assert (line, field) == (2, "title") and "stack" in message.lower()
    assert titles(sim) == {"k1": "ok", "k2": "ok"}


def test_a_script_exhausting_memory_is_stopped_and_later_rows_still_run():
    script = "(function () { if (data.getValue('user_id') !== 'u0') return 'ok'; var a = []; for (;;) a.push(new Array(100000).join('x') + a.length); })()"
    sim, data_set = run(script)
    [(line, field, message)] = errors(data_set)
    assert (line, field) == (2, "title") and "memory" in message
    assert titles(sim) == {"k1": "ok", "k2": "ok"}


def test_a_script_value_that_cannot_become_text_is_its_rows_error():
    sim, data_set = run("({toString: function () { return {}; }})")
    assert len(errors(data_set)) == 3 and not sim.learn.users


@pytest.mark.parametrize("processing", ["immediate", "background"])
def test_the_clobbering_script_over_http_finishes_every_row(processing):
    """Replay: a script overwriting internal keys made the feed answer 500 after its first
    row; with background processing the data set then showed queuedCount 3 forever."""
    app = create_app()
    integration, _ = app.sim.sis.put_integration("BBLEARN", {
        "data_source_key": "SIS", "password": "pw", "processing": processing, "background_delay_seconds": 5,
        "field_mappings": {"person": {"title": {"script": OLD_INTERNALS}}}})
    client = Client(app)
    auth = (integration.username, "pw")
    body = feed([f"k{i}|u{i}|F|L" for i in range(3)], PEOPLE)
    response = client.post(f"{integration.endpoint_base}/person/store", data=body, auth=auth)
    assert response.status_code == 200, response.text
    uid = response.text.split()[-8]
    app.sim.clock.advance(10)
    status = client.get(f"{integration.endpoint_base}/dataSetStatus/{uid}", auth=auth).text
    assert "<queuedCount>0</queuedCount>" in status and "<completedCount>3</completedCount>" in status
    assert "<errorCount>0</errorCount>" in status and len(app.sim.learn.users) == 3


def test_the_engine_is_built_once_per_feed_when_no_script_fails(monkeypatch):
    sim = simulator_with(field_mappings={"person": {"title": {"script": "data.getValue('user_id')"}}})
    boots = []
    original = sandbox.Sandbox._boot
    monkeypatch.setattr(sandbox.Sandbox, "_boot", staticmethod(lambda: boots.append(1) or original()))
    post(sim, "store", feed([f"k{i}|u{i}|F{i}|L{i}" for i in range(20)], PEOPLE))
    assert len(boots) == 1 and len(sim.learn.users) == 20

"""The runner's parts on their own: names, masking, target files, expected failures,
grading, the gradebook, feed bookkeeping for cleanup, the HTML page and `learnsim check`'s
command line."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import click
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_bdd.scenario import scenario_wrapper_template_registry

from simulator.cli import check_arguments
from steps import grading
from steps.client import MASK, mask, mask_headers
from steps.live import LiveTarget, TargetFileError
from steps.live_client import decode_feed, feed_rows, key_columns
from steps.names import NameMap, live_prefix, run_id
from steps.report.html import render

# -- names ------------------------------------------------------------------------------


def test_a_prefix_reaches_every_name_column_but_not_built_in_roles() -> None:
    names = NameMap("lsimab1s3_")
    feed = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|INSTITUTION_ROLE\nk1|u1|Ann|STUDENT\r\nk2|u2|Bo|engineering\r\n"
    assert names.feed(feed) == ("EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|INSTITUTION_ROLE\n"
                                "lsimab1s3_k1|lsimab1s3_u1|Ann|STUDENT\r\nlsimab1s3_k2|lsimab1s3_u2|Bo|lsimab1s3_engineering\r\n")


def test_an_alias_wins_over_the_prefix_and_reverses() -> None:
    names = NameMap("p_")
    names.alias("SIS.PERSONS", "LEARNSIM.LIVE")
    assert names("SIS.PERSONS") == "LEARNSIM.LIVE" and names("OTHER.DSK") == "p_OTHER.DSK"
    assert names.written("LEARNSIM.LIVE") == "SIS.PERSONS" and names.written("p_x") == "x"
    assert names.feed("EXTERNAL_PERSON_KEY|DATA_SOURCE_KEY\nk|SIS.PERSONS") == "EXTERNAL_PERSON_KEY|DATA_SOURCE_KEY\np_k|LEARNSIM.LIVE"


@given(st.integers(0, 99), st.integers(1, 10_000))
def test_prefixes_differ_by_worker_and_scenario_and_survive_case_changes(worker: int, number: int) -> None:
    run = run_id()
    mine = live_prefix(run, str(worker), number)
    assert mine != live_prefix(run, str(worker), number + 1) and mine != live_prefix(run, str(worker + 1), number)
    assert mine.upper() == mine.lower() == mine, "a target that changes the case of keys must not change the prefix"
    assert len(mine) <= 20, "a prefix must leave room in Learn's 50-character user id"


# -- masking -----------------------------------------------------------------------------


def test_secrets_are_masked_in_text_json_and_headers() -> None:
    known = {"s3cret-value"}
    assert mask("user=a&pw=s3cret-value", known) == f"user=a&pw={MASK}"
    assert mask('{"password": "hunter22", "name": "x"}', set()) == f'{{"password": "{MASK}", "name": "x"}}'
    assert mask('{"access_token":"abc.def"}', set()) == f'{{"access_token":"{MASK}"}}'
    shown = mask_headers({"Authorization": "Basic dXNlcjpwYXNz", "X-Note": "s3cret-value"}, known)
    assert shown == {"Authorization": f"Basic {MASK}", "X-Note": MASK}


# -- target files ------------------------------------------------------------------------


def _target(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_target_file_takes_secrets_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("T_SIS", "from-env")
    target = LiveTarget.load(_target(tmp_path, '[target]\nbase_url = "https://learn.example.edu/"\n'
                                               '[sis]\nbbid = "B"\nusername = "u"\npassword_env = "T_SIS"\n'
                                               'data_source_key = "D"\n'))
    assert target.base_url == "https://learn.example.edu" and target.sis.password == "from-env"
    assert target.rest is None and target.secrets() == {"from-env"}
    assert "from-env" not in repr(target) and "from-env" not in str(target.describe())


@pytest.mark.parametrize("text, message", [
    ('[target]\nbase_url = "ftp://x"\n', "base_url must be an http(s) URL"),
    ('[target]\nbase_url = "http://x"\n[rest]\nkey = "k"\n', "[rest] needs secret (or secret_env"),
    ('[target]\nbase_url = "http://x"\n[rest]\nkey = "k"\nsecret_env = "T_UNSET_VARIABLE"\n',
     "names the environment variable T_UNSET_VARIABLE, which is not set"),
    ('[target\n', "t.toml"),
])
def test_a_bad_target_file_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str) -> None:
    monkeypatch.delenv("T_UNSET_VARIABLE", raising=False)
    with pytest.raises(TargetFileError) as raised:
        LiveTarget.load(_target(tmp_path, text))
    assert message in str(raised.value)


# -- expected failures and grading -------------------------------------------------------------


def test_every_expected_failure_needs_a_reason(tmp_path: Path) -> None:
    path = _target(tmp_path, '[[failure]]\nfeature = "sis/a.feature"\nscenario = "S"\n')
    with pytest.raises(pytest.UsageError, match="number 1 lacks reason"):
        grading.ExpectedFailures.load(str(path))


def _scenario_item(tags: set[str], name: str = "Store works"):
    def scenario_function() -> None:
        """Stands in for a pytest-bdd scenario test function."""

    feature = SimpleNamespace(rel_filename="sis/person_store.feature", name="Person Store", tags=set())
    scenario_wrapper_template_registry[scenario_function] = SimpleNamespace(name=name, feature=feature, tags=tags)
    item = SimpleNamespace(obj=scenario_function, callspec=None)
    return item, scenario_function


def _report(when: str, outcome: str, longrepr=None):
    return SimpleNamespace(when=when, outcome=outcome, longrepr=longrepr, passed=outcome == "passed",
                           failed=outcome == "failed", skipped=outcome == "skipped", longreprtext=str(longrepr or ""))


NO_EXPECTATIONS = grading.ExpectedFailures([])


def test_a_failing_live_unknown_scenario_is_an_observation_on_live_only() -> None:
    item, keep = _scenario_item({"live-unknown"})
    report = _report("call", "failed", "AssertionError: expected HTTP 404, got 400")
    record = grading.grade(item, report, on_live=True, expected=NO_EXPECTATIONS)
    assert record["grade"] == grading.OBSERVED and "got 400" in record["detail"] and report.outcome == "passed"
    report = _report("call", "failed", "AssertionError: expected HTTP 404, got 400")
    assert grading.grade(item, report, on_live=False, expected=NO_EXPECTATIONS)["grade"] == grading.FAILED


def test_not_applicable_and_skipped_are_told_apart_by_the_reason() -> None:
    item, keep = _scenario_item({"sim-only"})
    na = _report("setup", "skipped", ("f.py", 1, "Skipped: not applicable: @sim-only: needs the clock"))
    assert grading.grade(item, na, True, NO_EXPECTATIONS)["grade"] == grading.NOT_APPLICABLE
    skipped = _report("setup", "skipped", ("f.py", 1, "Skipped: @destructive: run with --allow-destructive"))
    assert grading.grade(item, skipped, True, NO_EXPECTATIONS)["grade"] == grading.SKIPPED


def test_listed_failures_are_expected_and_listed_passes_fail_the_run() -> None:
    item, keep = _scenario_item({"portable"})
    listed = grading.ExpectedFailures([grading.ExpectedFailure("sis/person_store.feature", "Store works", "LRN-1")], "x.toml")
    failing = _report("call", "failed", "AssertionError: nope")
    assert grading.grade(item, failing, True, listed)["grade"] == grading.EXPECTED_FAILURE
    assert failing.outcome == "skipped" and failing.wasxfail == "LRN-1"
    passing = _report("call", "passed")
    record = grading.grade(item, passing, True, listed)
    assert record["grade"] == grading.PASSED and record["staleExpectation"] == "LRN-1" and passing.outcome == "failed"


def test_the_gradebook_keeps_one_grade_per_scenario_and_a_failed_cleanup_counts() -> None:
    book = grading.Gradebook()
    base = {"feature": "sis/a.feature", "featureName": "A", "scenario": "S", "tags": ["portable"], "docs": [],
            "portability": "portable", "detail": ""}
    for when, grade, detail in (("setup", None, ""), ("call", grading.PASSED, ""), ("teardown", grading.FAILED, "cleanup failed")):
        book.add(SimpleNamespace(nodeid="n1", when=when, duration=0.1, learn={**base, "grade": grade, "detail": detail}))
    book.add(SimpleNamespace(nodeid="n2", when="setup", duration=0.0,
                             learn={**base, "grade": grading.NOT_APPLICABLE, "detail": "@sim-only"}))
    assert book.results["n1"].grade == grading.FAILED and "cleanup failed" in book.results["n1"].detail
    assert book.counts()[grading.NOT_APPLICABLE] == 1 and not book.conforms()


# -- cleanup bookkeeping -------------------------------------------------------------------------


def test_feeds_are_read_as_learn_reads_them() -> None:
    assert decode_feed("EXTERNAL_PERSON_KEY\nk\n".encode("utf-16")) == "EXTERNAL_PERSON_KEY\nk\n"
    assert decode_feed("A\nGrüße".encode("iso-8859-1")) == "A\nGrüße"
    header, rows = feed_rows(" External_Person_Key |USER_ID\r\nk1|u1\r\nbroken\r\n\r\nk2|u2", "|")
    assert header == ["external_person_key", "user_id"] and [r["user_id"] for r in rows] == ["u1", "u2"]
    assert key_columns("associateobserver", header) == ("external_observer_key", "external_user_key")
    assert key_columns("membership", ["external_course_key", "external_person_key", "role"]) == \
        ("external_course_key", "external_person_key")


# -- the HTML page ----------------------------------------------------------------------------------


def test_the_page_shows_every_grade_escapes_text_and_needs_nothing_else() -> None:
    results = [grading.ScenarioResult(f"n{i}", "sis/a.feature", "A <feature>", f"S{i} <b>", ["portable", "doc:s:x"],
                                      ["s:x"], "portable", grade, f"why {grade}",
                                      [{"method": "POST", "url": "http://x/y", "status": 200, "requestHeaders": {},
                                        "requestBody": "<body>", "responseHeaders": {}, "responseBody": "ok"}], 0.1)
               for i, grade in enumerate(grading.GRADES)]
    summary = {"target": {"kind": "live", "name": "T", "baseUrl": "http://x", "surfaces": {"sis": "present"}},
               "suite": {"learnsim": "0", "pytest-bdd": "0", "pytest": "0", "python": "3"},
               "started": "a", "finished": "b", "command": "learnsim check", "options": {},
               "counts": {g: 1 for g in grading.GRADES}, "conforms": False, "cleanup": {"scenarios": 0}}
    page = render(summary, results)
    assert all(f">{g}</span>" in page for g in grading.GRADES)
    assert "<b>" not in page.replace("<b style", "") and "S0 &lt;b&gt;" in page and "&lt;body&gt;" in page
    assert "<script" not in page and "http://x/y" in page and "src=" not in page and "@doc:s:x" in page


# -- learnsim check's command line ------------------------------------------------------------------


def test_a_url_as_target_means_live_and_live_needs_a_target_file(tmp_path: Path) -> None:
    config = _target(tmp_path, "")
    args = check_arguments("https://learn.example.edu", config, True, False, tmp_path, None, ("-n", "2"))
    assert "--learn-target=live" in args and "--learn-url=https://learn.example.edu" in args and "--live" in args
    assert args[-2:] == ["-n", "2"] and f"--learn-config={config}" in args
    with pytest.raises(click.UsageError, match="needs --config"):
        check_arguments("live", None, True, False, tmp_path, None, ())
    with pytest.raises(click.BadParameter):
        check_arguments("staging", None, False, False, tmp_path, None, ())

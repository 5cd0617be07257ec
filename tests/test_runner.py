"""The conformance runner end to end: `learnsim check` against servers it only knows
through a target file, as it would know a live Learn.

- a healthy `learnsim serve` in the live role conforms: zero failures, every @sim-only
  scenario not applicable, three report files, secrets nowhere in them, and every
  record the run wrote taken back (disabled) afterwards;
- a server that words the success answer differently does not conform, and the reports
  say why in words;
- an expected-failures file turns those failures into expected failures, and a listed
  scenario that passes makes the run fail until the file drops it;
- without `--live` nothing is sent at all.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from tests.served import start

# the module's servers and nested runs are shared by its tests: collected first (see conftest.py)
pytestmark = pytest.mark.heavy

REPO = Path(__file__).resolve().parent.parent
SIS_PASSWORD, REST_SECRET = "sis-Pa55-for-runner-tests", "rest-Secr3t-for-runner-tests"
REST_KEY, BBID, SIS_USER, DSK = "runner-app", "LIVETEST", "runner-sis-user", "RUNNER.LIVE"
SECRET_ENV = {"RUNNER_SIS_PASSWORD": SIS_PASSWORD, "RUNNER_REST_SECRET": REST_SECRET}
REPORT_FILES = ("cucumber.json", "junit.xml", "report.html")
UNUSED_PLUGINS = " ".join(f"-p no:{name}" for name in ("schemathesis", "hypothesispytest", "faker", "anyio"))
"""Pytest plugins the test extras install that no scenario uses: without them a nested run
(and each of its xdist workers) starts in ~1 s instead of ~3 s (importing Hypothesis and
Schemathesis is most of it)."""


@pytest.fixture(scope="module")
def good_server():
    process, url = start([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--integration", BBID,
                           "--username", SIS_USER, "--password", SIS_PASSWORD, "--data-source", DSK,
                           "--rest-app", f"{REST_KEY}:{REST_SECRET}"])
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def broken_server():
    process, url = start([sys.executable, str(REPO / "tests" / "broken_learn.py"), "0", BBID, SIS_USER,
                           SIS_PASSWORD, DSK, f"{REST_KEY}:{REST_SECRET}"])
    yield url
    process.terminate()
    process.wait(timeout=10)


def target_file(folder: Path, url: str) -> Path:
    path = folder / "target.toml"
    path.write_text(f'''[target]
name = "runner test target"
base_url = "{url}"

[sis]
bbid = "{BBID}"
username = "{SIS_USER}"
password_env = "RUNNER_SIS_PASSWORD"
data_source_key = "{DSK}"

[rest]
key = "{REST_KEY}"
secret_env = "RUNNER_REST_SECRET"
''', encoding="utf-8")
    return path


class Check:
    """`learnsim check` run as a user would, started in the background; `result()` waits for it."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.reports = folder / "reports"
        addopts = f"{os.environ.get('PYTEST_ADDOPTS', '')} {UNUSED_PLUGINS}".strip()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "simulator.cli", "check", "--report-dir", str(self.reports), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=folder,
            env={**os.environ, **SECRET_ENV, "PYTEST_ADDOPTS": addopts})
        self.outcome: tuple[subprocess.CompletedProcess, dict] | None = None

    def result(self) -> tuple[subprocess.CompletedProcess, dict]:
        """The finished process and the grades it wrote (empty when it wrote none)."""
        if self.outcome is None:
            try:
                stdout, stderr = self.process.communicate(timeout=300)
            finally:
                self.stop()
            done = subprocess.CompletedProcess(self.process.args, self.process.returncode, stdout, stderr)
            grades = self.reports / "grades.json"
            self.outcome = done, json.loads(grades.read_text(encoding="utf-8")) if grades.exists() else {}
        return self.outcome

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def check(folder: Path, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    """Run `learnsim check` as a user would; the grades it wrote (empty when it wrote none)."""
    return Check(folder, *args).result()


def live_check(folder: Path, url: str, *args: str) -> Check:
    return Check(folder, "--target", "live", "--config", str(target_file(folder, url)), "--live", *args)


def live(folder: Path, url: str, *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    return live_check(folder, url, *args).result()


def rest_users(url: str) -> list[dict]:
    api = f"{url}/learn/api/public/v1"
    token = requests.post(f"{api}/oauth2/token", data={"grant_type": "client_credentials"},
                          auth=(REST_KEY, REST_SECRET), timeout=30).json()["access_token"]
    users, page = [], f"{api}/users"
    while page:
        body = requests.get(page, headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
        users += body["results"]
        page = f"{url}{body['paging']['nextPage']}" if body.get("paging", {}).get("nextPage") else None
    return users


@pytest.fixture(scope="module")
def shared_runs(tmp_path_factory: pytest.TempPathFactory, good_server: str, broken_server: str):
    """The module's long nested runs, started together (each waits on its server, not on the
    CPU, much of the time): one live run (on two xdist workers) against the healthy server,
    one against the broken server, and a server-target run on two xdist workers."""
    folders = {name: tmp_path_factory.mktemp(name) for name in ("conforming", "broken", "xdist")}
    runs = {"conforming": live_check(folders["conforming"], good_server, "-n", "2"),
            "broken": live_check(folders["broken"], broken_server),
            # a slice of the scenarios (sim-only ones among them): `tox -e server` runs them all
            "xdist": Check(folders["xdist"], "--target", "server", "-n", "2", "-k", "term or guard")}
    yield {name: (folders[name], run) for name, run in runs.items()}
    for run in runs.values():
        run.stop()


@pytest.fixture(scope="module")
def conforming_run(shared_runs):
    folder, run = shared_runs["conforming"]
    return folder, *run.result()


@pytest.fixture(scope="module")
def broken_run(shared_runs):
    folder, run = shared_runs["broken"]
    return folder, *run.result()


def test_a_conforming_server_in_the_live_role(conforming_run) -> None:
    folder, done, grades = conforming_run
    assert done.returncode == 0, done.stdout + done.stderr
    assert all((folder / "reports" / name).stat().st_size > 0 for name in REPORT_FILES)
    scenarios = grades["scenarios"]
    assert scenarios and grades["counts"]["failed"] == 0 and grades["conforms"]
    for scenario in scenarios:
        if "sim-only" in scenario["tags"]:
            assert scenario["grade"] == "not applicable", scenario
    assert any(s["grade"] == "passed" for s in scenarios)
    cucumber = json.loads((folder / "reports" / "cucumber.json").read_text(encoding="utf-8"))
    passed = [s for s in scenarios if s["grade"] == "passed"]
    assert sum(len(f["elements"]) for f in cucumber) >= len(passed)
    assert {s["feature"] for s in passed} <= {f["uri"] for f in cucumber}
    assert grades["target"]["surfaces"]["sis"] == "present" and grades["target"]["surfaces"]["rest"] == "present"


def test_the_live_run_takes_back_every_record_it_wrote(conforming_run, good_server: str) -> None:
    _, done, grades = conforming_run
    run = grades["target"]["run"]
    written = [u for u in rest_users(good_server) if u["userName"].startswith(f"{run}_")]
    assert written, "the run wrote no prefixed user, so cleanup was not exercised"
    assert grades["cleanup"]["removed"] >= len(written) and not grades["cleanup"]["problems"]
    assert {u["availability"]["available"] for u in written} == {"Disabled"}
    assert all(u["externalId"].startswith(f"{run}_") for u in written)
    prefixes = {s["cleanup"]["prefix"] for s in grades["scenarios"] if s["cleanup"]}
    assert len(prefixes) == len([s for s in grades["scenarios"] if s["cleanup"]]), "two scenarios shared a prefix"


def test_secrets_are_masked_in_every_report(broken_run) -> None:
    folder, done, grades = broken_run
    assert grades["counts"]["failed"] > 0
    for name in (*REPORT_FILES, "grades.json"):
        text = (folder / "reports" / name).read_text(encoding="utf-8")
        assert SIS_PASSWORD not in text and REST_SECRET not in text, name
    shown = [e for s in grades["scenarios"] for e in s["exchanges"]]
    assert shown and all(e["requestHeaders"].get("Authorization", "Basic ••••••").endswith("••••••") for e in shown)


def test_a_broken_server_does_not_conform_and_the_report_says_why(broken_run) -> None:
    folder, done, grades = broken_run
    assert done.returncode == 1, done.stdout + done.stderr
    assert "does NOT conform" in done.stdout
    failed = [s for s in grades["scenarios"] if s["grade"] == "failed"]
    assert failed and any("the success text is not Learn's" in s["detail"] for s in failed)
    assert any("Success: feed file uploaded." in e["responseBody"] for s in failed for e in s["exchanges"])
    page = (folder / "reports" / "report.html").read_text(encoding="utf-8")
    assert "The target does not conform" in page and "the success text is not Learn&#x27;s" in page


def test_the_reports_name_the_failing_step_link_doc_references_and_skip_what_never_ran(broken_run) -> None:
    folder, done, grades = broken_run
    failed = [s for s in grades["scenarios"] if s["grade"] == "failed"]
    assert failed and all(re.match(r"(Given|When|Then|And|But) .+ \(line \d+\)$", s["step"]) for s in failed)
    page = (folder / "reports" / "report.html").read_text(encoding="utf-8")
    assert "failed at: <code>" in page
    links = re.findall(r'<a class="doc" href="([^"]+)"', page)
    assert links and all(re.fullmatch(r"[\w./-]*docs/coverage\.md#doc-\d{3}_[0-9a-f]+-[\w-]+", link) for link in links)
    assert {os.path.normpath(folder / "reports" / link.split("#")[0]) for link in links} == {str(REPO / "docs" / "coverage.md")}
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', (REPO / "docs" / "coverage.md").read_text(encoding="utf-8")))
    assert {link.split("#")[1] for link in links} <= anchors
    cucumber = json.loads((folder / "reports" / "cucumber.json").read_text(encoding="utf-8"))
    for element in (e for feature in cucumber for e in feature["elements"]):
        statuses = [step["result"]["status"] for step in element["steps"]]
        if "failed" in statuses:
            after = statuses[statuses.index("failed") + 1:]
            assert statuses.count("failed") == 1 and all(s == "skipped" for s in after), statuses
    durations = [step["result"]["duration"] for f in cucumber for e in f["elements"] for step in e["steps"]]
    assert max(durations) < 60 * 10**9


def graded(grades: dict, *kinds: str) -> set[tuple[str, str]]:
    """The (feature, scenario) pairs of a run, or of those of its scenarios graded one of KINDS."""
    return {(s["feature"], s["scenario"]) for s in grades["scenarios"] if not kinds or s["grade"] in kinds}


EXPECTATION_RUN = ("-k", "store")
"""The scenarios the expected-failures runs repeat: expectations are looked up per scenario,
so a slice with failures on the broken server (and others that pass) proves the rule without
running every scenario twice more."""


def test_expected_failures_are_graded_and_stale_entries_reported(tmp_path: Path, broken_run, broken_server: str,
                                                                 good_server: str) -> None:
    _, _, first = broken_run
    failed = [s for s in first["scenarios"] if s["grade"] == "failed"]
    listed = tmp_path / "expected.toml"
    listed.write_text("".join(f'[[failure]]\nfeature = "{s["feature"]}"\nscenario = "{s["scenario"]}"\n'
                              f'reason = "this server words the success text its own way"\n\n' for s in failed),
                      encoding="utf-8")
    (tmp_path / "again").mkdir()
    (tmp_path / "fixed").mkdir()
    # two servers, so the two runs go side by side
    again_run = live_check(tmp_path / "again", broken_server, "--expected-failures", str(listed), *EXPECTATION_RUN)
    fixed_run = live_check(tmp_path / "fixed", good_server, "--expected-failures", str(listed), *EXPECTATION_RUN)
    try:
        done, again = again_run.result()
    finally:
        fixed_run.result()
    assert done.returncode == 0, done.stdout + done.stderr
    repeated = graded(first, "failed") & graded(again)
    assert repeated and graded(again, "passed") and graded(again, "expected failure") == repeated
    assert again["counts"]["expected failure"] == len(repeated) and again["counts"]["failed"] == 0
    done, fixed = fixed_run.result()
    assert done.returncode == 1
    stale = [s for s in fixed["scenarios"] if s["stale_expectation"]]
    assert stale and all("remove it from the file" in s["detail"] for s in stale)
    assert {(s["feature"], s["scenario"]) for s in stale} == repeated


def test_no_request_reaches_a_live_target_without_the_live_flag(tmp_path: Path, good_server: str,
                                                                conforming_run) -> None:
    # after the shared live run against this server has finished, so that nothing else writes meanwhile
    before = len(rest_users(good_server))
    done, grades = check(tmp_path, "--target", "live", "--config", str(target_file(tmp_path, good_server)))
    assert done.returncode != 0 and "without --live" in done.stdout + done.stderr
    assert not grades and len(rest_users(good_server)) == before


def test_destructive_live_runs_are_never_parallel(tmp_path: Path, good_server: str) -> None:
    done, grades = live(tmp_path, good_server, "--allow-destructive", "-n", "2")
    assert done.returncode != 0 and "cannot be combined with xdist" in done.stdout + done.stderr and not grades


def test_an_unusable_target_stops_the_run_with_the_reason(tmp_path: Path, good_server: str) -> None:
    path = target_file(tmp_path, good_server)
    path.write_text(path.read_text(encoding="utf-8").replace('password_env = "RUNNER_SIS_PASSWORD"',
                                                             'password = "not-the-password"'), encoding="utf-8")
    done, grades = check(tmp_path, "--target", "live", "--config", str(path), "--live")
    assert done.returncode == 3 and "refused the username and password" in done.stdout + done.stderr
    assert not grades["conforms"] and "refused the username and password" in grades["target"]["stopped"]


def test_the_server_target_runs_on_xdist_workers(shared_runs) -> None:
    done, grades = shared_runs["xdist"][1].result()
    assert done.returncode == 0, done.stdout + done.stderr
    assert grades["counts"]["failed"] == 0 and grades["counts"]["not applicable"] == 0
    assert "bringing up nodes" in done.stdout, done.stdout
    ran = [s for s in grades["scenarios"] if s["grade"] == "passed"]
    assert len(ran) == len(grades["scenarios"]) >= 10 and any(s["portability"] == "sim-only" for s in ran)

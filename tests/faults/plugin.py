"""pytest plugin for one faulty-Learn run: `pytest steps -p tests.faults.plugin --fault NAME`.

- applies the fault (a monkeypatch of the simulator) before any scenario runs;
- keeps only the scenarios of the fault's feature files;
- plays every scenario as a live run would see it (*live emulation*): the in-process
  target still answers everything, but the client notes the first step at which a live
  target would have ended the scenario as *not applicable* (a control-API call, moving
  the clock more than a second, a second SIS integration, a dry run, anything in
  features/connect), and checks what a live run checks (log
  messages by level and line, not wording; a refused login without the simulator's reason).
  A failure counts as *caught on a live run* only when the scenario is `@portable` and
  failed before any such step;
- writes every scenario's outcome to `--fault-results` (JSON) for `tests.faults.run`.

Without `--fault` (or with `--fault none`) the plugin records a baseline run: every
scenario must pass, and the record shows which `@portable` scenarios a live run could
not play to the end.
"""
from __future__ import annotations

import fnmatch
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from steps import target as target_module
from steps.client import LearnClient
from steps.grading import identify
from steps.live import NOT_ON_LIVE
from steps.live_client import SMALL_STEP

class LiveEmulation(LearnClient):
    """The in-process client, noting where a live target would have stopped the scenario."""

    live_stop: str | None = None
    scenario_bbid: str | None = None
    armed = True
    set_up = False

    def __post_init__(self) -> None:
        super().__post_init__()
        self.words_like_simulator = False  # a live Learn has its own words for its log

    @contextmanager
    def as_target_file_says(self):
        """What a live target file provides (its integration, service account, roles and data sources
        made for the suite) is set up here, not played: no live stop while it is."""
        armed, self.armed = self.armed, False
        try:
            yield
        finally:
            self.armed = armed

    def connector_service_account(self, user_name: str, password: str) -> None:
        with self.as_target_file_says():
            super().connector_service_account(user_name, password)

    def data_source(self, data_source_key: str) -> str:
        with self.as_target_file_says():
            return super().data_source(data_source_key)

    def institution_role(self, role_id: str) -> str:
        with self.as_target_file_says():
            return super().institution_role(role_id)

    def login_refusal_reason(self, user_name: str, password: str) -> str | None:
        return None  # only the simulator's control API says why a login was refused

    def stop(self, reason: str) -> None:
        if self.armed and self.live_stop is None:
            self.live_stop = reason

    def control(self, method: str, path: str, json: Any = None):
        if self.set_up:
            self.stop(f"{method} /_sim{path}: the control API exists only on the simulator")
        else:  # the `learn` fixture's own first call registers the REST application a target file names
            self.set_up = True
        return super().control(method, path, json)

    def integration(self, bbid: str, data_source_key: str):
        if self.scenario_bbid not in (None, bbid):
            self.stop(f"a second SIS integration ({bbid!r}); a live target file names one")
        self.scenario_bbid = bbid
        with self.as_target_file_says():
            return super().integration(bbid, data_source_key)

    def post_feed(self, creds, object_name, operation, body, dry_run=False, **options):
        if dry_run:
            self.stop("a dry run is a simulator feature")
        return super().post_feed(creds, object_name, operation, body, dry_run=dry_run, **options)


class EmulatedClock(target_module.Clock):
    """A live Learn's clock moves by itself: a small step is fine, a longer wait is not applicable."""

    def advance(self, seconds: float) -> None:
        client = self.client
        if not isinstance(client, LiveEmulation):
            super().advance(seconds)
            return
        if seconds > SMALL_STEP:
            client.stop(f"moves the clock by {seconds:g} s")
        with client.as_target_file_says():  # the frozen clock's own nudge of due jobs, not the scenario's
            super().advance(seconds)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("learnsim faults")
    group.addoption("--fault", default="none", help="the catalogue fault to apply (none: a baseline run)")
    group.addoption("--fault-results", default=None, metavar="FILE.json", help="where to write the outcomes")
    group.addoption("--fault-features", default=None, metavar="GLOB[,GLOB…]",
                    help="only the scenarios of these feature files (default: the fault's own)")
    group.addoption("--fault-all", action="store_true", default=False,
                    help="run every scenario of the fault's features instead of stopping once the verdict is known")


def pytest_configure(config: pytest.Config) -> None:
    from tests.faults import catalogue

    name = config.getoption("--fault")
    config.learnsim_fault = None
    if name != "none":
        faults = catalogue()
        if name not in faults:
            raise pytest.UsageError(f"no fault {name!r} in the catalogue")
        config.learnsim_fault = faults[name]
        patch = pytest.MonkeyPatch()
        faults[name].apply(patch)
    patch_targets = pytest.MonkeyPatch()
    patch_targets.setattr(target_module, "LearnClient", LiveEmulation)
    patch_targets.setattr(target_module, "Clock", EmulatedClock)
    config.learnsim_fault_outcomes = []


def _feature_of(item: pytest.Item) -> str | None:
    who = identify(item)
    return who.feature if who else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    fault = config.learnsim_fault
    given = config.getoption("--fault-features")
    patterns = given.split(",") if given else fault.features if fault else None
    if patterns is None:
        return
    kept, dropped = [], []
    for item in items:
        feature = _feature_of(item)
        wanted = feature is not None and any(fnmatch.fnmatch(feature, pattern) for pattern in patterns)
        (kept if wanted else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    # portable scenarios first, so that the run can stop at the first failure that settles the verdict
    items[:] = sorted(kept, key=lambda item: item.get_closest_marker("portable") is None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    who = identify(item)
    if who is None or report.when == "setup" and report.passed or report.when == "teardown" and not report.failed:
        return
    client = getattr(item, "learn_client", None)
    portability = next((t for t in ("portable", "sim-only", "live-unknown") if t in who.tags), "?")
    area = who.feature.split("/", 1)[0]
    live_stop = f"features/{area}: {NOT_ON_LIVE[area]}" if area in NOT_ON_LIVE else getattr(client, "live_stop", None)
    caught_on_live = report.failed and portability == "portable" and live_stop is None
    if report.failed and item.config.learnsim_fault is not None and not item.config.getoption("--fault-all") \
            and (caught_on_live or portability != "portable"):
        item.session.shouldstop = "the fault is caught"  # every portable scenario has run by now
    item.config.learnsim_fault_outcomes.append({
        "feature": who.feature, "scenario": who.scenario, "portability": portability,
        "destructive": "destructive" in who.tags, "phase": report.when, "outcome": report.outcome,
        "liveStop": live_stop,
        "caughtOnLive": caught_on_live,
        "message": (getattr(getattr(report.longrepr, "reprcrash", None), "message", "") or "")[:300]
        if report.failed else "",
    })


def pytest_sessionfinish(session: pytest.Session) -> None:
    path = session.config.getoption("--fault-results")
    if not path:
        return
    fault = session.config.learnsim_fault
    Path(path).write_text(json.dumps({"fault": fault.name if fault else "none",
                                      "outcomes": session.config.learnsim_fault_outcomes}, indent=1),
                          encoding="utf-8")

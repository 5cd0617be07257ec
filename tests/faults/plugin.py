"""pytest plugin for one faulty-Learn run: `pytest steps -p tests.faults.plugin --fault NAME`.

- applies the fault (a monkeypatch of the simulator) before any scenario runs;
- keeps only the scenarios of the fault's feature files;
- plays every scenario as a live run would see it (*live emulation*): the in-process
  target still answers everything, but the client notes the first step at which a live
  target would have ended the scenario as *not applicable* (a control-API call, moving
  the clock more than a second, a second SIS integration, a dry run, a feed row naming
  another data source, anything in features/connect). A failure counts as *caught on a
  live run* only when the scenario is `@portable` and failed before any such step;
- writes every scenario's outcome to `--fault-results` (JSON) for `tests.faults.run`.

Without `--fault` (or with `--fault none`) the plugin records a baseline run: every
scenario must pass, and the record shows which `@portable` scenarios a live run could
not play to the end.
"""
from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

import pytest

from steps import target as target_module
from steps.client import LearnClient
from steps.grading import identify
from steps.live import NOT_ON_LIVE
from steps.live_client import SMALL_STEP, decode_feed, feed_rows

ON_LIVE_BOUND = "learnsim_fault_live_stop"


class LiveEmulation(LearnClient):
    """The in-process client, noting where a live target would have stopped the scenario."""

    armed = False
    live_stop: str | None = None
    scenario_bbid: str | None = None

    def stop(self, reason: str) -> None:
        if self.armed and self.live_stop is None:
            self.live_stop = reason

    def control(self, method: str, path: str, json: Any = None):
        self.stop(f"{method} /_sim{path}: the control API exists only on the simulator")
        return super().control(method, path, json)

    def integration(self, bbid: str, data_source_key: str):
        if self.scenario_bbid not in (None, bbid):
            self.stop(f"a second SIS integration ({bbid!r}); a live target file names one")
        self.scenario_bbid = bbid
        armed, self.armed = self.armed, False  # a live target's integration comes from its target file
        try:
            return super().integration(bbid, data_source_key)
        finally:
            self.armed = armed

    def post_feed(self, creds, object_name, operation, body, dry_run=False, auth=None):
        if dry_run:
            self.stop("a dry run is a simulator feature")
        _, rows = feed_rows(decode_feed(body), "|")
        for row in rows:
            for column in ("data_source_key", "new_data_source_key"):
                value = row.get(column, "")
                if value and value.lower() != creds.data_source_key.lower():
                    self.stop(f"a feed row names the data source {value!r}, not the integration's own")
        return super().post_feed(creds, object_name, operation, body, dry_run=dry_run, auth=auth)


class EmulatedClock(target_module.Clock):
    def advance(self, seconds: float) -> None:
        if seconds > SMALL_STEP and isinstance(self.client, LiveEmulation):
            self.client.stop(f"moves the clock by {seconds:g} s")
        super().advance(seconds)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("learnsim faults")
    group.addoption("--fault", default="none", help="the catalogue fault to apply (none: a baseline run)")
    group.addoption("--fault-results", default=None, metavar="FILE.json", help="where to write the outcomes")
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
    if fault is None:
        return
    kept, dropped = [], []
    for item in items:
        feature = _feature_of(item)
        wanted = feature is not None and any(fnmatch.fnmatch(feature, pattern) for pattern in fault.features)
        (kept if wanted else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    # portable scenarios first, so that the run can stop at the first failure that settles the verdict
    items[:] = sorted(kept, key=lambda item: item.get_closest_marker("portable") is None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item):
    client = getattr(item, "learn_client", None) or item.funcargs.get("learn")
    if isinstance(client, LiveEmulation):
        client.armed = True
        who = identify(item)
        area = who.feature.split("/", 1)[0] if who else ""
        if area in NOT_ON_LIVE:
            client.stop(f"features/{area}: {NOT_ON_LIVE[area]}")
    yield


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    who = identify(item)
    if who is None or report.when == "setup" and report.passed or report.when == "teardown" and not report.failed:
        return
    client = item.funcargs.get("learn") if hasattr(item, "funcargs") else None
    portability = next((t for t in ("portable", "sim-only", "live-unknown") if t in who.tags), "?")
    live_stop = getattr(client, "live_stop", None)
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

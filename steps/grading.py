"""Grades: what a scenario's run means for conformance.

A scenario ends as one of

- **passed** / **failed** — the target did / did not do what the scenario says;
- **skipped** — not run by choice (e.g. `@destructive` without `--allow-destructive`);
- **not applicable** — the target lacks what the scenario needs: `@sim-only` on a live
  target, or a surface the probe did not find (a step calls `not_applicable`);
- **observed** — `@live-unknown` on a live target: nobody has documented what Learn
  does, so whatever the target did is recorded, never a failure;
- **expected failure** — listed with a reason in the expected-failures file.

A listed failure that now passes keeps its grade *passed* but makes the run
non-conforming until the file drops it, so the file always tells the truth.

Grading happens where the scenario ran (`pytest_runtest_makereport`, also on xdist
workers): it rewrites pytest's outcome so that pytest's own exit code, JUnit XML and
summary agree with the grade, and attaches `report.learn` for the reports.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from steps.client import mask

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
NOT_APPLICABLE, OBSERVED, EXPECTED_FAILURE = "not applicable", "observed", "expected failure"
GRADES = (PASSED, FAILED, SKIPPED, NOT_APPLICABLE, OBSERVED, EXPECTED_FAILURE)
EXCHANGES_KEPT = 40


def not_applicable(reason: str) -> NoReturn:
    """Stop the scenario: the target cannot take part in it (graded *not applicable*)."""
    pytest.skip(f"{NOT_APPLICABLE}: {reason}")


def skip_reason(longrepr: Any) -> str:
    """The message of a skip report (pytest keeps it as (file, line, message))."""
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        message = str(longrepr[2])
    else:
        message = str(longrepr or "")
    return message.removeprefix("Skipped: ")


@dataclass(slots=True, frozen=True)
class ExpectedFailure:
    feature: str
    scenario: str
    reason: str

    def matches(self, feature: str, scenario: str) -> bool:
        """Same feature file, and the scenario's name (an outline's example id may follow in brackets)."""
        return self.feature == feature and (scenario == self.scenario or scenario.startswith(self.scenario + " ["))


class ExpectedFailures:
    """The expected-failures file: a TOML list of `[[failure]]` tables with
    `feature` (path under features/), `scenario` (its name) and `reason` (required)."""

    __slots__ = ("entries", "path")

    def __init__(self, entries: list[ExpectedFailure], path: str | None = None) -> None:
        self.entries, self.path = entries, path

    @classmethod
    def load(cls, path: str | None) -> "ExpectedFailures":
        if not path:
            return cls([])
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise pytest.UsageError(f"expected-failures file {path}: {exc}") from None
        entries = []
        for number, entry in enumerate(data.get("failure", []), start=1):
            missing = [k for k in ("feature", "scenario", "reason") if not str(entry.get(k, "")).strip()]
            if missing:
                raise pytest.UsageError(f"expected-failures file {path}: [[failure]] number {number} "
                                        f"lacks {', '.join(missing)} (every listed failure needs a reason)")
            entries.append(ExpectedFailure(entry["feature"], entry["scenario"], entry["reason"]))
        return cls(entries, path)

    def find(self, feature: str, scenario: str) -> ExpectedFailure | None:
        return next((e for e in self.entries if e.matches(feature, scenario)), None)


EXPECTED_KEY = pytest.StashKey[ExpectedFailures]()


@dataclass(slots=True)
class ScenarioIdentity:
    """Who a test item is in the features' words."""

    feature: str          # path under features/, e.g. "sis/person_store.feature"
    feature_name: str
    scenario: str         # the scenario's name, with the outline example id in brackets
    tags: tuple[str, ...]
    line: int = 0

    @property
    def portability(self) -> str:
        return next((t for t in self.tags if t in ("portable", "sim-only", "live-unknown")), "")

    @property
    def docs(self) -> list[str]:
        return [t[4:] for t in self.tags if t.startswith("doc:")]

    def as_json(self) -> dict[str, Any]:
        return {"feature": self.feature, "featureName": self.feature_name, "scenario": self.scenario,
                "tags": list(self.tags), "portability": self.portability, "docs": self.docs, "line": self.line}


def identify(item: pytest.Item) -> ScenarioIdentity | None:
    """The scenario a pytest-bdd test item runs, or None for any other test."""
    from pytest_bdd.scenario import scenario_wrapper_template_registry

    scenario = scenario_wrapper_template_registry.get(getattr(item, "obj", None))
    if scenario is None:
        return None
    feature = scenario.feature
    name = scenario.name
    callspec = getattr(item, "callspec", None)
    if callspec is not None and callspec.id:
        name = f"{name} [{callspec.id}]"
    tags = tuple(sorted(set(scenario.tags) | set(feature.tags)))
    return ScenarioIdentity(feature.rel_filename.replace("\\", "/"), feature.name, name, tags,
                            getattr(scenario, "line_number", 0))


def failing_step(item: pytest.Item) -> str:
    """The Gherkin step that failed ("Then the user … exists"), or "" when no step failed."""
    from pytest_bdd.reporting import scenario_reports_registry

    scenario = scenario_reports_registry.get(item)
    for step_report in getattr(scenario, "step_reports", ()):
        if step_report.failed:
            step = step_report.step
            return f"{step.keyword.strip()} {step.name} (line {step.line_number})"
    return ""


def _failure_text(report: pytest.TestReport) -> str:
    text = getattr(report, "longreprtext", "") or ""
    crash = getattr(getattr(report.longrepr, "reprcrash", None), "message", None)
    return (crash or text or "").strip()


def grade(item: pytest.Item, report: pytest.TestReport, on_live: bool, expected: ExpectedFailures) -> dict[str, Any] | None:
    """Grade one phase report of a scenario, rewriting its pytest outcome to match.

    Returns the grade record for `report.learn`, or None for tests that are not scenarios.
    """
    who = identify(item)
    if who is None:
        return None
    record: dict[str, Any] = {**who.as_json(), "phase": report.when, "grade": None, "detail": ""}
    listed = expected.find(who.feature, who.scenario)
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = skip_reason(report.longrepr)
        record["grade"] = NOT_APPLICABLE if reason.startswith(NOT_APPLICABLE + ":") else SKIPPED
        record["detail"] = reason.removeprefix(NOT_APPLICABLE + ":").strip()
    elif report.failed:
        detail = _failure_text(report)
        if report.when == "call" and on_live and who.portability == "live-unknown":
            record.update(grade=OBSERVED, detail=f"the target differs from the simulator's default: {detail}")
            report.outcome, report.longrepr = "passed", None
        elif report.when == "call" and listed is not None:
            record.update(grade=EXPECTED_FAILURE, detail=f"{detail}\n(expected: {listed.reason})")
            report.outcome, report.wasxfail = "skipped", listed.reason
        else:
            record.update(grade=FAILED, detail=detail if report.when == "call" else f"{report.when}: {detail}")
    elif report.when == "call":
        if on_live and who.portability == "live-unknown":
            record.update(grade=OBSERVED, detail="the target behaves as the simulator's default")
        elif listed is not None:
            message = (f"listed in the expected-failures file {expected.path} ({listed.reason}) but it passes now: "
                       f"remove it from the file")
            record.update(grade=PASSED, detail=message, staleExpectation=listed.reason)
            report.outcome, report.longrepr = "failed", message
        else:
            record["grade"] = PASSED
    return record


def _mask_failure(item: pytest.Item, report: pytest.TestReport) -> None:
    """A traceback must not carry a secret into JUnit XML, Cucumber JSON or the console."""
    known = getattr(getattr(item, "learn_client", None), "known_secrets", None)
    if not known or report.longrepr is None or isinstance(report.longrepr, tuple):
        return
    text = str(report.longrepr)
    masked = mask(text, known)
    if masked != text:
        report.longrepr = masked


def exchanges_of(item: pytest.Item) -> list[dict[str, Any]]:
    """The HTTP exchanges the scenario's client recorded (already masked), the latest ones."""
    client = getattr(item, "learn_client", None)
    exchanges = getattr(client, "exchanges", None) or []
    return [e.as_json() for e in exchanges[-EXCHANGES_KEPT:]]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    _mask_failure(item, report)
    config = item.config
    on_live = config.getoption("--learn-target", "inprocess") == "live"
    expected = config.stash.get(EXPECTED_KEY, None) or ExpectedFailures([])
    record = grade(item, report, on_live, expected)
    if record is None:
        return
    if record["grade"] in (FAILED, OBSERVED, EXPECTED_FAILURE) or record.get("staleExpectation"):
        record["exchanges"] = exchanges_of(item)
        record["step"] = failing_step(item)
    if record["grade"] is not None and (report.when != "teardown" or record["grade"] == FAILED):
        item.learn_grade = record["grade"]
    if report.when == "teardown":
        report.user_properties.append(("learn.grade", getattr(item, "learn_grade", PASSED)))
        cleanup = getattr(item, "learn_cleanup", None)
        if cleanup:
            record["cleanup"] = cleanup
    report.learn = record


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("learnsim")
    group.addoption("--expected-failures", default=None, metavar="FILE",
                    help="TOML file of scenarios expected to fail on this target, each with a reason")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[EXPECTED_KEY] = ExpectedFailures.load(config.getoption("--expected-failures"))


@dataclass(slots=True)
class ScenarioResult:
    """One scenario's final grade, put together from its setup, call and teardown reports."""

    nodeid: str
    feature: str
    feature_name: str
    scenario: str
    tags: list[str]
    docs: list[str]
    portability: str
    grade: str
    detail: str
    exchanges: list[dict[str, Any]]
    duration: float
    stale_expectation: str = ""
    cleanup: dict[str, Any] | None = None
    line: int = 0
    step: str = ""
    """The Gherkin step that failed (for failures, observations and expected failures)."""


class Gradebook:
    """Collects graded reports (on the xdist controller too) into one result per scenario."""

    __slots__ = ("results",)

    def __init__(self) -> None:
        self.results: dict[str, ScenarioResult] = {}

    def add(self, report: pytest.TestReport) -> None:
        record = getattr(report, "learn", None)
        if not record:
            return
        result = self.results.get(report.nodeid)
        if result is None:
            result = self.results[report.nodeid] = ScenarioResult(
                report.nodeid, record["feature"], record["featureName"], record["scenario"], record["tags"],
                record["docs"], record["portability"], PASSED, "", [], 0.0, line=record.get("line", 0))
        result.duration += getattr(report, "duration", 0.0) or 0.0
        if record.get("cleanup"):
            result.cleanup = record["cleanup"]
        if record["grade"] is None:
            return
        if report.when == "teardown":
            if record["grade"] == FAILED:
                result.grade = FAILED
                result.detail = "\n".join(filter(None, [result.detail, record["detail"]]))
                result.exchanges = record.get("exchanges") or result.exchanges
                result.step = result.step or record.get("step", "")
            return
        result.grade, result.detail = record["grade"], record["detail"]
        result.step = record.get("step", "")
        result.exchanges = record.get("exchanges", [])
        result.stale_expectation = record.get("staleExpectation", "")

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(GRADES, 0)
        for result in self.results.values():
            counts[result.grade] += 1
        return counts

    def conforms(self) -> bool:
        """At least one scenario graded, no failure, and no listed failure that passes now."""
        return bool(self.results) and not any(r.grade == FAILED or r.stale_expectation for r in self.results.values())

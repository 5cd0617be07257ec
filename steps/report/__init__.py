"""Conformance reports: with `--learn-report-dir DIR` a run writes into DIR

- `cucumber.json` — pytest-bdd's own Cucumber JSON,
- `junit.xml` — pytest's JUnit XML (grades as `learn.grade` properties),
- `report.html` — one self-contained page for people (`steps.report.html`),
- `grades.json` — the same grades for machines.

The grades are gathered where the run ends (the xdist controller included) and the
terminal summary says whether the target conforms.
"""
from __future__ import annotations

import json
import os
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from steps.grading import FAILED, GRADES, Gradebook
from steps.live import describe
from steps.report.html import render

COMMAND_NAMES = {"cli.py": "learnsim", "__main__.py": "pytest", "pytest": "pytest", "learnsim": "learnsim"}
REPO = Path(__file__).resolve().parent.parent.parent
FILES = {"cucumber": "cucumber.json", "junit": "junit.xml", "html": "report.html", "grades": "grades.json"}


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("learnsim")
    group.addoption("--learn-report-dir", default=None, metavar="DIR",
                    help="write cucumber.json, junit.xml, report.html and grades.json into DIR")


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Point pytest-bdd's Cucumber JSON and pytest's JUnit XML into the report folder (before they open)."""
    config.pluginmanager.register(Reporter(config), "learnsim-reporter")
    folder = config.getoption("--learn-report-dir")
    if not folder or hasattr(config, "workerinput"):
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    if not config.option.cucumber_json_path:
        config.option.cucumber_json_path = str(Path(folder) / FILES["cucumber"])
    if not config.option.xmlpath:
        config.option.xmlpath = str(Path(folder) / FILES["junit"])


@pytest.hookimpl(tryfirst=True)
def pytest_report_to_serializable(config: pytest.Config, report: Any) -> None:
    """On an xdist worker: let pytest-bdd's scenario context travel with the report (as a plain attribute)."""
    try:
        from pytest_bdd.reporting import test_report_context_registry
    except ImportError:  # pytest-bdd before 8 kept the context on the report itself
        return
    context = test_report_context_registry.get(report) if isinstance(report, pytest.TestReport) else None
    if context is not None:
        report.bdd_context = {"scenario": context.scenario, "name": context.name}


def tidy_cucumber(path: Path) -> None:
    """pytest-bdd marks every step after a failing one as failed too; Cucumber says
    those were skipped (they never ran), so rewrite them as such."""
    features = json.loads(path.read_text(encoding="utf-8"))
    for feature in features:
        for element in feature.get("elements", []):
            failed = False
            for step in element.get("steps", []):
                result = step.get("result", {})
                if failed:
                    step["result"] = {"status": "skipped", "duration": 0}
                elif result.get("status") == "failed":
                    failed = True
    path.write_text(json.dumps(features, indent=2), encoding="utf-8")


class Reporter:
    """Gathers the grades of one run and writes the reports when it ends."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.book = Gradebook()
        self.started = datetime.now(timezone.utc)
        self.folder = None if hasattr(config, "workerinput") else config.getoption("--learn-report-dir")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Collect the grade; put a worker's scenario context back before pytest-bdd's Cucumber JSON reads it."""
        carried = getattr(report, "bdd_context", None)
        if carried is not None:
            from pytest_bdd.reporting import ReportContext, test_report_context_registry

            if report not in test_report_context_registry:
                test_report_context_registry[report] = ReportContext(scenario=carried["scenario"], name=carried["name"])
        self.book.add(report)

    def summary(self) -> dict[str, Any]:
        config, book = self.config, self.book
        cleanup = [r.cleanup for r in book.results.values() if r.cleanup]
        return {
            "target": describe(config),
            "suite": {"learnsim": _version("learnsim"), "pytest-bdd": _version("pytest-bdd"),
                      "pytest": pytest.__version__, "python": platform.python_version()},
            "started": self.started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": " ".join([COMMAND_NAMES.get(Path(sys.argv[0]).name, Path(sys.argv[0]).name), *sys.argv[1:]]),
            "options": {"allowDestructive": config.getoption("--allow-destructive"),
                        "expectedFailures": config.getoption("--expected-failures")},
            "counts": book.counts(),
            "conforms": book.conforms(),
            "cleanup": {"scenarios": len(cleanup), "removed": sum(c.get("removed", 0) for c in cleanup),
                        "problems": [p for c in cleanup for p in c.get("problems", [])]},
        }

    @pytest.hookimpl(wrapper=True)
    def pytest_sessionstart(self, session: pytest.Session):
        """A run stopped before its first scenario (e.g. by the live probe) still leaves reports saying why."""
        try:
            return (yield)
        except pytest.exit.Exception:
            self.write()
            raise

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        """After pytest-bdd has written its Cucumber JSON: tidy it, then write our reports."""
        path = self.config.option.cucumber_json_path
        if self.folder and path and Path(path).is_file():
            tidy_cucumber(Path(path))
        self.write()

    def write(self) -> None:
        if not self.folder:
            return
        summary = self.summary()
        results = sorted(self.book.results.values(), key=lambda r: (r.feature, r.line, r.scenario))
        Path(self.folder).mkdir(parents=True, exist_ok=True)
        Path(self.folder, FILES["grades"]).write_text(json.dumps(
            {**summary, "scenarios": [asdict(r) for r in results]}, indent=2), encoding="utf-8")
        coverage = os.path.relpath(REPO / "docs" / "coverage.md", Path(self.folder).resolve()).replace(os.sep, "/")
        Path(self.folder, FILES["html"]).write_text(render(summary, results, coverage), encoding="utf-8")

    def pytest_terminal_summary(self, terminalreporter, exitstatus: int, config: pytest.Config) -> None:
        book = self.book
        if not book.results or hasattr(config, "workerinput"):
            return
        counts = book.counts()
        shown = ", ".join(f"{counts[g]} {g}" for g in GRADES if counts[g])
        verdict = "the target conforms" if book.conforms() else "the target does NOT conform"
        terminalreporter.write_sep("=", f"learnsim: {shown} — {verdict}", green=book.conforms(), red=not book.conforms())
        for result in book.results.values():
            if result.grade == FAILED or result.stale_expectation:
                first = (result.detail or "").strip().splitlines()[:1]
                terminalreporter.write_line(f"  {result.feature}: {result.scenario}: {first[0] if first else 'failed'}")
        if self.folder:
            terminalreporter.write_line(f"reports in {self.folder}: " + ", ".join(FILES.values()))

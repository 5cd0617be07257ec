"""How `learnsim` shows a data set to a person: the log as aligned lines, a dry run as
counts per outcome and then the changes as a table (rich: colour only on a terminal)."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

SHOWN_CHANGES = 200
"""Rows of the change table shown before it says how many more there are (see --json)."""

OUTCOME_STYLE = {"created": "green", "updated": "cyan", "reenabled": "green", "unchanged": "dim",
                 "disabled": "yellow", "purged": "red", "rejected": "red"}
LEVEL_STYLE = {"ERROR": "red", "WARNING": "yellow", "INFO": "dim"}


def console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def print_log(entries: list[dict[str, Any]], out: Console | None = None) -> None:
    """One line per log entry: level, where (line and field), message."""
    out = out or console()
    for entry in entries:
        where = f"line {entry['line']}: " if entry.get("line") else ""
        if entry.get("field"):
            where += f"[{entry['field']}] "
        level = entry["level"]
        out.print(f"[{LEVEL_STYLE.get(level, '')}]{level:<7}[/] {where}{_plain(entry['message'])}")


def print_dry_run(report: dict[str, Any], out: Console | None = None) -> None:
    """A dry run's answer as a person reads it: what would happen, then to which records."""
    out = out or console()
    title = f"Dry run: {report.get('object', '?')} {report.get('operation', '?')}, {report.get('completedCount', 0)} rows"
    out.print(f"[bold]{_plain(title)}[/] — nothing was changed")
    if report.get("refused"):
        out.print(f"[red]The file would be refused:[/] {_plain(report['refused'])}")
    counts = Table(title=None, show_edge=False, box=None, pad_edge=False)
    counts.add_column("outcome")
    counts.add_column("rows", justify="right")
    for outcome, number in sorted(report.get("outcomes", {}).items()):
        counts.add_row(f"[{OUTCOME_STYLE.get(outcome, '')}]{outcome}[/]", str(number))
    counts.add_row("errors", str(report.get("errorCount", 0)))
    counts.add_row("warnings", str(report.get("warningCount", 0)))
    out.print(counts)
    changes = [(outcome, key) for outcome, keys in sorted(report.get("changes", {}).items()) for key in keys]
    if changes:
        table = Table(show_edge=False, box=None, pad_edge=False)
        table.add_column("would be")
        table.add_column("record")
        for outcome, key in changes[:SHOWN_CHANGES]:
            table.add_row(f"[{OUTCOME_STYLE.get(outcome, '')}]{outcome}[/]", _plain(str(key)))
        out.print()
        out.print(table)
        if len(changes) > SHOWN_CHANGES:
            out.print(f"… and {len(changes) - SHOWN_CHANGES} more (--json lists them all)")
    problems = [entry for entry in report.get("log", []) if entry.get("level") in ("ERROR", "WARNING")]
    if problems:
        out.print()
        print_log(problems, out)


def _plain(text: str) -> str:
    """Text shown as it is, never read as rich markup."""
    from rich.markup import escape

    return escape(text)

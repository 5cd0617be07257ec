"""Data sets: one per posted feed, with the counts `dataSetStatus` reports and a log.

`completedCount` counts every processed row, failed ones included; `queuedCount` the
rows not processed yet. The log keeps one entry per problem (with the line number and
a sentence a person can act on) and a closing summary.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Hashable

from simulator.learn.ids import random_hex

ERROR, WARNING, INFO = "ERROR", "WARNING", "INFO"


def key_text(key: Hashable) -> str:
    """A record key as a person reads it in the log: a compound key joined with `|`."""
    return "|".join(key) if isinstance(key, tuple) else str(key)


@dataclass(slots=True)
class LogEntry:
    level: str
    message: str
    line: int | None = None
    field: str | None = None

    def as_json(self) -> dict:
        return {"level": self.level, "line": self.line, "field": self.field, "message": self.message}


@dataclass(slots=True)
class DataSet:
    integration_pk: str
    object_name: str
    operation: str
    start_date: datetime
    uid: str = field(default_factory=lambda: random_hex(32))
    queued: int = 0
    completed: int = 0
    errors: int = 0
    warnings: int = 0
    last_entry_date: datetime | None = None
    dry_run: bool = False
    refused: str | None = None
    """Why the whole file was refused (its header), or None when its rows were processed."""
    log: list[LogEntry] = field(default_factory=list)
    outcomes: Counter = field(default_factory=Counter)
    """created / updated / reenabled / disabled / purged / rejected … -> count."""
    changes: dict[str, list[str]] = field(default_factory=dict)
    """For dry runs: outcome -> the record keys it applies to."""

    def error(self, message: str, line: int | None = None, field_name: str | None = None) -> None:
        self.errors += 1
        self.log.append(LogEntry(ERROR, message, line, field_name))

    def warning(self, message: str, line: int | None = None, field_name: str | None = None) -> None:
        self.warnings += 1
        self.log.append(LogEntry(WARNING, message, line, field_name))

    def info(self, message: str, line: int | None = None) -> None:
        self.log.append(LogEntry(INFO, message, line))

    def outcome(self, kind: str, key: Hashable) -> None:
        """Count one outcome; a dry run also keeps the record's key as a person reads it."""
        self.outcomes[kind] += 1
        if self.dry_run:
            self.changes.setdefault(kind, []).append(key_text(key))

    def summary(self) -> dict:
        return {
            "dataSetUid": self.uid, "object": self.object_name, "operation": self.operation,
            "dryRun": self.dry_run, "refused": self.refused, "queuedCount": self.queued, "completedCount": self.completed,
            "errorCount": self.errors, "warningCount": self.warnings,
            "outcomes": dict(sorted(self.outcomes.items())),
        }

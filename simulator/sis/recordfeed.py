"""What the feeds of Learn's own records (term, course, organization, membership,
category, category membership) share, on top of `FeedObject`.

Store rules, the same for every such object: the row's key names the record; a new key
creates it, owned by the posting integration and kept in the row's data source; a known
key updates it. A column that is present and not empty sets its field; an empty optional
text column clears it; an absent column leaves the field as it is. Without
`available_ind` the record is made available; without `row_status` it is enabled (so a
store re-enables it); `disabled` or `deleted` disables it. `new_data_source_key` moves
it to another data source. A store from another integration updates the record and logs
a warning; the record keeps its owner. Every rule that needs Learn's state is checked
before anything changes, so a refused row changes nothing.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Hashable, Iterable

from simulator.learn import Learn, LearnError
from simulator.learn.tables import OwnedTable
from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.fields import DELETED, DISABLED, Field
from simulator.sis.run import FeedRun

YN = ("y", "n")
UNLIMITED = 1_000_000
"""Learn's help gives no length for some text columns (descriptions, notes)."""


def yes_no(name: str) -> Field:
    return Field(name, choices=YN)


def _whole(value: str) -> str | None:
    return None if value.isdigit() else f"{value!r} is not a whole number"


def _amount(value: str) -> str | None:
    return None if re.fullmatch(r"\d+(\.\d{1,2})?", value) else f"{value!r} is not an amount like 1500.00"


def whole_number(name: str) -> Field:
    return Field(name, 20, check=_whole)


def amount(name: str) -> Field:
    return Field(name, 20, check=_amount)


def forbidden_characters(name: str, characters: str):
    """A check refusing any of `characters` in column `name`."""
    allowed = ", ".join("a space" if c == " " else repr(c) for c in characters)

    def check(value: str) -> str | None:
        bad = sorted({c for c in value if c in characters})
        if bad:
            shown = ", ".join("a space" if c == " " else repr(c) for c in bad)
            return f"{name} {value!r} contains {shown}; it may not contain {allowed}"
        return None
    return check


def flag(values: dict[str, str], name: str) -> bool | None:
    """A Y/N column: True, False, or None when absent or empty."""
    value = values.get(name, "")
    return None if not value else value == "y"


def date(values: dict[str, str], name: str) -> datetime | None:
    """A yyyymmdd column (already checked) as midnight UTC, or None when absent or empty."""
    value = values.get(name, "")
    return datetime.strptime(value, "%Y%m%d").replace(tzinfo=timezone.utc) if value else None


def number(values: dict[str, str], name: str) -> int | None:
    value = values.get(name, "")
    return int(value) if value else None


class RecordFeed(FeedObject):
    """Subclasses give the table, how a key finds a record, and how a row creates and sets one."""

    noun: str
    """What the log calls a record: "course", "term", …"""

    def __init__(self, learn: "Learn") -> None:
        self.learn = learn
        """The Learn the framework serves (a record's key may need other tables to spell)."""

    def table(self, run: FeedRun) -> OwnedTable:
        raise NotImplementedError

    def check(self, run: FeedRun, values: dict[str, str], record: object | None) -> None:
        """Every rule that needs Learn's state; raises RowError before anything changes."""

    def create(self, run: FeedRun, values: dict[str, str]) -> object:
        raise NotImplementedError

    def apply(self, run: FeedRun, values: dict[str, str], record, creating: bool) -> None:
        """Set the record's fields from the row (the checks have passed; nothing here may fail)."""

    def remove(self, run: FeedRun, record) -> None:
        self.table(run).delete(record)

    # -- FeedObject --------------------------------------------------------------
    def is_enabled(self, record) -> bool:
        return record.enabled

    def owned(self, run: FeedRun, data_source: str | None) -> Iterable[object]:
        return self.table(run).owned(run.integration.pk, data_source)

    def disable(self, run: FeedRun, record) -> None:
        self.table(run).edit(record).enabled = False

    def purge(self, run: FeedRun, record) -> None:
        if record.enabled:
            self.disable(run, record)
        self.remove(run, record)

    def store(self, run: FeedRun, values: dict[str, str]) -> str:
        key = self.key(values)
        record = self.find(run, key)
        self.check(run, values, record)
        if record is None:
            try:
                record = self.create(run, values)
            except LearnError as exc:
                raise RowError(str(exc)) from None
            was_enabled = None
        else:
            self._claim(run, record, key, values)
            self.table(run).edit(record)
            was_enabled = record.enabled
        self.apply(run, values, record, was_enabled is None)
        if "available" in type(record).__slots__:
            record.available = flag(values, "available_ind") is not False
        record.enabled = values.get("row_status", "") not in (DISABLED, DELETED)
        moved_to = values.get("new_data_source_key")
        if moved_to and moved_to != record.data_source:
            run.learn.add_data_source(moved_to)
            record.data_source = moved_to
        if was_enabled is None:
            return "created"
        if was_enabled != record.enabled:
            return "reenabled" if record.enabled else "disabled"
        return "updated"

    def _claim(self, run: FeedRun, record, key: Hashable, values: dict[str, str]) -> None:
        """A record of another integration or data source is updated, with a warning."""
        if record.owner != run.integration.pk:
            run.warning(f"{self.noun} {self.describe(key)!r} belongs to another integration "
                        f"({record.owner or 'none'}); it was updated anyway")
        if record.data_source != values["data_source_key"] and not values.get("new_data_source_key"):
            run.warning(f"{self.noun} {self.describe(key)!r} stays in data source {record.data_source!r}, "
                        f"not {values['data_source_key']!r}; use new_data_source_key to move it", "data_source_key")

    @staticmethod
    def rekey(table, record, values: dict[str, str], column: str, attribute: str = "batch_uid") -> None:
        """Give the record the key a `new_…_key` column names (checked free beforehand)."""
        new_key = values.get(column)
        if new_key and new_key != getattr(record, attribute):
            table.reindex(record, **{attribute: new_key})

    @staticmethod
    def key_is_free(index: dict, values: dict[str, str], column: str, record, noun: str) -> None:
        """A `new_…_key` column must not name another record's key."""
        new_key = values.get(column)
        if new_key:
            holder = index.get(new_key)
            if holder is not None and holder is not record:
                raise RowError(f"{column} {new_key!r} is already the key of another {noun}", column)

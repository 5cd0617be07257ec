"""What every feed object (person, secondaryinstrole, associateobserver, …) provides
to the operations: how to find, store, disable and purge its records, and which
records an integration owns."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Hashable, Iterable

from simulator.sis.dataset import key_text
from simulator.sis.fields import ObjectSpec

if TYPE_CHECKING:
    from simulator.sis.operations import FileKeys
    from simulator.sis.run import FeedRun

Lane = Callable[[int, list[str]], "set[int] | range"]


class RowError(Exception):
    """The row breaks a rule; it is logged as an error and nothing of it is applied."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class FeedObject:
    """Base for feed objects. Subclasses set `name`, `spec`, `key_fields` and implement the rest."""

    name: str
    spec: ObjectSpec
    key_fields: tuple[str, ...]
    """The columns that identify a record: the only ones a delete file needs."""

    def key(self, values: dict[str, str]) -> Hashable:
        return tuple(values.get(f, "") for f in self.key_fields) if len(self.key_fields) > 1 else values.get(self.key_fields[0], "")

    def key_after_store(self, values: dict[str, str]) -> Hashable:
        """The record's key once the row is stored (a row may re-key its record)."""
        return self.key(values)

    def describe(self, key: Hashable) -> str:
        """The key as a person reads it in the log."""
        return key_text(key)

    def find(self, run: "FeedRun", key: Hashable) -> object | None:
        raise NotImplementedError

    def lane(self, run: "FeedRun", names: list[str], seen: "FileKeys", sources: set[str]) -> "Lane | None":
        """A batch lane for files with this header, or None (every row goes one by one).

        A lane is called with each batch (its first line number and its lines) and
        returns the positions of the rows it applied; it applies a row only when the
        outcome is exactly what the row-by-row path would give, with nothing to log,
        counts it in the data set and adds its key to `seen` and its data source to
        `sources`. Every other row goes the row-by-row way, after the lane's."""
        return None

    def store(self, run: "FeedRun", values: dict[str, str]) -> str:
        """Create or update from one row; returns created / updated / reenabled / disabled."""
        raise NotImplementedError

    def record_key(self, record: object) -> Hashable:
        raise NotImplementedError

    def record_keys(self, records: list) -> list:
        """`record_key` of each record (an object may read them all at once)."""
        return list(map(self.record_key, records))

    def is_enabled(self, record: object) -> bool:
        raise NotImplementedError

    def owner(self, record: object) -> str | None:
        """The primary key of the integration that owns the record (None: no integration).
        Deletes and refreshes act only on records their integration owns."""
        return getattr(record, "owner", None)

    def disable(self, run: "FeedRun", record: object) -> None:
        raise NotImplementedError

    def purge(self, run: "FeedRun", record: object) -> None:
        """Remove the record; Learn disables a record before it purges it."""
        raise NotImplementedError

    def owned(self, run: "FeedRun", data_source: str | None) -> Iterable[object]:
        """Records the run's integration owns, optionally only in one data source."""
        raise NotImplementedError

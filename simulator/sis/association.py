"""What the association feeds (`secondaryinstrole`, `associateobserver`) share.

Store rules: the row's key names the record; a new key creates it (owned by the
posting integration, in the row's data source), a known key updates it. Without
`row_status` the record is enabled (so a store re-enables it); `disabled` or `deleted`
disables it. A store from another integration updates the record and logs a warning;
the record keeps its data source and owner. Delete and refresh disable (or purge) the
record itself, never the persons it names.
"""
from __future__ import annotations

from typing import Hashable, Iterable

from simulator.learn import LearnError
from simulator.learn.records import Association, AssociationTable
from simulator.learn.users import User
from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.fields import DISABLED, DELETED
from simulator.sis.run import FeedRun


class AssociationFeed(FeedObject):
    """Subclasses name the table and turn a row (or a key) into the record's primary key."""

    def table(self, run: FeedRun) -> AssociationTable:
        raise NotImplementedError

    def record_pk(self, run: FeedRun, key: Hashable) -> Hashable | None:
        """The table key for a feed key, or None when a person it names does not exist."""
        raise NotImplementedError

    def create(self, run: FeedRun, values: dict[str, str], enabled: bool) -> None:
        """Create the record for a row whose key is new; LearnError for a broken rule."""
        raise NotImplementedError

    def check(self, run: FeedRun, values: dict[str, str]) -> None:
        """Every rule that needs Learn's state, checked before anything changes."""

    @staticmethod
    def person(run: FeedRun, values: dict[str, str], column: str, what: str) -> User:
        user = run.learn.users_by_external_id.get(values[column])
        if user is None:
            raise RowError(f"{column} {values[column]!r}: no person with that key exists; "
                           f"post the {what} in a person feed first", column)
        return user

    # -- FeedObject ---------------------------------------------------------------
    def find(self, run: FeedRun, key: Hashable) -> Association | None:
        pk = self.record_pk(run, key)
        return None if pk is None else self.table(run).get(pk)

    def is_enabled(self, record: Association) -> bool:
        return record.enabled

    def owned(self, run: FeedRun, data_source: str | None) -> Iterable[Association]:
        return self.table(run).owned(run.integration.pk, data_source)

    def disable(self, run: FeedRun, record: Association) -> None:
        self._set_enabled(run, record, False)

    def purge(self, run: FeedRun, record: Association) -> None:
        if record.enabled:
            self.disable(run, record)
        self.table(run).remove(record)
        self.changed(run, record)

    def changed(self, run: FeedRun, record: Association) -> None:
        """Called after a record changed (e.g. to recompute a user's effective roles)."""

    def store(self, run: FeedRun, values: dict[str, str]) -> str:
        self.check(run, values)
        key = self.key(values)
        enabled = values.get("row_status", "") not in (DISABLED, DELETED)
        record = self.find(run, key)
        if record is None:
            try:
                self.create(run, values, enabled)
            except LearnError as exc:
                raise RowError(str(exc)) from None
            return "created"
        if record.owner != run.integration.pk:
            run.warning(f"{self.name} {self.describe(key)!r} belongs to another integration "
                        f"({record.owner or 'none'}); it was updated anyway")
        if record.data_source != values["data_source_key"]:
            run.warning(f"{self.name} {self.describe(key)!r} stays in data source {record.data_source!r}, "
                        f"not {values['data_source_key']!r}", "data_source_key")
        was_enabled = record.enabled
        self._set_enabled(run, record, enabled)
        if was_enabled != enabled:
            return "reenabled" if enabled else "disabled"
        return "updated"

    def _set_enabled(self, run: FeedRun, record: Association, enabled: bool) -> None:
        self.table(run).edit(record)
        record.enabled = enabled
        record.modified = run.learn.now()
        self.changed(run, record)

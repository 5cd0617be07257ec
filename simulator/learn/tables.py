"""Learn's record tables: records keyed by primary key, every change journalled.

`RecordTable` keeps records by primary key and journals each change while
`learn.journal` is set (dry runs and `testing` integrations roll back exactly what they
did). `OwnedTable` adds ownership: each record carries `owner` (the integration that
created it, `None` when it was made outside the SIS Framework), `data_source` (the data
source key it is kept in) and `enabled` (`False`: disabled by the SIS; Learn shows it as
`Disabled`). It is indexed by owner, so a Complete Refresh walks only the records one
integration owns: O(owned), never O(table).
"""
from __future__ import annotations

from collections import defaultdict
from copy import copy
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Generic, Iterator, TypeVar

from simulator.learn.ids import PK_PATTERN, PkSequence

if TYPE_CHECKING:
    from simulator.learn.state import Learn

R = TypeVar("R")


class RecordTable(Generic[R]):
    """Records keyed by primary key; `insert`, `edit` and `delete` journal what they change.

    Subclasses keep their secondary indexes in `_index` / `_unindex`; a change to an
    indexed field goes through `reindex`.
    """

    name = "record"

    def __init__(self, learn: "Learn") -> None:
        self.learn = learn
        self.rows: dict[str, R] = {}
        self.pks = PkSequence()

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[R]:
        return iter(list(self.rows.values()))

    def get(self, pk: str) -> R | None:
        return self.rows.get(pk)

    def insert(self, record: R) -> R:
        self._keep(record, existed=False)
        self.rows[record.pk] = record
        self._index(record)
        return record

    def insert_many(self, records: list[R]) -> None:
        """`insert` for a feed's batch of new records (not journalled: a rehearsal goes
        row by row)."""
        assert self.learn.journal is None, "a journalled change goes through insert"
        self.rows.update(zip(map(_pk_of, records), records))
        self._index_many(records)

    def edit(self, record: R) -> R:
        """Announce a change to `record` (journals its current state); returns it."""
        self._keep(record, existed=True)
        record.modified = self.learn.now()
        return record

    def reindex(self, record: R, **changes: object) -> None:
        """Change fields that the indexes use."""
        self.edit(record)
        self._unindex(record)
        for name, value in changes.items():
            setattr(record, name, value)
        self._index(record)

    def delete(self, record: R) -> None:
        self._keep(record, existed=True)
        del self.rows[record.pk]
        self._unindex(record)

    def _keep(self, record: R, existed: bool) -> None:
        journal = self.learn.journal
        if journal is not None:
            saved = {name: copy(getattr(record, name)) for name in type(record).__slots__}
            journal.keep((self.name, record.pk), lambda: self._restore(record, saved, existed))

    def _restore(self, record: R, saved: dict, existed: bool) -> None:
        present = self.rows.get(record.pk) is record
        if present:
            self._unindex(record)
            del self.rows[record.pk]
        for name, value in saved.items():
            setattr(record, name, value)
        if existed:
            self.rows[record.pk] = record
            self._index(record)
            if not present:  # a deleted row came back: put the table back in creation order, once
                self.learn.after_rollback((self.name, "rows"), lambda: setattr(
                    self, "rows", dict(sorted(self.rows.items(), key=lambda item: _pk_number(item[0])))))

    def _index(self, record: R) -> None:
        """Add `record` to the secondary indexes."""

    def _index_many(self, records: list[R]) -> None:
        """`_index` for many records (subclasses may do it in bulk)."""
        for record in records:
            self._index(record)

    def _unindex(self, record: R) -> None:
        """Remove `record` from the secondary indexes."""


_pk_of, _owner_of = attrgetter("pk"), attrgetter("owner")


def _pk_number(pk: str) -> int:
    match = PK_PATTERN.match(pk)
    return int(match.group(1)) if match else 0


class OwnedTable(RecordTable[R]):
    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_owner: dict[str | None, dict[str, R]] = defaultdict(dict)

    def owned(self, owner: str, data_source: str | None = None) -> Iterator[R]:
        """Records `owner` created, optionally only those in one data source."""
        for record in list(self.by_owner.get(owner, {}).values()):
            if data_source is None or record.data_source == data_source:
                yield record

    def _index(self, record: R) -> None:
        self.by_owner[record.owner][record.pk] = record

    def _index_many(self, records: list[R]) -> None:
        owners = list(map(_owner_of, records))
        if owners.count(owners[0]) == len(owners):
            self.by_owner[owners[0]].update(zip(map(_pk_of, records), records))
        else:
            for record in records:
                OwnedTable._index(self, record)

    def _unindex(self, record: R) -> None:
        self.by_owner[record.owner].pop(record.pk, None)


class LinkTable:
    """A table of links between two records (an enrolment, a place in a group or a
    category): each link is found by its pair, and listed by any field in `sides`.
    Mixed in before the table class that keeps the records (`RecordTable`, `OwnedTable`)."""

    pair: tuple[str, str]
    """The two fields that make a link unique, e.g. ("course_pk", "user_pk")."""
    sides: tuple[str, ...]
    """The fields the links are listed by, e.g. ("course_pk", "user_pk")."""

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_pair: dict[tuple[str, str], Any] = {}
        self.by_side: dict[str, dict[str, dict[str, Any]]] = {side: defaultdict(dict) for side in self.sides}

    def _pair_of(self, link) -> tuple[str, str]:
        first, second = self.pair
        return getattr(link, first), getattr(link, second)

    def _index(self, link) -> None:
        super()._index(link)
        self.by_pair[self._pair_of(link)] = link
        for side, index in self.by_side.items():
            index[getattr(link, side)][link.pk] = link

    def _index_many(self, links: list) -> None:
        super()._index_many(links)
        self.by_pair.update(zip(map(attrgetter(*self.pair), links), links))
        for side, index in self.by_side.items():
            for link in links:
                index[getattr(link, side)][link.pk] = link

    def _unindex(self, link) -> None:
        super()._unindex(link)
        del self.by_pair[self._pair_of(link)]
        for side, index in self.by_side.items():
            index[getattr(link, side)].pop(link.pk, None)

    def linked(self, side: str, pk: str) -> list:
        """The links whose `side` field is `pk`."""
        return list(self.by_side[side].get(pk, {}).values())

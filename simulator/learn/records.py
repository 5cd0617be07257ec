"""`AssociationTable`: Learn's tables of records that tie a user to something else
(secondary institution roles, observer links), each owned by the integration that
created it and kept in a data source.

Rules: a record is identified by its key (a tuple of primary keys / role ids); it is
indexed by owner (so a refresh walks only what one integration owns) and by every
user it names (so purging a user removes its records, and REST reads a user's records
without scanning the table). Every change is journalled when `learn.journal` is set,
so dry runs and `testing` integrations roll back exactly what they did.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, Hashable, Iterator, TypeVar

if TYPE_CHECKING:
    from simulator.learn.state import Learn


@dataclass(slots=True, eq=False)
class Association:
    """Fields every association record has, whatever it links."""

    owner: str | None
    """The integration that created it (`None`: created outside the SIS Framework)."""
    data_source: str
    enabled: bool
    created: datetime
    modified: datetime
    seq: int = 0
    """Creation order within its table: the order REST lists records in."""

    @property
    def key(self) -> tuple[str, ...]:
        raise NotImplementedError

    @property
    def user_pks(self) -> tuple[str, ...]:
        """The users this record names."""
        raise NotImplementedError


A = TypeVar("A", bound=Association)


class AssociationTable(Generic[A]):
    name: str = "association"

    def __init__(self, learn: "Learn") -> None:
        self.learn = learn
        self.records: dict[Hashable, A] = {}
        self.by_owner: dict[str | None, dict[Hashable, A]] = defaultdict(dict)
        self.by_user: dict[str, dict[Hashable, A]] = defaultdict(dict)
        self._created = 0

    def __len__(self) -> int:
        return len(self.records)

    def get(self, key: Hashable) -> A | None:
        return self.records.get(key)

    def of_user(self, user_pk: str) -> list[A]:
        return list(self.by_user.get(user_pk, {}).values())

    def owned(self, owner: str, data_source: str | None = None) -> Iterator[A]:
        """Records `owner` created, optionally only those in one data source. O(owned)."""
        for record in list(self.by_owner.get(owner, {}).values()):
            if data_source is None or record.data_source == data_source:
                yield record

    # -- changes (each journalled) ------------------------------------------------
    def add(self, record: A) -> A:
        if record.key in self.records:
            raise KeyError(f"{self.name} {record.key} already exists")
        self._remember(record, existed=False)
        self._created += 1
        record.seq = self._created
        self._index(record)
        return record

    def edit(self, record: A) -> A:
        """Announce a change to `record` (journals its current state); returns it."""
        self._remember(record, existed=True)
        return record

    def remove(self, record: A) -> None:
        self._remember(record, existed=True)
        self._unindex(record)

    def forget_user(self, user_pk: str) -> None:
        """Remove every record that names the user (the user is being purged)."""
        for record in self.of_user(user_pk):
            self.remove(record)

    # -- internals -------------------------------------------------------------------
    def _remember(self, record: A, existed: bool) -> None:
        journal = self.learn.journal
        if journal is None:
            return
        saved = {name: getattr(record, name) for name in _slots(type(record))}
        journal.keep((self.name, record.key), lambda: self._restore(record, saved, existed))

    def _restore(self, record: A, saved: dict, existed: bool) -> None:
        """Undo: the record as it was; one that stayed keeps its place (REST lists in that order)."""
        if self.records.get(record.key) is record:
            if existed:
                for name, value in saved.items():
                    setattr(record, name, value)
                return
            self._unindex(record)
        for name, value in saved.items():
            setattr(record, name, value)
        if existed:  # a removal rolled back: the tables it re-enters are re-sorted once, after the rollback
            self._index(record)
            later = self.learn.after_rollback
            later((self.name, "records"), lambda: setattr(self, "records", _in_creation_order(self.records)))
            later((self.name, "by_owner", record.owner), lambda o=record.owner: self._resort(self.by_owner, o))
            for pk in record.user_pks:
                later((self.name, "by_user", pk), lambda p=pk: self._resort(self.by_user, p))

    @staticmethod
    def _resort(index: dict, key) -> None:
        index[key] = _in_creation_order(index[key])

    def _index(self, record: A) -> None:
        key = record.key
        self.records[key] = record
        self.by_owner[record.owner][key] = record
        for pk in record.user_pks:
            self.by_user[pk][key] = record

    def _unindex(self, record: A) -> None:
        key = record.key
        del self.records[key]
        self.by_owner[record.owner].pop(key, None)
        for pk in record.user_pks:
            self.by_user[pk].pop(key, None)


def _in_creation_order(table: dict[Hashable, A]) -> dict[Hashable, A]:
    return dict(sorted(table.items(), key=lambda item: item[1].seq))


def _slots(cls: type) -> list[str]:
    return [name for klass in cls.__mro__ for name in getattr(klass, "__slots__", ())]

"""Terms: the academic periods courses belong to.

A term has a primary key (`_3_1`), an external id (`batchUid`, unique), a name, a
description, an availability (`Yes` / `No`; `Disabled` once the SIS disables it) and a
duration: `CONTINUOUS`, `DATE_RANGE` (between a start and an end date) or
`FIXED_NUM_DAYS` (a number of days of use). A term may have a parent term (an annual
term holding semesters). A course names at most one term; removing a term leaves its
courses without a term, and its child terms without a parent.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.learn.tables import OwnedTable

if TYPE_CHECKING:
    from simulator.learn.state import Learn

TERM_TYPES = {"a": "Annual", "s": "Semester", "t": "Trimester", "q": "Quarter", "i": "Intersession",
              "m": "Module", "u": "Unspecified"}


@dataclass(slots=True, eq=False)
class Term:
    pk: str
    batch_uid: str
    data_source: str
    name: str
    created: datetime
    modified: datetime
    description: str = ""
    available: bool = True
    enabled: bool = True
    duration_type: str = "CONTINUOUS"
    start_date: datetime | None = None
    end_date: datetime | None = None
    days_of_use: int | None = None
    term_type: str = ""
    parent_pk: str | None = None
    owner: str | None = None

    @property
    def availability(self) -> str:
        if not self.enabled:
            return "Disabled"
        return "Yes" if self.available else "No"


class Terms(OwnedTable[Term]):
    name = "term"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_batch_uid: dict[str, Term] = {}

    def _index(self, term: Term) -> None:
        super()._index(term)
        self.by_batch_uid[term.batch_uid] = term

    def _unindex(self, term: Term) -> None:
        super()._unindex(term)
        del self.by_batch_uid[term.batch_uid]

    def create(self, *, batch_uid: str, name: str, data_source: str, owner: str | None = None) -> Term:
        """A new, available, continuous term; its external id must be new."""
        from simulator.learn.state import LearnError

        if batch_uid in self.by_batch_uid:
            raise LearnError(f"a term with externalId {batch_uid!r} already exists")
        self.learn.add_data_source(data_source)
        now = self.learn.now()
        return self.insert(Term(self.pks.take(), batch_uid, data_source, name, now, now, owner=owner))

    def by_ref(self, ref: str) -> Term | None:
        """Resolve `_3_1` or `externalId:X`, as REST does."""
        if ref.startswith("externalId:"):
            return self.by_batch_uid.get(ref[len("externalId:"):])
        return self.rows.get(ref)

    def remove(self, term: Term) -> None:
        """Delete a term: its courses keep going without a term, its child terms without a parent."""
        for course in self.learn.courses:
            if course.term_pk == term.pk:
                self.learn.courses.edit(course).term_pk = None
        for child in self:
            if child.parent_pk == term.pk:
                self.edit(child).parent_pk = None
        self.delete(term)

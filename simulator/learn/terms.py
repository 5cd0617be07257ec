"""Terms: the periods courses belong to (Learn's `Term`).

A term has an external id (its batch uid, unique), a data source, a name, a
description, an availability (`Yes`/`No`; the SIS may also disable it) and a duration:
`CONTINUOUS`, `DATE_RANGE` (start/end) or `FIXED_NUM_DAYS` (days of use). It may have a
parent term (an annual term holding semesters) and a type (`a s t q i m u`). Courses
point at a term through `Course.term_pk`. Term ids on REST are `_7_1` or
`externalId:X`. Removing a term leaves its courses without a term and its child terms
without a parent. Terms made by the term feed are owned by their integration.
"""
from __future__ import annotations

import uuid as uuidlib
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
    uuid: str
    external_id: str
    data_source: str
    name: str
    created: datetime
    modified: datetime
    description: str = ""
    available: bool = True
    duration_type: str = "CONTINUOUS"
    start_date: datetime | None = None
    end_date: datetime | None = None
    days_of_use: int | None = None
    enabled: bool = True
    """False: disabled by the SIS (REST shows it unavailable)."""
    term_type: str = ""
    parent_pk: str | None = None
    owner: str | None = None
    """The SIS integration that created it (`None`: created outside the SIS Framework)."""


class Terms(OwnedTable[Term]):
    name = "term"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_external_id: dict[str, Term] = {}

    def _index(self, term: Term) -> None:
        super()._index(term)
        self.by_external_id[term.external_id] = term

    def _unindex(self, term: Term) -> None:
        super()._unindex(term)
        del self.by_external_id[term.external_id]

    def create(self, *, external_id: str, name: str, data_source: str, owner: str | None = None) -> Term:
        """A new, available, continuous term; its external id must be new."""
        from simulator.learn.state import LearnError

        if not external_id:
            raise LearnError("a term needs a non-empty external id")
        if external_id in self.by_external_id:
            raise LearnError(f"a term with external id {external_id!r} already exists")
        self.learn.add_data_source(data_source)
        now = self.learn.now()
        return self.insert(Term(self.pks.take(), uuidlib.uuid4().hex, external_id, data_source, name, now, now,
                                owner=owner))

    def by_ref(self, ref: str) -> Term | None:
        """Resolve `_7_1` or `externalId:X`, as REST does."""
        kind, _, value = ref.partition(":")
        if not value:
            return self.rows.get(ref)
        return self.by_external_id.get(value) if kind == "externalId" else None

    def remove(self, term: Term) -> None:
        """Delete a term: its courses keep going without a term, its child terms without a parent."""
        for course in self.learn.courses:
            if course.term_pk == term.pk:
                self.learn.courses.edit(course).term_pk = None
        for child in self:
            if child.parent_pk == term.pk:
                self.edit(child).parent_pk = None
        self.delete(term)

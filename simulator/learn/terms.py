"""Terms: the periods courses belong to (Learn's `Term`).

A term has an external id (its batch uid), a data source, a name, an availability
(`Yes`/`No`) and a duration: `CONTINUOUS`, `DATE_RANGE` (start/end) or
`FIXED_NUM_DAYS` (days of use). Courses point at a term through `Course.term_pk`.
Term ids on REST are `_7_1` or `externalId:X`. The term feed builds on this record.
"""
from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.learn.courses import RecordTable

if TYPE_CHECKING:
    from simulator.learn.state import Learn


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


class Terms(RecordTable[Term]):
    name = "term"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_external_id: dict[str, Term] = {}

    def _index(self, term: Term) -> None:
        self.by_external_id[term.external_id] = term

    def _unindex(self, term: Term) -> None:
        del self.by_external_id[term.external_id]

    def create(self, *, external_id: str, name: str, data_source: str) -> Term:
        """A new, available, continuous term; its external id must be new."""
        from simulator.learn.state import LearnError

        if not external_id:
            raise LearnError("a term needs a non-empty external id")
        if external_id in self.by_external_id:
            raise LearnError(f"a term with external id {external_id!r} already exists")
        self.learn.add_data_source(data_source)
        now = self.learn.now()
        return self.insert(Term(self.pks.take(), uuidlib.uuid4().hex, external_id, data_source, name, now, now))

    def by_ref(self, ref: str) -> Term | None:
        """Resolve `_7_1` or `externalId:X`, as REST does."""
        kind, _, value = ref.partition(":")
        if not value:
            return self.rows.get(ref)
        return self.by_external_id.get(value) if kind == "externalId" else None

"""The `term` feed object: Learn's terms (SPEC §7).

Columns: required `external_term_key` (letters, digits, `-`, `.`, `_`; no spaces), `name`,
`data_source_key` (or from the integration); optional `available_ind`, `duration`
(`continuous`, `range`, `fixed`), `start_date` / `end_date` (yyyymmdd), `days_of_use`,
`description`, `row_status`, `term_type` (`a s t q i m u`), `external_parent_term_key`
(an existing term; `NONE` removes the parent), `new_external_term_key`,
`new_data_source_key`. Purging a term leaves its courses without a term.
"""
from __future__ import annotations

import re

from simulator.learn.terms import TERM_TYPES, Term, Terms
from simulator.sis.feedobject import RowError
from simulator.sis.fields import DATA_SOURCE_KEY, KEY, ROW_STATUS, Field, ObjectSpec, yyyymmdd
from simulator.sis.recordfeed import UNLIMITED, RecordFeed, date, number, whole_number, yes_no
from simulator.sis.run import FeedRun

TERM_KEY = 256
DURATIONS = {"continuous": "CONTINUOUS", "range": "DATE_RANGE", "fixed": "FIXED_NUM_DAYS"}
NO_PARENT = "NONE"


def _term_key(value: str) -> str | None:
    if re.fullmatch(r"[A-Za-z0-9._-]+", value):
        return None
    return f"term key {value!r} may contain only letters, digits, '-', '.' and '_' (no spaces)"


TERM = ObjectSpec("term", (
    Field("external_term_key", TERM_KEY, required=True, check=_term_key),
    Field("name", 333, required=True),
    DATA_SOURCE_KEY,
    yes_no("available_ind"),
    Field("duration", choices=tuple(DURATIONS)),
    Field("start_date", check=yyyymmdd),
    Field("end_date", check=yyyymmdd),
    ROW_STATUS,
    whole_number("days_of_use"),
    Field("description", UNLIMITED),
    Field("external_parent_term_key", TERM_KEY),
    Field("new_external_term_key", TERM_KEY, check=_term_key),
    Field("new_data_source_key", KEY),
    Field("term_type", choices=tuple(TERM_TYPES)),
))


class TermFeed(RecordFeed):
    name = noun = "term"
    spec = TERM
    key_fields = ("external_term_key",)

    def table(self, run: FeedRun) -> Terms:
        return run.learn.terms

    def key_after_store(self, values: dict[str, str]) -> str:
        return values.get("new_external_term_key") or values["external_term_key"]

    def find(self, run: FeedRun, key: str) -> Term | None:
        return run.learn.terms.by_external_id.get(key)

    def record_key(self, record: Term) -> str:
        return record.external_id

    def check(self, run: FeedRun, values: dict[str, str], record: Term | None) -> None:
        terms = run.learn.terms
        self.key_is_free(terms.by_external_id, values, "new_external_term_key", record, "term")
        parent_key = values.get("external_parent_term_key", "")
        if parent_key and parent_key.upper() != NO_PARENT:
            parent = terms.by_external_id.get(parent_key)
            if parent is None:
                raise RowError(f"external_parent_term_key {parent_key!r}: no term with that key exists; "
                               "post the parent term first", "external_parent_term_key")
            ancestor = parent
            while ancestor is not None:
                if ancestor is record or ancestor.external_id == values["external_term_key"]:
                    raise RowError(f"external_parent_term_key {parent_key!r} would make term "
                                   f"{values['external_term_key']!r} its own ancestor", "external_parent_term_key")
                ancestor = terms.get(ancestor.parent_pk) if ancestor.parent_pk else None
        start, end = date(values, "start_date"), date(values, "end_date")
        if start and end and end < start:
            raise RowError(f"end_date {values['end_date']} is before start_date {values['start_date']}", "end_date")

    def create(self, run: FeedRun, values: dict[str, str]) -> Term:
        return run.learn.terms.create(external_id=values["external_term_key"], name=values["name"],
                                      data_source=values["data_source_key"], owner=run.integration.pk)

    def apply(self, run: FeedRun, values: dict[str, str], term: Term, creating: bool) -> None:
        term.name = values["name"]
        if "description" in values:
            term.description = values["description"]
        if values.get("duration"):
            term.duration_type = DURATIONS[values["duration"]]
        for column in ("start_date", "end_date"):
            if column in values:
                setattr(term, column, date(values, column))
        if "days_of_use" in values:
            term.days_of_use = number(values, "days_of_use")
        if "term_type" in values:
            term.term_type = values["term_type"]
        parent_key = values.get("external_parent_term_key", "")
        if parent_key:
            parent = run.learn.terms.by_external_id.get(parent_key)
            term.parent_pk = parent.pk if parent is not None and parent_key.upper() != NO_PARENT else None
        self.rekey(run.learn.terms, term, values, "new_external_term_key", "external_id")

    def remove(self, run: FeedRun, term: Term) -> None:
        run.learn.terms.remove(term)

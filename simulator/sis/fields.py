"""Declarations of a feed object's columns: name, length limit, accepted values.

Checks that need only the row itself live here (required, length, enumerations,
dates); checks that need Learn's state live with the object.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

NAME, KEY, PHONE, TEXT, LONG_TEXT = 100, 64, 50, 100, 255


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    max_length: int = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    """Accepted values, compared case-insensitively; the lower-case form is kept."""
    check: Callable[[str], str | None] | None = None
    """Extra rule on a non-empty value: returns a problem sentence, or None."""
    secret: bool = False
    """A password field (or one a password may be swapped into): problems name the field,
    never quote its value."""

    def problem(self, value: str) -> str | None:
        """Why `value` is not acceptable for this field, or None when it is."""
        if not value:
            return f"{self.name} is required and is empty" if self.required else None
        if self.choices:
            if value.lower() not in self.choices:
                shown = "(value not shown: it may be a password)" if self.secret else repr(value)
                return f"{self.name} {shown} is not one of: {', '.join(self.choices)}"
            return None
        if len(value) > self.max_length:
            return f"{self.name} is {len(value)} characters long; at most {self.max_length} are allowed"
        if self.check is not None:
            return self.check(value)
        return None


def redact(text: str, secrets: list[str]) -> str:
    """`text` with every secret value replaced by `***` (a short one only as a whole word)."""
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, "***")
        elif secret:
            text = re.sub(rf"(?<!\w){re.escape(secret)}(?!\w)", "***", text)
    return text


def yyyymmdd(value: str) -> str | None:
    try:
        datetime.strptime(value, "%Y%m%d")
    except ValueError:
        return f"{value!r} is not a date of the form yyyymmdd"
    return None


@dataclass(frozen=True, slots=True)
class ObjectSpec:
    """The columns one feed object accepts."""

    name: str
    fields: tuple[Field, ...]
    by_name: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def missing_headers(self, headers: list[str], supplied_by_integration: set[str]) -> list[str]:
        present = set(headers) | supplied_by_integration
        return [name for name in self.required if name not in present]


ENABLED, DISABLED, DELETED = "enabled", "disabled", "deleted"
ROW_STATUS = Field("row_status", choices=(ENABLED, DISABLED, DELETED))
DATA_SOURCE_KEY = Field("data_source_key", KEY, required=True)
"""Required in every object, but the integration supplies it when the file does not."""


class ColumnProblem(Exception):
    """A column breaks its declaration: (column, problem sentence)."""

    def __init__(self, column: str, problem: str) -> None:
        super().__init__(problem)
        self.column = column


_CHECKS: dict[tuple, "RowCheck"] = {}


class RowCheck:
    """The column checks of one header, resolved once per file.

    `check(values)` normalises in place (enumerations to lower case, unknown columns
    dropped) and raises ColumnProblem for the first column, in file order, that breaks
    its declaration. A row whose fields are all non-empty and no longer than the
    shortest limit passes the required and length rules at once; any other row is
    checked column by column."""

    __slots__ = ("fields", "unknown", "choices", "extra", "shortest")

    def __init__(self, spec: ObjectSpec, names: list[str] | tuple[str, ...], only: tuple[str, ...] | None = None) -> None:
        """`only`: the columns whose content is checked (a delete checks only its keys)."""
        by_name = spec.by_name
        known = [(name, by_name[name]) for name in names if name in by_name]
        self.fields = [(name, field, only is None or name in only) for name, field in known]
        self.unknown = [name for name in names if name not in by_name]
        self.choices = [(name, field.choices) for name, field, checked in self.fields if field.choices]
        limited = [field for _, field, checked in self.fields if checked and not field.choices]
        self.extra = [(name, field) for name, field, checked in self.fields if checked and field.check]
        self.shortest = min((field.max_length for field in limited), default=1 << 30)

    @classmethod
    def of(cls, spec: ObjectSpec, names: tuple[str, ...], only: tuple[str, ...] | None = None) -> "RowCheck":
        """The checks of a header, made once per spec, header and `only` (they never change)."""
        key = (spec.name, id(spec), names, only)
        found = _CHECKS.get(key)
        if found is None:
            if len(_CHECKS) > 1024:
                _CHECKS.clear()
            found = _CHECKS[key] = cls(spec, names, only)
        return found

    def check(self, values: dict[str, str]) -> None:
        for name in self.unknown:
            values.pop(name, None)
        fast = "" not in values.values() and max(map(len, values.values()), default=0) <= self.shortest
        if fast:
            for name, choices in self.choices:
                value = values.get(name)
                if value is not None:
                    lowered = value.lower()
                    if lowered not in choices:
                        fast = False
                        break
                    values[name] = lowered
            else:
                for name, field in self.extra:
                    if field.check(values[name]) is not None:
                        fast = False
                        break
        if not fast:
            self._one_by_one(values)

    def _one_by_one(self, values: dict[str, str]) -> None:
        for name, field, checked in self.fields:
            value = values.get(name)
            if value is None:
                continue
            if checked:
                problem = field.problem(value)
                if problem:
                    raise ColumnProblem(name, problem)
            if field.choices:
                values[name] = value.lower()

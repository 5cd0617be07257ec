"""The kinds of value an attribute takes, and how values travel as JSON.

Input is forgiving about form, never about meaning: a boolean may come as JSON
`true`/`false` or the strings `true`/`false`/`Y`/`N`; a number as a JSON number or
a numeric string; a date as `yyyy-mm-dd` or an ISO 8601 timestamp (UTC when no
offset is given). Enumerations are case-insensitive and kept upper case. Anything
else is refused with a sentence naming the attribute and what it accepts.
Output: text as text, booleans and numbers as JSON, dates as Learn's REST
timestamps (`2026-01-05T09:00:00.000Z`).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any

from simulator.clock import rest_timestamp

REFERENCES = ("user", "course", "group", "portalRole", "courseMembership")


class ValueProblem(ValueError):
    """The value does not fit the attribute's kind; the message says what would."""


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    """`text`, `bool`, `int`, `number`, `date`, `enum`, `password`, `id` or `ref`."""
    max_length: int = 0
    choices: tuple[str, ...] = ()
    target: str = ""
    """For `ref`: what it refers to (one of `REFERENCES`)."""
    aliases: tuple[tuple[str, str], ...] = ()
    """For `enum`: accepted spellings that stand for another value (`DEFAULT` -> its meaning)."""

    def as_json(self) -> dict:
        body: dict[str, Any] = {"type": self.name}
        if self.max_length:
            body["maxLength"] = self.max_length
        if self.choices:
            body["values"] = list(self.choices) + [alias for alias, _ in self.aliases]
        if self.target:
            body["refersTo"] = self.target
        return body

    def parse(self, raw: Any, attribute: str) -> Any:
        """The stored form of `raw`, or ValueProblem naming `attribute`."""
        parser = _PARSERS[self.name]
        return parser(self, raw, attribute)

    def render(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, datetime):
            return rest_timestamp(value)
        if isinstance(value, Decimal):
            return float(value)
        return value


def kind_of(text: str) -> Kind:
    """`text:100`, `bool`, `enum:A,B=A`, `ref:course`, …"""
    name, _, argument = text.partition(":")
    if name == "text":
        return Kind("text", max_length=int(argument or 255))
    if name == "enum":
        values, aliases = [], []
        for item in argument.split(","):
            alias, _, meaning = item.partition("=")
            (aliases.append((alias, meaning)) if meaning else values.append(alias))
        return Kind("enum", choices=tuple(values), aliases=tuple(aliases))
    if name == "ref":
        if argument not in REFERENCES:
            raise ValueError(f"unknown reference target {argument!r}")
        return Kind("ref", max_length=100, target=argument)
    if name in ("bool", "int", "number", "date", "password", "id"):
        return Kind(name, max_length=255 if name == "password" else 0)
    raise ValueError(f"unknown attribute kind {text!r}")


def _text(kind: Kind, raw: Any, attribute: str) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise ValueProblem(f"{attribute} takes text, not {type(raw).__name__}")
    value = str(raw).strip()
    if kind.max_length and len(value) > kind.max_length:
        raise ValueProblem(f"{attribute} is {len(value)} characters long; at most {kind.max_length} are allowed")
    return value


def _bool(kind: Kind, raw: Any, attribute: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower() if isinstance(raw, str) else None
    if text in ("true", "y", "yes"):
        return True
    if text in ("false", "n", "no"):
        return False
    raise ValueProblem(f"{attribute} takes true or false, not {raw!r}")


def _int(kind: Kind, raw: Any, attribute: str) -> int:
    if isinstance(raw, bool):
        raise ValueProblem(f"{attribute} takes a whole number, not {raw!r}")
    try:
        value = int(str(raw).strip()) if isinstance(raw, str) else raw
    except ValueError:
        raise ValueProblem(f"{attribute} takes a whole number, not {raw!r}") from None
    if not isinstance(value, int) or value < 0:
        raise ValueProblem(f"{attribute} takes a whole number >= 0, not {raw!r}")
    return value


def _number(kind: Kind, raw: Any, attribute: str) -> Decimal:
    if isinstance(raw, bool):
        raise ValueProblem(f"{attribute} takes a number, not {raw!r}")
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueProblem(f"{attribute} takes a number, not {raw!r}") from None
    if not value.is_finite() or value < 0:
        raise ValueProblem(f"{attribute} takes a number >= 0, not {raw!r}")
    return value


def parse_date(raw: Any, attribute: str) -> datetime:
    if not isinstance(raw, str):
        raise ValueProblem(f"{attribute} takes a date (yyyy-mm-dd or ISO 8601), not {raw!r}")
    text = raw.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueProblem(f"{attribute} takes a date (yyyy-mm-dd or ISO 8601), not {raw!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _date(kind: Kind, raw: Any, attribute: str) -> datetime:
    return parse_date(raw, attribute)


def _enum(kind: Kind, raw: Any, attribute: str) -> str:
    text = str(raw).strip().upper() if isinstance(raw, str) else None
    meanings = dict(kind.aliases)
    if text in meanings:
        return meanings[text]
    if text not in kind.choices:
        accepted = ", ".join(list(kind.choices) + list(meanings))
        raise ValueProblem(f"{attribute} {raw!r} is not one of: {accepted}")
    return text


def _password(kind: Kind, raw: Any, attribute: str) -> str:
    if not isinstance(raw, str) or not raw:
        raise ValueProblem(f"{attribute} takes a non-empty text")
    if len(raw) > kind.max_length:
        raise ValueProblem(f"{attribute} is longer than {kind.max_length} characters")
    return raw


def _id(kind: Kind, raw: Any, attribute: str) -> str:
    return _text(Kind("text", max_length=100), raw, attribute)


_PARSERS = {"text": _text, "bool": _bool, "int": _int, "number": _number, "date": _date, "enum": _enum,
            "password": _password, "id": _id, "ref": _id}

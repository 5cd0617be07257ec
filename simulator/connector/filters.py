"""Export filters: which records an export includes (seed 002, "Set Filter").

A filter is a list of conditions that must all hold. A condition names a key, an
operator and a value (or a date):
- keys are the seed's search operations — `userName`, `batchUid`, `id`, `courseId`,
  `courseMembershipId`, `groupId`, `portalRoleId` — as they apply to the data format
  (a user's `courseId` values are the courses it is enrolled in, by id or course id;
  a course's `userName` values its members; a user's `portalRoleId` values its primary
  and secondary roles, …), or any other top-level attribute of the format;
- text operators `equals`, `notEquals`, `contains`, `startsWith`, `endsWith` compare
  without regard to case; a key with several values matches when any value does
  (`notEquals`: when none equals);
- order operators `lessThan`, `lessOrEqual`, `greaterThan`, `greaterOrEqual` compare
  numbers as numbers and dates as dates; for dates `before`, `after` and `on` (the
  same UTC day) read more naturally.
The same filter can be written as text (the "Filter Syntax" box):
`userName startsWith "j" and lastLoginDate before 2026-02-01`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from simulator.connector.errors import Refusal
from simulator.connector.values import ValueProblem, parse_date

if TYPE_CHECKING:
    from simulator.connector.formats.base import DataFormat
    from simulator.connector.session import Session

SEARCH_KEYS = ("userName", "batchUid", "id", "courseId", "courseMembershipId", "groupId", "portalRoleId")
TEXT_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "equals": lambda seen, wanted: seen == wanted,
    "notEquals": lambda seen, wanted: seen != wanted,
    "contains": lambda seen, wanted: wanted in seen,
    "startsWith": lambda seen, wanted: seen.startswith(wanted),
    "endsWith": lambda seen, wanted: seen.endswith(wanted),
}
ORDER_OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "lessThan": lambda a, b: a < b, "lessOrEqual": lambda a, b: a <= b,
    "greaterThan": lambda a, b: a > b, "greaterOrEqual": lambda a, b: a >= b,
    "before": lambda a, b: a < b, "after": lambda a, b: a > b,
    "on": lambda a, b: a.date() == b.date(),
}
CONDITION = re.compile(r'\s*(\w+)\s+(\w+)\s+("(?:[^"\\]|\\.)*"|\S+)\s*')


@dataclass(frozen=True, slots=True)
class Condition:
    key: str
    operator: str
    value: Any

    def as_json(self) -> dict:
        value = self.value.isoformat() if isinstance(self.value, datetime) else self.value
        return {"key": self.key, "operator": self.operator, "value": value}


def parse_filter(fmt: "DataFormat", raw: Any) -> list[Condition]:
    """Conditions from a list of `{key, operator, value|date}` objects or from filter text."""
    if raw in (None, "", []):
        return []
    if isinstance(raw, str):
        raw = _from_text(raw)
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise Refusal.of("filter", "value", "filter must be a list of conditions or filter text")
    return [_condition(fmt, item) for item in raw]


def _from_text(text: str) -> list[dict]:
    parts = re.split(r'\s+and\s+(?=(?:[^"]*"[^"]*")*[^"]*$)', text.strip(), flags=re.IGNORECASE)
    conditions = []
    for part in parts:
        match = CONDITION.fullmatch(part)
        if match is None:
            raise Refusal.of("filter", "value", f"filter text {part!r} is not of the form: key operator value")
        key, operator, value = match.groups()
        if value.startswith('"'):
            value = value[1:-1].replace('\\"', '"')
        conditions.append({"key": key, "operator": operator, "value": value})
    return conditions


def _condition(fmt: "DataFormat", item: Any) -> Condition:
    if not isinstance(item, dict) or "key" not in item or "operator" not in item:
        raise Refusal.of("filter", "value", "each filter condition needs a key and an operator")
    key, operator = item["key"], item["operator"]
    attribute = fmt.attributes.get(key)
    if key not in SEARCH_KEYS and (attribute is None or attribute.group or not attribute.exportable):
        raise Refusal.of("filter", "value", f"filter key {key!r} is neither a search operation "
                                            f"({', '.join(SEARCH_KEYS)}) nor an attribute of {fmt.name}")
    raw = item.get("date", item.get("value"))
    if raw is None:
        raise Refusal.of("filter", "value", f"filter condition on {key!r} needs a value or a date")
    is_date = "date" in item or (attribute is not None and attribute.kind.name == "date")
    if operator in TEXT_OPERATORS and not is_date:
        return Condition(key, operator, str(raw).lower())
    if operator not in ORDER_OPERATORS:
        raise Refusal.of("filter", "value", f"filter operator {operator!r} is not one of: "
                                            f"{', '.join([*TEXT_OPERATORS, *ORDER_OPERATORS])}")
    if is_date:
        try:
            return Condition(key, operator, parse_date(raw, f"filter date for {key}"))
        except ValueProblem as exc:
            raise Refusal.of("filter", "value", str(exc)) from None
    if operator in ("before", "after", "on"):
        raise Refusal.of("filter", "value", f"filter operator {operator!r} compares dates; {key!r} is not a date")
    return Condition(key, operator, _number_or_text(raw))


def _number_or_text(value: Any) -> Any:
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value).lower()


def matches(session: "Session", fmt: "DataFormat", record: Any, conditions: list[Condition]) -> bool:
    return all(_holds(session, fmt, record, c) for c in conditions)


def _holds(session: "Session", fmt: "DataFormat", record: Any, condition: Condition) -> bool:
    values = fmt.search_values(session, record, condition.key) if condition.key in SEARCH_KEYS else None
    if values is None:
        value = fmt.read(session, record, condition.key) if condition.key in fmt.attributes else None
        values = [] if value is None else [value]
    if condition.operator in TEXT_OPERATORS:
        texts = [str(v).lower() for v in values]
        test = TEXT_OPERATORS[condition.operator]
        if condition.operator == "notEquals":
            return all(test(t, condition.value) for t in texts)
        return any(test(t, condition.value) for t in texts)
    test = ORDER_OPERATORS[condition.operator]
    wanted = condition.value
    for value in values:
        seen = value if isinstance(value, datetime) else _number_or_text(value)
        if type(seen) is type(wanted) or (isinstance(seen, float) and isinstance(wanted, float)):
            if test(seen, wanted):
                return True
    return False

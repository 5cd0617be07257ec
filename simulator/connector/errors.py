"""Refusals: every one names the attribute, the rule it broke and what was wrong."""
from __future__ import annotations

from dataclasses import dataclass

RULES = {
    "unknown": "the data format has no such attribute",
    "create": "cannot be set when the record is created",
    "modify": "cannot be changed by Modify",
    "remove": "cannot be removed by Modify (Delete)",
    "mandatory": "is mandatory",
    "multi-valued": "is a list of sub-records",
    "single-valued": "takes one value",
    "value": "the value does not fit the attribute",
    "unique": "must be unique",
    "reference": "must name an existing record",
    "disabled-user": "a disabled user cannot get new memberships or roles",
    "constraint": "a rule of Learn's data model",
    "not-found": "no such record",
}


@dataclass(frozen=True, slots=True)
class Problem:
    attribute: str
    rule: str
    message: str
    status: int = 400

    def as_json(self) -> dict:
        return {"attribute": self.attribute, "rule": self.rule, "message": self.message}


class Refusal(Exception):
    """An operation refused as a whole; nothing was changed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    @classmethod
    def of(cls, attribute: str, rule: str, message: str, status: int = 400) -> "Refusal":
        return cls([Problem(attribute, rule, message, status)])

    @property
    def status(self) -> int:
        return max(p.status for p in self.problems)


class NotSupported(Exception):
    """An identity operation the connector documents as unsupported."""

"""Attribute declarations: the seed's attribute tables, as data.

Each data format declares its attributes in a table with one row per attribute:
name, personal info, multi-valued, create, modify, remove, mandatory, exportable,
and the kind of value it takes. The rows are the contract every operation is
checked against:

- *create* `N`: the attribute cannot be given on Add;
- *modify* `N`: it cannot be given to Modify (Add or Replace);
- *remove* `N`: Modify (Delete) cannot remove it; a mandatory attribute must keep a
  value, so removing one is refused too;
- *mandatory* `Y`: Add without it is refused (for a sub-record attribute: a
  sub-record without it is refused);
- *exportable* `N`: export never shows it (the user's password).

Sub-record attributes are named `group->attribute` (`courseMembership->role`); the
first sub-record attribute declared with mandatory `Y` identifies the sub-record.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from simulator.connector.values import Kind, kind_of

SUB = "->"


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    personal_info: bool | None
    """None where the seed's table has no personal-info column."""
    multi_valued: bool
    create: bool
    modify: bool
    remove: bool
    mandatory: bool | None
    """None where the seed says NA (the primary keys Learn assigns)."""
    exportable: bool
    kind: Kind

    @property
    def group(self) -> str | None:
        """The sub-record this attribute belongs to, or None for a top-level attribute."""
        return self.name.split(SUB)[0] if SUB in self.name else None

    @property
    def leaf(self) -> str:
        return self.name.split(SUB)[-1]

    def as_json(self) -> dict:
        return {"name": self.name, "personalInfo": _flag(self.personal_info), "multiValued": _flag(self.multi_valued),
                "create": _flag(self.create), "modify": _flag(self.modify), "remove": _flag(self.remove),
                "mandatory": _flag(self.mandatory), "exportable": _flag(self.exportable), **self.kind.as_json()}


def _flag(value: bool | None) -> str:
    return "NA" if value is None else ("Y" if value else "N")


def _parse_flag(text: str, where: str) -> bool | None:
    text = text.strip().upper()
    if text in ("", "NA"):
        return None
    if text not in ("Y", "N"):
        raise ValueError(f"{where}: flag {text!r} is not Y, N or NA")
    return text == "Y"


COLUMNS = ("name", "personal", "multi", "create", "modify", "remove", "mandatory", "export", "kind")


def table(text: str) -> dict[str, Attribute]:
    """Read an attribute table: a header row of `COLUMNS`, then one row per attribute."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in text.strip().splitlines()]
    header, *body = rows
    if tuple(header) != COLUMNS:
        raise ValueError(f"attribute table header must be {' | '.join(COLUMNS)}, not {' | '.join(header)}")
    declared: dict[str, Attribute] = {}
    for row in body:
        if len(row) != len(COLUMNS):
            raise ValueError(f"attribute row {row} has {len(row)} cells, not {len(COLUMNS)}")
        cell = dict(zip(COLUMNS, row))
        name = cell["name"].replace(" ", "")
        flags = {c: _parse_flag(cell[c], name) for c in COLUMNS[1:8]}
        declared[name] = Attribute(name, flags["personal"], bool(flags["multi"]), bool(flags["create"]),
                                   bool(flags["modify"]), bool(flags["remove"]), flags["mandatory"],
                                   bool(flags["export"]), kind_of(cell["kind"]))
    return declared


@dataclass(frozen=True, slots=True)
class SubRecordSpec:
    """A multi-valued sub-record (`courseMembership`, …) and the attribute that identifies it."""

    name: str
    key: str
    attributes: tuple[Attribute, ...]

    def attribute(self, leaf: str) -> Attribute | None:
        return next((a for a in self.attributes if a.leaf == leaf), None)


def sub_records(attributes: dict[str, Attribute]) -> dict[str, SubRecordSpec]:
    groups: dict[str, list[Attribute]] = {}
    for attribute in attributes.values():
        if attribute.group:
            groups.setdefault(attribute.group, []).append(attribute)
    specs = {}
    for name, members in groups.items():
        key = next(a.leaf for a in members if a.mandatory)
        specs[name] = SubRecordSpec(name, key, tuple(members))
    return specs


def top_level(attributes: dict[str, Attribute]) -> Iterator[Attribute]:
    return (a for a in attributes.values() if a.group is None)

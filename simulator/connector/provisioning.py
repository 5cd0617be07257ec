"""Add, Modify (Add / Replace / Delete) and Delete, checked against the attribute tables.

Meanings (seed 002, "Dataformats and Supported Operations"):
- **Add** creates a record; mandatory attributes must be present, attributes whose
  *create* flag is `N` must not be; sub-records given with it are added too
  (a user's enrolments, a course's members, a group's members, a role's holders).
- **Modify (Add)** gives an empty attribute a value and adds new sub-records while
  keeping the existing ones; an attribute that already holds another value needs
  Replace.
- **Modify (Replace)** changes attributes, and attributes of existing sub-records
  (found by their key); it never adds or removes a sub-record.
- **Modify (Delete)** removes attributes (back to Learn's default) and removes
  sub-records named by their key, or single attributes of them.
- **Delete** removes the record with everything hanging off it.

Every request is all or nothing: the first problem found refuses it and nothing
changes; when the request itself is malformed, every problem is listed at once.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.connector.attributes import SUB, Attribute
from simulator.connector.errors import Problem, Refusal
from simulator.connector.formats.base import DataFormat
from simulator.connector.folding import unfold
from simulator.connector.values import ValueProblem

if TYPE_CHECKING:
    from simulator.connector.session import Session

MODIFY_OPERATIONS = ("add", "replace", "delete")


def _parse(attribute: Attribute, raw: Any, problems: list[Problem]) -> Any:
    try:
        return attribute.kind.parse(raw, attribute.name)
    except ValueProblem as exc:
        problems.append(Problem(attribute.name, "value", str(exc)))
        return None


def _allowed(attribute: Attribute, flag: str, problems: list[Problem], operation: str) -> bool:
    if not getattr(attribute, flag):
        problems.append(Problem(attribute.name, flag, f"{attribute.name} cannot be {operation} (its {flag} flag is N)"))
        return False
    return True


def _top(fmt: DataFormat, name: str, problems: list[Problem]) -> Attribute | None:
    attribute = fmt.attributes.get(name)
    if attribute is None or attribute.group is not None:
        problems.append(Problem(name, "unknown", f"the {fmt.name} data format has no attribute {name!r}"))
        return None
    return attribute


def _sub_items(fmt: DataFormat, group: str, raw: Any, problems: list[Problem]) -> list[dict]:
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        problems.append(Problem(group, "multi-valued", f"{group} takes a list of sub-records (JSON objects)"))
        return []
    return raw


def _checked_sub(fmt: DataFormat, group: str, item: dict, flag: str, operation: str,
                 problems: list[Problem], nulls_allowed: bool = False) -> dict[str, Any]:
    """One sub-record: known attributes, allowed by `flag` (the key is always allowed to identify it)."""
    spec = fmt.subs[group]
    values: dict[str, Any] = {}
    if spec.key not in item or item[spec.key] in (None, ""):
        problems.append(Problem(f"{group}{SUB}{spec.key}", "mandatory",
                                f"{group}{SUB}{spec.key} is mandatory: it identifies the {group}"))
    for leaf, raw in item.items():
        attribute = spec.attribute(leaf)
        if attribute is None:
            problems.append(Problem(f"{group}{SUB}{leaf}", "unknown", f"{group} has no attribute {leaf!r}"))
            continue
        if leaf == spec.key:
            values[leaf] = raw
            continue
        if not _allowed(attribute, flag, problems, operation):
            continue
        if raw is None and nulls_allowed:
            values[leaf] = None
            continue
        values[leaf] = _parse(attribute, raw, problems)
    if flag == "create":
        for attribute in spec.attributes:
            if attribute.mandatory and attribute.leaf not in item:
                problems.append(Problem(attribute.name, "mandatory", f"{attribute.name} is mandatory in a new {group}"))
    return values


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise Refusal(problems)


def add(session: "Session", fmt: DataFormat, record: dict[str, Any], delimiter: str | None = None) -> Any:
    """Create one record (and its sub-records)."""
    if delimiter is not None:
        record = unfold(fmt, record, delimiter)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    subs: dict[str, list[dict]] = {}
    for name, raw in record.items():
        if name in fmt.subs:
            subs[name] = [_checked_sub(fmt, name, item, "create", "set when it is created", problems)
                          for item in _sub_items(fmt, name, raw, problems)]
            continue
        attribute = _top(fmt, name, problems)
        if attribute is not None and _allowed(attribute, "create", problems, "set when the record is created"):
            if raw is not None:
                values[name] = _parse(attribute, raw, problems)
    for attribute in fmt.attributes.values():
        if attribute.group is None and attribute.mandatory and values.get(attribute.name) in (None, ""):
            if not any(p.attribute == attribute.name for p in problems):
                problems.append(Problem(attribute.name, "mandatory",
                                        f"{attribute.name} is mandatory when a {fmt.name} is created"))
    _raise(problems)

    def apply(s: "Session") -> Any:
        created = fmt.create(s, values)
        for group, items in subs.items():
            for item in items:
                fmt.sub_add(s, created, group, item)
        return created
    return session.run(apply)


def modify(session: "Session", fmt: DataFormat, ref: str, changes: dict[str, Any], delimiter: str | None = None) -> Any:
    """Apply Modify (Add / Replace / Delete) sections in the order given."""
    problems: list[Problem] = []
    unknown = [op for op in changes if op not in MODIFY_OPERATIONS]
    for op in unknown:
        problems.append(Problem(op, "unknown", f"Modify has no operation {op!r}; use {', '.join(MODIFY_OPERATIONS)}"))
    plan: list[tuple[str, str, Any]] = []
    for op in MODIFY_OPERATIONS:
        section = changes.get(op)
        if section is None:
            continue
        if op == "delete" and isinstance(section, list):
            section = {name: None for name in section if isinstance(name, str)}
        if not isinstance(section, dict):
            problems.append(Problem(op, "value", f"the {op} section must be a JSON object of attributes"))
            continue
        if delimiter is not None:
            section = unfold(fmt, section, delimiter, keep_nulls=(op == "delete"))
        plan += [(op, name, raw) for name, raw in section.items()]
    checked = [_check_change(fmt, op, name, raw, problems) for op, name, raw in plan]
    _raise(problems)
    record = fmt.find(session, ref)
    if record is None:
        raise Refusal.of(fmt.key, "not-found", f"{fmt.key}: no {fmt.name} {ref!r}", 404)

    def apply(s: "Session") -> Any:
        for op, name, value in checked:
            if name in fmt.subs:
                _apply_sub(s, fmt, record, op, name, value)
            else:
                _apply_top(s, fmt, record, op, name, value)
        return record
    return session.run(apply)


def _check_change(fmt: DataFormat, op: str, name: str, raw: Any, problems: list[Problem]) -> tuple[str, str, Any]:
    if name in fmt.subs:
        flag = {"add": "create", "replace": "modify", "delete": "remove"}[op]
        verb = {"add": "set on a new sub-record", "replace": "changed by Modify", "delete": "removed by Modify (Delete)"}[op]
        items = [_checked_sub(fmt, name, item, flag, verb, problems, nulls_allowed=(op == "delete"))
                 for item in _sub_items(fmt, name, raw, problems)]
        if op == "delete":
            for item in items:
                for leaf in item:
                    attribute = fmt.subs[name].attribute(leaf)
                    if leaf != fmt.subs[name].key and attribute is not None and attribute.mandatory:
                        problems.append(Problem(attribute.name, "mandatory", f"{attribute.name} is mandatory and "
                                                                             "cannot be removed"))
        return op, name, items
    attribute = _top(fmt, name, problems)
    if attribute is None:
        return op, name, None
    if op == "delete":
        if _allowed(attribute, "remove", problems, "removed by Modify (Delete)") and attribute.mandatory:
            problems.append(Problem(name, "mandatory", f"{name} is mandatory: it must keep a value and cannot be removed"))
        return op, name, None
    if not _allowed(attribute, "modify", problems, "changed by Modify"):
        return op, name, None
    if raw is None:
        problems.append(Problem(name, "value", f"{name}: {op} needs a value; use the delete section to remove it"))
        return op, name, None
    return op, name, _parse(attribute, raw, problems)


def _apply_top(session: "Session", fmt: DataFormat, record: Any, op: str, name: str, value: Any) -> None:
    if op == "delete":
        fmt.clear(session, record, name)
        return
    current = fmt.read(session, record, name)
    if op == "add" and current not in (None, "", value) and fmt.attributes[name].kind.name != "bool":
        raise Refusal.of(name, "single-valued", f"{name} already holds {fmt.attributes[name].kind.render(current)!r}; "
                                                "Modify (Add) fills empty attributes, use Replace to change it", 409)
    fmt.write(session, record, name, value)


def _apply_sub(session: "Session", fmt: DataFormat, record: Any, op: str, group: str, items: list[dict]) -> None:
    key = fmt.subs[group].key
    for item in items:
        if op == "add":
            fmt.sub_add(session, record, group, item)
            continue
        sub = fmt.sub_find(session, record, group, item[key])
        if sub is None:
            raise Refusal.of(f"{group}{SUB}{key}", "not-found",
                             f"{group}{SUB}{key}: the record has no {group} {item[key]!r}"
                             + ("; Replace never adds one, use Add" if op == "replace" else ""), 404)
        leaves = [leaf for leaf in item if leaf != key]
        if op == "replace":
            for leaf in leaves:
                fmt.sub_write(session, sub, group, leaf, item[leaf])
        elif leaves:
            for leaf in leaves:
                fmt.sub_clear(session, sub, group, leaf)
        else:
            fmt.sub_remove(session, record, group, sub)


def delete(session: "Session", fmt: DataFormat, ref: str) -> None:
    record = fmt.find(session, ref)
    if record is None:
        raise Refusal.of(fmt.key, "not-found", f"{fmt.key}: no {fmt.name} {ref!r}", 404)
    session.run(lambda s: fmt.delete(s, record))

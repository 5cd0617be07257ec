"""Export: full, or delta since the previous export of the same query (seed 002,
"Configuring for Export").

- `FullExport` lists every matching record with every exportable attribute that
  holds a value.
- `DeltaExport` lists the records added, changed or deleted since the previous
  export of the same query (the query is its `query` name, or else its data format,
  filter and attribute selection); the first one lists every record as added.
  `DeltaExportMode` chooses the attributes of a changed record:
  `OnlyChangedAttributes`, `ChangedAndMandatoryAttributes` (default: the changed
  ones, the table's mandatory ones and those named in `alwaysExport`) or
  `AllAttributes` (every attribute with a value). In every mode an attribute that
  lost its value is listed as `null`, so no removal goes unreported.
- Data formats: `Profiles` (default) gives each record's attributes (and, for a
  delta, the ids of deleted records apart); `ChangeLog` gives one entry per change
  with its type (`add`, `modify`, `delete`).
- Sub-records are nested lists, or folded (`foldSubRecords`) into one text per
  sub-attribute joined by `delimiter`. The record's key attribute is always shown;
  the password never. `attributes` selects what to show; a sub-record's attributes can
  be selected one by one (`courseMembership->role`).
- Paging: with `pageSize`, the first answer holds that many entries and a `cursor`;
  asking again with the cursor gives the next page. A delta is taken once, when the
  first page is asked for.
"""
from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.connector.attributes import SUB
from simulator.connector.errors import Refusal
from simulator.connector.filters import Condition, matches, parse_filter
from simulator.connector.folding import check_delimiter, fold
from simulator.connector.formats.base import DataFormat

if TYPE_CHECKING:
    from simulator.connector.session import Session

EXPORT_MODES = ("FullExport", "DeltaExport")
DELTA_MODES = ("OnlyChangedAttributes", "ChangedAndMandatoryAttributes", "AllAttributes")
DATA_FORMATS = ("Profiles", "ChangeLog")
MAX_PAGE = 1000


@dataclass(frozen=True, slots=True)
class ExportRequest:
    export_mode: str
    delta_mode: str
    data_format: str
    conditions: list[Condition]
    selection: tuple[str, ...] | None
    always: tuple[str, ...]
    delimiter: str | None
    page_size: int | None
    query: str


def _choice(body: dict, name: str, choices: tuple[str, ...], default: str) -> str:
    value = body.get(name, default)
    if value not in choices:
        raise Refusal.of(name, "value", f"{name} {value!r} is not one of: {', '.join(choices)}")
    return value


def _names(fmt: DataFormat, body: dict, option: str) -> tuple[str, ...] | None:
    raw = body.get(option)
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(n, str) for n in raw):
        raise Refusal.of(option, "value", f"{option} must be a list of attribute names")
    unknown = [n for n in raw if n not in fmt.attributes and n not in fmt.subs]
    if unknown:
        raise Refusal.of(option, "unknown", f"{option}: the {fmt.name} data format has no attribute {unknown[0]!r}")
    return tuple(raw)


def parse_request(fmt: DataFormat, body: dict) -> ExportRequest:
    page_size = body.get("pageSize")
    if page_size is not None and (isinstance(page_size, bool) or not isinstance(page_size, int)
                                  or not 1 <= page_size <= MAX_PAGE):
        raise Refusal.of("pageSize", "value", f"pageSize must be a whole number from 1 to {MAX_PAGE}")
    fold_sub_records = body.get("foldSubRecords", False)
    if not isinstance(fold_sub_records, bool):
        raise Refusal.of("foldSubRecords", "value", "foldSubRecords must be true or false")
    conditions = parse_filter(fmt, body.get("filter"))
    selection = _names(fmt, body, "attributes")
    query = body.get("query") or json.dumps([fmt.name, [c.as_json() for c in conditions], selection], sort_keys=True)
    return ExportRequest(
        export_mode=_choice(body, "exportMode", EXPORT_MODES, "FullExport"),
        delta_mode=_choice(body, "deltaExportMode", DELTA_MODES, "ChangedAndMandatoryAttributes"),
        data_format=_choice(body, "dataFormat", DATA_FORMATS, "Profiles"),
        conditions=conditions, selection=selection, always=_names(fmt, body, "alwaysExport") or (),
        delimiter=check_delimiter(body.get("delimiter", "-")) if fold_sub_records else None,
        page_size=page_size, query=str(query),
    )


def profile(session: "Session", fmt: DataFormat, record: Any) -> dict[str, Any]:
    """Every exportable attribute of `record` that holds a value; sub-records as lists."""
    out: dict[str, Any] = {}
    for attribute in fmt.attributes.values():
        if attribute.group is None and attribute.exportable:
            value = fmt.read(session, record, attribute.name)
            if value is not None:
                out[attribute.name] = attribute.kind.render(value)
    for group, spec in fmt.subs.items():
        items = []
        for sub in fmt.sub_list(session, record, group):
            item = {}
            for attribute in spec.attributes:
                if attribute.exportable:
                    value = fmt.sub_read(session, sub, group, attribute.leaf)
                    if value is not None and value != "":
                        item[attribute.leaf] = attribute.kind.render(value)
            items.append(item)
        if items:
            out[group] = sorted(items, key=lambda i: json.dumps(i.get(spec.key), default=str))
    return out


def run_export(session: "Session", fmt: DataFormat, body: dict) -> dict[str, Any]:
    connector = session.connector
    cursor = body.get("cursor")
    if cursor is not None:
        return connector.next_page(str(cursor))
    request = parse_request(fmt, body)
    current = {fmt.read(session, r, fmt.key): profile(session, fmt, r)
               for r in fmt.records(session) if matches(session, fmt, r, request.conditions)}
    if request.export_mode == "FullExport":
        entries = [("add", key, _select(fmt, request, values, None)) for key, values in current.items()]
    else:
        previous = connector.snapshots.get(request.query)
        entries = _delta(fmt, request, previous or {}, current)
        connector.snapshots[request.query] = current
    rendered = [_render(fmt, request, change, key, values) for change, key, values in entries]
    return connector.page(rendered, request.page_size, request.data_format)


def _delta(fmt: DataFormat, request: ExportRequest, previous: dict, current: dict) -> list[tuple[str, str, dict]]:
    entries = []
    for key, values in current.items():
        before = previous.get(key)
        if before is None:
            entries.append(("add", key, _select(fmt, request, values, None)))
            continue
        changed = {n for n in values.keys() | before.keys() if values.get(n) != before.get(n)}
        if changed:
            entries.append(("modify", key, _select(fmt, request, values, changed)))
    entries += [("delete", key, {fmt.key: key}) for key in previous if key not in current]
    return entries


def _select(fmt: DataFormat, request: ExportRequest, values: dict, changed: set[str] | None) -> dict:
    """The attributes a record shows under the request's selection and delta mode."""
    wanted = set(values) if changed is None else set(changed)
    if changed is not None and request.delta_mode == "AllAttributes":
        wanted |= set(values)
    if changed is not None and request.delta_mode == "ChangedAndMandatoryAttributes":
        wanted |= {a.name for a in fmt.attributes.values() if a.group is None and a.mandatory and a.exportable}
        wanted |= set(request.always)
    chosen = set(wanted if request.selection is None else request.selection) | set(request.always)
    partly = {name.split(SUB)[0] for name in chosen if SUB in name} - chosen
    if request.selection is not None:
        wanted &= chosen | partly
    wanted.add(fmt.key)
    shown = {name: values.get(name) for name in sorted(wanted, key=_order(fmt))
             if name in values or (changed and name in changed)}
    for group in partly & shown.keys():
        if shown[group] is not None:
            shown[group] = [{leaf: v for leaf, v in item.items() if f"{group}{SUB}{leaf}" in chosen}
                            for item in shown[group]]
    return shown


def _order(fmt: DataFormat):
    names = list(fmt.attributes) + list(fmt.subs)
    return lambda name: names.index(name) if name in names else len(names)


def _render(fmt: DataFormat, request: ExportRequest, change: str, key: str, values: dict) -> dict:
    if request.delimiter is not None:
        values = fold(fmt, {n: v for n, v in values.items() if v is not None}, request.delimiter) | \
            {n: None for n, v in values.items() if v is None}
    if request.data_format == "ChangeLog":
        return {"changeType": change, "id": key, "attributes": {} if change == "delete" else values}
    return {"id": key, "deleted": True} if change == "delete" else values


def new_cursor() -> str:
    return secrets.token_hex(8)

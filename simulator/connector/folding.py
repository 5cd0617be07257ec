"""Folded sub-records: a list of sub-records as one text attribute per sub-attribute.

Folded, the courseMemberships `[{courseId: A, role: STUDENT}, {courseId: B, role: INSTRUCTOR}]`
become `courseMembership->courseId = "A|B"` and `courseMembership->role = "STUDENT|INSTRUCTOR"`
with the delimiter `|`: the n-th part of every folded attribute belongs to the n-th
sub-record, and an empty part means the sub-record has no value there. Folding never
loses data: a value that contains the delimiter cannot be folded and is refused
(choose another delimiter); folded input whose attributes have different numbers of
parts is refused.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from simulator.connector.attributes import SUB
from simulator.connector.errors import Refusal

if TYPE_CHECKING:
    from simulator.connector.formats.base import DataFormat


def check_delimiter(delimiter: Any) -> str:
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter.isalnum() or delimiter.isspace():
        raise Refusal.of("delimiter", "value", f"the delimiter must be one character that is neither a letter, a "
                                               f"digit nor white space, not {delimiter!r}")
    return delimiter


def unfold(fmt: "DataFormat", record: dict[str, Any], delimiter: str, keep_nulls: bool = False) -> dict[str, Any]:
    """Turn folded `group->attr` texts back into lists of sub-records; other attributes pass through."""
    out: dict[str, Any] = {}
    folded: dict[str, dict[str, list[str]]] = {}
    for name, value in record.items():
        group, _, leaf = name.partition(SUB)
        if not leaf or group not in fmt.subs:
            out[name] = value
            continue
        if value is None and keep_nulls:
            folded.setdefault(group, {})[leaf] = []
            continue
        if not isinstance(value, str):
            raise Refusal.of(name, "value", f"{name} is folded and takes one text of values joined by {delimiter!r}")
        folded.setdefault(group, {})[leaf] = value.split(delimiter)
    for group, leaves in folded.items():
        counts = {leaf: len(parts) for leaf, parts in leaves.items() if parts}
        if len(set(counts.values())) > 1:
            detail = ", ".join(f"{group}{SUB}{leaf} has {n}" for leaf, n in counts.items())
            raise Refusal.of(group, "value", f"folded {group} attributes must have the same number of parts: {detail}")
        size = max(counts.values(), default=0)
        items = [{leaf: parts[i] for leaf, parts in leaves.items() if parts and parts[i] != ""} for i in range(size)]
        if keep_nulls:
            for item in items:
                item.update({leaf: None for leaf, parts in leaves.items() if not parts})
        out[group] = items
    return out


def fold(fmt: "DataFormat", profile: dict[str, Any], delimiter: str) -> dict[str, Any]:
    """Turn lists of sub-records into folded `group->attr` texts."""
    out: dict[str, Any] = {}
    for name, value in profile.items():
        if name not in fmt.subs:
            out[name] = value
            continue
        leaves = [a.leaf for a in fmt.subs[name].attributes if any(a.leaf in item for item in value)]
        for leaf in leaves:
            parts = []
            for item in value:
                text = _text(item.get(leaf))
                if delimiter in text:
                    raise Refusal.of(f"{name}{SUB}{leaf}", "value", f"{name}{SUB}{leaf} value {text!r} contains the "
                                                                    f"delimiter {delimiter!r}; choose another delimiter")
                parts.append(text)
            out[f"{name}{SUB}{leaf}"] = delimiter.join(parts)
    return out


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)

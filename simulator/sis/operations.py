"""The four Snapshot Flat File operations (SPEC §1.5).

- store: create or update every row; records not in the file are untouched.
- refresh (Complete Refresh): store every row, then apply the refresh behaviour to
  every record the integration owns that the file does not name.
- refreshlegacy (Complete Refresh By Data Source): the same, but only records in the
  file's data source(s) (the integration's when rows do not say) are candidates.
- delete: apply the object's delete behaviour to every record the file names.

Every row stands alone: a bad row is an error in the log and the others still apply.
A file missing a required header is refused whole and changes nothing. The cost is
O(rows) for the rows plus O(records owned) for the refresh phase.
"""
from __future__ import annotations

from typing import Callable, Hashable

from simulator.sis.dataset import ERROR, LogEntry
from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.parser import DELIMITERS, FeedFile
from simulator.sis.run import FeedRun

OPERATIONS = ("store", "refresh", "refreshlegacy", "delete")
Transform = Callable[[FeedRun, dict[str, str]], dict[str, str]]


def header_problem(obj: FeedObject, operation: str, names: list[str], transform: Transform | None = None,
                   delimiter: str = "|") -> str | None:
    """Why the header makes the whole file unusable, or None. Fields a field mapping
    fills need no column of their own."""
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return f"the header names {', '.join(repeated)} more than once"
    needed = obj.key_fields if operation == "delete" else obj.spec.required
    supplied = getattr(transform, "supplies", frozenset())
    missing = [n for n in needed if n not in names and n not in supplied and n != "data_source_key"]
    if missing:
        return f"required header {', '.join(missing)} is missing" + delimiter_hint(names, needed, delimiter)
    return None


def delimiter_hint(names: list[str], needed: tuple[str, ...] | list[str], expected: str) -> str:
    """When the header holds the required names but splits on another known delimiter,
    say so: the usual cause of a "missing" header is a file written with another delimiter."""
    if len(names) != 1:
        return ""
    line = names[0]
    for setting, char in DELIMITERS.items():
        if char == expected:
            continue
        found = {part.strip() for part in line.split(char)}
        if len(found) > 1 and all(n in found for n in needed if n != "data_source_key"):
            return (f" (this header splits on {char!r} ({setting}), but the integration expects {expected!r}: "
                    "write the file with the integration's delimiter, or change the integration's delimiter setting)")
    return ""


def validate(obj: FeedObject, values: dict[str, str], operation: str) -> dict[str, str]:
    """Check every column against its declaration; returns the normalised values."""
    checked: dict[str, str] = {}
    only_keys = operation == "delete"
    for name, value in values.items():
        spec = obj.spec.by_name.get(name)
        if spec is None:
            continue
        if not (only_keys and name not in obj.key_fields):
            problem = spec.problem(value)
            if problem:
                raise RowError(problem, name)
        checked[name] = value.lower() if spec.choices else value
    return checked


def run_operation(run: FeedRun, obj: FeedObject, operation: str, feed: FeedFile,
                  transform: Transform | None = None) -> None:
    dataset, integration = run.dataset, run.integration
    header = feed.header
    if header is None:
        dataset.info("the file is empty: no header row, nothing to do")
        return
    problem = header_problem(obj, operation, header.names, transform, feed.delimiter)
    if problem:
        rows = feed.row_count()
        dataset.log.append(LogEntry(ERROR, f"{problem}: the file was refused, its {rows} rows count as errors "
                                    "and nothing changed", header.line))
        dataset.completed += rows
        dataset.errors += rows
        dataset.outcomes["rejected"] += rows
        dataset.refused = problem
        return
    for name in header.names:
        if name not in obj.spec.by_name and name not in getattr(transform, "reads", frozenset()):
            dataset.warning(f"unknown header {name!r} is ignored: {obj.name} has no such field", header.line, name)
    seen: dict[Hashable, int] = {}
    stored: set[Hashable] = set()
    sources: set[str] = set()
    for row in feed.rows():
        run.line = row.line
        key: Hashable | None = None
        try:
            if row.values is None:
                raise RowError(row.problem or "wrong number of fields")
            values = transform(run, row.values) if transform else row.values
            if not values.get("data_source_key"):
                values["data_source_key"] = integration.data_source_key
            key = obj.key(values)
            if key in seen:
                run.warning(f"{obj.describe(key)} also appears on line {seen[key]}; this later row wins")
            seen[key] = row.line
            values = validate(obj, values, operation)
            sources.add(values["data_source_key"])
            if operation == "delete":
                _delete(run, obj, key)
            else:
                dataset.outcome(obj.store(run, values), obj.describe(key))
                stored.add(obj.key_after_store(values))
        except RowError as exc:
            dataset.error(str(exc), row.line, exc.field)
            dataset.outcome("rejected", obj.describe(key) if key else f"line {row.line}")
        dataset.completed += 1
    run.line = None
    named = stored.union(seen)
    if operation == "refresh":
        _refresh(run, obj, named, None)
    elif operation == "refreshlegacy":
        for source in sorted(sources or {integration.data_source_key}):
            _refresh(run, obj, named, source)


def _delete(run: FeedRun, obj: FeedObject, key: Hashable) -> None:
    record = obj.find(run, key)
    if record is None:
        run.warning(f"no {obj.name} record {obj.describe(key)!r} exists; nothing to delete")
        return
    behaviour = run.integration.delete_behaviour_for(obj.name)
    if behaviour == "none":
        run.info(f"delete behaviour for {obj.name} is none: {obj.describe(key)!r} left as it is")
    elif behaviour == "smart_delete":
        obj.purge(run, record)
        run.dataset.outcome("purged", obj.describe(key))
    elif obj.is_enabled(record):
        obj.disable(run, record)
        run.dataset.outcome("disabled", obj.describe(key))


def _refresh(run: FeedRun, obj: FeedObject, in_file: set[Hashable], data_source: str | None) -> None:
    """Disable (or purge) the owned records in scope that the file does not name."""
    behaviour = run.integration.refresh_behaviour
    scope = "" if data_source is None else f" in data source {data_source!r}"
    if behaviour == "none":
        run.info(f"refresh behaviour is none: records missing from the file{scope} were left as they are")
        return
    owned = list(obj.owned(run, data_source))
    missing = [r for r in owned if obj.record_key(r) not in in_file
               and (behaviour == "purge" or obj.is_enabled(r))]
    threshold = run.integration.refresh_threshold
    if threshold is not None and owned and len(missing) * 100 / len(owned) > threshold:
        run.warning(f"refresh guard: {len(missing)} of {len(owned)} owned {obj.name} records{scope} "
                    f"({len(missing) * 100 / len(owned):.1f}%) would have been {behaviour}d, more than the "
                    f"threshold of {threshold}%; none were, the rows were stored")
        return
    for record in missing:
        key = obj.describe(obj.record_key(record))
        if behaviour == "purge":
            obj.purge(run, record)
            run.dataset.outcome("purged", key)
        else:
            obj.disable(run, record)
            run.dataset.outcome("disabled", key)

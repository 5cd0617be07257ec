"""The four Snapshot Flat File operations (SPEC §1.5).

- store: create or update every row; records not in the file are untouched.
- refresh (Complete Refresh): store every row, then apply the refresh behaviour to
  every record the integration owns that the file does not name.
- refreshlegacy (Complete Refresh By Data Source): the same, but only records in the
  file's data source(s) (the integration's when rows do not say) are candidates.
- delete: apply the object's delete behaviour to every record the file names.

Every row stands alone: a bad row is an error in the log and the others still apply.
A file missing a required header, or whose header has an empty column name, is
refused whole and changes nothing. The cost is O(rows) for the rows plus O(records
owned) for the refresh phase.

Refresh and delete safety (SPEC §1.3, docs/decisions.md), the same for every object:
- a delete or a refresh phase acts only on records the posting integration owns; a
  delete row naming another integration's record is a warning and changes nothing;
- a key named by any row of the file, applied or rejected, as long as its key columns
  can be read (by position when the row has the wrong field count), is never disabled
  or purged by that file's refresh phase;
- a refresh in which no data row was applied skips its refresh phase and says why.
"""
from __future__ import annotations

from itertools import compress
from operator import itemgetter, not_
from typing import Callable, Hashable

from simulator.sis.dataset import ERROR, LogEntry
from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.fields import ColumnProblem, RowCheck
from simulator.sis.parser import DELIMITERS, FeedFile, split_lines
from simulator.sis.run import FeedRun

OPERATIONS = ("store", "refresh", "refreshlegacy", "delete")
Transform = Callable[[FeedRun, dict[str, str]], dict[str, str]]


def header_problem(obj: FeedObject, operation: str, names: list[str], transform: Transform | None = None,
                   delimiter: str = "|") -> str | None:
    """Why the header makes the whole file unusable, or None. Fields a field mapping
    fills need no column of their own."""
    empty = [str(i) for i, n in enumerate(names, 1) if not n]
    if empty:
        return (f"the header has an empty column name at position {', '.join(empty)} of {len(names)} "
                "(a delimiter at the end of the header, or two in a row?)")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        return f"the header names {', '.join(repeated)} more than once"
    needed = obj.key_fields if operation == "delete" else obj.spec.required
    supplied = getattr(transform, "supplies", frozenset())
    missing = [n for n in needed if n not in names and n not in supplied and n != "data_source_key"]
    if missing:
        return f"required header {', '.join(missing)} is missing" + delimiter_hint(names, needed, delimiter)
    return None


_PROBLEMS: dict[tuple, str | None] = {}


def _header_problem(obj: FeedObject, operation: str, names: list[str], transform: Transform | None,
                    delimiter: str) -> str | None:
    """`header_problem`, remembered per object, operation, header and delimiter when no
    field mapping is involved (a nightly job posts the same few headers again and again)."""
    if transform is not None:
        return header_problem(obj, operation, names, transform, delimiter)
    key = (type(obj), obj.spec.name, operation, tuple(names), delimiter)
    if key not in _PROBLEMS:
        if len(_PROBLEMS) > 1024:
            _PROBLEMS.clear()
        _PROBLEMS[key] = header_problem(obj, operation, names, None, delimiter)
    return _PROBLEMS[key]


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


def validate(obj: FeedObject, values: dict[str, str], operation: str, check: RowCheck | None = None) -> dict[str, str]:
    """Check every column against its declaration; normalises `values` in place and
    returns it. `check`: the header's checks, resolved once per file."""
    if check is None:
        check = RowCheck(obj.spec, list(values), obj.key_fields if operation == "delete" else None)
    try:
        check.check(values)
    except ColumnProblem as exc:
        raise RowError(str(exc), exc.column) from None
    return values


class FileKeys:
    """The keys a file's rows carry, with the line each first appears on (for the
    duplicate warning). Rows applied a batch at a time are kept as (first line, keys);
    their line numbers are worked out only when a duplicate asks for one."""

    __slots__ = ("keys", "rejected", "lines", "_batches")

    def __init__(self) -> None:
        self.keys: set[Hashable] = set()
        self.rejected: set[Hashable] = set()
        """The keys of rejected rows (a key named only by them names no record)."""
        self.lines: dict[Hashable, int] = {}
        self._batches: list[tuple[int, tuple]] = []

    def __contains__(self, key: Hashable) -> bool:
        return key in self.keys

    def add(self, key: Hashable, line: int) -> None:
        self.keys.add(key)
        self.lines.setdefault(key, line)

    def add_batch(self, first: int, keys: tuple | list, positions: list[int] | None = None) -> None:
        """Keys of rows applied together: `keys[i]` is on line `first + positions[i]`
        (`first + i` without positions)."""
        self.keys.update(keys)
        self._batches.append((first, keys, positions))

    def line(self, key: Hashable) -> int:
        """The line `key` first appears on."""
        for first, keys, positions in self._batches:  # once: from then on every line is in `lines`
            for position, k in zip(positions or range(len(keys)), keys):
                number = first + position
                if number < self.lines.setdefault(k, number):
                    self.lines[k] = number
        self._batches.clear()
        return self.lines[key]


class Named:
    """The keys a file names: every key a row carried (`seen`) plus the ones only
    re-keying or rejected rows name. Kept only by the refresh operations.

    `owned` counts the distinct records the integration owns that the file's applied
    rows name, when the file has a batch lane (its header has no column that re-keys
    or moves a record, so every record counted is still owned, still in the file and
    counted once): when that is every record the integration owns, none is missing."""

    __slots__ = ("seen", "more", "owned")

    def __init__(self, seen: FileKeys) -> None:
        self.seen, self.more, self.owned = seen, set(), 0

    def __contains__(self, key: Hashable) -> bool:
        return key in self.seen or key in self.more

    def missing(self, records: list, keys: list) -> list:
        """The records (with their keys, in the same order) that the file does not name."""
        unnamed = list(map(not_, map(self.seen.keys.__contains__, keys)))
        absent = list(compress(records, unnamed))
        if self.more and absent:
            absent = [r for r, k in zip(absent, compress(keys, unnamed)) if k not in self.more]
        return absent


def run_operation(run: FeedRun, obj: FeedObject, operation: str, feed: FeedFile,
                  transform: Transform | None = None) -> None:
    """Apply a file. Per file, not per row: the header's checks are resolved once; the
    rows come in batches, and an object with a batch lane (`FeedObject.lane`) applies
    the rows it can in bulk; every other row is one dict of its columns. Outcomes are
    counted (keys are kept only for dry-run reports)."""
    dataset, integration = run.dataset, run.integration
    header = feed.header
    if header is None:
        dataset.info("the file is empty: no header row, nothing to do")
        return
    problem = _header_problem(obj, operation, header.names, transform, feed.delimiter)
    if problem:
        rows = feed.row_count()
        dataset.log.append(LogEntry(ERROR, f"{problem}: the file was refused, its {rows} rows count as errors "
                                    "and nothing changed", header.line))
        dataset.completed += rows
        dataset.errors += rows
        dataset.outcomes["rejected"] += rows
        dataset.refused = problem
        return
    names = header.names
    for name in names:
        if name not in obj.spec.by_name and name not in getattr(transform, "reads", frozenset()):
            dataset.warning(f"unknown header {name!r} is ignored: {obj.name} has no such field", header.line, name)
    width, deleting = len(names), operation == "delete"
    check = None if transform else RowCheck.of(obj.spec, tuple(names), obj.key_fields if deleting else None)
    run.columns = None if transform else tuple(names)
    seen = FileKeys()
    refreshing = operation in ("refresh", "refreshlegacy")
    named = Named(seen)
    """Every key the file names, applied or rejected: the refresh phase spares them."""
    applied = rejected = 0
    sources: set[str] = set()
    default_source = integration.data_source_key
    key_of, key_after_store, store = obj.key, obj.key_after_store, obj.store
    if transform is None and type(obj).key is FeedObject.key and all(f in names for f in obj.key_fields):
        key_of = itemgetter(*obj.key_fields)  # what FeedObject.key gives when every row has the key columns
    lane = None if transform or deleting or run.learn.journal is not None else obj.lane(run, names, seen, sources)
    delimiter = feed.delimiter
    for first, lines in feed.batches():
        done = lane(first, lines) if lane is not None else ()
        applied += len(done)
        named.owned += len(done)
        if len(done) == len(lines):
            continue
        for number, parts in split_lines(first, lines, delimiter, done):
            run.line = number
            key: Hashable | None = None
            values: dict[str, str] | None = None
            try:
                if len(parts) != width:
                    raise RowError(f"the row has {len(parts)} fields but the header has {width}")
                values = dict(zip(names, parts))
                if transform:
                    values = transform(run, values)
                if not values.get("data_source_key"):
                    values["data_source_key"] = default_source
                key = key_of(values)
                first_time = key not in seen
                if not first_time:
                    run.warning(f"{obj.describe(key)} also appears on line {seen.line(key)}; this later row wins")
                seen.add(key, number)
                validate(obj, values, operation, check)
                sources.add(values["data_source_key"])
                if deleting:
                    _delete(run, obj, key)
                else:
                    dataset.outcome(store(run, values), key)
                    if lane is not None and first_time:
                        record = obj.find(run, key)
                        named.owned += record is not None and obj.owner(record) == integration.pk
                    if refreshing:
                        after = key_after_store(values)
                        if after != key:
                            named.more.add(after)
                applied += 1
            except RowError as exc:
                rejected += 1
                if key is not None:
                    seen.rejected.add(key)
                dataset.error(str(exc), number, exc.field)
                dataset.outcome("rejected", obj.describe(key) if key else f"line {number}")
                if refreshing:
                    named.more.update(_keys_named(obj, values, dict(zip(names, parts))))
            dataset.completed += 1
    run.line = None
    if not refreshing:
        return
    if not applied:
        why = f"all {rejected} data rows were rejected" if rejected else "the file has no data rows"
        dataset.warning(f"the refresh phase was skipped: {why}, and a refresh disables or purges the records "
                        "missing from its file only when at least one row was applied; nothing was disabled or purged")
    elif operation == "refresh":
        _refresh(run, obj, named, None)
    else:
        for source in sorted(sources or {integration.data_source_key}):
            _refresh(run, obj, named, source)


def _keys_named(obj: FeedObject, *readings: dict[str, str] | None) -> list[Hashable]:
    """The keys a rejected row names, from each reading of it (as mapped, as in the file)
    whose key columns all hold a value; a re-keying row names its new key too."""
    keys: list[Hashable] = []
    for values in readings:
        if values and all(values.get(f) for f in obj.key_fields):
            keys.append(obj.key(values))
            keys.append(obj.key_after_store(values))
    return keys


def _delete(run: FeedRun, obj: FeedObject, key: Hashable) -> None:
    record = obj.find(run, key)
    if record is None:
        run.warning(f"no {obj.name} record {obj.describe(key)!r} exists; nothing to delete")
        return
    owner = obj.owner(record)
    if owner != run.integration.pk:
        run.warning(f"{obj.name} {obj.describe(key)!r} belongs to "
                    f"{'another integration (' + owner + ')' if owner else 'no integration'}; "
                    f"integration {run.integration.bbid} deletes only its own records, so it was left as it is")
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


def _refresh(run: FeedRun, obj: FeedObject, in_file: Named, data_source: str | None) -> None:
    """Disable (or purge) the owned records in scope that the file does not name."""
    behaviour = run.integration.refresh_behaviour
    scope = "" if data_source is None else f" in data source {data_source!r}"
    if behaviour == "none":
        run.info(f"refresh behaviour is none: records missing from the file{scope} were left as they are")
        return
    owned = list(obj.owned(run, data_source))
    everyone = data_source is None and in_file.owned == len(owned)
    missing = [] if everyone else in_file.missing(owned, obj.record_keys(owned))
    if behaviour != "purge":
        missing = [r for r in missing if obj.is_enabled(r)]
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

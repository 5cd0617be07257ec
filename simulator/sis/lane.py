"""Batch lanes: a batch of rows applied column by column (see `FeedObject.lane`).

A feed is read a batch of lines at a time. An object with a lane first splits the
batch into columns and checks each column as a whole against the header's
declarations (required, length, accepted values); a lane then applies, in bulk, the
rows whose outcome it can be sure of — the same records, counts and (empty) log a
row-by-row pass would give — and leaves every other row to that pass. `BatchLane`
holds what every lane shares: the split, the column checks and the bookkeeping.
"""
from __future__ import annotations

from itertools import repeat
from operator import methodcaller, ne
from typing import TYPE_CHECKING, Hashable, Iterable

if TYPE_CHECKING:
    from simulator.sis.fields import ObjectSpec
    from simulator.sis.operations import FileKeys
    from simulator.sis.run import FeedRun

_strip, _lower, _isspace = str.strip, str.lower, str.isspace
ENABLED_STATUSES = frozenset({"", "enabled"})
"""`row_status` values (lower-cased; empty when absent) that leave a record enabled."""


class BatchLane:
    """What every lane shares; subclasses implement `__call__(first, lines)`."""

    reads: frozenset[str] = frozenset()
    """The columns the lane understands; a header with another known column gets no lane."""

    @classmethod
    def for_header(cls, run: "FeedRun", spec: "ObjectSpec", names: list[str], seen: "FileKeys",
                   sources: set[str], **options) -> "BatchLane | None":
        """A lane for `names`, or None when a known column is not one the lane reads
        or has a rule of its own (a date, say): such files go row by row."""
        shape = cls.shape(spec, tuple(names), run.integration.delimiter_char, options.pop("limits", None))
        return None if shape is None else cls(run, shape, seen, sources, **options)

    @classmethod
    def shape(cls, spec: "ObjectSpec", names: tuple[str, ...], delimiter: str,
              limits: dict[str, int] | None) -> "Shape | None":
        """The header's layout for this lane, worked out once per lane, header and delimiter."""
        key = (cls, spec.name, id(spec), names, delimiter, tuple(sorted((limits or {}).items())))
        if key not in _SHAPES:
            if len(_SHAPES) > 1024:
                _SHAPES.clear()
            usable = all(spec.by_name[n].check is None and n in cls.reads for n in names if n in spec.by_name)
            _SHAPES[key] = Shape(spec, names, delimiter, limits or {}) if usable else None
        return _SHAPES[key]

    def __init__(self, run: "FeedRun", shape: "Shape", seen: "FileKeys", sources: set[str]) -> None:
        self.run, self.seen, self.sources, self.layout = run, seen, sources, shape
        self.in_file = seen.keys.__contains__
        self.at = shape.at
        self.text = ""
        """The batch at hand, its lines joined."""

    def columns(self, lines: list[str]) -> list[tuple[str, ...] | None] | None:
        """The batch's stripped columns (None for those the lane does not read; values of
        enumerations lower-cased), or None when a line is blank, has the wrong field
        count, or a column breaks a rule."""
        shape = self.layout
        n, width, delimiter = len(lines), shape.width, shape.delimiter
        if any(map(_isspace, lines)) or set(map(shape.count, lines)) != shape.delimiters:
            return None
        self.text = text = "".join(lines)
        flat = text.replace("\n", delimiter).split(delimiter)
        if len(flat) > n * width:
            flat.pop()  # after the last line's newline
        columns: list[tuple[str, ...] | None] = [None] * width
        for position, required, limit, choices in shape.checks:
            column = tuple(map(_strip, flat[position::width]))
            if required and "" in column:
                return None
            if len(choices) > 1:
                column = tuple(map(_lower, column))
                if not choices.issuperset(column):
                    return None
            elif max(map(len, column)) > limit:
                return None
            columns[position] = column
        return columns

    def column(self, columns: list, name: str, n: int, default: str = "") -> tuple[str, ...] | repeat:
        """A column of the batch, or `default` for every row when the header lacks it."""
        position = self.at.get(name)
        return repeat(default, n) if position is None else columns[position]

    def data_sources(self, columns: list, n: int) -> tuple[str, ...]:
        """The data source key of each row: the integration's when the row gives none."""
        default = self.run.integration.data_source_key
        given = self.column(columns, "data_source_key", n, default)
        if isinstance(given, repeat):
            return (default,) * n
        return given if "" not in given else tuple(source or default for source in given)

    def row_state(self, columns: list, n: int):
        """(available, enabled) of each row: available unless `available_ind` is N; enabled
        unless `row_status` is disabled or deleted (absent columns: both)."""
        available = self.column(columns, "available_ind", n)
        enabled = self.column(columns, "row_status", n)
        return map(ne, available, repeat("n")), map(ENABLED_STATUSES.__contains__, enabled)

    def new_to_file(self, keys: Iterable[Hashable]) -> bool:
        """For rows naming no existing record: whether no earlier row named their keys
        (an earlier row either made or found a record, or was rejected)."""
        rejected = self.seen.rejected
        return not (rejected and any(map(rejected.__contains__, keys)))

    def counted(self, first: int, outcome: str, keys, sources, positions: list[int] | None = None) -> None:
        """Count rows the lane applied: their outcome, their keys and data sources."""
        dataset = self.run.dataset
        dataset.outcomes[outcome] += len(keys)
        dataset.completed += len(keys)
        self.seen.add_batch(first, keys, positions)
        self.sources.update(sources)


class Shape:
    """A header as a lane reads it: the column positions and each column's checks."""

    __slots__ = ("width", "delimiter", "count", "delimiters", "at", "checks")

    def __init__(self, spec: "ObjectSpec", names: tuple[str, ...], delimiter: str, limits: dict[str, int]) -> None:
        self.width, self.delimiter = len(names), delimiter
        self.count = methodcaller("count", delimiter)
        self.delimiters = {self.width - 1}
        self.at = {name: i for i, name in enumerate(names) if name in spec.by_name}
        self.checks = [(self.at[f.name], f.required and f.name != "data_source_key",
                        limits.get(f.name, f.max_length), frozenset(f.choices) | {""})
                       for f in spec.fields if f.name in self.at]


_SHAPES: dict[tuple, Shape | None] = {}

"""The Snapshot Flat File reader.

Rules (SPEC §1.3): the first non-empty line is the header row, names compared without
case and surrounding white space; blank lines are skipped; `\\n`, `\\r\\n` or a lone `\\r`
(a classic Mac export) end a line;
UTF-8 (BOM allowed), UTF-16 with a BOM, and anything else that is not valid UTF-8 is
read as ISO-8859-1. There is no quoting: a field is the text between two delimiters,
and a row must have exactly as many fields as the header.

The reader streams: the body is decoded as it is read (never held a second time as
one decoded string) and rows come out one at a time, each with its physical line
number and its stripped fields, so a million-row file is never held as a list of rows.
Choosing the encoding costs no copy for ASCII files (most feeds) and one chunked,
discarded decoding pass otherwise.
"""
from __future__ import annotations

import codecs
import io
import itertools
from dataclasses import dataclass
from typing import IO, Iterator

CHUNK = 1 << 20
BATCH_LINES = 1000
"""Lines read at a time: the feed engine applies a file batch by batch."""

DELIMITERS = {"pipe": "|", "comma": ",", "tab": "\t", "colon": ":"}


def delimiter_char(setting: str) -> str:
    """Turn an integration's delimiter setting into the character it names."""
    if setting in DELIMITERS:
        return DELIMITERS[setting]
    if len(setting) == 1 and setting not in "\r\n":
        return setting
    raise ValueError(
        f"delimiter {setting!r} is not one of {', '.join(DELIMITERS)} nor a single character"
    )


def encoding_of(body: bytes) -> tuple[str, str]:
    """The codec and error handling the body is read with: BOM first, then strict UTF-8
    (checked in chunks, nothing kept), then ISO-8859-1."""
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "replace"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "replace"
    if body.isascii():
        return "utf-8", "strict"
    checker = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(body)
    try:
        for start in range(0, len(body), CHUNK):
            checker.decode(view[start:start + CHUNK], final=start + CHUNK >= len(body))
    except UnicodeDecodeError:
        return "iso-8859-1", "strict"
    return "utf-8", "strict"


def decode(body: bytes) -> str:
    """Bytes to text, as a whole (the reader itself streams)."""
    encoding, errors = encoding_of(body)
    return body.decode(encoding, errors=errors)


def split_lines(first: int, lines: list[str], delimiter: str,
                skip: "set[int] | frozenset[int]" = frozenset()) -> Iterator[tuple[int, list[str]]]:
    """(line number, stripped fields) of each non-blank line of a batch that starts at
    line `first`, leaving out the positions in `skip` (rows already applied)."""
    strip = str.strip
    for position, line in enumerate(lines):
        if position in skip:
            continue
        parts = line.split(delimiter)
        if len(parts) == 1 and line.isspace():
            continue
        yield first + position, list(map(strip, parts))


@dataclass(slots=True)
class Header:
    line: int
    names: list[str]
    """Lower-cased, stripped column names, in file order."""


@dataclass(slots=True)
class Row:
    line: int
    values: dict[str, str] | None
    """Column name -> stripped value; None when the field count was wrong."""
    problem: str | None = None
    fields: list[str] | None = None
    """For a row with the wrong field count: its stripped fields in file order, so a key
    column can still be read by position."""

    def readable(self, names: list[str]) -> dict[str, str]:
        """The columns this row gives a value for: all of them, or for a row with the wrong
        field count those whose position it reaches."""
        if self.values is not None:
            return self.values
        return dict(zip(names, self.fields or ()))


class FeedFile:
    """A feed: its header and an iterator over its data rows, read from the body on demand."""

    def __init__(self, body: bytes | str, delimiter: str = "|") -> None:
        self.body = body
        self.encoding = ("", "") if isinstance(body, str) else encoding_of(body)
        self.delimiter = delimiter
        self.header: Header | None = None
        for number, line in enumerate(self._stream(), 1):
            if line.strip():
                self.header = Header(number, [name.strip().lower() for name in line.split(delimiter)])
                break

    def _stream(self) -> IO[str]:
        """The body as text lines, each ending in `\n` (a `\r\n` or lone `\r` becomes `\n`)."""
        if isinstance(self.body, str):
            return io.StringIO(self.body, newline=None)
        encoding, errors = self.encoding
        return io.TextIOWrapper(io.BytesIO(self.body), encoding=encoding, errors=errors, newline=None)

    def row_count(self) -> int:
        """How many data rows `rows()` will give (a separate pass over the body)."""
        non_blank = sum(1 for line in self._stream() if not line.isspace())
        return max(non_blank - 1, 0)

    def batches(self, size: int | None = None) -> Iterator[tuple[int, list[str]]]:
        """The physical lines after the header, `size` at a time: (the first one's line
        number, the lines, each ending in `\n` except perhaps the file's last). Blank
        lines are included, so line numbers follow from positions."""
        if self.header is None:
            return
        lines = self._stream()
        for _ in itertools.islice(lines, self.header.line):
            pass
        number, size = self.header.line + 1, size or BATCH_LINES
        while True:
            batch = list(itertools.islice(lines, size))
            if not batch:
                return
            yield number, batch
            number += len(batch)

    def split_rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, stripped fields) of every non-blank line after the header. The
        field count is not checked here: the caller compares it with the header's."""
        for first, lines in self.batches():
            yield from split_lines(first, lines, self.delimiter)

    def rows(self) -> Iterator[Row]:
        """The data rows after the header, blank lines skipped, as `Row`s (for readers
        that want the columns by name; the feed engine uses `split_rows`)."""
        if self.header is None:
            return
        names = self.header.names
        width = len(names)
        for number, parts in self.split_rows():
            if len(parts) != width:
                yield Row(number, None, f"the row has {len(parts)} fields but the header has {width}", parts)
            else:
                yield Row(number, dict(zip(names, parts)))

"""The Snapshot Flat File reader.

Rules (SPEC §1.3): the first non-empty line is the header row, names compared without
case and surrounding white space; blank lines are skipped; `\\n`, `\\r\\n` or a lone `\\r`
(a classic Mac export) end a line;
UTF-8 (BOM allowed), UTF-16 with a BOM, and anything else that is not valid UTF-8 is
read as ISO-8859-1. There is no quoting: a field is the text between two delimiters,
and a row must have exactly as many fields as the header.

The reader is a generator: rows come out one at a time, each with its physical line
number, so a million-row file is never held as a list of rows.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from typing import Iterator

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


def decode(body: bytes) -> str:
    """Bytes to text: BOM first, then strict UTF-8, then ISO-8859-1."""
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", errors="replace")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body.decode("iso-8859-1")


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
    """A decoded feed: its header and an iterator over its data rows."""

    def __init__(self, body: bytes | str, delimiter: str = "|") -> None:
        text = body if isinstance(body, str) else decode(body)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.text = text
        self.delimiter = delimiter
        self.header: Header | None = None
        self._lines = self._numbered_lines()
        for number, line in self._lines:
            if line.strip():
                self.header = Header(number, [name.strip().lower() for name in line.split(delimiter)])
                break

    def _numbered_lines(self) -> Iterator[tuple[int, str]]:
        start, number, text = 0, 0, self.text
        while start < len(text):
            end = text.find("\n", start)
            if end < 0:
                end = len(text)
            number += 1
            line = text[start:end]
            yield number, line
            start = end + 1

    def row_count(self) -> int:
        """How many data rows `rows()` will give (a separate pass over the text)."""
        non_blank = sum(1 for _, line in self._numbered_lines() if line.strip())
        return max(non_blank - 1, 0)

    def rows(self) -> Iterator[Row]:
        """The data rows after the header, blank lines skipped."""
        if self.header is None:
            return
        names, width, delimiter = self.header.names, len(self.header.names), self.delimiter
        for number, line in self._lines:
            if not line.strip():
                continue
            parts = line.split(delimiter)
            if len(parts) != width:
                yield Row(number, None, f"the row has {len(parts)} fields but the header has {width}",
                          [part.strip() for part in parts])
                continue
            yield Row(number, {name: part.strip() for name, part in zip(names, parts)})

"""Learn's primary keys: `_<n>_1` strings, one counter per table."""
from __future__ import annotations

import re

PK_PATTERN = re.compile(r"^_(\d+)_1$")


class PkSequence:
    """Hands out Learn-style primary keys `_1_1`, `_2_1`, … for one table."""

    __slots__ = ("_next",)

    def __init__(self, start: int = 1) -> None:
        self._next = start

    def take(self) -> str:
        pk = f"_{self._next}_1"
        self._next += 1
        return pk

"""An undo journal, so a feed can be run for real and then taken back.

Dry runs and integrations in `testing` status run the very same code as a live feed
(so what they report is exactly what a live run would do) inside a journal, then roll
it back. Each record is remembered once, before its first change; rollback restores
in reverse order. Cost: proportional to the records the feed touched.
"""
from __future__ import annotations

from typing import Callable, Hashable


class Journal:
    __slots__ = ("_undo", "_seen")

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []
        self._seen: set[Hashable] = set()

    def keep(self, token: Hashable, undo: Callable[[], None]) -> None:
        """Register how to restore `token`, unless it is already remembered."""
        if token not in self._seen:
            self._seen.add(token)
            self._undo.append(undo)

    def rollback(self) -> None:
        while self._undo:
            self._undo.pop()()
        self._seen.clear()

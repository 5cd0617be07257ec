"""An undo journal, so a feed can be run for real and then taken back.

Dry runs and integrations in `testing` status run the very same code as a live feed
(so what they report is exactly what a live run would do) inside a journal, then roll
it back. Each record is remembered once, before its first change; rollback restores
in reverse order. Cost: proportional to the records the feed touched.
"""
from __future__ import annotations

from typing import Callable, Hashable


class Journal:
    __slots__ = ("_undo", "_seen", "_after")

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []
        self._seen: set[Hashable] = set()
        self._after: dict[Hashable, Callable[[], None]] = {}

    def keep(self, token: Hashable, undo: Callable[[], None]) -> None:
        """Register how to restore `token`, unless it is already remembered."""
        if token not in self._seen:
            self._seen.add(token)
            self._undo.append(undo)

    def after(self, token: Hashable, fix: Callable[[], None]) -> None:
        """Run `fix` once when the rollback's undos are done (e.g. re-sort a table that
        records re-entered), however many undos ask for it."""
        self._after.setdefault(token, fix)

    def rollback(self) -> None:
        while self._undo:
            self._undo.pop()()
        fixes, self._after = self._after, {}
        for fix in fixes.values():
            fix()
        self._seen.clear()

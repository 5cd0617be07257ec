"""The one source of time for the whole simulator.

`Clock.now()` is a base plus an offset that the control API moves
(`/_sim/clock/advance`), so a real server can be sent into the future too. The base is
the wall clock (so freezegun controls an in-process simulator, as an integrator's tests
may want), or a fixed `start` moment: then time stands still except when advanced, which
is what the suite's in-process target uses (deterministic, and no per-test freezegun
start-up, which rescans every loaded module). Jobs (hourly syncs, background feed processing) are kept in a heap
and run, in due order, whenever the clock is asked to catch up: O(log n) per job and
O(1) when nothing is due.
"""
from __future__ import annotations

import heapq
import itertools
from datetime import datetime, timedelta, timezone
from typing import Callable

Job = Callable[[], None]


class Clock:
    __slots__ = ("_offset", "_jobs", "_seq", "_start")

    def __init__(self, start: datetime | None = None) -> None:
        if start is not None and start.tzinfo is None:
            raise ValueError("the clock's start must be timezone-aware")
        self._start = start
        self._offset = timedelta(0)
        self._jobs: list[tuple[datetime, int, Job]] = []
        self._seq = itertools.count()

    def now(self) -> datetime:
        """Current simulated time, timezone-aware (UTC)."""
        base = datetime.now(timezone.utc) if self._start is None else self._start
        return base + self._offset

    def advance(self, seconds: float) -> datetime:
        """Move simulated time forward and run every job that falls due."""
        if seconds < 0:
            raise ValueError("time only moves forward: seconds must be >= 0")
        self._offset += timedelta(seconds=seconds)
        self.run_due()
        return self.now()

    def schedule(self, when: datetime, job: Job) -> None:
        """Run `job` once, at the first catch-up at or after `when`."""
        heapq.heappush(self._jobs, (when, next(self._seq), job))

    def run_due(self) -> int:
        """Run the jobs whose time has come, oldest first; return how many ran."""
        ran = 0
        while self._jobs and self._jobs[0][0] <= self.now():
            _, _, job = heapq.heappop(self._jobs)
            job()
            ran += 1
        return ran

    @property
    def pending(self) -> int:
        return len(self._jobs)


def isoformat(moment: datetime) -> str:
    """ISO 8601 with offset and milliseconds, as Learn prints timestamps."""
    return moment.isoformat(timespec="milliseconds")


def rest_timestamp(moment: datetime) -> str:
    """Learn REST's timestamp form: UTC with milliseconds and a trailing Z."""
    utc = moment if moment.tzinfo is timezone.utc else moment.astimezone(timezone.utc)
    if utc.year >= 1000:  # isoformat pads years to four digits, strftime's %Y does not
        return utc.isoformat(timespec="milliseconds")[:23] + "Z"
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"

"""Asynchronous feed processing, as Learn does it: one worker, arrival order, batches.

Learn acknowledges a feed once its body is read and its data set is queued; a single
worker then applies the queued data sets one after the other. The state lives behind
one `StateLock`; the worker holds it for one batch of rows at a time and, between two
batches, steps aside for every request that is waiting, so reads and small requests
are answered while a million-row file is applied.

Rules:
- jobs run in the order they were submitted, one at a time, each under the lock;
- `step_aside()` between batches lets the waiting threads in first (for at most
  `STEP_ASIDE_SECONDS`, so a steady stream of requests cannot starve the worker);
- `clear()` drops the queued jobs and makes the running one stop at its next batch
  boundary (a reset of the whole simulator);
- `wait_idle()` returns once nothing is queued or running (the control API's clock
  advance uses it, so background data sets that fell due are applied when it answers).
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Callable

STEP_ASIDE_SECONDS = 0.05
Pause = Callable[[], None]
Job = Callable[[Pause], None]

log = logging.getLogger("learnsim.processing")


class StateLock:
    """A re-entrant lock that knows how many threads wait for it."""

    __slots__ = ("_lock", "_count_lock", "_waiting")

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._count_lock = threading.Lock()
        self._waiting = 0

    def __enter__(self) -> "StateLock":
        if self._lock.acquire(blocking=False):  # free (or already ours): nobody is kept waiting
            return self
        with self._count_lock:
            self._waiting += 1
        try:
            self._lock.acquire()
        finally:
            with self._count_lock:
                self._waiting -= 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()

    @property
    def waiting(self) -> int:
        return self._waiting

    def step_aside(self, longest: float = STEP_ASIDE_SECONDS) -> None:
        """Called by the holder between two batches: when threads wait, let them have
        the state, then take it back. Costs nothing when nobody waits."""
        if not self._waiting:
            return
        self._lock.release()
        try:
            deadline = time.monotonic() + longest
            while self._waiting and time.monotonic() < deadline:
                time.sleep(0.0002)
        finally:
            self._lock.acquire()


class Abandoned(Exception):
    """The job's simulator was reset while it ran: stop without finishing."""


class FeedWorker:
    """One daemon thread applying submitted jobs in arrival order under `lock`."""

    def __init__(self, lock: StateLock) -> None:
        self.lock = lock
        self._cond = threading.Condition()
        self._jobs: deque[tuple[int, Job]] = deque()
        self._generation = 0
        self._busy = False
        self._thread: threading.Thread | None = None

    def submit(self, job: Job) -> None:
        """Queue `job`; it will be called as `job(pause)` with the lock held, and must
        call `pause()` between batches."""
        with self._cond:
            self._jobs.append((self._generation, job))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="learnsim-feed-worker", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    @property
    def queued(self) -> int:
        return len(self._jobs) + int(self._busy)

    def clear(self) -> None:
        """Forget every queued job; the running one stops at its next batch boundary."""
        with self._cond:
            self._generation += 1
            self._jobs.clear()
            self._cond.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until no job is queued or running; False if `timeout` ran out first."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._jobs and not self._busy, timeout)

    def _pause_for(self, generation: int) -> Pause:
        def pause() -> None:
            self.lock.step_aside()
            if generation != self._generation:
                raise Abandoned
        return pause

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._jobs:
                    self._cond.wait()
                generation, job = self._jobs.popleft()
                self._busy = True
            try:
                with self.lock:
                    if generation == self._generation:
                        job(self._pause_for(generation))
            except Abandoned:
                pass
            except Exception:  # noqa: BLE001 - the worker must outlive any one job; the job logs its data set
                log.exception("a queued feed failed")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

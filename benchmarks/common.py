"""What every benchmark shares: CPU-time measurement (median of 3) and the baseline.

The machine is shared and noisy, so every figure is CPU time of this process
(`time.process_time`), the median of three runs, and every goal is a ratio against a
baseline measured in the same process: one bare `csv.reader(f, delimiter='|')` pass over
the same body that builds a dict per row.
"""
from __future__ import annotations

import csv
import gc
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.generate import HEADER, person_rows  # noqa: E402

REPEAT = 3


def person_body(rows: int, start: int = 0, change: Callable[[int, str], str] | None = None) -> bytes:
    """`learnsim generate`'s person feed as bytes; `change(n, row)` may alter row n."""
    lines = person_rows(rows, start=start)
    if change is not None:
        lines = (change(n, row) for n, row in enumerate(lines, start))
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def cpu(action: Callable[[], object], before: Callable[[], None] | None = None) -> tuple[float, object]:
    """CPU seconds of `action` (the median of REPEAT runs) and the last run's result;
    `before` runs untimed ahead of each run (e.g. a fresh, empty Learn)."""
    times, result = [], None
    for _ in range(REPEAT):
        if before is not None:
            before()
        gc.unfreeze()  # a feed freezes what it built; let an abandoned Learn be collected
        gc.collect()
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def csv_pass(body: bytes) -> int:
    """The baseline: decode, split with csv.reader, and build a dict per row."""
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(body), encoding="utf-8", newline=""), delimiter="|")
    names = next(reader)
    count = 0
    for row in reader:
        dict(zip(names, row))
        count += 1
    return count


def verdict(ok: bool) -> str:
    return "goal met" if ok else "GOAL NOT MET"


def line(label: str, figure: str, ratio: str, goal: str, ok: bool) -> None:
    print(f"{label:<46} {figure:>22} {ratio:>16}   goal {goal:<26} {verdict(ok)}", flush=True)

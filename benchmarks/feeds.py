"""The feed engine's measures of issue 12, each printed with its ratio and goal.

    python benchmarks/feeds.py --rows 1000000     # the figures in docs/performance.md
    python benchmarks/feeds.py --rows 20000       # a quick run (`tox -e bench`)

Measures (CPU time, median of 3, ratios against the csv pass of the same body):
- store N persons into an empty Learn (≥ 250k rows/s and ≤ 4× the csv pass);
- refresh of the same N with 1% changed (≤ 2× the csv pass; the unchanged rows must be
  reported `unchanged`);
- Connect's hourly run after that refresh (examines only the changed users);
- Connect's hourly run after 1,000 users got new phone numbers (≤ 50 ms);
- peak memory and bytes per user of storing N persons (≤ 1 GiB; ≤ 700 B per user),
  measured in a fresh child process.
"""
from __future__ import annotations

import argparse
import gc
import resource
import subprocess
import sys
import time
import tracemalloc

from common import cpu, csv_pass, line, person_body

from simulator import Simulator

CHANGED = 100
"""One row in CHANGED differs in a refresh: 1%."""
NEW_NUMBERS = 1000


def learn_with_integration() -> tuple[Simulator, object]:
    sim = Simulator()
    integration, _ = sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.PERSONS", "password": "pw"})
    return sim, integration


def store(sim: Simulator, integration, body: bytes, operation: str = "store"):
    dataset = sim.sis.post(integration, "person", operation, body)
    assert dataset.errors == 0, dataset.log[:3]
    return dataset


def rename(round_: int):
    """Change the last name of 1% of the rows (a different 1% spelling each round)."""
    def change(n: int, row: str) -> str:
        if n % CHANGED != 1:
            return row
        fields = row.split("|")
        fields[4] = f"{fields[4]}-{round_}"
        return "|".join(fields)
    return change


def memory(rows: int) -> None:
    """Child process: store `rows` persons and print the peak RSS (the body, Learn and
    the feed's transient state), then the bytes each user holds once its feed is done
    (tracemalloc, over a store of at most 100,000 persons into a fresh Learn: the users,
    their strings and their index entries)."""
    sim, integration = learn_with_integration()
    store(sim, integration, person_body(rows))
    peak = _high_water_mark()
    del sim, integration
    sample = min(rows, 100_000)
    body = person_body(sample)
    gc.collect()
    tracemalloc.start()
    sim, integration = learn_with_integration()
    store(sim, integration, body)
    gc.collect()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"{peak} {held / sample:.0f}")


def _high_water_mark() -> int:
    """Peak resident memory of this process in bytes (VmHWM: unlike getrusage's maxrss,
    it does not inherit the parent's peak across fork and exec)."""
    with open("/proc/self/status") as status:
        for entry in status:
            if entry.startswith("VmHWM:"):
                return int(entry.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    n = args.rows
    if args.memory_child:
        memory(n)
        return

    body = person_body(n)
    baseline, _ = cpu(lambda: csv_pass(body))
    print(f"csv pass over {n:,} rows: {baseline:.3f} s CPU ({n / baseline:,.0f} rows/s)", flush=True)

    state = {}

    def fresh() -> None:
        state.clear()
        state["sim"], state["integration"] = learn_with_integration()

    seconds, _ = cpu(lambda: store(state["sim"], state["integration"], body), before=fresh)
    line(f"store {n:,} persons into an empty Learn", f"{n / seconds:,.0f} rows/s", f"{seconds / baseline:.1f}× csv",
         "≥ 250k rows/s, ≤ 4×", n / seconds >= 250_000 and seconds / baseline <= 4)

    sim, integration = state["sim"], state["integration"]
    sim.connect.service.put_account("bench", "pw", "SIS", "ops@example.edu")
    sim.connect.sync.config.update({"account": "bench", "password": "pw", "sisCode": "SIS"})
    sim.connect.sync.full_sync()
    bodies = [person_body(n, change=rename(r)) for r in range(2)] + [body]
    refreshes, hourly = [], []
    for r in range(3):  # each refresh changes 1% against the state the previous one left
        start = time.process_time()
        dataset = store(sim, integration, bodies[r], "refresh")
        refreshes.append(time.process_time() - start)
        assert dataset.outcomes["unchanged"] >= n - 2 * (n // CHANGED + 1), dict(dataset.outcomes)
        start = time.process_time()
        run = sim.connect.sync.hourly()
        hourly.append((time.process_time() - start, run.examined))
    refreshes.sort()
    hourly.sort()
    seconds = refreshes[1]
    outcomes = ", ".join(f"{v:,} {k}" for k, v in sorted(dataset.outcomes.items()))
    line(f"refresh {n:,} with 1% changed ({outcomes})", f"{n / seconds:,.0f} rows/s", f"{seconds / baseline:.1f}× csv",
         "≤ 2×, unchanged rows unchanged", seconds / baseline <= 2)
    seconds, examined = hourly[1]
    line("Connect hourly run after that refresh", f"{seconds * 1000:,.1f} ms", f"{examined:,} examined",
         "examines only the changed", examined <= 2 * (n // CHANGED + 1))

    runs = []
    for r in range(3):
        renumbered = person_body(NEW_NUMBERS, start=r * NEW_NUMBERS,
                                 change=lambda k, row, r=r: row.replace("+1 202 555 ", f"+1 202 55{r + 6} "))
        store(sim, integration, renumbered)
        start = time.process_time()
        run = sim.connect.sync.hourly()
        runs.append((time.process_time() - start, run))
    runs.sort(key=lambda pair: pair[0])
    seconds, run = runs[1]
    line(f"Connect hourly, {NEW_NUMBERS:,} new numbers among {n:,}", f"{seconds * 1000:,.1f} ms",
         f"{len(run.updated):,} updated", "≤ 50 ms", seconds <= 0.050)

    del sim, integration, state
    out = subprocess.run([sys.executable, __file__, "--rows", str(n), "--memory-child"], capture_output=True, text=True,
                         check=True).stdout.split()
    peak, per_user = int(out[0]), int(out[1])
    line(f"peak memory, store of {n:,} persons", f"{peak / 2**20:,.0f} MiB", f"{per_user:,} B/user",
         "≤ 1 GiB, ≤ 700 B/user", peak <= 2**30 and per_user <= 700)


if __name__ == "__main__":
    main()

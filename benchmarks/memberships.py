"""Membership feed throughput against the person store it is measured by (issue 15):
storing 100,000 memberships must run at no less than half the person store's rows per second.

    python benchmarks/memberships.py                   # 100,000 persons, then 100,000 memberships
    python benchmarks/memberships.py --memberships 1000000

Prints one line per step (rows, seconds, rows per second, peak RSS) and the ratio of
the membership store's rate to the person store's; exits 1 when the ratio is under 0.5.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator import Simulator  # noqa: E402
from simulator.generate import HEADER as PERSON_HEADER, person_rows  # noqa: E402
from simulator.generate_job import (  # noqa: E402
    COURSE_HEADER, MEMBERSHIP_HEADER, TERM_HEADER, course_rows, membership_rows, term_rows,
)

PER_PERSON = 4


def body(header: str, rows) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def timed(label: str, rows: int, action) -> float:
    import resource

    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<34} {rows:>9} rows {seconds:8.2f} s {rows / seconds:>10.0f} rows/s  peak RSS {rss:7.0f} MiB",
          flush=True)
    return rows / seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--memberships", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=100_000, help="rows of the person store measured")
    args = parser.parse_args()
    enrolled = max(1, args.memberships // PER_PERSON)
    courses = max(PER_PERSON + 1, enrolled // 25)
    persons = max(args.persons, enrolled)

    sim = Simulator()
    integration, _ = sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.BENCH", "password": "pw"})

    def post(object_name: str, data: bytes) -> None:
        dataset = sim.sis.post(integration, object_name, "store", data)
        assert dataset.errors == 0, dataset.log[:3]

    people = body(PERSON_HEADER, person_rows(persons))
    person_rate = timed("person store (create)", persons, lambda: post("person", people))
    post("term", body(TERM_HEADER, term_rows()))
    timed("course store (create)", courses, lambda: post("course", body(COURSE_HEADER, course_rows(courses))))
    rows = list(membership_rows(enrolled, courses, PER_PERSON))
    enrolments = body(MEMBERSHIP_HEADER, rows)
    membership_rate = timed("membership store (create)", len(rows), lambda: post("membership", enrolments))
    timed("membership store again (update)", len(rows), lambda: post("membership", enrolments))
    half = body(MEMBERSHIP_HEADER, rows[: len(rows) // 2])
    timed("membership refresh to half", len(rows) // 2,
          lambda: sim.sis.post(integration, "membership", "refresh", half))
    ratio = membership_rate / person_rate
    print(f"membership store / person store: {ratio:.2f} (must be at least 0.50); "
          f"memberships held: {len(sim.learn.course_memberships)}")
    return 0 if ratio >= 0.5 else 1


if __name__ == "__main__":
    sys.exit(main())

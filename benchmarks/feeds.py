"""Feed throughput: store, re-store, refresh and refresh-by-data-source of N persons.

    python benchmarks/feeds.py --rows 1000000            # engine, in-process
    python benchmarks/feeds.py --rows 100000 --http      # through the WSGI app (mock, no socket)

Prints one line per step: rows, seconds, rows per second, and the peak memory
(tracemalloc is off by default: it slows Python several-fold; pass --trace-memory).
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator import Simulator  # noqa: E402
from simulator.generate import HEADER, person_rows  # noqa: E402


def timed(label: str, rows: int, action) -> object:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:<34} {rows:>9} rows {seconds:8.2f} s {rows / seconds:>10.0f} rows/s  peak RSS {rss:7.0f} MiB", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--http", action="store_true", help="post through HTTP (in-process mock) instead of the engine")
    args = parser.parse_args()
    n = args.rows

    body = timed("generate feed", n, lambda: ("\n".join([HEADER, *person_rows(n)]) + "\n").encode())
    half = ("\n".join([HEADER, *person_rows(n // 2)]) + "\n").encode()
    small = ("\n".join([HEADER, *person_rows(100, start=n)]) + "\n").encode()

    if args.http:
        import requests

        from simulator.mock import mock_learn

        mock = mock_learn("http://bench.local").start()
        sim = mock.sim
        sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.PERSONS", "password": "pw"})
        creds = (sim.sis.integrations["BBLEARN"].username, "pw")
        base = "http://bench.local/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person"

        def post(op, data):
            response = requests.post(f"{base}/{op}", data=data, auth=creds, timeout=3600)
            assert response.status_code == 200, response.text
            return response
    else:
        sim = Simulator()
        integration, _ = sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.PERSONS", "password": "pw"})

        def post(op, data):
            dataset = sim.sis.post(integration, "person", op, data)
            assert dataset.errors == 0, dataset.log[:3]
            return dataset

    timed("store (create)", n, lambda: post("store", body))
    timed("store again (update)", n, lambda: post("store", body))
    timed("store 100 rows into a full Learn", 100, lambda: post("store", small))
    timed("refresh to half (disable half)", n // 2, lambda: post("refresh", half))
    timed("refreshlegacy, same half", n // 2, lambda: post("refreshlegacy", half))
    print(f"users held: {len(sim.learn.users)}")


if __name__ == "__main__":
    main()

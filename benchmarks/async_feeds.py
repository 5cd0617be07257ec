"""A big feed posted to a real `learnsim serve` while REST clients keep reading.

    python benchmarks/async_feeds.py --rows 1000000 --readers 2

Starts `learnsim serve` on a free loopback port, posts a generated person file of
--rows rows over HTTP, and meanwhile --readers threads keep sending REST GETs
(`/learn/api/public/v1/users?limit=10`) until dataSetStatus shows nothing queued.
Prints: the upload and acknowledgement times of the POST, how long the data set took
to be applied (with the queued/completed counts seen on the way), and the REST GET
latencies (count, p50, p99, max) while it was processed.
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from simulator.generate import HEADER, person_rows  # noqa: E402

BBID, PASSWORD, REST_APP = "BBLEARN", "bench-secret", "bench:bench-secret"


def start_server() -> tuple[subprocess.Popen, str, str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--integration", BBID,
         "--password", PASSWORD, "--data-source", "SIS.PERSONS", "--rest-app", REST_APP],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    username = url = None
    while url is None:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("learnsim serve did not start")
        username = username or (re.search(r"username (\S+)", line) or [None, None])[1]
        url = (re.search(r"serving on (http://\S+)", line) or [None, None])[1]
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, url, username


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--readers", type=int, default=2, help="REST clients reading while the feed is applied")
    args = parser.parse_args()

    body = ("\n".join([HEADER, *person_rows(args.rows)]) + "\n").encode()
    process, url, username = start_server()
    try:
        endpoint = f"{url}/webapps/bb-data-integration-flatfile-{BBID}/endpoint"
        key, secret = REST_APP.split(":")
        token = requests.post(f"{url}/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                              auth=(key, secret), timeout=30).json()["access_token"]
        latencies: list[float] = []
        slow: list[tuple[float, float]] = []
        done = threading.Event()

        def reader() -> None:
            session = requests.Session()
            headers = {"Authorization": f"Bearer {token}"}
            while not done.is_set():
                start = time.perf_counter()
                answer = session.get(f"{url}/learn/api/public/v1/users", params={"limit": 10}, headers=headers, timeout=60)
                latencies.append(time.perf_counter() - start)
                if latencies[-1] > 0.5:
                    slow.append((round(start - sent_at, 1), round(latencies[-1], 2)))
                assert answer.status_code == 200, answer.text
                time.sleep(0.01)

        sent_at = time.perf_counter()
        answer = requests.post(f"{endpoint}/person/store", data=body, auth=(username, PASSWORD), timeout=600)
        acknowledged = time.perf_counter() - sent_at
        uid = re.search(r"reference code ([0-9a-f]{32})", answer.text).group(1)
        readers = [threading.Thread(target=reader) for _ in range(args.readers)]
        for thread in readers:
            thread.start()
        progress = []
        while True:
            xml = requests.get(f"{endpoint}/dataSetStatus/{uid}", auth=(username, PASSWORD), timeout=60).text
            counts = {k: int(v) for k, v in re.findall(r"<(\w+Count)>(\d+)<", xml)}
            progress.append((round(time.perf_counter() - sent_at, 1), counts["queuedCount"], counts["completedCount"]))
            if counts["queuedCount"] == 0:
                break
            time.sleep(0.5)
        applied = time.perf_counter() - sent_at
        done.set()
        for thread in readers:
            thread.join()
    finally:
        process.terminate()
        process.wait(10)

    print(f"POST of {args.rows} rows ({len(body) / 2**20:.0f} MiB): acknowledged after {acknowledged:.2f} s "
          f"(upload included); applied after {applied:.1f} s; {counts['errorCount']} errors")
    print("progress (s, queued, completed):", " ".join(f"{t}/{q}/{c}" for t, q, c in progress[:: max(1, len(progress) // 8)]))
    print(f"REST GET while processing, {args.readers} readers: {len(latencies)} requests, "
          f"p50 {statistics.median(latencies) * 1000:.1f} ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")
    if slow:
        print("GETs over 0.5 s (started at s, took s):", slow[:10])


if __name__ == "__main__":
    main()

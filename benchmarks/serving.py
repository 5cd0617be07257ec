"""`learnsim serve`'s throughput against a bare WSGI hello-world on the same waitress.

    python benchmarks/serving.py --requests 6400      # the figures in docs/performance.md
    python benchmarks/serving.py --requests 2000      # a quick run (`tox -e bench`)

Each server runs in its own child process with `learnsim serve`'s serving code and
limits; 32 client threads in this process send requests over keep-alive loopback
connections. Printed per measure: requests per second, and the server's CPU time per
request (read from /proc, so the clients' own CPU is not counted). The three servers
run side by side and are measured in turn, five rounds (`--rounds`); each ratio to the
hello-world is the median of the rounds' ratios, so a change of load between rounds
falls on all three measures and a round in which the machine stalls does not decide. Goals: REST GET ≥ 0.6× and a 10-row
feed POST ≥ 0.4× the hello-world's throughput.

The server's CPU per request is also split by thread (from /proc/<pid>/task): waitress's
main loop (reading requests, polling every connection), its request threads (the
application, and waitress writing the answer) and, for the feed POST, the feed worker
applying the data sets.
"""
from __future__ import annotations

import argparse
import base64
import collections
import ctypes
import glob
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time

from common import line, person_body

CLIENTS = 32
FEED_PATH = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store"
TICKS = os.sysconf("SC_CLK_TCK")


def name_os_threads() -> None:
    """Give every thread started from now on its Python name in /proc (Linux), so the
    parent can tell the request threads from the feed worker."""
    try:
        prctl = ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return
    run = threading.Thread.run

    def named_run(self: threading.Thread) -> None:
        prctl(15, self.name[:15].encode(), 0, 0, 0)  # PR_SET_NAME
        run(self)

    threading.Thread.run = named_run


def serve(kind: str) -> None:
    """Child process: serve `kind` (hello or learn) on a free loopback port, print it."""
    import logging

    name_os_threads()

    from simulator.serving import Limits, http_server

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # a full queue is the point here

    if kind == "hello":
        def app(environ, start_response):
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
            return [b"hello"]
    else:
        from simulator.core import Simulator
        from simulator.http import create_app

        app = create_app(Simulator, asynchronous=True)
        integration, _ = app.sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.PERSONS", "password": "pw",
                                                                 "username": "bench"})
        app.sim.rest.register("bench", "secret")
        app.sim.sis.post(integration, "person", "store", person_body(1000))
    server = http_server(app, "127.0.0.1", 0, Limits())
    print(server.effective_port, flush=True)
    server.run()


def server_cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def thread_cpu(pid: int) -> collections.Counter:
    """CPU seconds of the server's threads by kind: `main loop`, `request threads`, `feed worker`."""
    spent: collections.Counter = collections.Counter()
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(f"{task}/comm") as comm, open(f"{task}/stat") as stat:
                name, fields = comm.read().strip(), stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        kind = ("main loop" if task.endswith(f"/{pid}") else "request threads" if name.startswith("waitress")
                else "feed worker" if name.startswith("learnsim-feed") else "other")
        spent[kind] += (int(fields[11]) + int(fields[12])) / TICKS
    return spent


def quiet(pid: int, step: float = 0.1, longest: float = 60.0) -> None:
    """Wait until the server process has used (almost) no CPU for `step` seconds (at most `longest`)."""
    used, deadline = server_cpu(pid), time.monotonic() + longest
    while time.monotonic() < deadline:
        time.sleep(step)
        now = server_cpu(pid)
        if now - used < step / 50:
            return
        used = now


def load(port: int, requests: int, make) -> tuple[float, float]:
    """Send `requests` requests from CLIENTS threads; (wall seconds, errors)."""
    per_client, errors = requests // CLIENTS, []

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(per_client):
            method, path, body, headers = make()
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, len(errors)


class Served:
    """One server child process (`hello` or `learn`) with the requests a measure sends it."""

    def __init__(self, kind: str, make_factory) -> None:
        self.child = subprocess.Popen([sys.executable, __file__, "--serve", kind], stdout=subprocess.PIPE, text=True)
        self.port = int(self.child.stdout.readline())
        self.make = make_factory(self.port)
        load(self.port, CLIENTS * 10, self.make)  # warm up

    def run(self, requests: int) -> tuple[float, float, dict[str, float]]:
        """One run: (requests per second, server CPU seconds per request, that CPU by thread kind)."""
        pid = self.child.pid
        before, threads_before = server_cpu(pid), thread_cpu(pid)
        seconds, errors = load(self.port, requests, self.make)
        assert not errors, f"{errors} requests failed"
        done = requests // CLIENTS * CLIENTS
        quiet(pid)  # the feed worker may still be applying acknowledged data sets: their cost counts too
        threads_after = thread_cpu(pid)
        by_thread = {name: (threads_after[name] - threads_before[name]) / done for name in threads_after}
        return done / seconds, (server_cpu(pid) - before) / done, by_thread

    def stop(self) -> None:
        self.child.terminate()
        self.child.wait()


def measure(requests: int, rounds: int = 5) -> dict[str, list[tuple[float, float, dict[str, float]]]]:
    """Every measure's runs, `rounds` rounds of one run each, taken in turn (hello-world, GET,
    POST, hello-world, …), so that a change in the machine's load between two measures
    falls on all of them and cancels out of the ratios."""
    servers = {"hello": Served("hello", hello), "get": Served("learn", rest_get), "post": Served("learn", feed_post)}
    runs: dict[str, list] = {name: [] for name in servers}
    try:
        for _ in range(rounds):
            for name, server in servers.items():
                runs[name].append(server.run(requests))
    finally:
        for server in servers.values():
            server.stop()
    return runs


def hello(port: int):
    return lambda: ("GET", "/", None, {})


def rest_get(port: int):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    basic = base64.b64encode(b"bench:secret").decode()
    connection.request("POST", "/learn/api/public/v1/oauth2/token", body="grant_type=client_credentials",
                       headers={"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"})
    token = json.loads(connection.getresponse().read())["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    return lambda: ("GET", "/learn/api/public/v1/users/externalId:p00000007", None, headers)


def feed_post(port: int):
    body = person_body(10)
    headers = {"Authorization": "Basic " + base64.b64encode(b"bench:pw").decode(), "Content-Type": "text/plain"}
    return lambda: ("POST", FEED_PATH, body, headers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the three measures (median taken)")
    parser.add_argument("--serve", choices=("hello", "learn"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return
    runs = measure(args.requests, args.rounds)
    base = runs["hello"]
    print(f"hello-world: {median(base, 0):,.0f} req/s, {median(base, 1) * 1e6:,.0f} µs server CPU per request "
          f"({split(base)})", flush=True)
    for label, name, goal in (("REST GET, 32 concurrent clients", "get", 0.6),
                              ("10-row feed POST, 32 concurrent clients", "post", 0.4)):
        measured = runs[name]
        rate_ratio = statistics.median(run[0] / hello[0] for run, hello in zip(measured, base))
        cpu_ratio = statistics.median(hello[1] / run[1] for run, hello in zip(measured, base))
        line(label, f"{median(measured, 0):,.0f} req/s", f"{rate_ratio:.2f}× hello", f"≥ {goal}× hello-world",
             rate_ratio >= goal)
        print(f"{'':<46} {median(measured, 1) * 1e6:>17,.0f} µs CPU {cpu_ratio:>11.2f}× hello "
              "(server CPU per request)", flush=True)
        print(f"{'':<46} {split(measured)}", flush=True)


def median(runs: list[tuple[float, float, dict[str, float]]], field: int) -> float:
    return statistics.median(run[field] for run in runs)


def split(runs: list[tuple[float, float, dict[str, float]]]) -> str:
    """The server's CPU per request by thread kind, medians over the runs."""
    names = sorted({name for run in runs for name, seconds in run[2].items() if seconds})
    return ", ".join(f"{name} {statistics.median(run[2].get(name, 0.0) for run in runs) * 1e6:,.0f} µs"
                     for name in names)


if __name__ == "__main__":
    main()

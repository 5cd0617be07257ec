"""Bounded resources of `learnsim serve` (issue 9): body limit, idle and slow clients,
connection limit, data sets kept, export cursors that expire. Loopback only; every
loop and wait is bounded (a few seconds at most)."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import requests
from werkzeug.test import Client

from simulator.connector.errors import Refusal
from simulator.connector.service import CURSOR_TTL
from simulator.http import create_app
from simulator.serving import parse_size
from tests.helpers import feed, post, simulator_with

USERS = "/learn/api/public/v1/users"
FEED_PATH = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store"


@pytest.fixture
def serve(request):
    """Start `learnsim serve --port 0 <args>`; yields (host, port)."""
    processes = []

    def start(*args: str) -> tuple[str, int]:
        process = subprocess.Popen([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", *args],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "PYTHONUNBUFFERED": "1",
                                        "LEARNSIM_ADMIN_TOKEN": "resources-tests-admin-token"})
        processes.append(process)
        watchdog = threading.Timer(30, process.kill)  # a server that never announces itself must not hang the run
        watchdog.start()
        lines = []
        while not lines or "serving on" not in lines[-1]:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line)
        watchdog.cancel()
        match = re.search(r"serving on (http://\S+)", lines[-1] if lines else "")
        assert match, f"learnsim serve did not start: {lines!r}"
        threading.Thread(target=process.stdout.read, daemon=True).start()
        url = urlsplit(match.group(1))
        return url.hostname, url.port

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def _raw_answer(sock: socket.socket) -> bytes:
    sock.settimeout(10)
    answer = b""
    while b"\r\n\r\n" not in answer:
        chunk = sock.recv(65536)
        if not chunk:
            break
        answer += chunk
    return answer


def test_sizes_are_read_in_binary_units():
    assert parse_size("512MiB") == 512 * 2**20 and parse_size("64k") == 65536 and parse_size("100") == 100
    with pytest.raises(ValueError, match="not a size"):
        parse_size("12 parsecs")


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(serve):
    host, port = serve("--max-body", "1KiB")
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(f"POST {FEED_PATH} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 500000000\r\n\r\n".encode())
        answer = _raw_answer(sock)  # not one byte of the 500 MB body was sent
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    with socket.create_connection((host, port), timeout=10) as sock:  # chunked: read up to the limit, then refused
        sock.sendall(f"POST {FEED_PATH} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        sock.sendall(b"800\r\n" + b"x" * 0x800 + b"\r\n")
        answer = _raw_answer(sock)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    small = requests.post(f"http://{host}:{port}{FEED_PATH}", data=b"x" * 1000, timeout=10)
    assert small.status_code == 401  # under the limit, the body reaches the app (which wants credentials)


def test_the_app_refuses_a_body_over_its_limit_whatever_serves_it():
    client = Client(create_app(max_body=100))
    answer = client.post(FEED_PATH, data=b"x" * 101, auth=("u", "p"))
    assert answer.status_code == 413


def test_idle_connections_and_a_slow_body_leave_other_clients_served(serve):
    host, port = serve("--threads", "2", "--idle-timeout", "20")
    idle = [socket.create_connection((host, port), timeout=10) for _ in range(200)]
    slow = socket.create_connection((host, port), timeout=10)
    try:
        slow.sendall(f"POST {FEED_PATH} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 100000\r\n\r\nEXTERNAL".encode())
        session, latencies = requests.Session(), []
        for _ in range(40):
            start = time.perf_counter()
            answer = session.get(f"http://{host}:{port}{USERS}", timeout=10)
            latencies.append(time.perf_counter() - start)
            assert answer.status_code == 401  # served (no token given): not stalled behind the others
            slow.sendall(b"|")  # the slow client trickles on
        fresh = requests.get(f"http://{host}:{port}{USERS}", timeout=10)  # a new connection is accepted too
        assert fresh.status_code == 401
        print(f"REST GET with 200 idle connections and a slow body: p99 {sorted(latencies)[-1] * 1000:.0f} ms")
    finally:
        for sock in [*idle, slow]:
            sock.close()


def test_a_silent_connection_is_closed_after_the_idle_timeout(serve):
    host, port = serve("--idle-timeout", "1")
    with socket.create_connection((host, port), timeout=15) as sock:
        assert sock.recv(1) == b""  # the server hung up on a client that never spoke


def test_the_last_n_data_sets_are_kept_and_older_ones_answer_expired():
    sim = simulator_with()
    sim.sis.keep_datasets = 3
    uids = [post(sim, "store", feed([f"k{i}|u{i}|pw|F|L"])).uid for i in range(5)]
    assert list(sim.sis.datasets) == uids[2:]
    assert "has expired" in sim.sis.expired(uids[0]) and sim.sis.expired("0" * 32) is None
    assert len(sim.learn.users) == 5  # forgetting a data set forgets its status, never its records


def test_data_set_status_of_an_expired_data_set_is_a_404_that_says_so():
    app = create_app(open_control=True)
    client = Client(app)
    body = client.put("/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw"}).json
    app.sim.sis.keep_datasets = 1
    auth = (body["username"], "pw")
    first = client.post(FEED_PATH, data=feed(["k1|u1|pw|F|L"]), auth=auth).text.split("reference code ")[1].split()[0]
    client.post(FEED_PATH, data=feed(["k2|u2|pw|F|L"]), auth=auth)
    status = client.get(f"/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/dataSetStatus/{first}", auth=auth)
    assert status.status_code == 404 and "has expired" in status.text


def test_connector_export_cursors_expire_on_the_simulated_clock():
    sim = simulator_with()
    connector = sim.connector
    first = connector.page([{"id": str(n)} for n in range(5)], 2, "Profiles")
    cursor = first["paging"]["cursor"]
    assert connector.next_page(cursor)["paging"]["cursor"] == cursor  # each page renews the cursor
    sim.clock.advance(CURSOR_TTL.total_seconds() - 1)
    connector.next_page(cursor)  # the last page: the cursor is done
    abandoned = connector.page([{"id": str(n)} for n in range(5)], 2, "Profiles")["paging"]["cursor"]
    sim.clock.advance((CURSOR_TTL + timedelta(seconds=1)).total_seconds())
    with pytest.raises(Refusal, match="expired"):
        connector.next_page(abandoned)
    assert not connector.cursors

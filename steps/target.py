"""Targets: where the scenarios' HTTP goes.

- `inprocess` (default): a fresh simulator per scenario behind `simulator.mock`
  (requests are routed by `responses`, no socket); its clock stands still at
  `FROZEN_START` and moves only through `/_sim/clock/advance`.
- `server`: a real `learnsim serve` over loopback, started once per test process
  (or given with `--learn-url`), reset through `/_sim/reset` before every scenario;
  its clock moves through `/_sim/clock/advance`. The control API's admin token is one
  the suite makes for the server it starts, or for `--learn-url` the one given with
  `--learn-admin-token` / `LEARNSIM_ADMIN_TOKEN` (else `learnsim serve`'s token file).
- `live`: a real Learn named by a target file (`--learn-config`), only with `--live`;
  see `steps.live`.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import datetime, timezone
from typing import Iterator

import pytest
import requests

from simulator import admin_token
from steps.client import LearnClient
from steps.names import NameMap

INPROCESS_URL = "https://learn.inprocess.test"
REST_KEY, REST_SECRET = "learnsim-suite", "suite-secret"
FROZEN_START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("learnsim", "Blackboard Learn conformance")
    group.addoption("--learn-target", default="inprocess", choices=("inprocess", "server", "live"),
                    help="where the scenarios run: inprocess (default), server or live")
    group.addoption("--learn-url", default=None,
                    help="for --learn-target=server: a running `learnsim serve` to use instead of starting one; "
                         "for live: overrides the target file's base_url")
    group.addoption("--learn-admin-token", default=None, metavar="TOKEN",
                    help="for --learn-target=server with --learn-url: the server's admin token "
                         "(default: $LEARNSIM_ADMIN_TOKEN, else the token file `learnsim serve` wrote)")
    group.addoption("--learn-config", default=None, metavar="TARGET.toml",
                    help="for --learn-target=live: the target file (URL, integration, REST application, connector)")
    group.addoption("--live", action="store_true", default=False,
                    help="confirm that the run may write (prefixed, cleaned-up) records to a live Learn")
    group.addoption("--allow-destructive", action="store_true", default=False,
                    help="on a live target, also run @destructive scenarios (refresh operations)")


class Clock:
    """Moves a simulator target's time forward, through the control API."""

    def __init__(self, client: LearnClient) -> None:
        self.client = client

    def advance(self, seconds: float) -> None:
        self.client.control("POST", "/clock/advance", {"seconds": seconds})


@pytest.fixture(scope="session")
def learn_target(request: pytest.FixtureRequest) -> str:
    return request.config.getoption("--learn-target")


@pytest.fixture(scope="session")
def learn_admin_token(request: pytest.FixtureRequest, learn_target: str) -> str | None:
    """The control API token of the server target: made here for a server the suite starts."""
    if learn_target != "server":
        return None
    if request.config.getoption("--learn-url"):
        return admin_token.find(request.config.getoption("--learn-admin-token"))
    return admin_token.generate()


@pytest.fixture(scope="session")
def learn_server(request: pytest.FixtureRequest, learn_target: str, learn_admin_token: str | None) -> Iterator[str | None]:
    """The base URL of a `learnsim serve` process for the server target."""
    if learn_target != "server":
        yield None
        return
    given = request.config.getoption("--learn-url")
    if given:
        yield given.rstrip("/")
        return
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", admin_token.ENV: learn_admin_token or ""},
    )
    url = None
    deadline = time.monotonic() + 30
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        match = re.search(r"serving on (http://\S+)", line)
        if match:
            url = match.group(1)
    if url is None:
        process.kill()
        raise RuntimeError("learnsim serve did not start: " + (process.stdout.read() or ""))
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def learnsim_mock() -> Iterator:
    """For integrators' own tests: `requests` calls to https://learn.example.edu reach a fresh
    in-process simulator (`simulator.mock.mock_learn`); other hosts pass through untouched.
    The fixture's value is the mock, whose `.sim` is the simulator's state."""
    from simulator.mock import mock_learn

    with mock_learn() as mocked:
        yield mocked


@pytest.fixture
def learn(request: pytest.FixtureRequest, learn_target: str, learn_server: str | None,
          learn_admin_token: str | None) -> Iterator[LearnClient]:
    """A client for a Learn that holds nothing yet, with a REST application registered
    (on a live target: a client whose names are new to the target). The client is also kept
    as `request.node.learn_client`, so a report can show the HTTP exchanges."""
    if learn_target == "live":
        from steps.live import live_client

        yield from live_client(request)
    elif learn_target == "inprocess":
        from simulator.mock import mock_learn

        # the simulator's own clock stands at FROZEN_START until a step advances it: no freezegun
        # start-up (a rescan of every loaded module) per scenario, and reports show real durations
        with mock_learn(INPROCESS_URL, start_time=FROZEN_START) as mocked:
            session = requests.Session()
            session.trust_env = False  # no proxy or netrc look-up in the environment on every request
            client = LearnClient(INPROCESS_URL, NameMap(), session=session, rest_key=REST_KEY,
                                 rest_secret=REST_SECRET, settles=False, admin_token=mocked.admin_token)
            client.clock = Clock(client)
            request.node.learn_client = client
            client.control("POST", "/rest-apps", {"key": REST_KEY, "secret": REST_SECRET})
            yield client
    else:
        session = requests.Session()
        session.trust_env = False  # loopback: no proxy from the environment
        client = LearnClient(learn_server, NameMap(), session=session, rest_key=REST_KEY, rest_secret=REST_SECRET,
                             admin_token=learn_admin_token)
        client.clock = Clock(client)
        request.node.learn_client = client
        client.control("POST", "/reset")
        client.control("POST", "/rest-apps", {"key": REST_KEY, "secret": REST_SECRET})
        yield client
        client.session.close()

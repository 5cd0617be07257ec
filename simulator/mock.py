"""In-process Learn for Python tests: `requests` calls to a base URL go straight into
the simulator's WSGI app, through `responses`, with no socket (as moto does for AWS).

    from simulator.mock import mock_learn

    with mock_learn("https://learn.example.edu") as learn:
        requests.post("https://learn.example.edu/webapps/…/endpoint/person/store", …)
        learn.sim.learn.users  # the state, if a test wants to look inside

    @mock_learn()            # as a decorator: a fresh Learn for each call
    def test_feed_job(): …

Calls to any other host pass through to the real network untouched.

The simulator's clock is the wall clock, so `freezegun.freeze_time` controls it (see
tests/test_mock_clock.py); or give `start_time` for a clock that starts at that moment
and only moves through `POST /_sim/clock/advance` (no freezegun needed).
"""
from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import Any, Callable
from urllib.parse import urlsplit

import responses
from werkzeug.test import EnvironBuilder, run_wsgi_app

from simulator.core import Simulator
from simulator.http import LearnApp, create_app

DEFAULT_BASE_URL = "https://learn.example.edu"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    if hasattr(body, "read"):
        return _body_bytes(body.read())
    return b"".join(_body_bytes(chunk) for chunk in body)


class mock_learn:  # noqa: N801 - named like moto's mock_aws
    def __init__(self, base_url: str = DEFAULT_BASE_URL, app: LearnApp | None = None,
                 start_time: datetime | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._given_app = app
        self._factory = functools.partial(Simulator, start_time)
        self.app: LearnApp = app or create_app(self._factory)
        self._router: responses.RequestsMock | None = None

    @property
    def sim(self):
        return self.app.sim

    def _call(self, request) -> tuple[int, list[tuple[str, str]], bytes]:
        url = urlsplit(request.url)
        builder = EnvironBuilder(
            method=request.method, path=url.path, query_string=url.query,
            base_url=f"{url.scheme}://{url.netloc}", headers=dict(request.headers),
            data=_body_bytes(request.body),
        )
        try:
            app_iter, status, headers = run_wsgi_app(self.app, builder.get_environ())
            body = b"".join(app_iter)
        finally:
            builder.close()
        # a list, not a dict: Learn's login sets two cookies, each in its own Set-Cookie header
        return int(status.split()[0]), [(k, v) for k, v in headers.items() if k.lower() != "content-length"], body

    def start(self) -> "mock_learn":
        if self._given_app is None:
            self.app = create_app(self._factory)
        router = responses.RequestsMock(assert_all_requests_are_fired=False)
        pattern = re.compile(re.escape(self.base_url) + r"(/.*)?$")
        for method in METHODS:
            router.add_callback(method, pattern, callback=self._call)
        router.add_passthru(re.compile(r"^(?!" + re.escape(self.base_url) + r"(/|$)).*"))
        router.start()
        self._router = router
        return self

    def stop(self) -> None:
        if self._router is not None:
            self._router.stop()
            self._router.reset()
            self._router = None

    def __enter__(self) -> "mock_learn":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __call__(self, func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with mock_learn(self.base_url):
                return func(*args, **kwargs)
        return wrapper

"""In-process Learn for Python tests: `requests` calls to a base URL go straight into
the simulator's WSGI app, through `responses`, with no socket (as moto does for AWS).

    from simulator.mock import mock_learn

    with mock_learn("https://learn.example.edu") as learn:
        requests.post("https://learn.example.edu/webapps/…/endpoint/person/store", …)
        learn.sim.learn.users  # the state, if a test wants to look inside

    @mock_learn()            # as a decorator: a fresh Learn for each call
    def test_feed_job(): …

Calls to any other host pass through to the real network untouched.

The control API (`/_sim/`) needs an admin token on a server; the mock's Learn has one
(`mock.admin_token`) and the mock adds it to every `/_sim/` call that carries no
`Authorization` header, so your tests need no configuration. To see the control API's
refusals, pass `pass_admin_token=False`.

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
                 pass_admin_token: bool = True, start_time: datetime | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._given_app = app
        self.pass_admin_token = pass_admin_token
        self._factory = functools.partial(Simulator, start_time)
        self.app: LearnApp = app or self._new_app()
        self._router: responses.RequestsMock | None = None

    def _new_app(self) -> LearnApp:
        return create_app(self._factory, public_url=self.base_url)

    @property
    def admin_token(self) -> str | None:
        """The token `/_sim/` calls need (None when the app's control API is open)."""
        return self.app.admin_token

    @property
    def sim(self):
        return self.app.sim

    def _call(self, request) -> tuple[int, list[tuple[str, str]], bytes]:
        url = urlsplit(request.url)
        headers = dict(request.headers)
        if self.pass_admin_token and self.admin_token and url.path.startswith("/_sim/") \
                and not any(name.lower() == "authorization" for name in headers):
            headers["Authorization"] = f"Bearer {self.admin_token}"
        builder = EnvironBuilder(
            method=request.method, path=url.path, query_string=url.query,
            base_url=f"{url.scheme}://{url.netloc}", headers=headers,
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
            self.app = self._new_app()
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
            with mock_learn(self.base_url, pass_admin_token=self.pass_admin_token):
                return func(*args, **kwargs)
        return wrapper

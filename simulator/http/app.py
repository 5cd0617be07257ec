"""`LearnApp`: a WSGI application serving one `Simulator` on Learn's real paths.

Each surface module (`sis`, `rest`, `control`) contributes `ROUTES`, a list of
(werkzeug `Rule`, handler) pairs; a handler takes `(sim, request, **url_values)` and
returns a werkzeug `Response`. Before every request, jobs that have fallen due on
the simulated clock run, so background work happens as time passes.

Every request body is read (and held to `max_body` bytes, 413 beyond) before the state
lock is taken, so a client trickling its body blocks no one. Handlers run under the
lock, except those marked `@locks_itself`, which take it for as long as they need it
(a feed post: once to authenticate, once to queue its data set). With `asynchronous`,
feeds are applied by one `FeedWorker` (simulator.processing), as `learnsim serve` does;
without, within their post (in-process, deterministic).
"""
from __future__ import annotations

import uuid
from typing import Any, Callable

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map
from werkzeug.wrappers import Request, Response

from simulator.core import Simulator
from simulator.http import (connect, connector, control, rest, rest_courses, rest_groups, rest_roles, rest_sis_logs,
                            rest_system, rest_terms, sis)
from simulator.http.wire import json_response
from simulator.processing import FeedWorker, StateLock
from simulator.ui.pages import SURFACES as PAGES

SURFACES = (sis, rest, rest_roles, rest_system, rest_terms, rest_courses, rest_groups, rest_sis_logs, control, connect,
            connector, *PAGES)
REST_PREFIX = "/learn/api/"
MAX_BODY = 512 * 1024 * 1024
"""Default largest request body, in bytes (`learnsim serve --max-body`)."""


def _routing() -> tuple[Map, dict[str, Callable[..., Response]]]:
    handlers: dict[str, Callable[..., Response]] = {}
    rules = []
    for surface in SURFACES:
        for rule, handler in surface.ROUTES:
            rule.endpoint = f"{surface.__name__}.{handler.__name__}"
            handlers[rule.endpoint] = handler
            rules.append(rule)
    # no redirects of doubled slashes: Learn answers 404 for a path it does not serve, never a 308
    return Map(rules, strict_slashes=False, merge_slashes=False), handlers


URL_MAP, HANDLERS = _routing()


class LearnApp:
    def __init__(self, factory: Callable[[], Simulator] = Simulator, asynchronous: bool = False,
                 max_body: int = MAX_BODY) -> None:
        self.factory = factory
        self.lock = StateLock()
        self.worker = FeedWorker(self.lock) if asynchronous else None
        self.max_body = max_body
        self.sim = self._new_simulator()

    def _new_simulator(self) -> Simulator:
        sim = self.factory()
        sim.sis.worker = self.worker
        return sim

    def reset(self) -> None:
        """Forget everything: a brand-new Learn (queued feeds of the old one are dropped)."""
        with self.lock:
            if self.worker is not None:
                self.worker.clear()
            self.sim = self._new_simulator()

    def settle(self, timeout: float | None = None) -> bool:
        """Wait, without holding the lock, until the worker has applied every queued feed."""
        return self.worker is None or self.worker.wait_idle(timeout)

    def dispatch(self, request: Request) -> Response:
        adapter = URL_MAP.bind_to_environ(request.environ)
        try:
            endpoint, values = adapter.match()
            handler = HANDLERS[endpoint]
            request.max_content_length = self.max_body
            request.get_data()  # read (and cached) before the lock is taken
            if getattr(handler, "locks_itself", False):
                response = handler(self, request, **values)
            else:
                with self.lock:
                    self.sim.clock.run_due()
                    response = handler(self, request, **values)
        except HTTPException as exc:
            response = self.error(request, exc)
        if request.path.startswith(REST_PREFIX):
            with self.lock:
                limit, remaining, reset = self.sim.rest.count_call()
            response.headers.update({"X-Rate-Limit-Limit": str(limit), "X-Rate-Limit-Remaining": str(remaining),
                                     "X-Rate-Limit-Reset": str(reset)})
        return response

    def error(self, request: Request, exc: HTTPException) -> Response:
        message = getattr(exc, "message", None) or exc.description or exc.name
        if isinstance(exc, NotFound) and not getattr(exc, "message", None):
            message = f"No resource at {request.path}"
        if isinstance(exc, MethodNotAllowed):
            message = f"{request.method} is not allowed on {request.path}; use {', '.join(sorted(exc.valid_methods or []))}"
        headers = dict(exc.get_headers())
        headers.pop("Content-Type", None)
        if request.path.startswith(REST_PREFIX):  # Learn's RestException; extraInfo names the logged incident
            return json_response({"status": exc.code, "message": message, "extraInfo": uuid.uuid4().hex},
                                 exc.code, headers)
        if request.path.startswith("/_sim/"):
            return json_response({"status": exc.code, "message": message}, exc.code, headers)
        return Response(message, status=exc.code, headers=headers, content_type="text/plain;charset=UTF-8")

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)


def create_app(factory: Callable[[], Simulator] = Simulator, asynchronous: bool = False,
               max_body: int = MAX_BODY) -> LearnApp:
    return LearnApp(factory, asynchronous, max_body)

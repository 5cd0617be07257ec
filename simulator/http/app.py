"""`LearnApp`: a WSGI application serving one `Simulator` on Learn's real paths.

Each surface module (`sis`, `rest`, `control`) contributes `ROUTES`, a list of
(werkzeug `Rule`, handler) pairs; a handler takes `(sim, request, **url_values)` and
returns a werkzeug `Response`. Before every request, jobs that have fallen due on
the simulated clock run, so background work happens as time passes.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map
from werkzeug.wrappers import Request, Response

from simulator.core import Simulator
from simulator.http import connect, connector, control, rest, rest_courses, rest_sis_logs, rest_terms, sis
from simulator.http.wire import json_response
from simulator.ui import login

SURFACES = (sis, rest, control, connect, connector, rest_courses, rest_sis_logs, rest_terms, login)
REST_PREFIX = "/learn/api/"


def _routing() -> tuple[Map, dict[str, Callable[..., Response]]]:
    handlers: dict[str, Callable[..., Response]] = {}
    rules = []
    for surface in SURFACES:
        for rule, handler in surface.ROUTES:
            rule.endpoint = f"{surface.__name__}.{handler.__name__}"
            handlers[rule.endpoint] = handler
            rules.append(rule)
    return Map(rules, strict_slashes=False), handlers


URL_MAP, HANDLERS = _routing()


class LearnApp:
    def __init__(self, factory: Callable[[], Simulator] = Simulator) -> None:
        self.factory = factory
        self.sim = factory()
        self.lock = threading.RLock()

    def reset(self) -> None:
        """Forget everything: a brand-new Learn."""
        self.sim = self.factory()

    def dispatch(self, request: Request) -> Response:
        adapter = URL_MAP.bind_to_environ(request.environ)
        try:
            endpoint, values = adapter.match()
            with self.lock:
                self.sim.clock.run_due()
                return HANDLERS[endpoint](self, request, **values)
        except HTTPException as exc:
            return self.error(request, exc)

    def error(self, request: Request, exc: HTTPException) -> Response:
        message = getattr(exc, "message", None) or exc.description or exc.name
        if isinstance(exc, NotFound) and not getattr(exc, "message", None):
            message = f"No resource at {request.path}"
        if isinstance(exc, MethodNotAllowed):
            message = f"{request.method} is not allowed on {request.path}; use {', '.join(sorted(exc.valid_methods or []))}"
        headers = dict(exc.get_headers())
        headers.pop("Content-Type", None)
        if request.path.startswith(REST_PREFIX) or request.path.startswith("/_sim/"):
            return json_response({"status": exc.code, "message": message}, exc.code, headers)
        return Response(message, status=exc.code, headers=headers, content_type="text/plain;charset=UTF-8")

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        return self.dispatch(Request(environ))(environ, start_response)


def create_app(factory: Callable[[], Simulator] = Simulator) -> LearnApp:
    return LearnApp(factory)

"""`LearnApp`: a WSGI application serving one `Simulator` on Learn's real paths.

Each surface module (`sis`, `rest`, `control`) contributes `ROUTES`, a list of
(werkzeug `Rule`, handler) pairs; a handler takes `(sim, request, **url_values)` and
returns a werkzeug `Response`. Before every request, jobs that have fallen due on
the simulated clock run, so background work happens as time passes.

Every request body is read (and held to `max_body` bytes, 413 beyond) before the state
lock is taken, so a client trickling its body blocks no one. Handlers run under the
lock, except those marked `@locks_itself`, which take it for as long as they need it
(a feed post: once to authenticate, once to queue its data set; a small one, in one hold). With `asynchronous`,
feeds are applied by one `FeedWorker` (simulator.processing), as `learnsim serve` does;
without, within their post (in-process, deterministic).

Before a route is matched, browser requests from another origin are refused and every
path under `/_sim/` needs the admin token (`simulator.http.auth`). Anything a handler
did not foresee ends at one error boundary: a 500 whose body says only that, the
traceback going to the server's log (`boundary_hits` counts them; fuzzing expects 0).
"""
from __future__ import annotations

import functools
import logging
import secrets
import uuid
from typing import Any, Callable

from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import Map, RequestRedirect
from werkzeug.wrappers import Request, Response

from simulator.core import Simulator
from simulator.http import (auth, connect, connector, control, rest, rest_avatar, rest_categories, rest_courses,
                            rest_groups, rest_roles, rest_sis_logs, rest_system, rest_terms, sis)
from simulator.http.wire import ENDPOINT, json_response
from simulator.processing import FeedWorker, StateLock
from simulator.ui.pages import SURFACES as PAGES

log = logging.getLogger("learnsim.http")

SURFACES = (sis, rest, rest_avatar, rest_roles, rest_system, rest_terms, rest_categories, rest_courses, rest_groups,
            rest_sis_logs, control, connect, connector, *PAGES)
REST_PREFIX = "/learn/api/"
RATE_LIMIT_HEADERS = ("X-Rate-Limit-Limit", "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset")
MAX_BODY = 512 * 1024 * 1024
"""Default largest request body, in bytes (`learnsim serve --max-body`)."""


def _routing() -> tuple[Map, dict[str, Callable[..., Response]], dict[str, auth.Protection | None]]:
    handlers: dict[str, Callable[..., Response]] = {}
    protection: dict[str, auth.Protection | None] = {}
    rules = []
    for surface in SURFACES:
        for rule, handler in surface.ROUTES:
            rule.endpoint = f"{surface.__name__}.{handler.__name__}"
            handlers[rule.endpoint] = handler
            protection[rule.endpoint] = auth.declared(surface, handler.__name__)
            rules.append(rule)
    # no redirects of doubled slashes: Learn answers 404 for a path it does not serve, never a 308
    return Map(rules, strict_slashes=False, merge_slashes=False), handlers, protection


URL_MAP, HANDLERS, PROTECTION = _routing()
ROUTES_REMEMBERED, LONGEST_REMEMBERED = 4096, 256
"""How many matched paths are remembered, and the longest path that is (a few MiB at most)."""
ROUTER = URL_MAP.bind("learnsim")
"""The map bound once: matching needs only a request's path and method. Only a redirect (none of
the rules makes one) or a websocket upgrade needs the request's own host and scheme."""


@functools.lru_cache(maxsize=ROUTES_REMEMBERED)
def _match(path: str, method: str) -> tuple[str, dict[str, Any]]:
    return ROUTER.match(path, method)


def route(request: Request) -> tuple[str, dict[str, Any]]:
    """(endpoint, url values) of the rule a request's method and path match; NotFound or
    MethodNotAllowed otherwise. The map never changes once built, so the matches of the
    paths last asked for are remembered (a refusal is not: it is worked out again)."""
    environ, path = request.environ, request.path
    if "HTTP_UPGRADE" not in environ:
        try:
            if len(path) > LONGEST_REMEMBERED:
                return ROUTER.match(path, request.method)
            endpoint, values = _match(path, request.method)
            return endpoint, dict(values)
        except RequestRedirect:
            pass
    return URL_MAP.bind_to_environ(environ).match()


def has_body(environ: dict) -> bool:
    """Whether a request can carry a body: without Content-Length or Transfer-Encoding (or
    with a length of 0) it has none (RFC 9112 §6.3)."""
    return environ.get("CONTENT_LENGTH") not in (None, "", "0") or "HTTP_TRANSFER_ENCODING" in environ


def answer(request: Request, response: Response, start_response: Callable) -> Any:
    """Send a response. A complete, buffered 200 to anything but HEAD, naming no location, is
    sent as it stands (what werkzeug's `Response.__call__` would send, without re-copying its
    headers); every other response goes through werkzeug."""
    body = response.response
    if (response.status_code == 200 and type(response) is Response and type(body) is list and len(body) == 1
            and type(body[0]) is bytes and request.environ.get("REQUEST_METHOD") != "HEAD"
            and not response._on_close):
        headers = response.headers.to_wsgi_list()
        names = {name.lower() for name, _ in headers}
        if "content-length" in names and "location" not in names and "content-location" not in names:
            start_response(response.status, headers)
            return body
    return response(request.environ, start_response)


class LearnApp:
    """`admin_token`: what `/_sim/` callers must send as `Authorization: Bearer …` (a random one
    when not given, readable as `app.admin_token`); `open_control=True` drops that check.
    `public_url`: the base of every absolute URL the simulator writes (default: the address the
    server listens on, never the request's `Host`)."""

    def __init__(self, factory: Callable[[], Simulator] = Simulator, asynchronous: bool = False,
                 max_body: int = MAX_BODY, admin_token: str | None = None, open_control: bool = False,
                 public_url: str | None = None) -> None:
        self.factory = factory
        self.lock = StateLock()
        self.worker = FeedWorker(self.lock) if asynchronous else None
        self.max_body = max_body
        self.sim = self._new_simulator()
        self.admin_token = None if open_control else (admin_token or secrets.token_urlsafe(32))
        self.public_url = public_url.rstrip("/") if public_url else None
        self.boundary_hits = 0

    def _new_simulator(self) -> Simulator:
        sim = self.factory()
        sim.sis.worker = self.worker
        return sim

    def url_root(self, request: Request) -> str:
        """The public base URL ending in `/`: the configured one, else the listening address."""
        if self.public_url:
            return self.public_url + "/"
        environ = request.environ
        scheme, port = environ.get("wsgi.url_scheme", "http"), str(environ.get("SERVER_PORT", ""))
        default = {"http": "80", "https": "443"}.get(scheme)
        return f"{scheme}://{environ.get('SERVER_NAME', 'localhost')}{'' if port in ('', default) else ':' + port}/"

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
        rest_call = request.path.startswith(REST_PREFIX)
        quota = None  # a REST call is counted in the handler's hold of the lock, else in one of its own
        try:
            auth.check_origin(request, self.public_url)
            if auth.is_control(request.path):
                auth.check_admin(request, self.admin_token)
            endpoint, values = route(request)
            request.environ[ENDPOINT] = endpoint
            handler = HANDLERS[endpoint]
            request.max_content_length = self.max_body
            if has_body(request.environ):
                request.get_data()  # read (and cached) before the lock is taken
            if getattr(handler, "locks_itself", False):
                response = handler(self, request, **values)
            else:
                with self.lock:
                    try:
                        self.sim.clock.run_due()
                        response = handler(self, request, **values)
                    finally:
                        if rest_call:
                            quota = self.sim.rest.count_call()
        except HTTPException as exc:
            response = self.error(request, exc)
        except Exception:  # the one error boundary: nothing unforeseen reaches the caller
            self.boundary_hits += 1
            log.exception("unexpected error answering %s %s", request.method, request.path)
            response = json_response({"status": 500, "message": "Internal error; the server's log has the details"}, 500)
        if rest_call:
            if quota is None:
                with self.lock:
                    quota = self.sim.rest.count_call()
            for name, value in zip(RATE_LIMIT_HEADERS, quota):  # handlers never set these: one of each
                response.headers.add(name, str(value))
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
        request = Request(environ)
        return answer(request, self.dispatch(request), start_response)


def create_app(factory: Callable[[], Simulator] = Simulator, **options: Any) -> LearnApp:
    """A `LearnApp`; `options` are its `asynchronous`, `max_body`, `admin_token`, `open_control`
    and `public_url`."""
    return LearnApp(factory, **options)

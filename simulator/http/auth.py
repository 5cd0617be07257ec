"""Who may call which route: the protection every surface declares, and the checks the
application makes before any handler runs.

Each surface module declares `AUTH` (the protection of its routes) and, when some of
its routes differ, `AUTH_BY_HANDLER` (handler name -> protection). `app.URL_MAP` records
the declaration of every route in `PROTECTION`; the authentication table test
(`tests/test_auth_table.py`) sends every route no, wrong and another surface's
credentials and expects the refusal documented here, so a route whose module declares
nothing, or declares a protection it does not enforce, fails the build.

The control API (`/_sim/`) is checked here, centrally, for every path under it: the
admin bearer token (compared in constant time), unless the application was built with
the control API open. Browser requests from another origin are refused on `/_sim/` and
on every request that can change state.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from urllib.parse import urlsplit

from werkzeug.wrappers import Request

from simulator.http.wire import ApiError

CONTROL_PREFIX = "/_sim/"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Protection:
    """A kind of protection: what credentials open it, how a refusal looks (its status, and a
    header that must start with or contain a text), and which other kinds' credentials it also
    accepts by design."""

    name: str
    credentials: str
    refusal: int
    refusal_header: tuple[str, str] | None = None
    accepts: tuple[str, ...] = ()
    refusal_of: tuple[tuple[str, int], ...] = ()  # another kind's credentials refused with another status

    def refusal_for(self, kind: str | None) -> int:
        return dict(self.refusal_of).get(kind or "", self.refusal)


ADMIN = Protection("admin", "Authorization: Bearer <admin token> (learnsim serve --admin-token)", 401,
                   ("WWW-Authenticate", "Bearer"))
FEED = Protection("feed", "HTTP Basic with the SIS integration's shared username and password", 401,
                  ("WWW-Authenticate", "Basic"))
REST = Protection("rest", "Authorization: Bearer <REST token> from the OAuth2 token endpoint, or Learn's "
                          "session cookies (what the signed-in user may read)", 401,
                accepts=("session", "admin-page"))
REST_CLIENT = Protection("rest-client", "HTTP Basic with a REST application's key and secret", 401,
                         ("WWW-Authenticate", "Basic"))
CONNECTOR = Protection("connector", "HTTP Basic with the connector's service account", 401,
                       ("WWW-Authenticate", "Basic"))
SESSION = Protection("session", "Learn's session cookies (JSESSIONID / BbRouter) from the web login", 302,
                     ("Location", "/webapps/login/"), accepts=("admin-page",))
ADMIN_PAGE = Protection("admin-page", "Learn's session cookies of a signed-in System Administrator (posts also carry "
                                      "the session's nonce)", 302, ("Location", "/webapps/login/"),
                        refusal_of=(("session", 403),))
PUBLIC = Protection("public", "none: anyone may call it", 0)

KINDS = {p.name: p for p in (ADMIN, FEED, REST, REST_CLIENT, CONNECTOR, SESSION, ADMIN_PAGE, PUBLIC)}

ADMIN_CHALLENGE = 'Bearer realm="learnsim control API"'


def declared(surface, handler_name: str) -> Protection | None:
    """The protection a surface module declares for one of its handlers (None: nothing declared)."""
    by_handler = getattr(surface, "AUTH_BY_HANDLER", {})
    return by_handler.get(handler_name) or getattr(surface, "AUTH", None)


def is_control(path: str) -> bool:
    return path.startswith(CONTROL_PREFIX) or path == CONTROL_PREFIX.rstrip("/")


def check_admin(request: Request, token: str | None) -> None:
    """401 unless the request carries the admin token; `token` None means the control API is open."""
    if token is None:
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(401, "The control API needs Authorization: Bearer <admin token> "
                            "(the token `learnsim serve` was given or wrote to its token file)",
                       {"WWW-Authenticate": ADMIN_CHALLENGE})
    if not hmac.compare_digest(given.strip().encode("utf-8", "surrogateescape"), token.encode("utf-8")):
        raise ApiError(401, "The admin token is not this server's (Authorization: Bearer <admin token>)",
                       {"WWW-Authenticate": f'{ADMIN_CHALLENGE}, error="invalid_token"'})


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def check_origin(request: Request, public_url: str | None) -> None:
    """403 for a browser request from another origin: on `/_sim/` always, elsewhere when it can
    change state. A browser says so with `Sec-Fetch-Site` or with an `Origin` that is neither the
    address it used (`Host`) nor the configured public URL. Non-browser clients send neither."""
    if request.method in SAFE_METHODS and not is_control(request.path):
        return
    site = request.headers.get("Sec-Fetch-Site", "").lower()
    if site in ("cross-site", "same-site"):
        raise ApiError(403, f"Cross-origin browser requests are refused (Sec-Fetch-Site: {site})")
    origin = request.headers.get("Origin")
    if origin is None:
        return
    own = {_origin(request.host_url)} | ({_origin(public_url)} if public_url else set())
    if origin.strip().lower().rstrip("/") not in own:
        raise ApiError(403, f"Cross-origin browser requests are refused (Origin {origin!r} is not this server)")

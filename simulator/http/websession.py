"""Learn's session cookies on the wire: which signed-in user a request speaks for.

Learn names a web session with two cookies, `JSESSIONID` and `BbRouter`, both
`HttpOnly` on `Path=/` (and `Secure` over HTTPS). Either one finds the session; a
session whose user can no longer log in (disabled, unavailable, removed) is over.
"""
from __future__ import annotations

from werkzeug.wrappers import Request, Response

from simulator.learn.sessions import SESSION_TIMEOUT, WebSession
from simulator.learn.users import User

COOKIES = ("JSESSIONID", "BbRouter")
SYSTEM_ADMINISTRATOR = "SystemAdmin"


def session_of(app, request: Request) -> WebSession | None:
    """The live session the request's cookies name (signed in or not)."""
    return app.sim.learn.sessions.find(request.cookies.get("JSESSIONID"), request.cookies.get("BbRouter"))


def signed_in(app, request: Request) -> tuple[WebSession, User] | None:
    """The signed-in session and its user, while that user may still log in."""
    session = session_of(app, request)
    if session is None or session.user_pk is None:
        return None
    user = app.sim.learn.users.get(session.user_pk)
    if user is None or not user.can_log_in:
        app.sim.learn.sessions.end(session)
        return None
    return session, user


def is_system_administrator(user: User) -> bool:
    return user.system_role == SYSTEM_ADMINISTRATOR


def set_session_cookies(request: Request, response: Response, session: WebSession, *, signed_in: bool) -> None:
    """Learn's cookies for `session`: `JSESSIONID` always, `BbRouter` once a user is signed in."""
    options = {"path": "/", "httponly": True, "secure": request.is_secure, "samesite": "Lax"}
    response.set_cookie("JSESSIONID", session.jsessionid, **options)
    if signed_in:
        response.set_cookie("BbRouter", session.bbrouter, max_age=SESSION_TIMEOUT, **options)


def clear_session_cookies(request: Request, response: Response) -> None:
    for name in COOKIES:
        response.delete_cookie(name, path="/", httponly=True, secure=request.is_secure, samesite="Lax")

"""Learn's web login at `/webapps/login/`, and the tab a signed-in user lands on.

- `GET /webapps/login/` serves Learn's form: `user_id`, `password`, `login`, hidden
  `action=login`, `new_loc` and the nonce `blackboard.platform.security.NonceUtil.nonce`
  of the visitor's (anonymous) session, whose `JSESSIONID` it sets.
- `POST /webapps/login/` signs in an enabled, available user with the right password (the
  one login rule, `Learn.login`), only with the nonce of the posting session: a new
  session, cookies `JSESSIONID` and `BbRouter`, and a redirect to `new_loc` (a path on this
  server) or to the default tab. A refused login answers the login page again, saying you
  are not logged in, and starts no session. Older login pages post the password
  base64-encoded as `encoded_pw`; that is accepted too.
- `GET /webapps/login/?action=logout` ends the session and forgets its cookies.
"""
from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Request, Response

from simulator.http import auth
from simulator.http.websession import (clear_session_cookies, is_system_administrator, session_of,
                                       set_session_cookies, signed_in)
from simulator.ui.render import page, stylesheet_text

LOGIN = "/webapps/login/"
NONCE = "blackboard.platform.security.NonceUtil.nonce"
AUTH = auth.PUBLIC
AUTH_BY_HANDLER = {"default_tab": auth.SESSION}
DEFAULT_TAB = "/webapps/portal/execute/tabs/tabAction?tab_tab_group_id=_1_1"
REFUSED = "The username or password you typed is incorrect. Try again or contact your administrator."
BAD_NONCE = "Your login form has expired or did not come from this server. Log in again."


def _local(new_loc: str | None) -> str:
    """Where to go after login: `new_loc` when it is a path on this server, else the default tab."""
    if new_loc and new_loc.startswith("/") and not new_loc.startswith("//") and "\\" not in new_loc:
        return new_loc
    return DEFAULT_TAB


def _form(app, request: Request, *, message: str = "", notice: str = "", status: int = 200,
          new_loc: str = "", user_id: str = "") -> Response:
    session = session_of(app, request)
    if session is None or session.user_pk is not None:
        session = app.sim.learn.sessions.anonymous()
    response = page("login.html", status, nonce_name=NONCE, nonce=session.nonce, message=message,
                    notice=notice, new_loc=new_loc, user_id=user_id, action=LOGIN)
    if notice:
        clear_session_cookies(request, response)
    set_session_cookies(request, response, session, signed_in=False)
    return response


def login_page(app, request: Request) -> Response:
    action = request.args.get("action", "")
    if action == "logout":
        current = session_of(app, request)
        if current is not None:
            app.sim.learn.sessions.end(current)
        return _form(app, request, notice="You have logged out.")
    if action != "relogin" and signed_in(app, request):
        return redirect(_local(request.args.get("new_loc")), 302)
    return _form(app, request, new_loc=_local(request.args.get("new_loc")) if request.args.get("new_loc") else "")


def _password(form) -> str:
    password = form.get("password", "")
    if not password and form.get("encoded_pw"):
        try:
            password = base64.b64decode(form["encoded_pw"], validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            password = ""
    return password


def log_in(app, request: Request) -> Response:
    form = request.form
    user_id, new_loc = form.get("user_id", "").strip(), form.get("new_loc", "")
    session = session_of(app, request)
    if session is None or session.user_pk is not None or not session.nonce_matches(form.get(NONCE)):
        return _form(app, request, message=BAD_NONCE, new_loc=new_loc, user_id=user_id)
    if form.get("action", "login") != "login":
        return _form(app, request, message="action must be login", new_loc=new_loc, user_id=user_id)
    ok, _reason = app.sim.learn.login(user_id, _password(form))
    if not ok:
        return _form(app, request, message=REFUSED, new_loc=new_loc, user_id=user_id)
    user = app.sim.learn.users_by_user_name[user_id]
    started = app.sim.learn.sessions.sign_in(user.pk, user.uuid, previous=session)
    response = redirect(_local(new_loc), 302)
    set_session_cookies(request, response, started, signed_in=True)
    return response


def require_login(app, request: Request):
    """The signed-in (session, user), or a redirect to the login page that comes back here."""
    current = signed_in(app, request)
    if current is None:
        target = request.full_path.rstrip("?")
        return None, redirect(f"{LOGIN}?{urlencode({'new_loc': target})}", 302)
    return current, None


def default_tab(app, request: Request) -> Response:
    """The tab a user lands on after login: who is signed in, the logout link, and for a
    System Administrator the way to the Administrator Panel."""
    current, answer = require_login(app, request)
    if answer is not None:
        return answer
    session, user = current
    return page("portal.html", user=user, nonce=session.nonce,
                administrator=is_system_administrator(user))


def stylesheet(app, request: Request) -> Response:
    return Response(stylesheet_text(), content_type="text/css;charset=UTF-8",
                    headers={"Cache-Control": "max-age=3600"})


ROUTES = [
    (Rule(LOGIN, methods=["GET"]), login_page),
    (Rule(LOGIN, methods=["POST"]), log_in),
    (Rule("/webapps/learnsim/static/learn.css", methods=["GET"]), stylesheet),
]

"""Who may see an administrator page, and the CSRF check on every form it posts.

Only a signed-in System Administrator sees the Administrator Panel's pages; anyone else
signed in gets Learn's "access denied" page (403), and someone not signed in is sent to
the login page, which brings them back. Every form carries the session's nonce
(`blackboard.platform.security.NonceUtil.nonce`); a post without it changes nothing.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

from werkzeug.wrappers import Request, Response

from simulator.http.websession import is_system_administrator
from simulator.learn.sessions import WebSession
from simulator.learn.users import User
from simulator.ui.login import NONCE, require_login
from simulator.ui.render import page

ADMIN_PANEL = "/webapps/portal/execute/tabs/tabAction?tabType=admin"


@dataclass(slots=True)
class Visit:
    """The signed-in administrator behind a page request, and what every page template needs."""

    app: Any
    request: Request
    session: WebSession
    user: User

    def page(self, template: str, title: str, trail: tuple[tuple[str, str | None], ...] | None = (),
             status: int = 200, **context: Any) -> Response:
        """`trail`: the pages between the Administrator Panel and this one; None for the panel itself."""
        crumbs = None if trail is None else (("Administrator Panel", ADMIN_PANEL), *trail, (title, None))
        return page(template, status, user=self.user, administrator=True, nonce=self.session.nonce,
                    nonce_name=NONCE, title=title, breadcrumbs=crumbs, **context)


def administrator_page(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Run `handler(visit, **url_values)` for a System Administrator; posts must carry the nonce."""

    @functools.wraps(handler)
    def guarded(app, request: Request, **values: Any) -> Response:
        current, answer = require_login(app, request)
        if answer is not None:
            return answer
        session, user = current
        if not is_system_administrator(user):
            return page("denied.html", 403, user=user, administrator=False, title="Access Denied")
        if request.method == "POST" and not session.nonce_matches(request.form.get(NONCE)):
            return page("denied.html", 403, user=user, administrator=True, title="Access Denied",
                        reason="The form did not carry this session's security token (it may come from another "
                               "page or an expired session). Nothing was changed; open the page again.")
        return handler(Visit(app, request, session, user), **values)

    return guarded

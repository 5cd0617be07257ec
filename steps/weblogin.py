"""Logging in as a person does: Learn's login form at `/webapps/login/`, on any target.

A fresh `requests.Session` fetches the form, sends back every hidden field it holds (the
nonce `blackboard.platform.security.NonceUtil.nonce` among them) with `user_id`,
`password`, `login` and `action=login`, and follows the redirect. The login counts as a
success when Learn then answers `GET /learn/api/public/v1/users/me` with that user (the
session cookie is what speaks); the page shown is kept to say why not. The session is
logged out again, so a live Learn keeps no session the suite opened.
"""
from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import requests

LOGIN = "/webapps/login/"
ME = "/learn/api/public/v1/users/me"


class _LoginForm(HTMLParser):
    """The hidden inputs of the page's login form (the one posting `user_id`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, str]] = []
        self._current: dict[str, str] | None = None
        self.messages: list[str] = []
        self._in_error = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._current = {}
            self.forms.append(self._current)
        elif tag == "input" and self._current is not None and values.get("name"):
            if values.get("type", "text").lower() == "hidden" or values["name"] == "user_id":
                self._current[values["name"]] = values.get("value", "")
        elif values.get("id") in ("loginErrorMessage", "notLoggedIn"):
            self._in_error = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        self._in_error = False

    def handle_data(self, data: str) -> None:
        if self._in_error and data.strip():
            self.messages.append(data.strip())

    def login_fields(self) -> dict[str, str]:
        for form in self.forms:
            if "user_id" in form:
                return {name: value for name, value in form.items() if name != "user_id"}
        return {}


def parse(html: str) -> _LoginForm:
    parser = _LoginForm()
    parser.feed(html)
    return parser


@dataclass
class LoginOutcome:
    ok: bool
    status: int
    """The status of the answer to the form's post, after redirects."""
    cookies: list[str]
    """The names of the cookies the target set."""
    said: str
    """What the page said when the login was refused (empty when it said nothing recognisable)."""
    me: dict | None


def log_in(base_url: str, user_name: str, password: str, hook=None, timeout: float = 60) -> LoginOutcome:
    """Learn's form login in a fresh browser-like session; logs out again before returning."""
    with requests.Session() as browser:
        if hook is not None:
            browser.hooks["response"].append(hook)
        form = browser.get(f"{base_url}{LOGIN}", timeout=timeout)
        assert form.status_code == 200, f"GET {LOGIN} answered {form.status_code}: {form.text[:300]}"
        fields = parse(form.text).login_fields()
        assert fields, f"GET {LOGIN} served no login form (no form with user_id): {form.text[:300]}"
        fields.update(user_id=user_name, password=password, login="Login", action="login")
        answer = browser.post(f"{base_url}{LOGIN}", data=fields, timeout=timeout)
        me_answer = browser.get(f"{base_url}{ME}", timeout=timeout)
        me = me_answer.json() if me_answer.status_code == 200 else None
        ok = bool(me) and me.get("userName") == user_name
        outcome = LoginOutcome(ok, answer.status_code, sorted({c.name for c in browser.cookies}),
                               " ".join(parse(answer.text).messages), me)
        if ok:
            browser.get(f"{base_url}{LOGIN}", params={"action": "logout"}, timeout=timeout)
        return outcome

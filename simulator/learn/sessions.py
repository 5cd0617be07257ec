"""Learn's web sessions: what its login form starts and its logout ends.

A browser first gets an anonymous session with the login page; the form carries that
session's nonce (`blackboard.platform.security.NonceUtil.nonce`), and a login is only
accepted with the nonce of the session that posts it. A successful login starts a new
session (a new `JSESSIONID`, so an id seen before login is worth nothing after it) and a
`BbRouter` value naming it, as Learn's cookies do. A session lasts `SESSION_TIMEOUT`
seconds of simulated time after its last use (Learn's default, the `timeout:10800` in
`BbRouter`), and ends when its user can no longer log in (disabled, unavailable, purged).
The session's nonce also guards every form the signed-in user posts (CSRF).
"""
from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from simulator.clock import Clock

SESSION_TIMEOUT = 10800
"""Seconds of inactivity after which Learn ends a session (its default)."""


@dataclass(slots=True)
class WebSession:
    jsessionid: str
    bbrouter: str
    nonce: str
    expires: datetime
    user_pk: str | None = None
    """The signed-in user; None for the anonymous session of the login page."""

    def nonce_matches(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(self.nonce, given or "")


class Sessions:
    """Every live web session, found by its `JSESSIONID` or its `BbRouter` value."""

    def __init__(self, clock: Clock, site: str | None = None) -> None:
        self.clock = clock
        self.site = site or secrets.token_hex(16)
        self._by_jsessionid: dict[str, WebSession] = {}
        self._by_bbrouter: dict[str, WebSession] = {}

    def _new(self, user_pk: str | None, user_uuid: str = "") -> WebSession:
        jsessionid = secrets.token_hex(16).upper()
        nonce = secrets.token_urlsafe(16)
        expires = self.clock.now() + timedelta(seconds=SESSION_TIMEOUT)
        bbrouter = (f"expires:{int(expires.timestamp())},id:{secrets.token_hex(16).upper()},"
                    f"signature:{secrets.token_hex(32)},site:{self.site},timeout:{SESSION_TIMEOUT},"
                    f"user:{user_uuid},v:2,xsrf:{nonce}")
        session = WebSession(jsessionid, bbrouter, nonce, expires, user_pk)
        if len(self._by_jsessionid) % 1024 == 1023:
            self._sweep()
        self._by_jsessionid[jsessionid] = session
        self._by_bbrouter[bbrouter] = session
        return session

    def anonymous(self) -> WebSession:
        """A session for someone who has not logged in yet (the login page's nonce)."""
        return self._new(None)

    def sign_in(self, user_pk: str, user_uuid: str, previous: WebSession | None = None) -> WebSession:
        """A new session for `user_pk`; the anonymous one it replaces ends."""
        if previous is not None:
            self.end(previous)
        return self._new(user_pk, user_uuid)

    def find(self, jsessionid: str | None = None, bbrouter: str | None = None) -> WebSession | None:
        """The live session named by either cookie, its expiry pushed back (Learn's sliding timeout)."""
        session = (self._by_bbrouter.get(bbrouter or "") or self._by_jsessionid.get(jsessionid or ""))
        if session is None:
            return None
        now = self.clock.now()
        if session.expires <= now:
            self.end(session)
            return None
        session.expires = now + timedelta(seconds=SESSION_TIMEOUT)
        return session

    def _sweep(self) -> None:
        """Forget every expired session (login pages fetched and never posted pile up otherwise)."""
        now = self.clock.now()
        for session in [s for s in self._by_jsessionid.values() if s.expires <= now]:
            self.end(session)

    def end(self, session: WebSession) -> None:
        self._by_jsessionid.pop(session.jsessionid, None)
        self._by_bbrouter.pop(session.bbrouter, None)

    def __len__(self) -> int:
        return len(self._by_jsessionid)

"""REST applications, their OAuth2 client-credentials tokens (3600 s lifetime), and the
site's REST quota.

Learn counts REST calls against a daily site quota and reports it on every answer
(`X-Rate-Limit-Limit`, `-Remaining`, `-Reset` in seconds); the day starts at midnight
UTC of the simulated clock. The simulator reports the count but does not refuse calls
once it is used up (test runs make more calls than a day's quota).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from simulator.clock import Clock

TOKEN_LIFETIME = 3600
DAILY_QUOTA = 10000


@dataclass(slots=True)
class RestApp:
    key: str
    secret: str


@dataclass(slots=True)
class Token:
    value: str
    app_key: str
    expires: datetime


class RestApps:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.apps: dict[str, RestApp] = {}
        self.tokens: dict[str, Token] = {}
        self._quota_day: date | None = None
        self._calls_today = 0
        self._midnight: datetime | None = None

    def count_call(self) -> tuple[int, int, int]:
        """Count one REST call; return (daily quota, calls remaining, seconds until the quota resets)."""
        now = self.clock.now().astimezone(timezone.utc)
        day = now.date()
        if day != self._quota_day:
            self._quota_day, self._calls_today = day, 0
            self._midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=timezone.utc)
        self._calls_today += 1
        return DAILY_QUOTA, max(DAILY_QUOTA - self._calls_today, 0), int((self._midnight - now).total_seconds())

    def register(self, key: str | None = None, secret: str | None = None) -> RestApp:
        app = RestApp(key or secrets.token_hex(16), secret or secrets.token_urlsafe(24))
        self.apps[app.key] = app
        return app

    def issue(self, key: str, secret: str) -> Token | None:
        """A new bearer token for a registered application with the right secret."""
        app = self.apps.get(key)
        if app is None or not secrets.compare_digest(app.secret, secret):
            return None
        token = Token(secrets.token_urlsafe(24), key, self.clock.now() + timedelta(seconds=TOKEN_LIFETIME))
        self.tokens[token.value] = token
        return token

    def valid(self, value: str) -> bool:
        token = self.tokens.get(value)
        if token is None:
            return False
        if token.expires <= self.clock.now():
            del self.tokens[value]
            return False
        return True

"""REST applications and their OAuth2 client-credentials tokens (3600 s lifetime)."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from simulator.clock import Clock

TOKEN_LIFETIME = 3600


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

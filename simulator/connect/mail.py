"""The simulator's mail server: every e-mail Learn sends is kept, in order, to be read."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable


@dataclass(slots=True)
class Mail:
    to: str
    subject: str
    body: str
    sent: datetime

    def as_json(self) -> dict:
        return {"to": self.to, "subject": self.subject, "body": self.body, "sent": self.sent.isoformat()}


class Outbox:
    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self.messages: list[Mail] = []

    def send(self, to: str, subject: str, body: str) -> Mail:
        mail = Mail(to, subject, body, self._now())
        self.messages.append(mail)
        return mail

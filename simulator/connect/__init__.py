"""Blackboard Connect and Learn's side of it: contact synchronisation, the hourly job,
system announcements through Connect, and the mail server that carries the reports."""
from __future__ import annotations

from simulator.clock import Clock
from simulator.connect.announcements import Announcements
from simulator.connect.mail import Outbox
from simulator.connect.service import ConnectService
from simulator.connect.sync import ContactSync
from simulator.learn import Learn


class Connect:
    """The Connect service, Learn's contact sync and announcements over one Learn state."""

    def __init__(self, learn: Learn, clock: Clock) -> None:
        self.service = ConnectService(clock.now)
        self.outbox = Outbox(clock.now)
        self.sync = ContactSync(learn, clock, self.service, self.outbox)
        self.announcements = Announcements(learn, self.sync, self.service)

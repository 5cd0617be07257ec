"""System announcements through Connect, and the notification settings that gate them.

The General Notifications Settings decide, per channel (SMS, voice), whether users may
choose to receive announcements that way; a user can opt in to a channel only while it
is allowed, and an opt-in counts only while it is still allowed. An announcement goes
out only after the initial contact synchronisation, and only to users who opted in to
the channel, have a synced Connect contact and are still available and enabled (a
contact waiting for the hourly run to delete it gets nothing); Connect logs every message.
Cost: proportional to the users who opted in, not to all users.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from simulator.connect.service import ConnectService
from simulator.connect.sync import ContactSync
from simulator.learn import Learn
from simulator.learn.users import User

CHANNELS = ("sms", "voice")


class AnnouncementError(ValueError):
    """An announcement or a setting was refused; the message says why."""

    def __init__(self, message: str, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


def _channel_flags(body: dict, what: str) -> dict[str, bool]:
    unknown = sorted(set(body) - set(CHANNELS))
    if unknown:
        raise AnnouncementError(f"{what}: unknown settings {', '.join(unknown)}; use {', '.join(CHANNELS)}")
    for channel in CHANNELS:
        if channel in body and not isinstance(body[channel], bool):
            raise AnnouncementError(f"{what}: {channel} must be true or false")
    return {c: body[c] for c in CHANNELS if c in body}


@dataclass(slots=True)
class Announcement:
    number: int
    subject: str
    body: str
    channels: tuple[str, ...]
    deliveries: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        return f"{self.subject}: {self.body}" if self.subject else self.body

    def as_json(self) -> dict:
        return {"id": str(self.number), "subject": self.subject, "body": self.body, "channels": list(self.channels),
                "deliveries": self.deliveries, "skipped": self.skipped}


class Announcements:
    def __init__(self, learn: Learn, sync: ContactSync, service: ConnectService) -> None:
        self.learn, self.sync, self.service = learn, sync, service
        self.allowed: dict[str, bool] = {c: False for c in CHANNELS}
        """General Notifications Settings: may users choose this channel?"""
        self.opt_ins: dict[str, set[str]] = {}
        self._numbers = itertools.count(1)

    def set_general(self, body: dict) -> dict:
        self.allowed.update(_channel_flags(body, "notification settings"))
        return self.general()

    def general(self) -> dict:
        return dict(self.allowed)

    def set_user(self, user: User, body: dict) -> dict:
        """Record a user's choice; opting in to a channel the general settings do not offer is refused."""
        flags = _channel_flags(body, f"notification settings of {user.user_name!r}")
        closed = [c for c, on in flags.items() if on and not self.allowed[c]]
        if closed:
            raise AnnouncementError(f"the General Notifications Settings do not let users choose {', '.join(closed)} "
                                    f"announcements, so {user.user_name!r} cannot opt in", conflict=True)
        chosen = set(self.opt_ins.get(user.pk, ()))
        for channel, on in flags.items():
            (chosen.add if on else chosen.discard)(channel)
        if chosen:
            self.opt_ins[user.pk] = chosen
        else:
            self.opt_ins.pop(user.pk, None)
        return self.user_settings(user)

    def user_settings(self, user: User) -> dict:
        chosen = self.opt_ins.get(user.pk, set())
        return {"userName": user.user_name, **{c: c in chosen for c in CHANNELS}}

    def send(self, subject: object, body: object, channels: object) -> Announcement:
        if not isinstance(subject, str) or not isinstance(body, str) or not body.strip():
            raise AnnouncementError("an announcement needs a subject (text) and a non-empty body")
        if not isinstance(channels, list) or not channels or any(c not in CHANNELS for c in channels):
            raise AnnouncementError(f"channels must be a non-empty list of {', '.join(CHANNELS)}; got {channels!r}")
        if self.sync.mapping is None:
            raise AnnouncementError("announcements can go through Connect only after the initial contact "
                                    "synchronisation", conflict=True)
        wanted = tuple(c for c in CHANNELS if c in channels)
        announcement = Announcement(next(self._numbers), subject, body, wanted)
        for pk, chosen in list(self.opt_ins.items()):
            user = self.learn.users.get(pk)
            if user is None:
                continue
            channels_for_user = [c for c in wanted if c in chosen and self.allowed[c]]
            if not channels_for_user:
                continue
            contact_id = self.sync.contact_id(user)
            reason = ("no synced Connect contact" if contact_id is None
                      else None if user.can_log_in else "user is unavailable or disabled")
            if reason is not None:
                announcement.skipped.append({"userName": user.user_name, "reason": reason})
                continue
            for channel in channels_for_user:
                delivery = self.service.deliver(contact_id, channel, announcement.text, str(announcement.number))
                announcement.deliveries.append({"userName": user.user_name, **delivery.as_json()})
        return announcement

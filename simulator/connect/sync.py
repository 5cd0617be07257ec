"""Learn's contact synchronisation with Blackboard Connect (SPEC §2).

- A full synchronisation checks the credentials with Connect first (nothing changes
  anywhere when they are refused or incomplete), then looks at every Learn user: an
  enabled, available user whose mapped phone numbers are valid gets a contact (created
  once, then updated in place, so repeating the sync changes nothing); any other user
  loses its contact. It e-mails a report of successes and failures to the address of the
  Connect account and starts the hourly job the first time it succeeds.
- The hourly job looks only at the users Learn reported as touched since the previous
  run (`Learn.user_watchers`), compares their synced fields (names, numbers, whether
  they may have a contact) with what Connect was last sent, and sends only differences.
  Its cost is proportional to the touched users. It sends no e-mail.
- A phone field is compared as stored (the raw string) with the one last sent before
  it is parsed: an unchanged number is never parsed again, and parsed numbers are
  cached (`phones.normalise`), so a run's cost is the numbers that really changed.
- Contact data always follows the mapping of the last full synchronisation; a saved
  change of mapping waits, flagged "full resync required", until the next full sync.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from simulator.clock import Clock, isoformat
from simulator.connect.config import ContactSyncConfig, Mapping
from simulator.connect.mail import Outbox
from simulator.connect.phones import label, normalise
from simulator.connect.service import ConnectError, ConnectService
from simulator.learn import Learn
from simulator.learn.users import User

HOUR = timedelta(hours=1)
RESYNC_MESSAGE = "full resync required: the phone field mapping changed after the last full synchronisation"
KEPT_RUNS = 50


class SyncError(Exception):
    """The synchronisation could not start; nothing was changed."""


@dataclass(slots=True, frozen=True)
class ContactData:
    """What Learn sends Connect for one user."""

    firstname: str
    lastname: str
    sms_number: str
    voice_number: str | None


@dataclass(slots=True, frozen=True)
class Sent:
    contact_id: str
    user_name: str
    data: ContactData
    raw: tuple[str, ...] = ()
    """The phone fields as Learn held them when `data` was sent (before parsing)."""


@dataclass(slots=True, frozen=True)
class UserSyncStatus:
    contact_id: str | None
    reason: str | None
    checked: datetime


@dataclass(slots=True)
class SyncRun:
    kind: str
    at: datetime
    error: str | None = None
    examined: int = 0
    unchanged: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    synced: dict[str, str] = field(default_factory=dict)
    not_synced: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"kind": self.kind, "at": isoformat(self.at), "ok": self.error is None, "error": self.error,
                "examined": self.examined, "unchanged": self.unchanged, "created": self.created,
                "updated": self.updated, "deleted": self.deleted,
                "sent": self.created + self.updated + self.deleted, "notSynced": self.not_synced}


def raw_numbers(user: User, mapping: Mapping) -> tuple[str, ...]:
    """The user's mapped phone fields as stored, unparsed."""
    profile = user.profile
    return tuple(profile.get(column, "") for column in (mapping.sms_field, mapping.voice_field) if column is not None)


def contact_data(user: User, mapping: Mapping) -> tuple[ContactData | None, str | None]:
    """The contact a user should have under `mapping`, or None and the reason it has none."""
    if not user.enabled:
        return None, "user is disabled"
    if not user.available:
        return None, "user is unavailable"
    numbers = []
    for column in (mapping.sms_field, mapping.voice_field):
        if column is None:
            numbers.append(None)
            continue
        raw = user.profile.get(column, "").strip()
        if not raw:
            return None, f"{label(column).lower()} is blank"
        number = normalise(raw, mapping.region)
        if number is None:
            return None, f"{label(column).lower()} number is not valid: {raw!r}"
        numbers.append(number)
    return ContactData(user.firstname, user.lastname, numbers[0], numbers[1]), None


class ContactSync:
    def __init__(self, learn: Learn, clock: Clock, service: ConnectService, outbox: Outbox) -> None:
        self.learn, self.clock, self.service, self.outbox = learn, clock, service, outbox
        self.config = ContactSyncConfig()
        self.mapping: Mapping | None = None
        """The mapping of the last full synchronisation; None before the first one."""
        self.sent: dict[str, Sent] = {}
        self.statuses: dict[str, UserSyncStatus] = {}
        self.dirty: set[str] = set()
        self.runs: deque[SyncRun] = deque(maxlen=KEPT_RUNS)
        self.next_run: datetime | None = None
        learn.user_watchers.append(self._touched)

    def _touched(self, user: User) -> None:
        if self.mapping is not None:
            self.dirty.add(user.pk)

    @property
    def resync_required(self) -> bool:
        return self.mapping is not None and self.config.mapping != self.mapping

    # -- running -----------------------------------------------------------------
    def _sign_in(self, run: SyncRun):
        """Connect's account for the configured credentials; SyncError (logged in `run`) if refused."""
        missing = self.config.missing()
        try:
            if missing:
                raise SyncError(f"contact synchronisation needs the Connect {', '.join(missing)}; none was sent")
            return self.service.sign_in(self.config.account, self.config.password, self.config.sis_code)
        except (SyncError, ConnectError) as exc:
            run.error = f"contact synchronisation failed, nothing was changed: {exc}"
            self.runs.append(run)
            raise SyncError(run.error) from None

    def full_sync(self) -> SyncRun:
        """Send every user to Connect under the configured mapping and e-mail the report."""
        run = SyncRun("full", self.clock.now())
        account = self._sign_in(run)
        mapping = self.config.mapping
        for pk in [pk for pk in self.sent if pk not in self.learn.users]:
            self._send(pk, None, mapping, run)
        for user in list(self.learn.users.values()):
            self._send(user.pk, user, mapping, run)
        first = self.mapping is None
        self.mapping = mapping
        self.dirty.clear()
        self.runs.append(run)
        if first:
            self._schedule(run.at + HOUR)
        self.outbox.send(account.email, "Blackboard Connect contact synchronisation complete", self._report(run))
        return run

    def hourly(self) -> SyncRun | None:
        """The automatic run: send only what changed for the users touched since the last run."""
        due = self.next_run or self.clock.now()
        self.next_run = None
        try:
            return self._hourly_run()
        finally:
            later = due + HOUR
            now = self.clock.now()
            if later <= now:
                later += HOUR * ((now - later) // HOUR + 1)
            self._schedule(later)

    def _hourly_run(self) -> SyncRun | None:
        if self.mapping is None:
            return None
        run = SyncRun("hourly", self.clock.now())
        try:
            self._sign_in(run)
        except SyncError:
            return run
        touched, self.dirty = self.dirty, set()
        for pk in touched:
            self._send(pk, self.learn.users.get(pk), self.mapping, run)
        self.runs.append(run)
        return run

    def _schedule(self, when: datetime) -> None:
        self.next_run = when
        self.clock.schedule(when, self.hourly)

    def _send(self, pk: str, user: User | None, mapping: Mapping, run: SyncRun) -> None:
        """Bring one user's contact in line with Learn and record the user's status."""
        run.examined += 1
        before = self.sent.get(pk)
        if user is None and before is None:
            self.statuses.pop(pk, None)
            return
        name = user.user_name if user is not None else before.user_name
        raw = raw_numbers(user, mapping) if user is not None else ()
        if (before is not None and user is not None and raw == before.raw and mapping == self.mapping
                and user.enabled and user.available and name == before.user_name
                and user.firstname == before.data.firstname and user.lastname == before.data.lastname):
            run.unchanged += 1  # the same raw numbers as last sent: nothing to parse, nothing to send
            run.synced[name] = before.contact_id
            self.statuses[pk] = UserSyncStatus(before.contact_id, None, run.at)
            return
        data, reason = contact_data(user, mapping) if user is not None else (None, "user was removed from Learn")
        if data is None:
            if before is not None:
                self.service.delete_contact(before.contact_id)
                del self.sent[pk]
                run.deleted.append(name)
            run.not_synced[name] = reason
            if user is None:
                self.statuses.pop(pk, None)
            else:
                self.statuses[pk] = UserSyncStatus(None, reason, run.at)
            return
        if before is None:
            contact_id = self.service.create_contact(pk, name, data.firstname, data.lastname,
                                                     data.sms_number, data.voice_number).contact_id
            run.created.append(name)
        elif before.data != data:
            contact_id = self.service.update_contact(before.contact_id, name, data.firstname, data.lastname,
                                                     data.sms_number, data.voice_number).contact_id
            run.updated.append(name)
        else:
            contact_id = before.contact_id
            run.unchanged += 1
        self.sent[pk] = Sent(contact_id, name, data, raw)
        run.synced[name] = contact_id
        self.statuses[pk] = UserSyncStatus(contact_id, None, run.at)

    @staticmethod
    def _report(run: SyncRun) -> str:
        lines = [f"Contact synchronisation finished at {isoformat(run.at)}.",
                 f"Synchronised: {len(run.synced)}", f"Not synchronised: {len(run.not_synced)}", "",
                 "Synchronised users:"]
        lines += [f"  {name} (contact {contact_id})" for name, contact_id in sorted(run.synced.items())]
        lines += ["", "Users not synchronised:"]
        lines += [f"  {name}: {reason}" for name, reason in sorted(run.not_synced.items())]
        return "\n".join(lines) + "\n"

    # -- reading -------------------------------------------------------------------
    def contact_id(self, user: User) -> str | None:
        sent = self.sent.get(user.pk)
        return sent.contact_id if sent else None

    def user_status(self, user: User) -> dict:
        """What Learn shows under Account Information: synced with the contact id, or why not."""
        status = self.statuses.get(user.pk)
        answer = {"userId": user.pk, "userName": user.user_name, "synced": False, "contactId": None,
                  "reason": None, "checked": None, "changePending": user.pk in self.dirty,
                  "fullResyncRequired": self.resync_required}
        if status is None:
            answer["reason"] = ("contact synchronisation has not run yet" if self.mapping is None
                                else "not synchronised yet: the next hourly synchronisation will send it")
            return answer
        answer.update(synced=status.contact_id is not None, contactId=status.contact_id, reason=status.reason,
                      checked=isoformat(status.checked))
        if self.resync_required:
            answer["message"] = RESYNC_MESSAGE
        return answer

    def status(self) -> dict:
        return {
            "config": self.config.public(),
            "initialSyncDone": self.mapping is not None,
            "activeMapping": self.mapping.as_json() if self.mapping else None,
            "fullResyncRequired": self.resync_required,
            "message": RESYNC_MESSAGE if self.resync_required else None,
            "nextRun": isoformat(self.next_run) if self.next_run else None,
            "pendingChanges": len(self.dirty),
            "contacts": len(self.service.contacts),
            "runs": [run.as_json() for run in self.runs],
        }

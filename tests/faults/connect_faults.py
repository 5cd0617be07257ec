"""Faults of seed 000: Learn's contact synchronisation with Blackboard Connect and the
announcements that go through it. A live run cannot see the Connect side, so these are
caught only on the simulator."""
from __future__ import annotations

from simulator.connect import sync
from simulator.connect.announcements import Announcements
from simulator.connect.config import ContactSyncConfig
from simulator.connect.mail import Outbox
from simulator.connect.service import ConnectService
from tests.faults import fault, wrap

SYNC = ("connect/contact_sync.feature",)
HOURLY = ("connect/hourly_sync.feature",)
ANNOUNCEMENTS = ("connect/announcements.feature",)


@fault("connect-wrong-credentials-sync-anyway", "000", "with wrong Connect credentials the synchronisation fails and changes nothing",
       "the synchronisation runs whatever the password", SYNC)
def _(patch):
    def make(sign_in):
        def faulty(self, name, password, sis_code):
            account = self.accounts.get(name)
            try:
                return sign_in(self, name, password, sis_code)
            except Exception:
                if account is None:
                    raise
                return account
        return faulty
    wrap(patch, ConnectService, "sign_in", make)


@fault("connect-hourly-before-initial", "000", "the hourly synchronisation starts only after the first full one",
       "hourly runs start as soon as Learn starts, and send every user", HOURLY)
def _(patch):
    def init(original):
        def faulty(self, *args, **kwargs):
            original(self, *args, **kwargs)
            self._schedule(self.clock.now() + sync.HOUR)
        return faulty
    wrap(patch, sync.ContactSync, "__init__", init)

    def make(hourly_run):
        def faulty(self):
            if self.mapping is None and not self.config.missing():
                self.mapping = self.config.mapping
                self.dirty = set(self.learn.users)
            return hourly_run(self)
        return faulty
    wrap(patch, sync.ContactSync, "_hourly_run", make)


@fault("connect-hourly-sends-everyone", "000", "hourly runs send only the users whose synced fields changed",
       "every hourly run sends every synced user's contact again", HOURLY)
def _(patch):
    def make(hourly_run):
        def faulty(self):
            run = hourly_run(self)
            if run is not None and run.error is None:
                for pk, sent in list(self.sent.items()):
                    if sent.user_name not in run.created + run.updated:
                        data = sent.data
                        self.service.update_contact(sent.contact_id, sent.user_name, data.firstname, data.lastname,
                                                    data.sms_number, data.voice_number)
                        run.updated.append(sent.user_name)
            return run
        return faulty
    wrap(patch, sync.ContactSync, "_hourly_run", make)


@fault("connect-hourly-sends-mail", "000", "hourly runs send no e-mail", "every hourly run e-mails a report", HOURLY)
def _(patch):
    def make(hourly_run):
        def faulty(self):
            run = hourly_run(self)
            if run is not None:
                self.outbox.send(self.config.account or "connect", "Blackboard Connect hourly synchronisation",
                                 self._report(run))
            return run
        return faulty
    wrap(patch, sync.ContactSync, "_hourly_run", make)


@fault("connect-unavailable-keeps-contact", "000", "a user made unavailable loses its Connect contact",
       "unavailable users keep their contact", HOURLY + SYNC)
def _(patch):
    def make(contact_data):
        def faulty(user, mapping):
            if user.enabled and not user.available:
                saved, user.available = user.available, True
                try:
                    return contact_data(user, mapping)
                finally:
                    user.available = saved
            return contact_data(user, mapping)
        return faulty
    wrap(patch, sync, "contact_data", make)


@fault("connect-blank-phone-synced", "000", "a user with a blank synced phone is not synchronised (and the status says why)",
       "users without a phone get a contact with no number", SYNC)
def _(patch):
    def make(contact_data):
        def faulty(user, mapping):
            data, reason = contact_data(user, mapping)
            if data is None and reason and reason.endswith("is blank"):
                return sync.ContactData(user.firstname, user.lastname, None, None), None
            return data, reason
        return faulty
    wrap(patch, sync, "contact_data", make)


@fault("connect-mapping-change-immediate", "000", "other phone fields take effect only after a full resynchronisation",
       "hourly runs use the new fields at once", HOURLY)
def _(patch):
    def make(hourly_run):
        def faulty(self):
            if self.mapping is not None and self.config.mapping != self.mapping:
                self.mapping = self.config.mapping
                self.dirty = set(self.learn.users)
            return hourly_run(self)
        return faulty
    wrap(patch, sync.ContactSync, "_hourly_run", make)


@fault("connect-no-report-mail", "000", "the full synchronisation e-mails the Connect account who was and was not synchronised",
       "no e-mail is sent", SYNC)
def _(patch):
    patch.setattr(Outbox, "send", lambda self, to, subject, body: None)


@fault("connect-announcement-ignores-opt-in", "000", "an announcement reaches only users who chose that channel",
       "every synced user gets it on every channel", ANNOUNCEMENTS)
def _(patch):
    def make(send):
        def faulty(self, subject, body, channels):
            saved = dict(self.opt_ins)
            for pk in self.learn.users:
                self.opt_ins[pk] = ("sms", "voice")
            try:
                return send(self, subject, body, channels)
            finally:
                self.opt_ins.clear()
                self.opt_ins.update(saved)
        return faulty
    wrap(patch, Announcements, "send", make)


@fault("connect-two-numbers-ignored", "000", "with the two-number option, voice messages go to the second phone field",
       "the second number is never used", SYNC + ANNOUNCEMENTS + HOURLY)
def _(patch):
    from simulator.connect.config import Mapping

    patch.setattr(ContactSyncConfig, "mapping", property(lambda self: Mapping(self.sms_field, None, self.region)))

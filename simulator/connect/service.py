"""The Blackboard Connect side: the account Learn signs in with, the contacts it
holds, and every SMS and voice message it delivered.

A contact is known by an opaque internal id that Connect chooses when the contact is
created; deleting a contact and creating it again gives a new id. Connect accepts
contact changes only from a caller that presents the account name, its password and
the SIS code client care issued for it. The account's password is kept salted and
hashed and checked in constant time.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from simulator.learn import passwords


class ConnectError(Exception):
    """Connect refused a request; the message says why."""


@dataclass(slots=True)
class ConnectAccount:
    name: str
    password: bytes
    """Salted and hashed (`simulator.learn.passwords`); the clear password is never kept."""
    sis_code: str
    email: str

    def public(self) -> dict:
        return {"account": self.name, "sisCode": self.sis_code, "email": self.email}


@dataclass(slots=True, eq=False)
class Contact:
    contact_id: str
    learn_user_id: str
    learn_user_name: str
    firstname: str
    lastname: str
    sms_number: str
    voice_number: str | None
    created: datetime
    modified: datetime
    changes: int = 0
    """How many updates Connect received for this contact after creating it."""

    def number_for(self, channel: str) -> str:
        """Voice goes to the voice number when one was sent, else to the only number."""
        return (self.voice_number or self.sms_number) if channel == "voice" else self.sms_number

    def as_json(self) -> dict:
        return {
            "id": self.contact_id, "learnUserId": self.learn_user_id, "learnUserName": self.learn_user_name,
            "firstName": self.firstname, "lastName": self.lastname, "smsNumber": self.sms_number,
            "voiceNumber": self.voice_number, "created": self.created.isoformat(), "modified": self.modified.isoformat(),
            "changes": self.changes,
        }


@dataclass(slots=True)
class Delivery:
    contact_id: str
    channel: str
    number: str
    text: str
    announcement: str
    at: datetime

    def as_json(self) -> dict:
        return {"contactId": self.contact_id, "channel": self.channel, "number": self.number,
                "text": self.text, "announcement": self.announcement, "at": self.at.isoformat()}


class ConnectService:
    """One Connect instance with its accounts, contacts and delivery log."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now
        self.accounts: dict[str, ConnectAccount] = {}
        self.contacts: dict[str, Contact] = {}
        self.deliveries: list[Delivery] = []

    def put_account(self, name: str, password: str, sis_code: str, email: str) -> ConnectAccount:
        """What client care sets up: an account, its password, SIS code and e-mail address."""
        missing = [k for k, v in (("account", name), ("password", password), ("sisCode", sis_code), ("email", email))
                   if not isinstance(v, str) or not v.strip()]
        if missing:
            raise ConnectError(f"a Connect account needs a non-empty {', '.join(missing)}")
        if "@" not in email:
            raise ConnectError(f"email {email!r} is not an e-mail address")
        account = ConnectAccount(name, passwords.hash_password(password), sis_code, email)
        self.accounts[name] = account
        return account

    def sign_in(self, name: str, password: str, sis_code: str) -> ConnectAccount:
        """The account, when all three credentials match; ConnectError naming what did not."""
        account = self.accounts.get(name)
        if account is None:
            raise ConnectError(f"Connect has no account {name!r}")
        if not passwords.verify(account.password, password if isinstance(password, str) else ""):
            raise ConnectError(f"Connect refused the password for account {name!r}")
        if account.sis_code != sis_code:
            raise ConnectError(f"SIS code {sis_code!r} does not belong to Connect account {name!r}")
        return account

    def create_contact(self, learn_user_id: str, learn_user_name: str, firstname: str, lastname: str,
                       sms_number: str, voice_number: str | None) -> Contact:
        now = self._now()
        contact = Contact(uuid.uuid4().hex, learn_user_id, learn_user_name, firstname, lastname,
                          sms_number, voice_number, now, now)
        self.contacts[contact.contact_id] = contact
        return contact

    def update_contact(self, contact_id: str, learn_user_name: str, firstname: str, lastname: str,
                       sms_number: str, voice_number: str | None) -> Contact:
        contact = self._contact(contact_id)
        contact.learn_user_name = learn_user_name
        contact.firstname, contact.lastname = firstname, lastname
        contact.sms_number, contact.voice_number = sms_number, voice_number
        contact.modified = self._now()
        contact.changes += 1
        return contact

    def delete_contact(self, contact_id: str) -> None:
        self._contact(contact_id)
        del self.contacts[contact_id]

    def _contact(self, contact_id: str) -> Contact:
        contact = self.contacts.get(contact_id)
        if contact is None:
            raise ConnectError(f"Connect has no contact {contact_id!r}")
        return contact

    def deliver(self, contact_id: str, channel: str, text: str, announcement: str) -> Delivery:
        """Send one SMS or voice message to a contact and log it."""
        contact = self._contact(contact_id)
        delivery = Delivery(contact_id, channel, contact.number_for(channel), text, announcement, self._now())
        self.deliveries.append(delivery)
        return delivery

"""Learn's Connect Contact Synchronization settings (SPEC §2).

The Connect user account, its password and the SIS code come from Connect client care;
the sync refuses to run while any of them is missing. The SMS field and the voice field
each name one of the user's phone fields and both default to Mobile Phone; the voice
field is only sent when the two-number option is on. Settings are changed field by
field; a change is checked completely before any of it is applied.
"""
from __future__ import annotations

from dataclasses import dataclass

from simulator.connect.phones import DEFAULT_FIELD, DEFAULT_REGION, PhoneError, label, phone_field, region


class ConfigError(ValueError):
    """A setting was wrong; the message names it."""


@dataclass(slots=True, frozen=True)
class Mapping:
    """Which Learn fields make a contact's numbers; changing it needs a full resync."""

    sms_field: str = DEFAULT_FIELD
    voice_field: str | None = None
    region: str = DEFAULT_REGION

    def as_json(self) -> dict:
        return {"smsField": label(self.sms_field), "voiceField": label(self.voice_field) if self.voice_field else None,
                "defaultRegion": self.region}


TEXT_SETTINGS = {"account": "account", "password": "password", "sisCode": "sis_code"}
SETTINGS = (*TEXT_SETTINGS, "smsField", "voiceField", "twoNumbers", "defaultRegion")


@dataclass(slots=True)
class ContactSyncConfig:
    account: str = ""
    password: str = ""
    sis_code: str = ""
    sms_field: str = DEFAULT_FIELD
    voice_field: str = DEFAULT_FIELD
    two_numbers: bool = False
    region: str = DEFAULT_REGION

    @property
    def mapping(self) -> Mapping:
        return Mapping(self.sms_field, self.voice_field if self.two_numbers else None, self.region)

    def missing(self) -> list[str]:
        """The required credentials that are still empty, by their setting names."""
        return [name for name, attr in TEXT_SETTINGS.items() if not getattr(self, attr)]

    def update(self, body: dict) -> None:
        """Apply the given settings, all or none; ConfigError names the first bad one."""
        unknown = sorted(set(body) - set(SETTINGS))
        if unknown:
            raise ConfigError(f"unknown settings {', '.join(unknown)}; the settings are {', '.join(SETTINGS)}")
        changes: dict[str, object] = {}
        for name, attr in TEXT_SETTINGS.items():
            if name in body:
                if not isinstance(body[name], str):
                    raise ConfigError(f"{name} must be a string")
                changes[attr] = body[name].strip()
        for name, attr, check in (("smsField", "sms_field", phone_field), ("voiceField", "voice_field", phone_field),
                                  ("defaultRegion", "region", region)):
            if name in body:
                try:
                    changes[attr] = check(body[name])
                except PhoneError as exc:
                    raise ConfigError(f"{name}: {exc}") from None
        if "twoNumbers" in body:
            if not isinstance(body["twoNumbers"], bool):
                raise ConfigError("twoNumbers must be true or false")
            changes["two_numbers"] = body["twoNumbers"]
        for attr, value in changes.items():
            setattr(self, attr, value)

    def public(self) -> dict:
        """The settings as the page shows them: never the password itself."""
        return {"account": self.account, "passwordSet": bool(self.password), "sisCode": self.sis_code,
                "smsField": label(self.sms_field), "voiceField": label(self.voice_field),
                "twoNumbers": self.two_numbers, "defaultRegion": self.region}

"""Learn's phone fields as Connect sees them, and the check every number passes.

The administrator picks which of a user's five phone fields feeds the SMS number and
which feeds the voice number; both start as Mobile Phone. A field may be named by its
label on Learn's page ("Mobile Phone") or by its snapshot-feed column (`m_phone`),
ignoring case. A number is parsed with Google's libphonenumber rules (`phonenumbers`):
a number written with a leading `+` is read as international, any other number is read
in the configured default region; only numbers the library calls valid are sent, and
they are sent in E.164 form (`+12025550123`).
"""
from __future__ import annotations

from functools import lru_cache

import phonenumbers

PHONE_FIELDS: dict[str, str] = {
    "m_phone": "Mobile Phone",
    "h_phone_1": "Home Phone 1",
    "h_phone_2": "Home Phone 2",
    "b_phone_1": "Business Phone 1",
    "b_phone_2": "Business Phone 2",
}
"""Feed column → the label Learn's Contact Synchronization page shows."""
DEFAULT_FIELD = "m_phone"
DEFAULT_REGION = "US"
_BY_NAME = {**{k: k for k in PHONE_FIELDS}, **{label.lower(): k for k, label in PHONE_FIELDS.items()}}


class PhoneError(ValueError):
    """A phone field name or a default region that Learn would not offer."""


def phone_field(name: str) -> str:
    """The feed column for a field named by label or column; PhoneError when unknown."""
    column = _BY_NAME.get(str(name).strip().lower())
    if column is None:
        accepted = ", ".join(f"{label!r} ({column})" for column, label in PHONE_FIELDS.items())
        raise PhoneError(f"{name!r} is not a phone field; use one of {accepted}")
    return column


def label(column: str) -> str:
    return PHONE_FIELDS[column]


def region(code: str) -> str:
    """A two-letter region code libphonenumber knows (upper case); PhoneError otherwise."""
    upper = str(code).strip().upper()
    if upper not in phonenumbers.SUPPORTED_REGIONS:
        raise PhoneError(f"{code!r} is not a region code the phone-number rules know (e.g. US, GB, CA, AU)")
    return upper


@lru_cache(maxsize=65536)
def normalise(raw: str, default_region: str = DEFAULT_REGION) -> str | None:
    """The number in E.164 form, or None when it is not a valid phone number."""
    try:
        number = phonenumbers.parse(raw, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

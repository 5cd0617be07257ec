"""The user record as Learn keeps it.

Availability has three observable states (REST `availability.available`): `Yes`,
`No` (`available_ind=N`: cannot log in, still usable elsewhere) and `Disabled` (row
status disabled: overrides availability; no login, and no new memberships, roles or
observer links through the UI-equivalent paths).

A Learn holds users by the million, so the record is lean: `__slots__`; the data
source key is the data source's own (shared) string; `modified` costs nothing while
it equals `created`; the uuid is a shared random prefix plus the primary key's
number; the optional profile fields are packed (`packed_profile`), or nothing at all
when none is set. `profile` reads and writes the packed form as a mapping.
"""
from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime
from typing import Iterator

PROFILE_FIELDS: tuple[str, ...] = (
    "student_id", "middlename", "othername", "suffix", "title", "email",
    "m_phone", "h_phone_1", "h_phone_2", "b_phone_1", "b_phone_2", "h_fax", "b_fax",
    "street_1", "street_2", "city", "state", "zip_code", "country", "company",
    "department", "job_title", "webpage", "birthdate", "gender", "educ_level",
    "locale", "inst_email",
)
"""Optional person attributes, named as the snapshot format names them."""

_NAME_TUPLES: dict[tuple[str, ...], tuple[str, ...]] = {}


def shared_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple object for each distinct tuple of profile field names."""
    return _NAME_TUPLES.setdefault(names, names)


SEPARATOR = "\x00"
"""Joins the values of a packed profile (a value holding it is kept apart instead)."""


def packed_profile(items: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> tuple | None:
    """The stored form of profile fields: None when there are none; else a pair (the
    shared tuple of the names that are set, their values joined by SEPARATOR: one
    string for all of them), or, when there is one value or a value holds SEPARATOR,
    the names followed by each value."""
    pairs = [(name, value) for name, value in items if value]
    if not pairs:
        return None
    names, values = shared_names(tuple(name for name, _ in pairs)), [value for _, value in pairs]
    return pack(names, values)


def pack(names: tuple[str, ...], values: list[str] | tuple[str, ...]) -> tuple:
    """`packed_profile` for non-empty values under shared names."""
    if len(values) > 1 and not any(SEPARATOR in value for value in values):
        return (names, SEPARATOR.join(values))
    return (names, *values)


def unpacked(packed: tuple) -> tuple[str, ...] | list[str]:
    """The values of a packed profile, in the order of its names."""
    if len(packed) == len(packed[0]) + 1:
        return packed[1:]
    return packed[1].split(SEPARATOR)


class Profile(MutableMapping):
    """A user's profile fields as a mapping over the user's packed tuple (made on each access)."""

    __slots__ = ("_user",)

    def __init__(self, user: "User") -> None:
        self._user = user

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def get(self, name: str, default=None):
        packed = self._user._profile
        if packed is not None:
            names = packed[0]
            if name in names:
                return unpacked(packed)[names.index(name)]
        return default

    def __setitem__(self, name: str, value: str) -> None:
        pairs = self.items()
        if name in self:
            pairs = [(n, value if n == name else v) for n, v in pairs]
        else:
            pairs.append((name, value))
        self._user._profile = packed_profile(pairs)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._user._profile = packed_profile([(n, v) for n, v in self.items() if n != name])

    def __iter__(self) -> Iterator[str]:
        packed = self._user._profile
        return iter(packed[0] if packed is not None else ())

    def __len__(self) -> int:
        packed = self._user._profile
        return 0 if packed is None else len(packed[0])

    def __contains__(self, name: object) -> bool:
        packed = self._user._profile
        return packed is not None and name in packed[0]

    def items(self):
        packed = self._user._profile
        return [] if packed is None else list(zip(packed[0], unpacked(packed)))

    def __repr__(self) -> str:
        return repr(dict(self.items()))


class User:
    __slots__ = ("pk", "uuid_prefix", "external_id", "data_source", "user_name", "firstname", "lastname",
                 "password", "created", "_modified", "owner", "system_role", "institution_role",
                 "secondary_roles", "available", "enabled", "_profile")

    def __init__(self, pk: str, uuid_prefix: str, external_id: str, data_source: str, user_name: str,
                 firstname: str, lastname: str, password: str | bytes, created: datetime,
                 modified: datetime | None = None, owner: str | None = None, system_role: str = "User",
                 institution_role: str | None = None, secondary_roles: frozenset[str] = frozenset(),
                 available: bool = True, enabled: bool = True, profile: tuple | None = None) -> None:
        self.pk, self.uuid_prefix, self.external_id, self.data_source = pk, uuid_prefix, external_id, data_source
        self.user_name, self.firstname, self.lastname, self.password = user_name, firstname, lastname, password
        self.created, self._modified, self.owner = created, None if modified is None or modified == created else modified, owner
        self.system_role, self.institution_role, self.secondary_roles = system_role, institution_role, secondary_roles
        """`secondary_roles`: the enabled secondary institution roles (replaced, never mutated)."""
        self.available, self.enabled, self._profile = available, enabled, profile

    @property
    def uuid(self) -> str:
        """32 hex digits: a random 20-digit prefix shared by a batch of users, then the pk's number."""
        return f"{self.uuid_prefix}{int(self.pk.split('_')[1]):012x}"

    @property
    def modified(self) -> datetime:
        return self.created if self._modified is None else self._modified

    @modified.setter
    def modified(self, moment: datetime) -> None:
        self._modified = None if moment == self.created else moment

    @property
    def profile(self) -> Profile:
        """The optional person attributes that are set (field name → non-empty value)."""
        return Profile(self)

    @profile.setter
    def profile(self, fields: dict[str, str]) -> None:
        self._profile = packed_profile(list(fields.items()))

    @property
    def availability(self) -> str:
        """`Yes`, `No` or `Disabled`, as Learn's REST API shows it."""
        if not self.enabled:
            return "Disabled"
        return "Yes" if self.available else "No"

    @property
    def can_log_in(self) -> bool:
        return self.enabled and self.available

    def __repr__(self) -> str:
        return f"User({self.pk}, {self.external_id!r}, {self.user_name!r})"

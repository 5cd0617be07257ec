"""The `person` feed object: Learn users (SPEC §1.4, §1.6).

Store rules: the external person key identifies the record; `user_id` is unique;
a column that is present sets its field (an empty optional value clears it); a column
that is absent leaves the field as it is. Without `available_ind` the user is made
available; without `row_status` it is enabled (so a store re-enables). A new user
without `passwd` gets an unusable random password; an update changes the password
only when the integration allows password changes on update.
"""
from __future__ import annotations

from operator import attrgetter
from typing import Iterable

from simulator.learn import passwords
from simulator.learn.roles import DEFAULT_PRIMARY_INSTITUTION_ROLE, FEED_SYSTEM_ROLES
from simulator.learn.users import PROFILE_FIELDS, User, pack, packed_profile, shared_names
from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.fields import (
    DATA_SOURCE_KEY, DISABLED, DELETED, KEY, LONG_TEXT, NAME, PHONE, ROW_STATUS, Field, ObjectSpec, yyyymmdd,
)
from simulator.sis.personlane import PersonLane
from simulator.sis.run import FeedRun

PASSWORD_MAX = 32
PROFILE_SET = frozenset(PROFILE_FIELDS)
LENGTHS = {
    "student_id": NAME, "middlename": NAME, "othername": NAME, "suffix": NAME, "title": NAME,
    "email": NAME, "inst_email": NAME, "m_phone": PHONE, "h_phone_1": PHONE, "h_phone_2": PHONE,
    "b_phone_1": PHONE, "b_phone_2": PHONE, "h_fax": PHONE, "b_fax": PHONE, "webpage": LONG_TEXT,
    "street_1": LONG_TEXT, "street_2": LONG_TEXT,
}

PERSON = ObjectSpec("person", (
    Field("external_person_key", KEY, required=True),
    Field("user_id", 50, required=True),
    Field("firstname", NAME, required=True),
    Field("lastname", NAME, required=True),
    DATA_SOURCE_KEY,
    Field("passwd", LONG_TEXT, secret=True),
    Field("pwencryptiontype", choices=("md5", "ssha"), secret=True),
    Field("system_role", choices=tuple(FEED_SYSTEM_ROLES)),
    Field("institution_role", KEY),
    Field("available_ind", choices=("y", "n")),
    ROW_STATUS,
    Field("new_external_person_key", KEY),
    Field("new_data_source_key", KEY),
    *(Field(name, LENGTHS.get(name, NAME), check=yyyymmdd if name == "birthdate" else None)
      for name in PROFILE_FIELDS),
))


class Person(FeedObject):
    name = "person"
    spec = PERSON
    key_fields = ("external_person_key",)

    def key_after_store(self, values: dict[str, str]) -> str:
        return values.get("new_external_person_key") or values["external_person_key"]

    def lane(self, run: FeedRun, names: list[str], seen, sources: set[str]) -> PersonLane | None:
        return PersonLane.for_header(run, self.spec, names, seen, sources, limits={"passwd": PASSWORD_MAX})

    def find(self, run: FeedRun, key: str) -> User | None:
        return run.learn.users_by_external_id.get(key)

    def record_key(self, record: User) -> str:
        return record.external_id

    def record_keys(self, records: list[User]) -> list[str]:
        return list(map(_external_id, records))

    def is_enabled(self, record: User) -> bool:
        return record.enabled

    def owned(self, run: FeedRun, data_source: str | None) -> Iterable[User]:
        return run.learn.owned_users(run.integration.pk, data_source)

    def disable(self, run: FeedRun, record: User) -> None:
        run.learn.edit(record)
        record.enabled = False
        record.modified = run.moment

    def purge(self, run: FeedRun, record: User) -> None:
        if record.enabled:
            self.disable(run, record)
        run.learn.purge_user(record)

    def store(self, run: FeedRun, values: dict[str, str]) -> str:
        learn, integration = run.learn, run.integration
        key = values["external_person_key"]
        user = learn.users_by_external_id.get(key)
        plan = _plan(run, values)
        self._check(run, values, user, plan)
        columns = plan.profile
        available = values.get("available_ind", "y") != "n"
        enabled = values.get("row_status", "") not in (DISABLED, DELETED)
        if user is None:
            system_role, role = (values.get("system_role"), values.get("institution_role")) if plan.rare else (None, None)
            shared = run.shared
            user = learn.create_user(
                external_id=key, user_name=values["user_id"], firstname=shared.setdefault(values["firstname"], values["firstname"]),
                lastname=shared.setdefault(values["lastname"], values["lastname"]), data_source=values["data_source_key"],
                owner=integration.pk, password=self._stored_password(values), now=run.moment,
                profile=_row_profile(columns, values),
                system_role=FEED_SYSTEM_ROLES[system_role or integration.default_system_role.lower()],
                institution_role=role.upper() if role else DEFAULT_PRIMARY_INSTITUTION_ROLE,
                available=available, enabled=enabled,
            )
            if plan.rare:
                self._move(run, values, user)
            return "created"
        changed = self._differs(run, values, user, plan, available, enabled)
        if user.owner != integration.pk:
            run.warning(f"person {key!r} belongs to another integration ({user.owner or 'none'}); "
                        + ("it was updated anyway" if changed else "the row matches it, nothing changed"))
        if user.data_source != values["data_source_key"]:
            run.warning(f"person {key!r} stays in data source {user.data_source!r}, not {values['data_source_key']!r}; "
                        "use new_data_source_key to move it", "data_source_key")
        if not changed:
            return "unchanged"
        was_enabled = user.enabled
        learn.edit(user)
        learn.rename_user(user, values["user_id"])
        user.firstname = run.shared.setdefault(values["firstname"], values["firstname"])
        user.lastname = run.shared.setdefault(values["lastname"], values["lastname"])
        if columns:
            kept = [(name, value) for name, value in user.profile.items() if name not in values]
            user._profile = packed_profile(kept + [(name, values[name]) for name in columns])
        if values.get("system_role"):
            user.system_role = FEED_SYSTEM_ROLES[values["system_role"]]
        if values.get("institution_role"):
            user.institution_role = values["institution_role"].upper()
            learn.secondary_role_records.sync(user)
        if integration.password_changes_on_update:
            user.password = Person._new_password(values, user) or user.password
        user.available, user.enabled = available, enabled
        self._move(run, values, user)
        user.modified = run.moment
        if was_enabled != user.enabled:
            return "reenabled" if user.enabled else "disabled"
        return "updated"

    @staticmethod
    def _move(run: FeedRun, values: dict[str, str], user: User) -> None:
        """`new_external_person_key` and `new_data_source_key`, when the row gives them."""
        if values.get("new_external_person_key"):
            run.learn.rekey_user(user, values["new_external_person_key"])
        if values.get("new_data_source_key"):
            run.learn.move_user(user, values["new_data_source_key"])

    @staticmethod
    def _differs(run: FeedRun, values: dict[str, str], user: User, plan: "_Plan",
                 available: bool, enabled: bool) -> bool:
        """Whether storing the row would change the record (the change-detection rule in
        docs/decisions.md): any field the row sets to another value, or a password that
        does not verify against the stored one."""
        if (values["user_id"] != user.user_name or values["firstname"] != user.firstname
                or values["lastname"] != user.lastname or available != user.available or enabled != user.enabled):
            return True
        columns = plan.profile
        if columns and user._profile != _row_profile(columns, values):
            profile = user.profile
            if any(profile.get(name, "") != values[name] for name in columns):
                return True
        if plan.rare and Person._rare_differs(values, user):
            return True
        return run.integration.password_changes_on_update and Person._new_password(values, user) is not None

    @staticmethod
    def _rare_differs(values: dict[str, str], user: User) -> bool:
        """The columns few files carry: roles, and re-keying / moving columns."""
        role = values.get("system_role")
        if role and FEED_SYSTEM_ROLES[role] != user.system_role:
            return True
        role = values.get("institution_role")
        if role and role.upper() != user.institution_role:
            return True
        for column, current in (("new_external_person_key", user.external_id), ("new_data_source_key", user.data_source)):
            if values.get(column) and values[column] != current:
                return True
        return False

    @staticmethod
    def _new_password(values: dict[str, str], user: User) -> str | bytes | None:
        """The password to store for the row, or None when the row gives none or the one
        it gives is already the stored one (a clear one verifies: it is not re-hashed)."""
        password = values.get("passwd", "")
        if not password:
            return None
        scheme = values.get("pwencryptiontype", "").upper()
        if scheme:
            stored = passwords.prehashed(password, scheme)
            return None if stored == user.password else stored
        return None if passwords.verify(user.password, password) else passwords.hash_password(password)

    @staticmethod
    def _check(run: FeedRun, values: dict[str, str], user: User | None, plan: "_Plan") -> None:
        """Every rule that needs Learn's state, checked before anything changes."""
        learn = run.learn
        holder = learn.users_by_user_name.get(values["user_id"])
        if holder is not None and holder is not user:
            raise RowError(f"user_id {values['user_id']!r} already belongs to the person with external_person_key {holder.external_id!r}", "user_id")
        role = values.get("institution_role") if plan.rare else None
        if role and learn.institution_role(role) is None:
            raise RowError(f"institution_role {role!r} does not exist; create it first or use one of: {', '.join(sorted(learn.institution_roles))}", "institution_role")
        password = values.get("passwd", "")
        if password and len(password) > PASSWORD_MAX and not values.get("pwencryptiontype"):
            raise RowError(f"passwd is {len(password)} characters long; at most {PASSWORD_MAX} are allowed unless pwencryptiontype says it is hashed", "passwd")
        new_key = values.get("new_external_person_key") if plan.rare else None
        if new_key and new_key != values["external_person_key"]:
            taken = learn.users_by_external_id.get(new_key)
            if taken is not None and taken is not user:
                raise RowError(f"new_external_person_key {new_key!r} is already the key of another person", "new_external_person_key")

    @staticmethod
    def _stored_password(values: dict[str, str]) -> str | bytes | None:
        """How the row's password is kept: hashed, or as given when already hashed; None without one."""
        password = values.get("passwd", "")
        if not password:
            return None
        scheme = values.get("pwencryptiontype", "").upper()
        return passwords.prehashed(password, scheme) if scheme else passwords.hash_password(password)


_external_id = attrgetter("external_id")
RARE = frozenset({"system_role", "institution_role", "new_external_person_key", "new_data_source_key"})
"""Columns few files carry: a row is checked for them only when its file has them."""


class _Plan:
    """What one row shape (a header, or a field mapping's output) needs: its profile
    columns as one shared tuple, and whether it carries any RARE column."""

    __slots__ = ("profile", "rare")

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.profile = shared_names(tuple(c for c in columns if c in PROFILE_SET))
        self.rare = not RARE.isdisjoint(columns)


_PLANS: dict[tuple[str, ...], _Plan] = {}


def _plan(run: FeedRun, values: dict[str, str]) -> _Plan:
    """The row's plan: worked out once per header (once per distinct row shape when a
    field mapping reshapes rows)."""
    columns = run.columns or tuple(values)
    found = _PLANS.get(columns)
    if found is None:
        if len(_PLANS) > 256:
            _PLANS.clear()
        found = _PLANS[columns] = _Plan(columns)
    return found


def _row_profile(columns: tuple[str, ...], values: dict[str, str]) -> tuple | None:
    """The row's profile columns in the user's packed form (empty values left out)."""
    if not columns:
        return None
    given = list(map(values.__getitem__, columns))
    return pack(columns, given) if "" not in given else packed_profile(zip(columns, given))

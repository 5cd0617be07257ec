"""The `person` feed object: Learn users (SPEC §1.4, §1.6).

Store rules: the external person key identifies the record; `user_id` is unique;
a column that is present sets its field (an empty optional value clears it); a column
that is absent leaves the field as it is. Without `available_ind` the user is made
available; without `row_status` it is enabled (so a store re-enables). A new user
without `passwd` gets an unusable random password; an update changes the password
only when the integration allows password changes on update.
"""
from __future__ import annotations

from typing import Iterable

from simulator.learn import passwords
from simulator.learn.roles import DEFAULT_PRIMARY_INSTITUTION_ROLE, FEED_SYSTEM_ROLES
from simulator.learn.users import PROFILE_FIELDS, User
from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.fields import (
    DATA_SOURCE_KEY, DISABLED, DELETED, KEY, LONG_TEXT, NAME, PHONE, ROW_STATUS, Field, ObjectSpec, yyyymmdd,
)
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
    Field("passwd", LONG_TEXT),
    Field("pwencryptiontype", choices=("md5", "ssha")),
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

    def find(self, run: FeedRun, key: str) -> User | None:
        return run.learn.users_by_external_id.get(key)

    def record_key(self, record: User) -> str:
        return record.external_id

    def is_enabled(self, record: User) -> bool:
        return record.enabled

    def owned(self, run: FeedRun, data_source: str | None) -> Iterable[User]:
        return run.learn.owned_users(run.integration.pk, data_source)

    def disable(self, run: FeedRun, record: User) -> None:
        run.learn.edit(record)
        record.enabled = False
        record.modified = run.learn.now()

    def purge(self, run: FeedRun, record: User) -> None:
        if record.enabled:
            self.disable(run, record)
        run.learn.purge_user(record)

    def store(self, run: FeedRun, values: dict[str, str]) -> str:
        learn, integration = run.learn, run.integration
        key = values["external_person_key"]
        user = learn.users_by_external_id.get(key)
        self._check(run, values, user)
        was_enabled = None if user is None else user.enabled
        if user is None:
            user = learn.create_user(
                external_id=key, user_name=values["user_id"], firstname=values["firstname"],
                lastname=values["lastname"], data_source=values["data_source_key"], owner=integration.pk,
                password=self._stored_password(values),
            )
            user.system_role = FEED_SYSTEM_ROLES[integration.default_system_role.lower()]
            user.institution_role = DEFAULT_PRIMARY_INSTITUTION_ROLE
        else:
            learn.edit(user)
            if user.owner != integration.pk:
                run.warning(f"person {key!r} belongs to another integration ({user.owner or 'none'}); it was updated anyway")
            if user.data_source != values["data_source_key"]:
                run.warning(f"person {key!r} stays in data source {user.data_source!r}, not {values['data_source_key']!r}; "
                            "use new_data_source_key to move it", "data_source_key")
            learn.rename_user(user, values["user_id"])
            user.firstname, user.lastname = values["firstname"], values["lastname"]
        self._apply(run, values, user, creating=was_enabled is None)
        if was_enabled is None:
            return "created"
        if was_enabled != user.enabled:
            return "reenabled" if user.enabled else "disabled"
        return "updated"

    @staticmethod
    def _check(run: FeedRun, values: dict[str, str], user: User | None) -> None:
        """Every rule that needs Learn's state, checked before anything changes."""
        learn = run.learn
        holder = learn.users_by_user_name.get(values["user_id"])
        if holder is not None and holder is not user:
            raise RowError(f"user_id {values['user_id']!r} already belongs to the person with external_person_key {holder.external_id!r}", "user_id")
        role = values.get("institution_role")
        if role and learn.institution_role(role) is None:
            raise RowError(f"institution_role {role!r} does not exist; create it first or use one of: {', '.join(sorted(learn.institution_roles))}", "institution_role")
        password = values.get("passwd", "")
        if password and not values.get("pwencryptiontype") and len(password) > PASSWORD_MAX:
            raise RowError(f"passwd is {len(password)} characters long; at most {PASSWORD_MAX} are allowed unless pwencryptiontype says it is hashed", "passwd")
        new_key = values.get("new_external_person_key")
        if new_key and new_key != values["external_person_key"]:
            taken = learn.users_by_external_id.get(new_key)
            if taken is not None and taken is not user:
                raise RowError(f"new_external_person_key {new_key!r} is already the key of another person", "new_external_person_key")

    @staticmethod
    def _stored_password(values: dict[str, str]) -> str | None:
        """How the row's password is kept: hashed, or as given when already hashed; None without one."""
        password = values.get("passwd", "")
        if not password:
            return None
        scheme = values.get("pwencryptiontype", "").upper()
        return passwords.prehashed(password, scheme) if scheme else passwords.hash_password(password)

    @staticmethod
    def _apply(run: FeedRun, values: dict[str, str], user: User, creating: bool) -> None:
        learn, integration = run.learn, run.integration
        for name, value in values.items():
            if name in PROFILE_SET:
                if value:
                    user.profile[name] = value
                else:
                    user.profile.pop(name, None)
        if values.get("system_role"):
            user.system_role = FEED_SYSTEM_ROLES[values["system_role"]]
        if values.get("institution_role"):
            user.institution_role = values["institution_role"].upper()
            learn.secondary_role_records.sync(user)
        if not creating and integration.password_changes_on_update:
            user.password = Person._stored_password(values) or user.password
        user.available = values.get("available_ind", "y") != "n"
        user.enabled = values.get("row_status", "") not in (DISABLED, DELETED)
        if values.get("new_external_person_key"):
            learn.rekey_user(user, values["new_external_person_key"])
        if values.get("new_data_source_key"):
            learn.move_user(user, values["new_data_source_key"])
        user.modified = learn.now()

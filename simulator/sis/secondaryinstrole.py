"""The `secondaryinstrole` feed object: a person's secondary institution roles (SPEC §1.4).

Columns: `external_person_key` and `role_id` (together the record's key; role ids are
compared without case), optional `data_source_key` and `row_status`. The person and
the role must exist, and the role must not be the person's primary institution role.
"""
from __future__ import annotations

from typing import Hashable

from simulator.learn.secondaryroles import SecondaryRole, SecondaryRoles
from simulator.sis.association import AssociationFeed
from simulator.sis.feedobject import RowError
from simulator.sis.fields import DATA_SOURCE_KEY, KEY, ROW_STATUS, Field, ObjectSpec
from simulator.sis.run import FeedRun

SECONDARY_INST_ROLE = ObjectSpec("secondaryinstrole", (
    Field("external_person_key", KEY, required=True),
    Field("role_id", KEY, required=True),
    DATA_SOURCE_KEY,
    ROW_STATUS,
))


class SecondaryInstRole(AssociationFeed):
    name = "secondaryinstrole"
    spec = SECONDARY_INST_ROLE
    key_fields = ("external_person_key", "role_id")

    def table(self, run: FeedRun) -> SecondaryRoles:
        return run.learn.secondary_role_records

    def key(self, values: dict[str, str]) -> tuple[str, str]:
        return (values.get("external_person_key", ""), values.get("role_id", "").upper())

    def record_pk(self, run: FeedRun, key: Hashable) -> tuple[str, str] | None:
        person_key, role_id = key
        user = run.learn.users_by_external_id.get(person_key)
        return None if user is None else (user.pk, role_id)

    def record_key(self, record: SecondaryRole) -> tuple[str, str]:
        return (record.user.external_id, record.role_id)

    def check(self, run: FeedRun, values: dict[str, str]) -> None:
        user = self.person(run, values, "external_person_key", "person")
        role = run.learn.institution_role(values["role_id"])
        if role is None:
            raise RowError(f"role_id {values['role_id']!r}: no institution role with that id exists; "
                           f"an administrator must create it first", "role_id")
        if role.role_id == user.institution_role:
            raise RowError(f"role_id {role.role_id!r} is the primary institution role of person "
                           f"{user.external_id!r}; a secondary role must be a different one", "role_id")

    def create(self, run: FeedRun, values: dict[str, str], enabled: bool) -> None:
        user = run.learn.users_by_external_id[values["external_person_key"]]
        self.table(run).grant(user, values["role_id"], owner=run.integration.pk,
                              data_source=values["data_source_key"], enabled=enabled)

    def changed(self, run: FeedRun, record: SecondaryRole) -> None:
        if run.learn.users.get(record.user.pk) is record.user:
            self.table(run).sync(record.user)

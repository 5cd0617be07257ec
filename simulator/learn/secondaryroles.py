"""Secondary institution role records.

A user has one primary institution role and any number of secondary ones. Each
secondary role is a record of its own (with an owner, a data source and a row status),
so a feed can disable it without losing it. The roles a user effectively has are its
enabled records other than its primary role: `User.secondary_roles` always holds
exactly those, and REST lists them after the primary role.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.learn.records import Association, AssociationTable

if TYPE_CHECKING:
    from simulator.learn.users import User


@dataclass(slots=True, eq=False)
class SecondaryRole(Association):
    user: "User | None" = None
    role_id: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.user.pk, self.role_id)

    @property
    def user_pks(self) -> tuple[str, ...]:
        return (self.user.pk,)


class SecondaryRoles(AssociationTable[SecondaryRole]):
    name = "secondary_role"

    def grant(self, user: "User", role_id: str, *, owner: str | None, data_source: str,
              enabled: bool = True) -> SecondaryRole:
        """Create the record; the role must exist and must not be the user's primary role."""
        role_id = self.check(user, role_id)
        now = self.learn.now()
        self.learn.add_data_source(data_source)
        record = self.add(SecondaryRole(owner, data_source, enabled, now, now, user=user, role_id=role_id))
        self.sync(user)
        return record

    def check(self, user: "User", role_id: str) -> str:
        """The role's canonical id, or LearnError naming the broken rule."""
        from simulator.learn.state import LearnError

        role = self.learn.institution_role(role_id)
        if role is None:
            raise LearnError(f"institution role {role_id!r} does not exist")
        if role.role_id == user.institution_role:
            raise LearnError(f"{role.role_id} is already the primary institution role of {user.user_name!r}")
        return role.role_id

    def sync(self, user: "User") -> None:
        """Make `user.secondary_roles` the set of its enabled, non-primary role records."""
        effective = frozenset(r.role_id for r in self.of_user(user.pk) if r.enabled and r.role_id != user.institution_role)
        if effective != user.secondary_roles:
            self.learn.edit(user).secondary_roles = effective

"""The PortalRole data format (seed 002, "PortalRole Data Format"): Learn's
institution roles, with the users holding one as a secondary role (`userRole`) as
sub-records keyed by user.

A user has one primary portal role and any number of secondary ones; a role cannot
be both for the same user, and a disabled user gets no new role. `roleID` is the
role id REST shows; changing it renames the role everywhere it is used (Learn's
built-in roles keep their ids). Deleting a role removes every `userRole` of it; a
role that is still some user's primary role, or is not removable, is not deleted.
`isGuest`, `isRemovable` and `isSelfSelectable` are kept with the role (REST does
not show them); built-in roles are not removable.

Finding the holders of a role walks the users, and renaming or deleting one walks the
secondary-role records (disabled ones included, so none is left pointing at a role
that is gone): O(users + records) per role exported, renamed or deleted.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from simulator.connector.attributes import table
from simulator.connector.errors import Refusal
from simulator.connector.formats.base import Binding, DataFormat, guarded
from simulator.learn.roles import InstitutionRole
from simulator.learn.secondaryroles import SecondaryRole

if TYPE_CHECKING:
    from simulator.connector.session import Session
    from simulator.learn.users import User

ATTRIBUTES = table("""
name                  | personal | multi | create | modify | remove | mandatory | export | kind
description           | NA | N | Y | Y | Y | N  | Y | text:1000
isGuest               | NA | N | Y | Y | Y | N  | Y | bool
isRemovable           | NA | N | Y | Y | Y | N  | Y | bool
isSelfSelectable      | NA | N | Y | Y | Y | N  | Y | bool
portalRoleId          | NA | N | N | N | N | NA | Y | id
roleID                | NA | N | Y | Y | Y | Y  | Y | text:64
roleName              | NA | N | Y | Y | Y | Y  | Y | text:100
userRole->userRoleId  | NA | Y | N | N | N | NA | Y | id
userRole->userId      | NA | Y | Y | N | Y | Y  | Y | ref:user
""")

FLAG_DEFAULTS = {"isGuest": False, "isSelfSelectable": False}


def keep_role(session: "Session", role: InstitutionRole, existed: bool = True) -> None:
    """Journal a role (and its connector flags) before it changes, is created or is removed."""
    learn, journal = session.learn, session.learn.journal
    if journal is None:
        return
    saved = (role.role_id, role.name, role.description)
    flags = dict(session.connector.role_flags.get(role.pk, {}))

    def undo() -> None:
        for key in [k for k, r in learn.institution_roles.items() if r is role]:
            del learn.institution_roles[key]
        role.role_id, role.name, role.description = saved
        session.connector.role_flags[role.pk] = flags
        if existed:
            learn.institution_roles[role.role_id] = role
    journal.keep(("institution_role", role.pk), undo)


def _flag(name: str) -> Binding:
    def write(session: "Session", role: InstitutionRole, value: Any) -> None:
        default = role.custom if name == "isRemovable" else FLAG_DEFAULTS[name]
        session.connector.role_flags.setdefault(role.pk, {})[name] = default if value is None else value
    return Binding(lambda role: None, write)  # read by PortalRoleFormat.read, which knows the connector


def _rename(session: "Session", role: InstitutionRole, value: str) -> None:
    learn = session.learn
    new_id = value.upper()
    if new_id == role.role_id:
        return
    if not role.custom:
        raise Refusal.of("roleID", "constraint", f"roleID: {role.role_id} is one of Learn's built-in roles; its id cannot change")
    if new_id in learn.institution_roles:
        raise Refusal.of("roleID", "unique", f"roleID {new_id!r} is already the id of another portal role", 409)
    old_id = role.role_id
    holders = users_of(session, role, primary_too=True)
    del learn.institution_roles[old_id]
    role.role_id = new_id
    learn.institution_roles[new_id] = role
    for user in holders:
        if user.institution_role == old_id:
            session.edit_user(user).institution_role = new_id
    records = learn.secondary_role_records
    for record in role_records(session, old_id):
        session.edit_user(record.user)
        records.remove(record)
        records.add(SecondaryRole(record.owner, record.data_source, record.enabled, record.created, learn.now(),
                                  user=record.user, role_id=new_id))
        records.sync(record.user)


def role_records(session: "Session", role_id: str) -> list[SecondaryRole]:
    """Every secondary-role record of a role, enabled or not (a feed may have disabled some). O(records)."""
    return [r for r in session.learn.secondary_role_records.records.values() if r.role_id == role_id]


def users_of(session: "Session", role: InstitutionRole, primary_too: bool = False) -> list["User"]:
    """Users holding `role` as a secondary role (and, if asked, as their primary one). O(users)."""
    return [u for u in session.learn.users.values()
            if role.role_id in u.secondary_roles or (primary_too and u.institution_role == role.role_id)]


BINDINGS: dict[str, Binding] = {
    "description": Binding(lambda r: r.description or None, lambda s, r, v: setattr(r, "description", v or "")),
    "isGuest": _flag("isGuest"), "isRemovable": _flag("isRemovable"), "isSelfSelectable": _flag("isSelfSelectable"),
    "portalRoleId": Binding(lambda r: r.pk, lambda s, r, v: None),
    "roleID": Binding(lambda r: r.role_id, _rename),
    "roleName": Binding(lambda r: r.name, lambda s, r, v: setattr(r, "name", v)),
}


class PortalRoleFormat(DataFormat):
    def find(self, session: "Session", ref: str) -> InstitutionRole | None:
        return session.learn.institution_role_by_id(ref)

    def records(self, session: "Session") -> Iterable[InstitutionRole]:
        return list(session.learn.institution_roles.values())

    def touch(self, session: "Session", role: InstitutionRole) -> None:
        keep_role(session, role)

    def read(self, session: "Session", role: InstitutionRole, attribute: str) -> Any:
        if attribute in ("isGuest", "isRemovable", "isSelfSelectable"):
            default = role.custom if attribute == "isRemovable" else FLAG_DEFAULTS[attribute]
            return session.connector.role_flags.get(role.pk, {}).get(attribute, default)
        return super().read(session, role, attribute)

    def create(self, session: "Session", values: dict[str, Any]) -> InstitutionRole:
        learn = session.learn
        role_id = values["roleID"].upper()
        if learn.institution_role(role_id) is not None:
            raise Refusal.of("roleID", "unique", f"roleID {role_id!r} is already the id of another portal role", 409)
        role = guarded("roleID", lambda: learn.add_institution_role(role_id, values["roleName"], values.get("description") or ""))
        keep_role(session, role, existed=False)
        for name, value in values.items():
            if name in ("isGuest", "isRemovable", "isSelfSelectable"):
                self.write(session, role, name, value)
        return role

    def delete(self, session: "Session", role: InstitutionRole) -> None:
        """Delete the role and every userRole of it."""
        if not self.read(session, role, "isRemovable"):
            raise Refusal.of("isRemovable", "constraint", f"isRemovable: portal role {role.role_id} is not removable")
        primaries = [u.user_name for u in users_of(session, role, primary_too=True) if u.institution_role == role.role_id]
        if primaries:
            raise Refusal.of("roleID", "constraint", f"roleID: portal role {role.role_id} is the primary portal role of "
                                                     f"{len(primaries)} user(s), e.g. {primaries[0]!r}; give them "
                                                     "another primary role first", 409)
        for record in role_records(session, role.role_id):
            session.edit_user(record.user)
            session.learn.remove_secondary_role(record.user, role.role_id)
        keep_role(session, role)
        del session.learn.institution_roles[role.role_id]

    # -- sub-records -------------------------------------------------------------------------------
    def sub_list(self, session: "Session", role: InstitutionRole, group: str) -> list[Any]:
        return [(user, role) for user in users_of(session, role)]

    def sub_read(self, session: "Session", sub: Any, group: str, leaf: str) -> Any:
        user, role = sub
        return user.pk if leaf == "userId" else f"{user.pk}.{role.pk}"

    def resolve_sub_key(self, session: "Session", group: str, key: Any) -> Any:
        return session.user(key, "userRole->userId").pk

    def sub_add(self, session: "Session", role: InstitutionRole, group: str, values: dict[str, Any]) -> Any:
        attribute = "userRole->userId"
        user = session.user(values["userId"], attribute)
        if not user.enabled:
            raise Refusal.of(attribute, "disabled-user", f"{attribute}: user {user.user_name!r} is disabled and "
                                                         "cannot be given a portal role")
        if role.role_id in user.secondary_roles:
            raise Refusal.of(attribute, "unique", f"{attribute}: {user.user_name!r} already has portal role {role.role_id}", 409)
        session.edit_user(user)
        guarded(attribute, lambda: session.learn.add_secondary_role(user, role.role_id))
        return (user, role)

    def sub_write(self, session: "Session", sub: Any, group: str, leaf: str, value: Any) -> None:
        """userRole has no changeable attribute besides its key."""

    def sub_clear(self, session: "Session", sub: Any, group: str, leaf: str) -> None:
        self.sub_remove(session, sub[1], group, sub)

    def sub_remove(self, session: "Session", role: InstitutionRole, group: str, sub: Any) -> None:
        user = sub[0]
        session.edit_user(user)
        session.learn.remove_secondary_role(user, role.role_id)

    def search_values(self, session: "Session", role: InstitutionRole, key: str) -> list[str] | None:
        if key in ("id", "portalRoleId"):
            return [role.pk, role.role_id]
        if key == "userName":
            return [u.user_name for u in users_of(session, role, primary_too=True)]
        return None


PORTAL_ROLE = PortalRoleFormat("PortalRole", "portalRoleId", ATTRIBUTES, BINDINGS)

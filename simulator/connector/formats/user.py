"""The User data format (seed 002, "User Data Format"): Learn's users, with their
course memberships, group memberships and secondary portal roles as sub-records.

The user name is the login and must be unique; `userId` is the primary key Learn
assigns. `batchUid` is Learn's external id; without one, a new user's is its user
name, and removing it restores that default. The password is stored hashed and is
never exported. The primary portal role is `portalRoleId`; `userRole` sub-records
are the secondary ones (a primary role cannot also be secondary). A disabled user
gets no new course, group or role through the connector.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterable

from simulator.connector.attributes import table
from simulator.connector.errors import Refusal
from simulator.connector.formats import memberships
from simulator.connector.formats.base import Binding, DataFormat, guarded, slot
from simulator.learn import passwords
from simulator.learn.datasources import SYSTEM_DATA_SOURCE
from simulator.learn.roles import DEFAULT_PRIMARY_INSTITUTION_ROLE
from simulator.learn.users import User

if TYPE_CHECKING:
    from simulator.connector.session import Session

SYSTEM_ROLES = {
    "ACCOUNT_ADMIN": "AccountAdmin", "CARD_OFFICE_ADMIN": "CardOfficeAdmin", "COURSE_CREATOR": "CourseCreator",
    "COURSE_SUPPORT": "CourseSupport", "ECOMMERCE_ADMIN": "EcommerceAdmin", "GUEST": "Guest",
    "INTEGRATION": "Integration", "LMS_INTEGRATION_ADMIN": "LmsIntegrationAdmin", "OBSERVER": "Observer",
    "PORTAL": "Portal", "STORE_ADMIN": "StoreAdmin", "SYSTEM_ADMIN": "SystemAdmin",
    "SYSTEM_SUPPORT": "SystemSupport", "USER": "User",
}
"""The connector's system role names -> Learn's REST ids. `DEFAULT` and `NONE` mean `USER`."""
REST_SYSTEM_ROLES = {rest: name for name, rest in SYSTEM_ROLES.items()}
SYSTEM_ROLE_KIND = "enum:" + ",".join(SYSTEM_ROLES) + ",DEFAULT=USER,NONE=USER"
COURSE_ROLE_KIND = "enum:STUDENT,INSTRUCTOR,TEACHING_ASSISTANT,COURSE_BUILDER,GRADER,GUEST,BB_FACILITATOR"

ATTRIBUTES = table(f"""
name                                 | personal | multi | create | modify | remove | mandatory | export | kind
batchUid                             | N | N | Y | Y | Y | N  | Y | text:64
businessFax                          | N | N | Y | Y | Y | N  | Y | text:50
businessPhone1                       | N | N | Y | Y | Y | N  | Y | text:50
businessPhone2                       | N | N | Y | Y | Y | N  | Y | text:50
cardNumber                           | N | N | Y | Y | Y | N  | Y | text:100
city                                 | N | N | Y | Y | Y | N  | Y | text:100
company                              | N | N | Y | Y | Y | N  | Y | text:100
country                              | N | N | Y | Y | Y | N  | Y | text:100
department                           | N | N | Y | Y | Y | N  | Y | text:100
emailAddress                         | N | N | Y | Y | Y | N  | Y | text:100
familyName                           | N | N | Y | Y | Y | Y  | Y | text:100
givenName                            | N | N | Y | Y | Y | Y  | Y | text:100
homeFax                              | N | N | Y | Y | Y | N  | Y | text:50
homePhone1                           | N | N | Y | Y | Y | N  | Y | text:50
homePhone2                           | N | N | Y | Y | Y | N  | Y | text:50
userId                               | N | N | N | N | N | NA | Y | id
jobTitle                             | N | N | Y | Y | Y | N  | Y | text:100
lastLoginDate                        | N | N | Y | Y | Y | N  | Y | date
middleName                           | N | N | Y | Y | Y | N  | Y | text:100
mobilePhone                          | N | N | Y | Y | Y | N  | Y | text:50
password                             | N | N | Y | Y | Y | Y  | N | password
state                                | N | N | Y | Y | Y | N  | Y | text:100
street1                              | N | N | Y | Y | Y | N  | Y | text:255
street2                              | N | N | Y | Y | Y | N  | Y | text:255
systemRole                           | N | N | Y | Y | Y | N  | Y | {SYSTEM_ROLE_KIND}
title                                | N | N | Y | Y | Y | N  | Y | text:100
userName                             | N | N | Y | Y | Y | Y  | Y | text:50
webPage                              | N | N | Y | Y | Y | N  | Y | text:255
zipCode                              | N | N | Y | Y | Y | N  | Y | text:100
birthdate                            | Y | N | Y | Y | Y | N  | Y | date
CDRomDriveMac                        | Y | N | Y | Y | Y | N  | Y | text:255
CDRomDrivePC                         | Y | N | Y | Y | Y | N  | Y | text:255
educationLevel                       | Y | N | Y | Y | Y | N  | Y | text:100
gender                               | Y | N | Y | Y | Y | N  | Y | enum:MALE,FEMALE,UNKNOWN
isAvailable                          | Y | N | Y | Y | Y | N  | Y | bool
isInfoPublic                         | Y | N | Y | Y | Y | N  | Y | bool
portalRoleId                         | Y | N | Y | Y | Y | N  | Y | ref:portalRole
locale                               | Y | N | Y | Y | Y | N  | Y | text:20
showAddContactInfo                   | Y | N | Y | Y | Y | N  | Y | bool
showAddressInfo                      | Y | N | Y | Y | Y | N  | Y | bool
showEmailInfo                        | Y | N | Y | Y | Y | N  | Y | bool
showWorkInfo                         | Y | N | Y | Y | Y | N  | Y | bool
studentId                            | Y | N | Y | Y | Y | N  | Y | text:100
courseMembership->courseId           | Y | Y | Y | N | N | Y  | Y | ref:course
courseMembership->childCourseId      | Y | Y | Y | Y | Y | N  | Y | ref:course
courseMembership->enrollmentDate     | Y | Y | Y | Y | Y | N  | Y | date
courseMembership->hasCartridgeAccess | Y | Y | Y | Y | Y | N  | Y | bool
courseMembership->courseMembershipId | Y | Y | N | N | N | NA | Y | id
courseMembership->includedInRoster   | Y | Y | Y | Y | Y | N  | Y | bool
courseMembership->introduction       | Y | Y | Y | Y | Y | N  | Y | text:1000
courseMembership->isCourseMembershipAvailable | Y | Y | Y | Y | Y | N | Y | bool
courseMembership->notes              | Y | Y | Y | Y | Y | N  | Y | text:1000
courseMembership->personalInfo       | Y | Y | Y | Y | Y | N  | Y | text:1000
courseMembership->receiveEmail       | Y | Y | Y | Y | Y | N  | Y | bool
courseMembership->role               | Y | Y | Y | Y | Y | N  | Y | {COURSE_ROLE_KIND}
groupMembership->groupId             | Y | Y | Y | N | N | Y  | Y | ref:group
groupMembership->groupMembershipId   | Y | Y | N | N | N | NA | Y | id
groupMembership->groupRoleIdentifier | Y | Y | Y | Y | Y | N  | Y | enum:BB_PARTICIPANT
userRole->userRoleId                 | Y | Y | N | N | N | NA | Y | id
userRole->portalRoleId               | Y | Y | Y | N | N | Y  | Y | ref:portalRole
""")

PROFILE = {
    "businessFax": "b_fax", "businessPhone1": "b_phone_1", "businessPhone2": "b_phone_2", "cardNumber": "card_number",
    "city": "city", "company": "company", "country": "country", "department": "department", "emailAddress": "email",
    "homeFax": "h_fax", "homePhone1": "h_phone_1", "homePhone2": "h_phone_2", "jobTitle": "job_title",
    "middleName": "middlename", "mobilePhone": "m_phone", "state": "state", "street1": "street_1",
    "street2": "street_2", "title": "title", "webPage": "webpage", "zipCode": "zip_code",
    "CDRomDriveMac": "cdrom_drive_mac", "CDRomDrivePC": "cdrom_drive_pc", "educationLevel": "educ_level",
    "locale": "locale", "studentId": "student_id",
}
"""Text attributes kept in the user's profile, by the profile's (snapshot feed) names."""
FLAGS = {"isInfoPublic": ("info_public", True), "showAddContactInfo": ("show_add_contact_info", False),
         "showAddressInfo": ("show_address_info", False), "showEmailInfo": ("show_email_info", False),
         "showWorkInfo": ("show_work_info", False)}
"""Privacy flags kept in the profile as `true`/`false`, with Learn's defaults."""


def _profile(key: str) -> Binding:
    def write(session: "Session", user: User, value: Any) -> None:
        if value in (None, ""):
            user.profile.pop(key, None)
        else:
            user.profile[key] = value
    return Binding(lambda user: user.profile.get(key), write)


def _flag(key: str, default: bool) -> Binding:
    def write(session: "Session", user: User, value: Any) -> None:
        user.profile[key] = "true" if value else "false"
    return Binding(lambda user: user.profile.get(key, "true" if default else "false") == "true", write, default)


def _date(key: str, stored: str) -> Binding:
    def write(session: "Session", user: User, value: datetime | None) -> None:
        if value is None:
            user.profile.pop(key, None)
        else:
            user.profile[key] = value.astimezone(timezone.utc).strftime(stored)

    def read(user: User) -> datetime | None:
        text = user.profile.get(key)
        return datetime.strptime(text, stored).replace(tzinfo=timezone.utc) if text else None
    return Binding(read, write)


def _rename(session: "Session", user: User, value: str) -> None:
    guarded("userName", lambda: session.learn.rename_user(user, value), "unique")


def _rekey(session: "Session", user: User, value: str | None) -> None:
    guarded("batchUid", lambda: session.learn.rekey_user(user, value or user.user_name), "unique")


def _password(session: "Session", user: User, value: str) -> None:
    user.password = passwords.hash_password(value)


def _system_role(session: "Session", user: User, value: str | None) -> None:
    user.system_role = SYSTEM_ROLES[value or "USER"]


def _gender(session: "Session", user: User, value: str | None) -> None:
    if value is None:
        user.profile.pop("gender", None)
    else:
        user.profile["gender"] = value.capitalize()


def _primary_role(session: "Session", user: User, value: Any) -> None:
    role = session.portal_role(value or DEFAULT_PRIMARY_INSTITUTION_ROLE, "portalRoleId")
    if role.role_id in user.secondary_roles:
        session.learn.remove_secondary_role(user, role.role_id)
    user.institution_role = role.role_id


BINDINGS: dict[str, Binding] = {
    **{name: _profile(key) for name, key in PROFILE.items()},
    **{name: _flag(key, default) for name, (key, default) in FLAGS.items()},
    "batchUid": Binding(lambda u: u.external_id, _rekey),
    "familyName": slot("lastname"), "givenName": slot("firstname"),
    "userId": Binding(lambda u: u.pk, lambda s, u, v: None),
    "lastLoginDate": _date("last_login_date", "%Y-%m-%dT%H:%M:%S"),
    "birthdate": _date("birthdate", "%Y%m%d"),
    "password": Binding(lambda u: None, _password),
    "systemRole": Binding(lambda u: REST_SYSTEM_ROLES.get(u.system_role, u.system_role.upper()), _system_role, "USER"),
    "userName": Binding(lambda u: u.user_name, _rename),
    "gender": Binding(lambda u: (u.profile.get("gender") or "").upper() or None, _gender),
    "isAvailable": slot("available", True),
    "portalRoleId": Binding(lambda u: u.institution_role, _primary_role),
}


class UserFormat(DataFormat):
    def find(self, session: "Session", ref: str) -> User | None:
        try:
            return session.user(ref, "userName")
        except Refusal:
            return None

    def records(self, session: "Session") -> Iterable[User]:
        return list(session.learn.users.values())

    def touch(self, session: "Session", user: User) -> None:
        session.edit_user(user)

    def read(self, session: "Session", user: User, attribute: str) -> Any:
        value = super().read(session, user, attribute)
        if attribute == "portalRoleId" and value is not None:
            role = session.learn.institution_role(value)
            return role.pk if role else value
        return value

    def create(self, session: "Session", values: dict[str, Any]) -> User:
        learn = session.learn
        user_name = values["userName"]
        if user_name in learn.users_by_user_name:
            raise Refusal.of("userName", "unique", f"userName {user_name!r} is already the login of another user", 409)
        external_id = values.get("batchUid") or user_name
        if external_id in learn.users_by_external_id:
            raise Refusal.of("batchUid", "unique", f"batchUid {external_id!r} is already the external id of another user", 409)
        user = learn.create_user(external_id=external_id, user_name=user_name, firstname=values["givenName"],
                                 lastname=values["familyName"], data_source=SYSTEM_DATA_SOURCE,
                                 password=passwords.hash_password(values["password"]))
        session.touched[user.pk] = user
        user.institution_role = DEFAULT_PRIMARY_INSTITUTION_ROLE
        for name, value in values.items():
            if name not in ("userName", "batchUid", "givenName", "familyName", "password"):
                self.write(session, user, name, value)
        return user

    def delete(self, session: "Session", user: User) -> None:
        """Delete the user with its course memberships, group memberships and roles."""
        session.edit_user(user).enabled = False
        session.learn.purge_user(user)

    # -- sub-records -------------------------------------------------------------------------
    def sub_list(self, session: "Session", user: User, group: str) -> list[Any]:
        learn = session.learn
        if group == "courseMembership":
            return learn.course_memberships.of_user(user.pk)
        if group == "groupMembership":
            return learn.group_memberships.of_user(user.pk)
        return [(user, learn.institution_role(role_id)) for role_id in sorted(user.secondary_roles)
                if learn.institution_role(role_id) is not None]

    def sub_read(self, session: "Session", sub: Any, group: str, leaf: str) -> Any:
        if group == "courseMembership":
            return memberships.read(session, sub, leaf)
        if group == "groupMembership":
            return {"groupId": sub.group_pk, "groupMembershipId": sub.pk, "groupRoleIdentifier": sub.role}[leaf]
        user, role = sub
        return role.pk if leaf == "portalRoleId" else f"{user.pk}.{role.pk}"

    def resolve_sub_key(self, session: "Session", group: str, key: Any) -> Any:
        attribute = f"{group}->{self.subs[group].key}"
        if group == "courseMembership":
            return session.course(key, attribute).pk
        if group == "groupMembership":
            return session.group(key, attribute).pk
        return session.portal_role(key, attribute).pk

    def sub_add(self, session: "Session", user: User, group: str, values: dict[str, Any]) -> Any:
        learn = session.learn
        key = self.subs[group].key
        attribute = f"{group}->{key}"
        if not user.enabled:
            raise Refusal.of(attribute, "disabled-user", f"{attribute}: user {user.user_name!r} is disabled and "
                                                         f"cannot be given a new {group}")
        if group == "courseMembership":
            return memberships.enrol(session, values[key], user.pk, values, key)
        if group == "groupMembership":
            group_record = session.group(values[key], attribute)
            course_membership = learn.course_memberships.find(group_record.course_pk, user.pk)
            if course_membership is None:
                raise Refusal.of(attribute, "constraint", f"{attribute}: user {user.user_name!r} is not enrolled in "
                                                          f"the course of group {group_record.title!r}")
            return guarded(attribute, lambda: learn.group_memberships.join(group_record, course_membership), "unique")
        role = session.portal_role(values[key], attribute)
        if role.role_id in user.secondary_roles:
            raise Refusal.of(attribute, "unique", f"{attribute}: {user.user_name!r} already has portal role "
                                                  f"{role.role_id}", 409)
        session.edit_user(user)
        guarded(attribute, lambda: learn.add_secondary_role(user, role.role_id))
        return (user, role)

    def sub_write(self, session: "Session", sub: Any, group: str, leaf: str, value: Any) -> None:
        if group == "courseMembership":
            memberships.write(session, sub, leaf, value)
        elif group == "groupMembership" and leaf == "groupRoleIdentifier":
            session.learn.group_memberships.edit(sub).role = value or "BB_PARTICIPANT"

    def sub_clear(self, session: "Session", sub: Any, group: str, leaf: str) -> None:
        if group == "courseMembership":
            memberships.clear(session, sub, leaf)
        else:
            self.sub_write(session, sub, group, leaf, None)

    def sub_remove(self, session: "Session", user: User, group: str, sub: Any) -> None:
        learn = session.learn
        if group == "courseMembership":
            memberships.unenrol(session, sub)
        elif group == "groupMembership":
            learn.group_memberships.delete(sub)
        else:
            session.edit_user(user)
            learn.remove_secondary_role(user, sub[1].role_id)

    def search_values(self, session: "Session", user: User, key: str) -> list[str] | None:
        learn = session.learn
        if key == "userName":
            return [user.user_name]
        if key == "batchUid":
            return [user.external_id]
        if key in ("id", "userId"):
            return [user.pk]
        if key == "courseId":
            courses = [learn.courses.get(m.course_pk) for m in learn.course_memberships.of_user(user.pk)]
            return [v for c in courses if c for v in (c.pk, c.course_id)]
        if key == "courseMembershipId":
            return [m.pk for m in learn.course_memberships.of_user(user.pk)]
        if key == "groupId":
            return [m.group_pk for m in learn.group_memberships.of_user(user.pk)]
        if key == "portalRoleId":
            roles = [learn.institution_role(r) for r in [user.institution_role or "", *user.secondary_roles]]
            return [v for r in roles if r for v in (r.pk, r.role_id)]
        return None


USER = UserFormat("User", "userId", ATTRIBUTES, BINDINGS)

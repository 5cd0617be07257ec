"""The Group data format (seed 002, "Group Data Format"): groups of a course, with
their group memberships as sub-records keyed by course membership.

A group belongs to exactly one course: `courseId` is mandatory and cannot be
removed (moving a group to another course makes its members leave it, since they
were enrolled in the old course). `isSelfEnrolledAllowed` is set on create only.
A group member must be enrolled in the group's course and enabled; the only group
role is `BB_PARTICIPANT`. Deleting a group deletes its memberships.
"""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Iterable

from simulator.connector.attributes import table
from simulator.connector.errors import Refusal
from simulator.connector.formats.base import Binding, DataFormat, guarded, slot
from simulator.learn.groups import Group

if TYPE_CHECKING:
    from simulator.connector.session import Session

ATTRIBUTES = table("""
name                                  | personal | multi | create | modify | remove | mandatory | export | kind
courseId                              | NA | N | Y | Y | Y | Y  | Y | ref:course
description                           | NA | N | Y | Y | Y | N  | Y | text:4000
groupId                               | NA | N | N | N | N | NA | Y | id
isAvailable                           | NA | N | Y | Y | Y | N  | Y | bool
isChatRoomAvailable                   | NA | N | Y | Y | Y | N  | Y | bool
isDiscussionBoardAvailable            | NA | N | Y | Y | Y | N  | Y | bool
isEmailAvailable                      | NA | N | Y | Y | Y | N  | Y | bool
isTransferAreaAvailable               | NA | N | Y | Y | Y | N  | Y | bool
isAllowEditToGroup                    | NA | N | Y | Y | Y | N  | Y | bool
isCustomizable                        | NA | N | Y | Y | Y | N  | Y | bool
isGroupSet                            | NA | N | Y | Y | Y | N  | Y | bool
isSelfEnrolledAllowed                 | NA | N | Y | N | Y | N  | Y | bool
isShowSignUp                          | NA | N | Y | Y | Y | N  | Y | bool
isSignUpOnly                          | NA | N | Y | Y | Y | N  | Y | bool
isWithForum                           | NA | N | Y | Y | Y | Y  | Y | bool
maximumEnrollment                     | NA | N | Y | Y | Y | N  | Y | int
modifiedDate                          | NA | N | Y | Y | Y | N  | Y | date
setId                                 | NA | N | Y | Y | Y | N  | Y | text:100
tabId                                 | NA | N | Y | Y | Y | N  | Y | text:100
title                                 | NA | N | Y | Y | Y | Y  | Y | text:333
groupMembership->groupMembershipId    | NA | Y | N | N | N | N  | Y | id
groupMembership->courseMembershipId   | NA | Y | Y | N | Y | Y  | Y | ref:courseMembership
groupMembership->role                 | NA | Y | Y | Y | Y | N  | Y | enum:BB_PARTICIPANT
""")


def _course(session: "Session", group: Group, value: Any) -> None:
    course = session.course(value, "courseId")
    if course.pk != group.course_pk:
        session.learn.groups.move(group, course)


def _modified_date(group: Group) -> datetime:
    return group.modified_date or group.modified


BINDINGS: dict[str, Binding] = {
    "courseId": Binding(lambda g: g.course_pk, _course),
    "description": slot("description", ""),
    "groupId": Binding(lambda g: g.pk, lambda s, g, v: None),
    "isAvailable": slot("available", True),
    "isChatRoomAvailable": slot("chat_room", False), "isDiscussionBoardAvailable": slot("discussion_board", False),
    "isEmailAvailable": slot("email", False), "isTransferAreaAvailable": slot("transfer_area", False),
    "isAllowEditToGroup": slot("allow_edit", False), "isCustomizable": slot("customizable", False),
    "isGroupSet": slot("group_set", False), "isSelfEnrolledAllowed": slot("self_enrollment", False),
    "isShowSignUp": slot("show_sign_up", False), "isSignUpOnly": slot("sign_up_only", False),
    "isWithForum": slot("with_forum", False), "maximumEnrollment": slot("maximum_enrollment"),
    "modifiedDate": Binding(_modified_date, lambda s, g, v: setattr(g, "modified_date", v)),
    "setId": slot("set_id", ""), "tabId": slot("tab_id", ""), "title": slot("title"),
}


class GroupFormat(DataFormat):
    def find(self, session: "Session", ref: str) -> Group | None:
        return session.learn.groups.by_ref(ref)

    def records(self, session: "Session") -> Iterable[Group]:
        return list(session.learn.groups)

    def touch(self, session: "Session", group: Group) -> None:
        session.learn.groups.edit(group)

    def read(self, session: "Session", group: Group, attribute: str) -> Any:
        value = super().read(session, group, attribute)
        return None if value == "" else value

    def create(self, session: "Session", values: dict[str, Any]) -> Group:
        course = session.course(values["courseId"], "courseId")
        group = session.learn.groups.create(course, values["title"])
        for name, value in values.items():
            if name not in ("courseId", "title"):
                self.write(session, group, name, value)
        return group

    def delete(self, session: "Session", group: Group) -> None:
        """Delete the group with its memberships."""
        session.learn.groups.remove(group)

    # -- sub-records -------------------------------------------------------------------------------
    def sub_list(self, session: "Session", group: Group, name: str) -> list[Any]:
        return session.learn.group_memberships.of_group(group.pk)

    def sub_read(self, session: "Session", sub: Any, name: str, leaf: str) -> Any:
        return {"groupMembershipId": sub.pk, "courseMembershipId": sub.course_membership_pk, "role": sub.role}[leaf]

    def resolve_sub_key(self, session: "Session", name: str, key: Any) -> Any:
        return session.course_membership(key, "groupMembership->courseMembershipId").pk

    def sub_add(self, session: "Session", group: Group, name: str, values: dict[str, Any]) -> Any:
        attribute = "groupMembership->courseMembershipId"
        learn = session.learn
        membership = session.course_membership(values["courseMembershipId"], attribute)
        user = learn.users.get(membership.user_pk)
        if user is not None and not user.enabled:
            raise Refusal.of(attribute, "disabled-user", f"{attribute}: user {user.user_name!r} is disabled and "
                                                         "cannot join a group")
        if membership.course_pk != group.course_pk:
            raise Refusal.of(attribute, "constraint", f"{attribute}: course membership {membership.pk} is not in "
                                                      f"the course of group {group.title!r}")
        return guarded(attribute, lambda: learn.group_memberships.join(group, membership), "unique")

    def sub_write(self, session: "Session", sub: Any, name: str, leaf: str, value: Any) -> None:
        session.learn.group_memberships.edit(sub).role = value or "BB_PARTICIPANT"

    def sub_clear(self, session: "Session", sub: Any, name: str, leaf: str) -> None:
        self.sub_write(session, sub, name, leaf, None)

    def sub_remove(self, session: "Session", group: Group, name: str, sub: Any) -> None:
        session.learn.group_memberships.delete(sub)

    def search_values(self, session: "Session", group: Group, key: str) -> list[str] | None:
        learn = session.learn
        if key in ("id", "groupId"):
            return [group.pk, group.external_id]
        if key == "courseId":
            course = learn.courses.get(group.course_pk)
            return [group.course_pk] + ([course.course_id] if course else [])
        if key == "courseMembershipId":
            return [m.course_membership_pk for m in learn.group_memberships.of_group(group.pk)]
        if key == "userName":
            users = [learn.users.get(m.user_pk) for m in learn.group_memberships.of_group(group.pk)]
            return [u.user_name for u in users if u]
        return None


GROUP = GroupFormat("Group", "groupId", ATTRIBUTES, BINDINGS)

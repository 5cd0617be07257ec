"""Groups of a course, and group memberships.

A group belongs to exactly one course (or organization). A group membership ties a
course membership (a user enrolled in the group's course) to the group, so only
users enrolled in the course can join its groups, and leaving the course means
leaving its groups. The only group role Learn has is `BB_PARTICIPANT`. A group set
(`isGroupSet`) holds settings for its sub-groups and takes no members itself.
"""
from __future__ import annotations

import uuid as uuidlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.learn.courses import Course, CourseMembership
from simulator.learn.tables import LinkTable, RecordTable

if TYPE_CHECKING:
    from simulator.learn.state import Learn

GROUP_ROLES = ("BB_PARTICIPANT",)


@dataclass(slots=True, eq=False)
class Group:
    pk: str
    uuid: str
    external_id: str
    course_pk: str
    title: str
    created: datetime
    modified: datetime
    description: str = ""
    available: bool = True
    chat_room: bool = False
    discussion_board: bool = False
    email: bool = False
    transfer_area: bool = False
    allow_edit: bool = False
    customizable: bool = False
    group_set: bool = False
    self_enrollment: bool = False
    show_sign_up: bool = False
    sign_up_only: bool = False
    with_forum: bool = False
    maximum_enrollment: int | None = None
    modified_date: datetime | None = None
    set_id: str = ""
    tab_id: str = ""

    @property
    def availability(self) -> str:
        """REST's `availability.available`: `Yes`, `No` or `SignupOnly`."""
        if self.sign_up_only:
            return "SignupOnly"
        return "Yes" if self.available else "No"


@dataclass(slots=True, eq=False)
class GroupMembership:
    pk: str
    group_pk: str
    course_membership_pk: str
    user_pk: str
    created: datetime
    modified: datetime
    role: str = "BB_PARTICIPANT"


class Groups(RecordTable[Group]):
    name = "group"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_course: dict[str, dict[str, Group]] = defaultdict(dict)
        self.by_external_id: dict[str, Group] = {}

    def _index(self, group: Group) -> None:
        self.by_course[group.course_pk][group.pk] = group
        self.by_external_id[group.external_id] = group

    def _unindex(self, group: Group) -> None:
        self.by_course[group.course_pk].pop(group.pk, None)
        del self.by_external_id[group.external_id]

    def of_course(self, course_pk: str) -> list[Group]:
        return list(self.by_course.get(course_pk, {}).values())

    def create(self, course: Course, title: str) -> Group:
        now = self.learn.now()
        return self.insert(Group(self.pks.take(), uuidlib.uuid4().hex, uuidlib.uuid4().hex, course.pk, title, now, now))

    def by_ref(self, ref: str) -> Group | None:
        """Resolve `_5_1` or `externalId:X`."""
        if ref.startswith("externalId:"):
            return self.by_external_id.get(ref[len("externalId:"):])
        return self.rows.get(ref)

    def move(self, group: Group, course: Course) -> None:
        """Attach a group to another course; its members leave it (they were enrolled elsewhere)."""
        for membership in self.learn.group_memberships.of_group(group.pk):
            self.learn.group_memberships.delete(membership)
        self.reindex(group, course_pk=course.pk)

    def remove(self, group: Group) -> None:
        """Delete a group with its memberships."""
        for membership in self.learn.group_memberships.of_group(group.pk):
            self.learn.group_memberships.delete(membership)
        self.delete(group)


class GroupMemberships(LinkTable, RecordTable[GroupMembership]):
    name = "group_membership"
    pair = ("group_pk", "course_membership_pk")
    sides = ("group_pk", "course_membership_pk", "user_pk")

    def of_group(self, group_pk: str) -> list[GroupMembership]:
        return self.linked("group_pk", group_pk)

    def of_user(self, user_pk: str) -> list[GroupMembership]:
        return self.linked("user_pk", user_pk)

    def of_course_membership(self, pk: str) -> list[GroupMembership]:
        return self.linked("course_membership_pk", pk)

    def find(self, group_pk: str, course_membership_pk: str) -> GroupMembership | None:
        return self.by_pair.get((group_pk, course_membership_pk))

    def join(self, group: Group, membership: CourseMembership) -> GroupMembership:
        """Put an enrolled, enabled user into a group of the course they are enrolled in."""
        from simulator.learn.state import LearnError

        user = self.learn.users.get(membership.user_pk)
        if user is None or not user.enabled:
            raise LearnError("a disabled user cannot join a group")
        if membership.course_pk != group.course_pk:
            raise LearnError("the course membership is not in the group's course")
        if group.group_set:
            raise LearnError(f"group {group.title!r} is a group set; its sub-groups take the members")
        if (group.pk, membership.pk) in self.by_pair:
            raise LearnError(f"user {user.user_name!r} is already a member of group {group.title!r}")
        now = self.learn.now()
        return self.insert(GroupMembership(self.pks.take(), group.pk, membership.pk, membership.user_pk, now, now))

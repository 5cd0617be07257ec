"""Courses and organizations, and the course memberships that enrol users in them.

Learn keeps one table for both: an organization is a course whose service level is
`COMMUNITY`. A course has a primary key (`_3_1`), a `courseId` shown to people
(unique), and an external id (`batchUid`, unique; it defaults to the courseId).
A course membership ties one user to one course with a course role; a user is
enrolled at most once per course. Removing a course removes its groups and its
memberships; removing a membership removes the user's memberships of that course's
groups; purging a user removes all of the user's memberships.

Every change is journalled while `learn.journal` is set, so a dry run or a `testing`
integration that purges a user rolls the memberships back with it.
"""
from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from simulator.learn.tables import LinkTable, OwnedTable, RecordTable

if TYPE_CHECKING:
    from simulator.learn.state import Learn

COURSE_ROLES: dict[str, str] = {
    "STUDENT": "Student", "INSTRUCTOR": "Instructor", "TEACHING_ASSISTANT": "TeachingAssistant",
    "COURSE_BUILDER": "CourseBuilder", "GRADER": "Grader", "GUEST": "Guest", "BB_FACILITATOR": "BbFacilitator",
    "NONE": "None",
}
"""Learn's course roles: the identifier Learn's Java API uses -> the REST `courseRoleId`."""

ORGANIZATION_SERVICE_LEVEL = "COMMUNITY"


@dataclass(slots=True, eq=False)
class Course:
    pk: str
    uuid: str
    course_id: str
    batch_uid: str
    data_source: str
    title: str
    created: datetime
    modified: datetime
    description: str = ""
    available: bool = True
    enabled: bool = True
    service_level: str = "FULL"
    duration_type: str = "CONTINUOUS"
    start_date: datetime | None = None
    end_date: datetime | None = None
    days_of_use: int | None = None
    enrollment_type: str = "INSTRUCTOR_LED"
    enrollment_start: datetime | None = None
    enrollment_end: datetime | None = None
    access_code: str = ""
    pace_type: str = "INSTRUCTOR_LED"
    locale: str = ""
    locale_enforced: bool = False
    allow_guests: bool = True
    allow_observers: bool = False
    term_pk: str | None = None
    """The term the course belongs to (`Terms`), if any."""
    settings: dict[str, object] = field(default_factory=dict)
    """Descriptive properties REST does not show (storage limits, fee, colours, …), by Learn's property names."""
    owner: str | None = None
    """The SIS integration that created it (`None`: created outside the SIS Framework)."""
    parent_pk: str | None = None
    """The course this one is cross-listed under (`parent_course_key`)."""
    term_availability: bool = False
    """Its term's availability governs (`use_term_availability_ind`); REST shows `Term`."""

    @property
    def organization(self) -> bool:
        return self.service_level == ORGANIZATION_SERVICE_LEVEL

    @property
    def availability(self) -> str:
        if not self.enabled:
            return "Disabled"
        if self.term_availability and self.term_pk is not None:
            return "Term"
        return "Yes" if self.available else "No"


@dataclass(slots=True, eq=False)
class CourseMembership:
    pk: str
    course_pk: str
    user_pk: str
    data_source: str
    created: datetime
    modified: datetime
    enrollment_date: datetime
    role: str = "STUDENT"
    available: bool = True
    child_course_pk: str | None = None
    cartridge_access: bool = False
    included_in_roster: bool = True
    receive_email: bool = True
    introduction: str = ""
    notes: str = ""
    personal_info: str = ""
    owner: str | None = None
    """The SIS integration that created it (`None`: created outside the SIS Framework)."""
    enabled: bool = True
    primary_instructor: bool = False
    bypass_until: datetime | None = None


class Courses(OwnedTable[Course]):
    name = "course"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_course_id: dict[str, Course] = {}
        self.by_batch_uid: dict[str, Course] = {}

    def _index(self, course: Course) -> None:
        super()._index(course)
        self.by_course_id[course.course_id] = course
        self.by_batch_uid[course.batch_uid] = course

    def _unindex(self, course: Course) -> None:
        super()._unindex(course)
        del self.by_course_id[course.course_id]
        del self.by_batch_uid[course.batch_uid]

    def create(self, *, course_id: str, title: str, batch_uid: str = "", data_source: str,
               owner: str | None = None, organization: bool = False) -> Course:
        """A new, available course; courseId and batchUid must be new (batchUid defaults to courseId)."""
        from simulator.learn.state import LearnError

        batch_uid = batch_uid or course_id
        if course_id in self.by_course_id:
            raise LearnError(f"a course with courseId {course_id!r} already exists")
        if batch_uid in self.by_batch_uid:
            raise LearnError(f"a course with batchUid {batch_uid!r} already exists")
        self.learn.add_data_source(data_source)
        now = self.learn.now()
        level = ORGANIZATION_SERVICE_LEVEL if organization else "FULL"
        return self.insert(Course(self.pks.take(), uuidlib.uuid4().hex, course_id, batch_uid, data_source,
                                  title, now, now, service_level=level, owner=owner))

    def by_ref(self, ref: str) -> Course | None:
        """Resolve `_3_1`, `courseId:X`, `externalId:X`, `uuid:X`, as REST does."""
        kind, _, value = ref.partition(":")
        if not value:
            return self.rows.get(ref)
        if kind == "courseId":
            return self.by_course_id.get(value)
        if kind == "externalId":
            return self.by_batch_uid.get(value)
        if kind == "uuid":
            return next((c for c in self.rows.values() if c.uuid == value), None)
        return None

    def remove(self, course: Course) -> None:
        """Delete a course with its groups, its memberships and its places in catalog categories."""
        self.learn.category_memberships.forget_course(course.pk)
        for child in [c for c in self.rows.values() if c.parent_pk == course.pk]:
            self.edit(child).parent_pk = None
        for group in self.learn.groups.of_course(course.pk):
            self.learn.groups.remove(group)
        for membership in self.learn.course_memberships.of_course(course.pk):
            self.learn.course_memberships.remove(membership)
        self.delete(course)


class CourseMemberships(LinkTable, OwnedTable[CourseMembership]):
    name = "course_membership"
    pair = sides = ("course_pk", "user_pk")

    def of_user(self, user_pk: str) -> list[CourseMembership]:
        return self.linked("user_pk", user_pk)

    def of_course(self, course_pk: str) -> list[CourseMembership]:
        return self.linked("course_pk", course_pk)

    def find(self, course_pk: str, user_pk: str) -> CourseMembership | None:
        return self.by_pair.get((course_pk, user_pk))

    def enrol(self, course: Course, user, role: str = "STUDENT", *, owner: str | None = None,
              data_source: str | None = None) -> CourseMembership:
        """Enrol an enabled user once in an enabled course."""
        from simulator.learn.state import LearnError

        if not user.enabled:
            raise LearnError(f"user {user.user_name!r} is disabled and cannot be enrolled")
        if not course.enabled:
            raise LearnError(f"course {course.course_id!r} is disabled and cannot gain members")
        if (course.pk, user.pk) in self.by_pair:
            raise LearnError(f"user {user.user_name!r} is already enrolled in course {course.course_id!r}")
        if role not in COURSE_ROLES:
            raise LearnError(f"course role {role!r} is not one of: {', '.join(COURSE_ROLES)}")
        now = self.learn.now()
        return self.insert(CourseMembership(self.pks.take(), course.pk, user.pk, data_source or course.data_source,
                                            now, now, now, role=role, owner=owner))

    def availability(self, membership: CourseMembership) -> str:
        """REST's `availability.available`: `Disabled` when the membership or its course is
        disabled by the SIS, else `Yes` / `No`."""
        course = self.learn.courses.get(membership.course_pk)
        if not membership.enabled or (course is not None and not course.enabled):
            return "Disabled"
        return "Yes" if membership.available else "No"

    def remove(self, membership: CourseMembership) -> None:
        """Unenrol: the user also leaves the groups of that course."""
        for group_membership in self.learn.group_memberships.of_course_membership(membership.pk):
            self.learn.group_memberships.delete(group_membership)
        self.delete(membership)

    def forget_user(self, user_pk: str) -> None:
        """The user is being purged: every membership goes."""
        for membership in self.of_user(user_pk):
            self.remove(membership)

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
from collections import defaultdict
from copy import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Generic, Iterator, TypeVar

from simulator.learn.ids import PK_PATTERN, PkSequence

if TYPE_CHECKING:
    from simulator.learn.state import Learn

COURSE_ROLES: dict[str, str] = {
    "STUDENT": "Student", "INSTRUCTOR": "Instructor", "TEACHING_ASSISTANT": "TeachingAssistant",
    "COURSE_BUILDER": "CourseBuilder", "GRADER": "Grader", "GUEST": "Guest", "BB_FACILITATOR": "BbFacilitator",
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

    @property
    def organization(self) -> bool:
        return self.service_level == ORGANIZATION_SERVICE_LEVEL

    @property
    def availability(self) -> str:
        if not self.enabled:
            return "Disabled"
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


R = TypeVar("R")


class RecordTable(Generic[R]):
    """Records keyed by primary key; `insert`, `edit` and `delete` journal what they change.

    Subclasses keep their secondary indexes in `_index` / `_unindex`; a change to an
    indexed field goes through `reindex`.
    """

    name = "record"

    def __init__(self, learn: "Learn") -> None:
        self.learn = learn
        self.rows: dict[str, R] = {}
        self.pks = PkSequence()

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[R]:
        return iter(list(self.rows.values()))

    def get(self, pk: str) -> R | None:
        return self.rows.get(pk)

    def insert(self, record: R) -> R:
        self._keep(record, existed=False)
        self.rows[record.pk] = record
        self._index(record)
        return record

    def edit(self, record: R) -> R:
        """Announce a change to `record` (journals its current state); returns it."""
        self._keep(record, existed=True)
        record.modified = self.learn.now()
        return record

    def reindex(self, record: R, **changes: object) -> None:
        """Change fields that the indexes use."""
        self.edit(record)
        self._unindex(record)
        for name, value in changes.items():
            setattr(record, name, value)
        self._index(record)

    def delete(self, record: R) -> None:
        self._keep(record, existed=True)
        del self.rows[record.pk]
        self._unindex(record)

    def _keep(self, record: R, existed: bool) -> None:
        journal = self.learn.journal
        if journal is not None:
            saved = {name: copy(getattr(record, name)) for name in type(record).__slots__}
            journal.keep((self.name, record.pk), lambda: self._restore(record, saved, existed))

    def _restore(self, record: R, saved: dict, existed: bool) -> None:
        present = self.rows.get(record.pk) is record
        if present:
            self._unindex(record)
            del self.rows[record.pk]
        for name, value in saved.items():
            setattr(record, name, value)
        if existed:
            self.rows[record.pk] = record
            self._index(record)
            if not present:  # a deleted row came back: put the table back in creation order, once
                self.learn.after_rollback((self.name, "rows"), lambda: setattr(
                    self, "rows", dict(sorted(self.rows.items(), key=lambda item: _pk_number(item[0])))))

    def _index(self, record: R) -> None:
        """Add `record` to the secondary indexes."""

    def _unindex(self, record: R) -> None:
        """Remove `record` from the secondary indexes."""


def _pk_number(pk: str) -> int:
    match = PK_PATTERN.match(pk)
    return int(match.group(1)) if match else 0


class Courses(RecordTable[Course]):
    name = "course"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_course_id: dict[str, Course] = {}
        self.by_batch_uid: dict[str, Course] = {}

    def _index(self, course: Course) -> None:
        self.by_course_id[course.course_id] = course
        self.by_batch_uid[course.batch_uid] = course

    def _unindex(self, course: Course) -> None:
        del self.by_course_id[course.course_id]
        del self.by_batch_uid[course.batch_uid]

    def create(self, *, course_id: str, title: str, batch_uid: str = "", data_source: str) -> Course:
        """A new, available course; courseId and batchUid must be new (batchUid defaults to courseId)."""
        from simulator.learn.state import LearnError

        batch_uid = batch_uid or course_id
        if course_id in self.by_course_id:
            raise LearnError(f"a course with courseId {course_id!r} already exists")
        if batch_uid in self.by_batch_uid:
            raise LearnError(f"a course with batchUid {batch_uid!r} already exists")
        self.learn.add_data_source(data_source)
        now = self.learn.now()
        return self.insert(Course(self.pks.take(), uuidlib.uuid4().hex, course_id, batch_uid, data_source,
                                  title, now, now))

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
        """Delete a course with its groups and its memberships."""
        for group in self.learn.groups.of_course(course.pk):
            self.learn.groups.remove(group)
        for membership in self.learn.course_memberships.of_course(course.pk):
            self.learn.course_memberships.remove(membership)
        self.delete(course)


class CourseMemberships(RecordTable[CourseMembership]):
    name = "course_membership"

    def __init__(self, learn: "Learn") -> None:
        super().__init__(learn)
        self.by_pair: dict[tuple[str, str], CourseMembership] = {}
        self.by_user: dict[str, dict[str, CourseMembership]] = defaultdict(dict)
        self.by_course: dict[str, dict[str, CourseMembership]] = defaultdict(dict)

    def _index(self, m: CourseMembership) -> None:
        self.by_pair[(m.course_pk, m.user_pk)] = m
        self.by_user[m.user_pk][m.pk] = m
        self.by_course[m.course_pk][m.pk] = m

    def _unindex(self, m: CourseMembership) -> None:
        del self.by_pair[(m.course_pk, m.user_pk)]
        self.by_user[m.user_pk].pop(m.pk, None)
        self.by_course[m.course_pk].pop(m.pk, None)

    def of_user(self, user_pk: str) -> list[CourseMembership]:
        return list(self.by_user.get(user_pk, {}).values())

    def of_course(self, course_pk: str) -> list[CourseMembership]:
        return list(self.by_course.get(course_pk, {}).values())

    def find(self, course_pk: str, user_pk: str) -> CourseMembership | None:
        return self.by_pair.get((course_pk, user_pk))

    def enrol(self, course: Course, user, role: str = "STUDENT") -> CourseMembership:
        """Enrol an enabled user once in a course."""
        from simulator.learn.state import LearnError

        if not user.enabled:
            raise LearnError(f"user {user.user_name!r} is disabled and cannot be enrolled")
        if (course.pk, user.pk) in self.by_pair:
            raise LearnError(f"user {user.user_name!r} is already enrolled in course {course.course_id!r}")
        if role not in COURSE_ROLES:
            raise LearnError(f"course role {role!r} is not one of: {', '.join(COURSE_ROLES)}")
        now = self.learn.now()
        return self.insert(CourseMembership(self.pks.take(), course.pk, user.pk, course.data_source, now, now, now,
                                            role=role))

    def remove(self, membership: CourseMembership) -> None:
        """Unenrol: the user also leaves the groups of that course."""
        for group_membership in self.learn.group_memberships.of_course_membership(membership.pk):
            self.learn.group_memberships.delete(group_membership)
        self.delete(membership)

    def forget_user(self, user_pk: str) -> None:
        """The user is being purged: every membership goes."""
        for membership in self.of_user(user_pk):
            self.remove(membership)

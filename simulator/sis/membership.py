"""The `membership` and `organizationmembership` feed objects: enrolments (SPEC §7).

Columns: `external_course_key` (`external_organization_key` for organizations) and
`external_person_key` (together the record's key), `data_source_key`; optional `role`
(`instructor`, `teaching_assistant`, `course_builder`, `grader`, `student`, `guest`,
`none`; a new membership without it is a student), `available_ind`, `row_status`,
`primary_instructor` (only for the instructor role), `bypass_date` (yyyymmdd),
`roster_ind`, `receive_email_ind`, `cartridge_ind`, `intro`, `note`, `pinfo`,
`new_data_source_key`, and the deprecated `photo_link` and `link_*` columns (accepted,
not used). The course and the person must exist; a disabled person or a disabled
course cannot gain a membership (neither a new one nor a disabled one enabled again).
Delete and refresh disable (or purge) the membership, never the course or the person.
"""
from __future__ import annotations

from typing import Hashable

from simulator.learn.courses import Course, CourseMembership, CourseMemberships
from simulator.learn.users import User
from simulator.sis.feedobject import RowError
from simulator.sis.membershiplane import MembershipLane
from simulator.sis.fields import DATA_SOURCE_KEY, DELETED, DISABLED, KEY, ROW_STATUS, Field, ObjectSpec, yyyymmdd
from simulator.sis.recordfeed import UNLIMITED, RecordFeed, date, flag, yes_no
from simulator.sis.run import FeedRun

ROLES = {"instructor": "INSTRUCTOR", "teaching_assistant": "TEACHING_ASSISTANT", "course_builder": "COURSE_BUILDER",
         "grader": "GRADER", "student": "STUDENT", "guest": "GUEST", "none": "NONE"}
INSTRUCTOR_ROLES = {"INSTRUCTOR"}
"""Course roles with Learn's 'treat as instructor' flag: the only ones that may be primary instructor."""
TEXTS = {"intro": "introduction", "note": "notes", "pinfo": "personal_info"}
FLAGS = {"roster_ind": "included_in_roster", "receive_email_ind": "receive_email", "cartridge_ind": "cartridge_access"}


def membership_fields(course_key: str) -> tuple[Field, ...]:
    links = tuple(Field(f"link_{part}_{n}", 255 if part == "desc" else 100)
                  for n in (1, 2, 3) for part in ("desc", "name", "url"))
    return (
        Field(course_key, KEY, required=True),
        DATA_SOURCE_KEY,
        Field("external_person_key", KEY, required=True),
        Field("role", choices=tuple(ROLES)),
        yes_no("available_ind"),
        Field("bypass_date", check=yyyymmdd),
        ROW_STATUS,
        yes_no("cartridge_ind"),
        Field("photo_link", 255),
        yes_no("roster_ind"),
        Field("intro", 4000),
        Field("note", UNLIMITED),
        Field("pinfo", UNLIMITED),
        yes_no("primary_instructor"),
        yes_no("receive_email_ind"),
        Field("new_data_source_key", KEY),
        *links,
    )


MEMBERSHIP = ObjectSpec("membership", membership_fields("external_course_key"))
ORGANIZATION_MEMBERSHIP = ObjectSpec("organizationmembership", membership_fields("external_organization_key"))


class MembershipFeed(RecordFeed):
    name = "membership"
    noun = "course membership"
    spec = MEMBERSHIP
    key_fields = ("external_course_key", "external_person_key")
    organization = False

    def table(self, run: FeedRun) -> CourseMemberships:
        return run.learn.course_memberships

    def lane(self, run: FeedRun, names: list[str], seen, sources: set[str]) -> MembershipLane | None:
        return MembershipLane.for_header(run, self.spec, names, seen, sources, feed=self, roles=ROLES)

    def find(self, run: FeedRun, key: Hashable) -> CourseMembership | None:
        course_key, person_key = key
        course = run.learn.courses.by_batch_uid.get(course_key)
        user = run.learn.users_by_external_id.get(person_key)
        if course is None or user is None or course.organization != self.organization:
            return None
        return run.learn.course_memberships.find(course.pk, user.pk)

    def record_key(self, record: CourseMembership) -> tuple[str, str]:
        learn = self.learn
        return (learn.courses.get(record.course_pk).batch_uid, learn.users[record.user_pk].external_id)

    def owned(self, run: FeedRun, data_source: str | None):
        courses = run.learn.courses
        return (m for m in super().owned(run, data_source)
                if courses.get(m.course_pk).organization == self.organization)

    def _course_and_person(self, run: FeedRun, values: dict[str, str]) -> tuple[Course, User]:
        column = self.key_fields[0]
        course = run.learn.courses.by_batch_uid.get(values[column])
        kind = "organization" if self.organization else "course"
        if course is None:
            raise RowError(f"{column} {values[column]!r}: no {kind} with that key exists; "
                           f"post it in a{'n' if self.organization else ''} {kind} feed first", column)
        if course.organization != self.organization:
            other = "an organization" if course.organization else "a course"
            raise RowError(f"{column} {values[column]!r} is {other}, not a{'n' if self.organization else ''} {kind}; "
                           f"post its memberships in the {'organizationmembership' if course.organization else 'membership'} feed",
                           column)
        user = run.learn.users_by_external_id.get(values["external_person_key"])
        if user is None:
            raise RowError(f"external_person_key {values['external_person_key']!r}: no person with that key exists; "
                           "post it in a person feed first", "external_person_key")
        return course, user

    def check(self, run: FeedRun, values: dict[str, str], record: CourseMembership | None) -> None:
        course, user = self._course_and_person(run, values)
        enabling = values.get("row_status", "") not in (DISABLED, DELETED)
        if record is None or (enabling and not record.enabled):
            if not user.enabled:
                raise RowError(f"person {user.external_id!r} is disabled and cannot gain a membership of "
                               f"{course.batch_uid!r}", "external_person_key")
            if not course.enabled:
                raise RowError(f"{course.batch_uid!r} is disabled and cannot gain members "
                               f"(person {user.external_id!r})", self.key_fields[0])
        role = ROLES[values["role"]] if values.get("role") else (record.role if record else "STUDENT")
        if flag(values, "primary_instructor") and role not in INSTRUCTOR_ROLES:
            raise RowError(f"primary_instructor Y needs the instructor role, not {values.get('role') or role.lower()!r}",
                           "primary_instructor")

    def create(self, run: FeedRun, values: dict[str, str]) -> CourseMembership:
        course, user = self._course_and_person(run, values)
        return run.learn.course_memberships.enrol(course, user, ROLES[values.get("role") or "student"],
                                                  owner=run.integration.pk, data_source=values["data_source_key"])

    def apply(self, run: FeedRun, values: dict[str, str], membership: CourseMembership, creating: bool) -> None:
        if values.get("role"):
            membership.role = ROLES[values["role"]]
        if membership.role not in INSTRUCTOR_ROLES:
            membership.primary_instructor = False
        elif flag(values, "primary_instructor") is not None:
            membership.primary_instructor = bool(flag(values, "primary_instructor"))
        if "bypass_date" in values:
            membership.bypass_until = date(values, "bypass_date")
        for column, attribute in TEXTS.items():
            if column in values:
                setattr(membership, attribute, values[column])
        for column, attribute in FLAGS.items():
            if flag(values, column) is not None:
                setattr(membership, attribute, flag(values, column))

    def describe(self, key: Hashable) -> str:
        return "|".join(key)

    def remove(self, run: FeedRun, membership: CourseMembership) -> None:
        run.learn.course_memberships.remove(membership)


class OrganizationMembershipFeed(MembershipFeed):
    name = "organizationmembership"
    noun = "organization membership"
    spec = ORGANIZATION_MEMBERSHIP
    key_fields = ("external_organization_key", "external_person_key")
    organization = True

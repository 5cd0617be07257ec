"""The Course data format (seed 002, "Course Data Format"): courses and organizations
(an organization is a course whose `serviceLevelType` is `COMMUNITY`), with their
course memberships as sub-records keyed by user.

`courseId` is the primary key Learn assigns; `associatedCourseId` is the course id
people see (unique, set once on create). `batchUid` is Learn's external id; it
defaults to the course id, and removing it restores that default. The enumerations
accept only their listed values; `DEFAULT` stands for Learn's default value.
Deleting a course deletes its groups and its enrolments.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from simulator.connector.attributes import table
from simulator.connector.errors import Refusal
from simulator.connector.formats import memberships
from simulator.connector.formats.base import Binding, DataFormat, setting, slot
from simulator.connector.formats.user import COURSE_ROLE_KIND
from simulator.learn.courses import Course
from simulator.learn.datasources import SYSTEM_DATA_SOURCE

if TYPE_CHECKING:
    from simulator.connector.session import Session

ATTRIBUTES = table(f"""
name                                 | personal | multi | create | modify | remove | mandatory | export | kind
absoluteLimit                        | NA | N | Y | Y | Y | N  | Y | int
allowGuests                          | NA | N | Y | Y | Y | N  | Y | bool
allowObservers                       | NA | N | Y | Y | Y | N  | Y | bool
batchUid                             | NA | N | Y | Y | Y | N  | Y | text:64
associatedCourseId                   | NA | N | Y | N | N | Y  | Y | text:100
description                          | NA | N | Y | Y | Y | N  | Y | text:4000
durationType                         | NA | N | Y | Y | Y | N  | Y | enum:CONTINUOUS,DATE_RANGE,FIXED_NUM_DAYS,DEFAULT=CONTINUOUS
endDate                              | NA | N | Y | Y | Y | N  | Y | date
enrollmentAccessCode                 | NA | N | Y | Y | Y | N  | Y | text:100
enrollmentEndDate                    | NA | N | Y | Y | Y | N  | Y | date
enrollmentStartDate                  | NA | N | Y | Y | Y | N  | Y | date
enrollmentType                       | NA | N | Y | Y | Y | N  | Y | enum:EMAIL_ENROLLMENT,INSTRUCTOR_LED,SELF_ENROLLMENT,DEFAULT=INSTRUCTOR_LED
fee                                  | NA | N | Y | Y | Y | N  | Y | number
hasDescriptionPage                   | NA | N | Y | Y | Y | N  | Y | bool
courseId                             | NA | N | N | N | N | NA | Y | id
institutionName                      | NA | N | Y | Y | Y | N  | Y | text:255
isAvailable                          | NA | N | Y | Y | Y | N  | Y | bool
isLocaleEnforced                     | NA | N | Y | Y | Y | N  | Y | bool
isLockedOut                          | NA | N | Y | Y | Y | N  | Y | bool
isNavCollapsible                     | NA | N | Y | Y | Y | N  | Y | bool
locale                               | NA | N | Y | Y | Y | N  | Y | text:20
navColorBg                           | NA | N | Y | Y | Y | N  | Y | text:20
navColorFg                           | NA | N | Y | Y | Y | N  | Y | text:20
numDaysOfUse                         | NA | N | Y | Y | Y | N  | Y | int
paceType                             | NA | N | Y | Y | Y | N  | Y | enum:INSTRUCTOR_LED,SELF_PACED,DEFAULT=INSTRUCTOR_LED
serviceLevelType                     | NA | N | Y | Y | Y | N  | Y | enum:COMMUNITY,FULL,REGISTERED,SYSTEM,TEST_DRIVE,DEFAULT=FULL
showInCatalog                        | NA | N | Y | Y | Y | N  | Y | bool
softLimit                            | NA | N | Y | Y | Y | N  | Y | int
startDate                            | NA | N | Y | Y | Y | N  | Y | date
title                                | NA | N | Y | Y | Y | Y  | Y | text:333
uploadLimit                          | NA | N | Y | Y | Y | N  | Y | int
courseMembership->childCourseId      | NA | Y | Y | Y | Y | N  | Y | ref:course
courseMembership->enrollmentDate     | NA | Y | Y | Y | Y | N  | Y | date
courseMembership->hasCartridgeAccess | NA | Y | Y | Y | Y | N  | Y | bool
courseMembership->courseMembershipId | NA | Y | N | N | N | N  | Y | id
courseMembership->includedInRoster   | NA | Y | Y | Y | Y | N  | Y | bool
courseMembership->introduction       | NA | Y | Y | Y | Y | N  | Y | text:1000
courseMembership->isCourseMembershipAvailable | NA | Y | Y | Y | Y | N | Y | bool
courseMembership->notes              | NA | Y | Y | Y | Y | N  | Y | text:1000
courseMembership->personalInfo       | NA | Y | Y | Y | Y | N  | Y | text:1000
courseMembership->receiveEmail       | NA | Y | Y | Y | Y | N  | Y | bool
courseMembership->role               | NA | Y | Y | Y | Y | N  | Y | {COURSE_ROLE_KIND}
courseMembership->userId             | NA | Y | Y | N | N | Y  | Y | ref:user
""")


def _rekey(session: "Session", course: Course, value: str | None) -> None:
    courses = session.learn.courses
    value = value or course.course_id
    holder = courses.by_batch_uid.get(value)
    if holder is not None and holder is not course:
        raise Refusal.of("batchUid", "unique", f"batchUid {value!r} is already the external id of another course", 409)
    courses.reindex(course, batch_uid=value)


BINDINGS: dict[str, Binding] = {
    **{name: setting(name) for name in ("absoluteLimit", "fee", "institutionName", "navColorBg", "navColorFg",
                                        "softLimit", "uploadLimit")},
    **{name: setting(name, False) for name in ("hasDescriptionPage", "isLockedOut", "isNavCollapsible", "showInCatalog")},
    "allowGuests": slot("allow_guests", True), "allowObservers": slot("allow_observers", False),
    "batchUid": Binding(lambda c: c.batch_uid, _rekey),
    "associatedCourseId": slot("course_id"),
    "description": slot("description", ""),
    "durationType": slot("duration_type", "CONTINUOUS"),
    "endDate": slot("end_date"), "startDate": slot("start_date"),
    "enrollmentAccessCode": slot("access_code", ""),
    "enrollmentEndDate": slot("enrollment_end"), "enrollmentStartDate": slot("enrollment_start"),
    "enrollmentType": slot("enrollment_type", "INSTRUCTOR_LED"),
    "courseId": Binding(lambda c: c.pk, lambda s, c, v: None),
    "isAvailable": slot("available", True), "isLocaleEnforced": slot("locale_enforced", False),
    "locale": slot("locale", ""), "numDaysOfUse": slot("days_of_use"),
    "paceType": slot("pace_type", "INSTRUCTOR_LED"), "serviceLevelType": slot("service_level", "FULL"),
    "title": slot("title"),
}


class CourseFormat(DataFormat):
    def find(self, session: "Session", ref: str) -> Course | None:
        try:
            return session.course(ref, "courseId")
        except Refusal:
            return None

    def records(self, session: "Session") -> Iterable[Course]:
        return list(session.learn.courses)

    def touch(self, session: "Session", course: Course) -> None:
        session.learn.courses.edit(course)

    def read(self, session: "Session", course: Course, attribute: str) -> Any:
        value = super().read(session, course, attribute)
        return None if value == "" else value

    def create(self, session: "Session", values: dict[str, Any]) -> Course:
        courses = session.learn.courses
        course_id = values["associatedCourseId"]
        if course_id in courses.by_course_id:
            raise Refusal.of("associatedCourseId", "unique", f"associatedCourseId {course_id!r} is already the id of "
                                                             "another course or organization", 409)
        batch_uid = values.get("batchUid") or course_id
        if batch_uid in courses.by_batch_uid:
            raise Refusal.of("batchUid", "unique", f"batchUid {batch_uid!r} is already the external id of another course", 409)
        course = courses.create(course_id=course_id, title=values["title"], batch_uid=batch_uid,
                                data_source=SYSTEM_DATA_SOURCE)
        for name, value in values.items():
            if name not in ("associatedCourseId", "title", "batchUid"):
                self.write(session, course, name, value)
        return course

    def delete(self, session: "Session", course: Course) -> None:
        """Delete the course with its groups and its enrolments."""
        session.learn.courses.remove(course)

    # -- sub-records -----------------------------------------------------------------------------
    def sub_list(self, session: "Session", course: Course, group: str) -> list[Any]:
        return session.learn.course_memberships.of_course(course.pk)

    def sub_read(self, session: "Session", sub: Any, group: str, leaf: str) -> Any:
        return memberships.read(session, sub, leaf)

    def resolve_sub_key(self, session: "Session", group: str, key: Any) -> Any:
        return session.user(key, "courseMembership->userId").pk

    def sub_add(self, session: "Session", course: Course, group: str, values: dict[str, Any]) -> Any:
        return memberships.enrol(session, course.pk, values["userId"], values, "userId")

    def sub_write(self, session: "Session", sub: Any, group: str, leaf: str, value: Any) -> None:
        memberships.write(session, sub, leaf, value)

    def sub_clear(self, session: "Session", sub: Any, group: str, leaf: str) -> None:
        memberships.clear(session, sub, leaf)

    def sub_remove(self, session: "Session", course: Course, group: str, sub: Any) -> None:
        memberships.unenrol(session, sub)

    def search_values(self, session: "Session", course: Course, key: str) -> list[str] | None:
        learn = session.learn
        if key in ("id", "courseId"):
            return [course.pk, course.course_id]
        if key == "batchUid":
            return [course.batch_uid]
        if key == "userName":
            users = [learn.users.get(m.user_pk) for m in learn.course_memberships.of_course(course.pk)]
            return [u.user_name for u in users if u]
        if key == "courseMembershipId":
            return [m.pk for m in learn.course_memberships.of_course(course.pk)]
        if key == "groupId":
            return [g.pk for g in learn.groups.of_course(course.pk)]
        return None


COURSE = CourseFormat("Course", "courseId", ATTRIBUTES, BINDINGS)

"""Course-membership sub-record attributes, shared by the User and Course formats.

A course membership is keyed by its course from the user's side (`courseId`) and
by its user from the course's side (`userId`); its other attributes are the same
from both sides. A disabled user cannot be enrolled (SPEC §1.6).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.connector.errors import Refusal
from simulator.connector.formats.base import guarded
from simulator.learn.courses import CourseMembership

if TYPE_CHECKING:
    from simulator.connector.session import Session

GROUP = "courseMembership"

FIELDS: dict[str, tuple[str, Any]] = {
    "enrollmentDate": ("enrollment_date", None),
    "hasCartridgeAccess": ("cartridge_access", False),
    "includedInRoster": ("included_in_roster", True),
    "introduction": ("introduction", ""),
    "isCourseMembershipAvailable": ("available", True),
    "notes": ("notes", ""),
    "personalInfo": ("personal_info", ""),
    "receiveEmail": ("receive_email", True),
    "role": ("role", "STUDENT"),
}
"""Sub-record attribute -> (CourseMembership field, Learn's default)."""


def read(session: "Session", membership: CourseMembership, leaf: str) -> Any:
    if leaf == "courseId":
        return membership.course_pk
    if leaf == "userId":
        return membership.user_pk
    if leaf == "courseMembershipId":
        return membership.pk
    if leaf == "childCourseId":
        return membership.child_course_pk
    value = getattr(membership, FIELDS[leaf][0])
    return None if value == "" else value


def write(session: "Session", membership: CourseMembership, leaf: str, value: Any) -> None:
    session.learn.course_memberships.edit(membership)
    if leaf == "childCourseId":
        membership.child_course_pk = None if value is None else session.course(value, f"{GROUP}->childCourseId").pk
        return
    field, default = FIELDS[leaf]
    if leaf == "enrollmentDate" and value is None:
        value = membership.created
    setattr(membership, field, default if value is None else value)


def clear(session: "Session", membership: CourseMembership, leaf: str) -> None:
    write(session, membership, leaf, None if leaf in ("childCourseId", "enrollmentDate") else FIELDS[leaf][1])


def enrol(session: "Session", course_ref: Any, user_ref: Any, values: dict[str, Any], key: str) -> CourseMembership:
    """Enrol a user in a course with the sub-record's other values."""
    attribute = f"{GROUP}->{key}"
    course = session.course(course_ref, attribute if key == "courseId" else GROUP)
    user = session.user(user_ref, attribute if key == "userId" else GROUP)
    if not user.enabled:
        raise Refusal.of(attribute, "disabled-user",
                         f"{attribute}: user {user.user_name!r} is disabled and cannot be enrolled in {course.course_id!r}")
    if session.learn.course_memberships.find(course.pk, user.pk) is not None:
        raise Refusal.of(attribute, "unique", f"{attribute}: user {user.user_name!r} is already enrolled in "
                                              f"{course.course_id!r}; use Replace to change the enrolment", 409)
    membership = guarded(attribute, lambda: session.learn.course_memberships.enrol(course, user, values.get("role", "STUDENT")))
    for leaf, value in values.items():
        if leaf not in (key, "role"):
            write(session, membership, leaf, value)
    return membership


def unenrol(session: "Session", membership: CourseMembership) -> None:
    session.learn.course_memberships.remove(membership)

"""`Session`: one connector operation against Learn, all or nothing.

The operation runs inside Learn's undo journal: when any rule refuses it, every
change already made is rolled back, so a refused request changes nothing. Users it
touched are announced to Learn's user watchers once it has succeeded (watchers are
not told about changes that a rollback may still take back).

References between records accept Learn's REST id forms: a primary key (`_3_1`),
`externalId:…`, and per kind `userName:…`, `courseId:…`, `roleId:…`; a bare value
that is not a primary key means the record's usual name (user name, course id,
role id).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, TypeVar

from simulator.connector.errors import Refusal
from simulator.learn.ids import PK_PATTERN

if TYPE_CHECKING:
    from simulator.connector.service import Connector
    from simulator.learn import Learn
    from simulator.learn.courses import Course, CourseMembership
    from simulator.learn.groups import Group
    from simulator.learn.roles import InstitutionRole
    from simulator.learn.users import User

T = TypeVar("T")


class Session:
    __slots__ = ("learn", "connector", "touched")

    def __init__(self, learn: "Learn", connector: "Connector") -> None:
        self.learn = learn
        self.connector = connector
        self.touched: dict[str, "User"] = {}

    def run(self, operation: Callable[["Session"], T]) -> T:
        """Run `operation` all or nothing."""
        learn = self.learn
        if learn.journal is not None:  # already inside someone's journal: theirs decides
            return operation(self)
        journal = learn.journalled()
        try:
            result = operation(self)
        except BaseException:
            journal.rollback()
            raise
        finally:
            learn.stop_journal()
        for user in self.touched.values():
            if learn.users.get(user.pk) is user:
                for watcher in learn.user_watchers:
                    watcher(user)
        return result

    def edit_user(self, user: "User") -> "User":
        self.touched[user.pk] = user
        self.learn.edit(user)
        user.modified = self.learn.now()
        return user

    # -- references ------------------------------------------------------------------------
    def user(self, ref: Any, attribute: str) -> "User":
        ref = str(ref)
        user = self.learn.user_by_id(ref) if (":" in ref or PK_PATTERN.match(ref)) else None
        user = user or self.learn.users_by_user_name.get(ref)
        return _found(user, attribute, f"no user {ref!r}")

    def course(self, ref: Any, attribute: str) -> "Course":
        ref = str(ref)
        courses = self.learn.courses
        course = courses.by_ref(ref) if (":" in ref or PK_PATTERN.match(ref)) else None
        course = course or courses.by_course_id.get(ref)
        return _found(course, attribute, f"no course or organization {ref!r}")

    def group(self, ref: Any, attribute: str) -> "Group":
        group = self.learn.groups.by_ref(str(ref))
        return _found(group, attribute, f"no group {ref!r}")

    def portal_role(self, ref: Any, attribute: str) -> "InstitutionRole":
        ref = str(ref)
        role = self.learn.institution_role_by_id(ref)
        return _found(role, attribute, f"no portal role {ref!r}")

    def course_membership(self, ref: Any, attribute: str) -> "CourseMembership":
        membership = self.learn.course_memberships.get(str(ref))
        return _found(membership, attribute, f"no course membership {ref!r}")


def _found(record: T | None, attribute: str, message: str) -> T:
    if record is None:
        raise Refusal.of(attribute, "reference", f"{attribute}: {message}", 404)
    return record

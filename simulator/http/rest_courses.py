"""Learn's public REST API for courses and course memberships (read side).

Courses are served at every version Learn still publishes: v3 (current), and the
deprecated v2 and v1 (`/learn/api/public/v{1,2,3}/courses[/{courseId}]`); v1 shows
Learn's v1 course shape. Memberships at v1 (`…/v1/courses/{courseId}/users[/{userId}]`,
`…/v1/users/{userId}/courses`); `expand=course` nests the course in a user's
memberships, `expand=user` the user in a course's. Course ids take `_3_1`,
`courseId:X`, `externalId:X` or `uuid:X`; user ids as in `/users`. A membership shows
`lastAccessed` only once its user has entered the course (nothing simulated does yet).
"""
from __future__ import annotations

from typing import Any, Callable

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http import auth
from simulator.http.rest import _require_token, _user, compared, contains, matching, user_json
from simulator.http.rest_paging import page, single
from simulator.http.wire import ApiError
from simulator.learn.courses import COURSE_ROLES, Course, CourseMembership

V1, V2, V3 = "/learn/api/public/v1", "/learn/api/public/v2", "/learn/api/public/v3"
DURATIONS = {"CONTINUOUS": "Continuous", "DATE_RANGE": "DateRange", "FIXED_NUM_DAYS": "FixedNumDays", "TERM": "UseTerm"}
ENROLMENTS = {"INSTRUCTOR_LED": "InstructorLed", "SELF_ENROLLMENT": "SelfEnrollment", "EMAIL_ENROLLMENT": "EmailEnrollment"}
COURSE_SORT = {1: ("courseId", "name", "externalId", "created"),
               2: ("courseId", "name", "externalId", "created", "modified"),
               3: ("courseId", "name", "externalId", "created", "modified")}
V1_COURSE_OMITS = ("modified", "allowObservers", "closedComplete")
"""Properties Learn's v1 course shape does not have."""
MEMBERSHIP_SORT = ("created", "lastAccessed")

AUTH = auth.REST


def _stamp(moment) -> str | None:
    return rest_timestamp(moment) if moment is not None else None


def _source_pk(app, key: str) -> str | None:
    source = app.sim.learn.data_sources.get(key)
    return source.pk if source else None


def _without_none(body: dict[str, Any]) -> dict[str, Any]:
    return {k: (_without_none(v) if isinstance(v, dict) else v) for k, v in body.items() if v is not None}


def _term_pk(app, course: Course) -> str | None:
    return course.term_pk if course.term_pk and app.sim.learn.terms.get(course.term_pk) else None


def course_json(app, request: Request, course: Course) -> dict[str, Any]:
    """A course as REST v3 (and v2) shows it."""
    duration = {"type": DURATIONS[course.duration_type], "start": _stamp(course.start_date),
                "end": _stamp(course.end_date), "daysOfUse": course.days_of_use}
    enrollment = {"type": ENROLMENTS[course.enrollment_type], "start": _stamp(course.enrollment_start),
                  "end": _stamp(course.enrollment_end), "accessCode": course.access_code or None}
    url = f"{app.url_root(request)}webapps/blackboard/execute/courseMain?course_id={course.pk}"
    return _without_none({
        "id": course.pk, "uuid": course.uuid, "externalId": course.batch_uid,
        "dataSourceId": _source_pk(app, course.data_source), "courseId": course.course_id, "name": course.title,
        "description": course.description or None, "created": _stamp(course.created), "modified": _stamp(course.modified),
        "organization": course.organization, "ultraStatus": course.settings.get("ultraStatus", "Classic"),
        "allowGuests": course.allow_guests, "allowObservers": course.allow_observers, "readOnly": False,
        "closedComplete": False, "termId": _term_pk(app, course), "parentId": course.parent_pk,
        "availability": {"available": course.availability, "duration": duration},
        "enrollment": enrollment, "locale": {"id": course.locale or None, "force": course.locale_enforced},
        "hasChildren": False, "externalAccessUrl": url, "guestAccessUrl": url + "&action=guest",
    })


def membership_json(app, request: Request, membership: CourseMembership) -> dict[str, Any]:
    """A course membership as REST v1 shows it, with what `expand` asks for nested."""
    body = _without_none({
        "id": membership.pk, "userId": membership.user_pk, "courseId": membership.course_pk,
        "childCourseId": membership.child_course_pk, "dataSourceId": _source_pk(app, membership.data_source),
        "created": _stamp(membership.created), "modified": _stamp(membership.modified),
        "availability": {"available": app.sim.learn.course_memberships.availability(membership)},
        "courseRoleId": COURSE_ROLES[membership.role],
    })
    expand = {part.strip() for part in request.args.get("expand", "").split(",")}
    if "course" in expand:
        course = app.sim.learn.courses.get(membership.course_pk)
        if course is not None:
            body["course"] = course_json(app, request, course)
    if "user" in expand:
        user = app.sim.learn.users.get(membership.user_pk)
        if user is not None:
            body["user"] = user_json(app, user)
    return body


def _course(app, course_id: str) -> Course:
    course = app.sim.learn.courses.by_ref(course_id)
    if course is None:
        raise ApiError(404, f"No course with id {course_id}")
    return course


def _versioned(version: int, body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k not in V1_COURSE_OMITS} if version == 1 else body


def list_courses(app, request: Request, version: int = 3) -> Response:
    _require_token(app, request)
    args = request.args
    tests = [contains(args, "courseId", lambda c: c.course_id), contains(args, "name", lambda c: c.title),
             contains(args, "externalId", lambda c: c.batch_uid), contains(args, "description", lambda c: c.description),
             compared(args, "created", lambda c: c.created), compared(args, "modified", lambda c: c.modified)]
    for flag, attribute in (("organization", "organization"), ("allowGuests", "allow_guests")):
        if flag in args:
            wanted = args[flag].lower() == "true"
            tests.append(lambda c, a=attribute, w=wanted: getattr(c, a) == w)
    if "availability.available" in args:
        state = args["availability.available"].lower()
        tests.append(lambda c: c.availability.lower() == state)
    if "dataSourceId" in args:
        source = app.sim.learn.data_source_by_id(args["dataSourceId"])
        key = source.external_id if source else None
        tests.append(lambda c: c.data_source == key)
    if "termId" in args:
        term = app.sim.learn.terms.by_ref(args["termId"])
        term_pk = term.pk if term else None
        tests.append(lambda c: term_pk is not None and c.term_pk == term_pk)
    courses = matching(app.sim.learn.courses, tests)
    return page(request, courses, lambda c: _versioned(version, course_json(app, request, c)), sort=COURSE_SORT[version])


def get_course(app, request: Request, course_id: str, version: int = 3) -> Response:
    _require_token(app, request)
    return single(request, _versioned(version, course_json(app, request, _course(app, course_id))))


def _membership_tests(app, request: Request) -> list[Callable[[Any], bool] | None]:
    args = request.args
    tests = [compared(args, "created", lambda m: m.created), compared(args, "modified", lambda m: m.modified)]
    if "role" in args:
        tests.append(lambda m: COURSE_ROLES[m.role] == args["role"])
    if "availability.available" in args:
        shown = app.sim.learn.course_memberships.availability
        tests.append(lambda m: shown(m).lower() == args["availability.available"].lower())
    if "dataSourceId" in args:
        source = app.sim.learn.data_source_by_id(args["dataSourceId"])
        key = source.external_id if source else None
        tests.append(lambda m: m.data_source == key)
    return tests


def list_memberships(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    memberships = matching(app.sim.learn.course_memberships.of_course(course.pk), _membership_tests(app, request))
    return page(request, memberships, lambda m: membership_json(app, request, m), sort=MEMBERSHIP_SORT)


def get_membership(app, request: Request, course_id: str, user_id: str) -> Response:
    _require_token(app, request)
    course, user = _course(app, course_id), _user(app, user_id)
    membership = app.sim.learn.course_memberships.find(course.pk, user.pk)
    if membership is None:
        raise ApiError(404, f"User {user.pk} is not enrolled in course {course.pk}")
    return single(request, membership_json(app, request, membership))


def user_memberships(app, request: Request, user_id: str) -> Response:
    _require_token(app, request)
    user = _user(app, user_id)
    memberships = matching(app.sim.learn.course_memberships.of_user(user.pk), _membership_tests(app, request))
    return page(request, memberships, lambda m: membership_json(app, request, m), sort=MEMBERSHIP_SORT)


ROUTES = [
    *[(Rule(f"/learn/api/public/v{n}/courses", methods=["GET"], defaults={"version": n}), list_courses) for n in (1, 2, 3)],
    *[(Rule(f"/learn/api/public/v{n}/courses/<course_id>", methods=["GET"], defaults={"version": n}), get_course)
      for n in (1, 2, 3)],
    (Rule(f"{V1}/courses/<course_id>/users", methods=["GET"]), list_memberships),
    (Rule(f"{V1}/courses/<course_id>/users/<user_id>", methods=["GET"]), get_membership),
    (Rule(f"{V1}/users/<user_id>/courses", methods=["GET"]), user_memberships),
]

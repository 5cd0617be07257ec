"""Learn's public REST API for courses, course memberships and groups (read side).

Served with Learn's paths and versions: courses at v3 (`/learn/api/public/v3/courses`),
course and user memberships at v1 (`…/v1/courses/{courseId}/users`,
`…/v1/users/{userId}/courses`), groups at v2 (`…/v2/courses/{courseId}/groups`,
`…/groups/sets`, `…/groups/{groupId}/users`). Course ids take `_3_1`, `courseId:X`,
`externalId:X` or `uuid:X`; group ids `_5_1` or `externalId:X`; user ids as in
`/users`. Same bearer tokens, paging and error shape as the rest of the REST API.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http.rest import _require_token, _user
from simulator.http.rest_paging import page
from simulator.http.wire import ApiError, json_response
from simulator.learn.courses import COURSE_ROLES, Course, CourseMembership
from simulator.learn.groups import Group

V1, V2, V3 = "/learn/api/public/v1", "/learn/api/public/v2", "/learn/api/public/v3"
DURATIONS = {"CONTINUOUS": "Continuous", "DATE_RANGE": "DateRange", "FIXED_NUM_DAYS": "FixedNumDays", "TERM": "UseTerm"}
ENROLMENTS = {"INSTRUCTOR_LED": "InstructorLed", "SELF_ENROLLMENT": "SelfEnrollment", "EMAIL_ENROLLMENT": "EmailEnrollment"}


def _stamp(moment) -> str | None:
    return rest_timestamp(moment) if moment is not None else None


def _source_pk(app, key: str) -> str | None:
    source = app.sim.learn.data_sources.get(key)
    return source.pk if source else None


def _without_none(body: dict[str, Any]) -> dict[str, Any]:
    return {k: (_without_none(v) if isinstance(v, dict) else v) for k, v in body.items() if v is not None}


def course_json(app, request: Request, course: Course) -> dict[str, Any]:
    """A course as REST v3 shows it."""
    duration = {"type": DURATIONS[course.duration_type], "start": _stamp(course.start_date),
                "end": _stamp(course.end_date), "daysOfUse": course.days_of_use}
    enrollment = {"type": ENROLMENTS[course.enrollment_type], "start": _stamp(course.enrollment_start),
                  "end": _stamp(course.enrollment_end), "accessCode": course.access_code or None}
    url = f"{request.host_url}webapps/blackboard/execute/courseMain?course_id={course.pk}"
    return _without_none({
        "id": course.pk, "uuid": course.uuid, "externalId": course.batch_uid,
        "dataSourceId": _source_pk(app, course.data_source), "courseId": course.course_id, "name": course.title,
        "description": course.description or None, "created": _stamp(course.created), "modified": _stamp(course.modified),
        "organization": course.organization, "ultraStatus": course.settings.get("ultraStatus", "Classic"),
        "allowGuests": course.allow_guests, "termId": course.term_pk, "parentId": course.parent_pk,
        "closedComplete": False, "availability": {"available": course.availability, "duration": duration},
        "enrollment": enrollment, "locale": {"id": course.locale or None, "force": course.locale_enforced},
        "hasChildren": False, "externalAccessUrl": url, "guestAccessUrl": url + "&action=guest",
    })


def membership_json(app, membership: CourseMembership) -> dict[str, Any]:
    """A course membership as REST v1 shows it."""
    return _without_none({
        "id": membership.pk, "userId": membership.user_pk, "courseId": membership.course_pk,
        "childCourseId": membership.child_course_pk, "dataSourceId": _source_pk(app, membership.data_source),
        "created": _stamp(membership.created), "modified": _stamp(membership.modified),
        "availability": {"available": app.sim.learn.course_memberships.availability(membership)},
        "courseRoleId": COURSE_ROLES[membership.role],
    })


def group_json(group: Group) -> dict[str, Any]:
    """A group as REST v2 shows it."""
    enrollment = {"type": "SelfEnrollment" if group.self_enrollment else "InstructorOnly",
                  "limit": group.maximum_enrollment}
    return _without_none({
        "id": group.pk, "externalId": group.external_id, "groupSetId": group.set_id or None, "name": group.title,
        "description": group.description or None, "availability": {"available": group.availability},
        "enrollment": enrollment, "uuid": group.uuid, "created": _stamp(group.created), "modified": _stamp(group.modified),
    })


def _course(app, course_id: str) -> Course:
    course = app.sim.learn.courses.by_ref(course_id)
    if course is None:
        raise ApiError(404, f"No course with id {course_id}")
    return course


def _group(app, course: Course, group_id: str) -> Group:
    group = app.sim.learn.groups.by_ref(group_id)
    if group is None or group.course_pk != course.pk:
        raise ApiError(404, f"No group with id {group_id} in course {course.pk}")
    return group


def _contains(args, name: str, text: Callable[[Any], str]) -> Callable[[Any], bool] | None:
    if name not in args:
        return None
    wanted = args[name].lower()
    return lambda record: wanted in text(record).lower()


def _filtered(items: Iterable[Any], tests: list[Callable[[Any], bool] | None]) -> Iterable[Any]:
    active = [t for t in tests if t is not None]
    return (item for item in items if all(t(item) for t in active))


def list_courses(app, request: Request) -> Response:
    _require_token(app, request)
    args = request.args
    tests = [_contains(args, "courseId", lambda c: c.course_id), _contains(args, "name", lambda c: c.title),
             _contains(args, "externalId", lambda c: c.batch_uid),
             _contains(args, "description", lambda c: c.description)]
    if "organization" in args:
        wanted = args["organization"].lower() == "true"
        tests.append(lambda c: c.organization == wanted)
    if "availability.available" in args:
        state = args["availability.available"].lower()
        tests.append(lambda c: c.availability.lower() == state)
    if "dataSourceId" in args:
        source = app.sim.learn.data_source_by_id(args["dataSourceId"])
        key = source.external_id if source else None
        tests.append(lambda c: c.data_source == key)
    courses = _filtered(app.sim.learn.courses, tests)
    return page(request, courses, lambda c: course_json(app, request, c))


def get_course(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    return json_response(course_json(app, request, _course(app, course_id)))


def list_memberships(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    course, args = _course(app, course_id), request.args
    tests: list[Callable[[Any], bool] | None] = []
    if "role" in args:
        tests.append(lambda m: COURSE_ROLES[m.role] == args["role"])
    if "availability.available" in args:
        shown = app.sim.learn.course_memberships.availability
        tests.append(lambda m: shown(m).lower() == args["availability.available"].lower())
    memberships = _filtered(app.sim.learn.course_memberships.of_course(course.pk), tests)
    return page(request, memberships, lambda m: membership_json(app, m))


def get_membership(app, request: Request, course_id: str, user_id: str) -> Response:
    _require_token(app, request)
    course, user = _course(app, course_id), _user(app, user_id)
    membership = app.sim.learn.course_memberships.find(course.pk, user.pk)
    if membership is None:
        raise ApiError(404, f"User {user.pk} is not enrolled in course {course.pk}")
    return json_response(membership_json(app, membership))


def user_memberships(app, request: Request, user_id: str) -> Response:
    _require_token(app, request)
    user = _user(app, user_id)
    return page(request, app.sim.learn.course_memberships.of_user(user.pk), lambda m: membership_json(app, m))


def list_groups(app, request: Request, course_id: str, sets: bool = False) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    groups = (g for g in app.sim.learn.groups.of_course(course.pk) if g.group_set == sets)
    return page(request, groups, group_json)


def list_group_sets(app, request: Request, course_id: str) -> Response:
    return list_groups(app, request, course_id, sets=True)


def get_group(app, request: Request, course_id: str, group_id: str) -> Response:
    _require_token(app, request)
    return json_response(group_json(_group(app, _course(app, course_id), group_id)))


def list_group_members(app, request: Request, course_id: str, group_id: str) -> Response:
    _require_token(app, request)
    group = _group(app, _course(app, course_id), group_id)
    return page(request, app.sim.learn.group_memberships.of_group(group.pk), lambda m: {"userId": m.user_pk})


def get_group_member(app, request: Request, course_id: str, group_id: str, user_id: str) -> Response:
    _require_token(app, request)
    group, user = _group(app, _course(app, course_id), group_id), _user(app, user_id)
    if not any(m.user_pk == user.pk for m in app.sim.learn.group_memberships.of_group(group.pk)):
        raise ApiError(404, f"User {user.pk} is not a member of group {group.pk}")
    return json_response({"userId": user.pk})


ROUTES = [
    (Rule(f"{V3}/courses", methods=["GET"]), list_courses),
    (Rule(f"{V3}/courses/<course_id>", methods=["GET"]), get_course),
    (Rule(f"{V1}/courses/<course_id>/users", methods=["GET"]), list_memberships),
    (Rule(f"{V1}/courses/<course_id>/users/<user_id>", methods=["GET"]), get_membership),
    (Rule(f"{V1}/users/<user_id>/courses", methods=["GET"]), user_memberships),
    (Rule(f"{V2}/courses/<course_id>/groups", methods=["GET"]), list_groups),
    (Rule(f"{V2}/courses/<course_id>/groups/sets", methods=["GET"]), list_group_sets),
    (Rule(f"{V2}/courses/<course_id>/groups/<group_id>", methods=["GET"]), get_group),
    (Rule(f"{V2}/courses/<course_id>/groups/<group_id>/users", methods=["GET"]), list_group_members),
    (Rule(f"{V2}/courses/<course_id>/groups/<group_id>/users/<user_id>", methods=["GET"]), get_group_member),
]

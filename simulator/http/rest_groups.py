"""Learn's public REST API for course groups (read side).

Groups at v2 (`…/v2/courses/{courseId}/groups`, `…/groups/sets`,
`…/groups/sets/{groupId}/groups` (the groups of a group set), `…/groups/{groupId}`,
`…/groups/{groupId}/users[/{userId}]`) and the deprecated v1 list
(`…/v1/courses/{courseId}/groups`: groups and group sets together, in v1's shape with
`isGroupSet` and `parentId`). A group belongs to the set whose id or external id its
`set_id` names. Group ids take `_5_1` or `externalId:X`; v2 lists filter on `name`
(contains) and sort on `name` and `externalId`.
"""
from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http import auth
from simulator.http.rest import _require_token, _user, contains, matching
from simulator.http.rest_courses import _course
from simulator.http.rest_paging import page, single
from simulator.http.wire import ApiError
from simulator.learn.courses import Course
from simulator.learn.groups import Group

AUTH = auth.REST

V1, V2 = "/learn/api/public/v1", "/learn/api/public/v2"
GROUP_SORT = ("name", "externalId")


def _enrollment(group: Group) -> dict[str, Any]:
    enrollment: dict[str, Any] = {"type": "SelfEnrollment" if group.self_enrollment else "InstructorOnly"}
    if group.maximum_enrollment is not None:
        enrollment["limit"] = group.maximum_enrollment
    return enrollment


def _set_pk(app, group: Group) -> str | None:
    """The primary key of the group set a group belongs to, if that set exists."""
    if not group.set_id:
        return None
    found = app.sim.learn.groups.by_ref(group.set_id) or app.sim.learn.groups.by_ref(f"externalId:{group.set_id}")
    return found.pk if found is not None and found.group_set else None


def group_json(app, group: Group) -> dict[str, Any]:
    """A group as REST v2 shows it."""
    body: dict[str, Any] = {"id": group.pk, "externalId": group.external_id, "groupSetId": _set_pk(app, group),
                            "name": group.title, "description": group.description or None,
                            "availability": {"available": group.availability}, "enrollment": _enrollment(group),
                            "uuid": group.uuid, "created": rest_timestamp(group.created),
                            "modified": rest_timestamp(group.modified)}
    return {k: v for k, v in body.items() if v is not None}


def group_v1_json(app, group: Group) -> dict[str, Any]:
    """A group as the deprecated REST v1 shows it."""
    body: dict[str, Any] = {"id": group.pk, "externalId": group.external_id, "parentId": _set_pk(app, group),
                            "name": group.title, "description": group.description or None,
                            "isGroupSet": group.group_set, "availability": {"available": group.availability},
                            "enrollment": _enrollment(group), "uuid": group.uuid}
    return {k: v for k, v in body.items() if v is not None}


def _group(app, course: Course, group_id: str) -> Group:
    group = app.sim.learn.groups.by_ref(group_id)
    if group is None or group.course_pk != course.pk:
        raise ApiError(404, f"No group with id {group_id} in course {course.pk}")
    return group


def _v2_list(app, request: Request, groups) -> Response:
    groups = matching(groups, [contains(request.args, "name", lambda g: g.title)])
    return page(request, groups, lambda g: group_json(app, g), sort=GROUP_SORT)


def list_groups(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    return _v2_list(app, request, (g for g in app.sim.learn.groups.of_course(course.pk) if not g.group_set))


def list_group_sets(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    return _v2_list(app, request, (g for g in app.sim.learn.groups.of_course(course.pk) if g.group_set))


def list_group_set_groups(app, request: Request, course_id: str, group_id: str) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    group_set = _group(app, course, group_id)
    if not group_set.group_set:
        raise ApiError(404, f"Group {group_set.pk} is not a group set")
    children = (g for g in app.sim.learn.groups.of_course(course.pk)
                if not g.group_set and _set_pk(app, g) == group_set.pk)
    return _v2_list(app, request, children)


def list_groups_v1(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    return page(request, app.sim.learn.groups.of_course(course.pk), lambda g: group_v1_json(app, g), sort=GROUP_SORT)


def get_group(app, request: Request, course_id: str, group_id: str) -> Response:
    _require_token(app, request)
    return single(request, group_json(app, _group(app, _course(app, course_id), group_id)))


def list_group_members(app, request: Request, course_id: str, group_id: str) -> Response:
    _require_token(app, request)
    group = _group(app, _course(app, course_id), group_id)
    return page(request, app.sim.learn.group_memberships.of_group(group.pk), lambda m: {"userId": m.user_pk})


def get_group_member(app, request: Request, course_id: str, group_id: str, user_id: str) -> Response:
    _require_token(app, request)
    group, user = _group(app, _course(app, course_id), group_id), _user(app, user_id)
    if not any(m.user_pk == user.pk for m in app.sim.learn.group_memberships.of_group(group.pk)):
        raise ApiError(404, f"User {user.pk} is not a member of group {group.pk}")
    return single(request, {"userId": user.pk})


ROUTES = [
    (Rule(f"{V1}/courses/<course_id>/groups", methods=["GET"]), list_groups_v1),
    (Rule(f"{V2}/courses/<course_id>/groups", methods=["GET"]), list_groups),
    (Rule(f"{V2}/courses/<course_id>/groups/sets", methods=["GET"]), list_group_sets),
    (Rule(f"{V2}/courses/<course_id>/groups/sets/<group_id>/groups", methods=["GET"]), list_group_set_groups),
    (Rule(f"{V2}/courses/<course_id>/groups/<group_id>", methods=["GET"]), get_group),
    (Rule(f"{V2}/courses/<course_id>/groups/<group_id>/users", methods=["GET"]), list_group_members),
    (Rule(f"{V2}/courses/<course_id>/groups/<group_id>/users/<user_id>", methods=["GET"]), get_group_member),
]

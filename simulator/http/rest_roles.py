"""Learn's REST role catalogues: institution roles, system roles and course roles.

- `/v1/institutionRoles[/{roleId}]`: the roles an administrator keeps (ids `_3_1` or
  the roleId); filters `roleId` (contains) and `custom`; sort `roleId`, `custom`.
- `/v1/systemRoles[/{roleId}]`: exactly the system roles Learn's contract enumerates
  (`PUBLISHED_SYSTEM_ROLES`, `Integration` included), each with `id`, `roleId`, `name`,
  `description`, `custom` (false: Learn's own); looked up by roleId.
- `/v1/courseRoles[/{roleId}]`: Learn's built-in course roles with their names in
  courses and in organizations.
"""
from __future__ import annotations

from typing import Any, Callable

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.http import auth
from simulator.http.rest import V1, _require_token, contains, matching
from simulator.http.rest_paging import page, single
from simulator.http.wire import ApiError
from simulator.learn.roles import COURSE_ROLE_NAMES, PUBLISHED_SYSTEM_ROLES, SYSTEM_ROLE_DESCRIPTIONS, SYSTEM_ROLE_NAMES

AUTH = auth.REST

ROLE_SORT = ("roleId", "custom")


def _custom(args) -> Callable[[dict], bool] | None:
    """The `custom` search: `true` or `false`."""
    if "custom" not in args:
        return None
    raw = args["custom"].lower()
    if raw not in ("true", "false"):
        raise ApiError(400, f"query parameter custom must be true or false, not {args['custom']!r}")
    return lambda body: body["custom"] == (raw == "true")


def _catalogue(request: Request, bodies: list[dict]) -> Response:
    tests = [contains(request.args, "roleId", lambda body: body["roleId"]), _custom(request.args)]
    return page(request, matching(bodies, tests), lambda body: body, sort=ROLE_SORT)


def institution_role_json(role) -> dict[str, Any]:
    return {"id": role.pk, "roleId": role.role_id, "name": role.name, "description": role.description,
            "custom": role.custom}


def list_institution_roles(app, request: Request) -> Response:
    _require_token(app, request)
    return _catalogue(request, [institution_role_json(r) for r in app.sim.learn.institution_roles.values()])


def get_institution_role(app, request: Request, role_id: str) -> Response:
    _require_token(app, request)
    role = app.sim.learn.institution_role_by_id(role_id)
    if role is None:
        raise ApiError(404, f"No institution role with id {role_id}")
    return single(request, institution_role_json(role))


def system_role_json(role_id: str) -> dict[str, Any]:
    return {"id": f"_{PUBLISHED_SYSTEM_ROLES.index(role_id) + 1}_1", "roleId": role_id,
            "name": SYSTEM_ROLE_NAMES[role_id], "description": SYSTEM_ROLE_DESCRIPTIONS[role_id], "custom": False}


def list_system_roles(app, request: Request) -> Response:
    _require_token(app, request)
    return _catalogue(request, [system_role_json(r) for r in PUBLISHED_SYSTEM_ROLES])


def get_system_role(app, request: Request, role_id: str) -> Response:
    _require_token(app, request)
    if role_id not in PUBLISHED_SYSTEM_ROLES:
        raise ApiError(404, f"No system role with roleId {role_id} (Learn's are {', '.join(PUBLISHED_SYSTEM_ROLES)})")
    return single(request, system_role_json(role_id))


def course_role_json(role_id: str) -> dict[str, Any]:
    in_courses, in_organizations = COURSE_ROLE_NAMES[role_id]
    return {"id": f"_{list(COURSE_ROLE_NAMES).index(role_id) + 1}_1", "roleId": role_id,
            "nameForCourses": in_courses, "nameForOrganizations": in_organizations, "custom": False,
            "actAsInstructor": role_id == "Instructor", "availability": {"available": "Both"}}


def list_course_roles(app, request: Request) -> Response:
    _require_token(app, request)
    return _catalogue(request, [course_role_json(r) for r in COURSE_ROLE_NAMES])


def get_course_role(app, request: Request, role_id: str) -> Response:
    _require_token(app, request)
    if role_id not in COURSE_ROLE_NAMES:
        raise ApiError(404, f"No course role with roleId {role_id} (Learn's are {', '.join(COURSE_ROLE_NAMES)})")
    return single(request, course_role_json(role_id))


ROUTES = [
    (Rule(f"{V1}/institutionRoles", methods=["GET"]), list_institution_roles),
    (Rule(f"{V1}/institutionRoles/<role_id>", methods=["GET"]), get_institution_role),
    (Rule(f"{V1}/systemRoles", methods=["GET"]), list_system_roles),
    (Rule(f"{V1}/systemRoles/<role_id>", methods=["GET"]), get_system_role),
    (Rule(f"{V1}/courseRoles", methods=["GET"]), list_course_roles),
    (Rule(f"{V1}/courseRoles/<role_id>", methods=["GET"]), get_course_role),
]

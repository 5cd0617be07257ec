"""Learn's public REST API for catalog categories (read side), at v1:
`/catalog/categories/{categoryType}` (`Course` or `Organization`; filters `title`,
`categoryId`, `dataSourceId`, `frontPage`, `available`), `…/{categoryId}`,
`…/{categoryId}/courses`, `…/{parentId}/children`, and `/courses/{courseId}/categories`.
Category ids take `_3_1` or `categoryId:X` (X the mnemonic, the feeds' batch uid). A
category disabled by the SIS shows `available: false`; a course's place in a category
disabled by the SIS is not listed (the catalog no longer shows it there).
"""
from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.http import auth
from simulator.http.rest import _require_token, contains, matching
from simulator.http.rest_courses import V1, _course, _source_pk, _stamp
from simulator.http.rest_paging import page, single
from simulator.http.wire import ApiError
from simulator.learn.categories import COURSE, ORGANIZATION, Category, CategoryMembership

TYPES = (COURSE, ORGANIZATION)
AUTH = auth.REST


def category_json(app, category: Category) -> dict[str, Any]:
    body = {"id": category.pk, "dataSourceId": _source_pk(app, category.data_source),
            "categoryId": category.batch_uid, "title": category.title, "type": category.kind,
            "frontPage": category.front_page, "available": category.available and category.enabled,
            "restricted": category.restricted, "created": _stamp(category.created)}
    if category.parent_pk:
        body["parentId"] = category.parent_pk
    if category.description:
        body["description"] = category.description
    return body


def place_json(app, place: CategoryMembership) -> dict[str, Any]:
    return {"categoryId": place.category_pk, "courseId": place.course_pk,
            "dataSourceId": _source_pk(app, place.data_source), "created": _stamp(place.created)}


def _type(category_type: str) -> str:
    if category_type not in TYPES:
        raise ApiError(404, f"No category type {category_type!r}: categoryType is one of {', '.join(TYPES)}")
    return category_type


def _category(app, category_type: str, category_id: str) -> Category:
    category = app.sim.learn.categories.by_ref(_type(category_type), category_id)
    if category is None:
        raise ApiError(404, f"No {category_type} category with id {category_id} (ids are _3_1 or categoryId:X)")
    return category


def _flag(args, name: str):
    if name not in args:
        return None
    wanted = args[name].lower() == "true"
    return lambda c: category_json_flag(c, name) == wanted


def category_json_flag(category: Category, name: str) -> bool:
    return category.front_page if name == "frontPage" else category.available and category.enabled


def list_categories(app, request: Request, category_type: str) -> Response:
    _require_token(app, request)
    kind, args, learn = _type(category_type), request.args, app.sim.learn
    tests = [lambda c: c.kind == kind, contains(args, "title", lambda c: c.title),
             contains(args, "categoryId", lambda c: c.batch_uid), _flag(args, "frontPage"), _flag(args, "available")]
    if "dataSourceId" in args:
        source = learn.data_source_by_id(args["dataSourceId"])
        key = source.external_id if source else None
        tests.append(lambda c: c.data_source == key)
    return page(request, matching(learn.categories, tests), lambda c: category_json(app, c))


def get_category(app, request: Request, category_type: str, category_id: str) -> Response:
    _require_token(app, request)
    return single(request, category_json(app, _category(app, category_type, category_id)))


def category_courses(app, request: Request, category_type: str, category_id: str) -> Response:
    _require_token(app, request)
    category = _category(app, category_type, category_id)
    places = (p for p in app.sim.learn.category_memberships.of_category(category.pk) if p.enabled)
    return page(request, places, lambda p: place_json(app, p))


def category_children(app, request: Request, category_type: str, parent_id: str) -> Response:
    _require_token(app, request)
    parent = _category(app, category_type, parent_id)
    children = (c for c in app.sim.learn.categories if c.parent_pk == parent.pk)
    return page(request, children, lambda c: category_json(app, c))


def course_categories(app, request: Request, course_id: str) -> Response:
    _require_token(app, request)
    course = _course(app, course_id)
    places = (p for p in app.sim.learn.category_memberships.of_course(course.pk) if p.enabled)
    return page(request, places, lambda p: place_json(app, p))


CATALOG = f"{V1}/catalog/categories"
ROUTES = [
    (Rule(f"{CATALOG}/<category_type>", methods=["GET"]), list_categories),
    (Rule(f"{CATALOG}/<category_type>/<category_id>", methods=["GET"]), get_category),
    (Rule(f"{CATALOG}/<category_type>/<category_id>/courses", methods=["GET"]), category_courses),
    (Rule(f"{CATALOG}/<category_type>/<parent_id>/children", methods=["GET"]), category_children),
    (Rule(f"{V1}/courses/<course_id>/categories", methods=["GET"]), course_categories),
]

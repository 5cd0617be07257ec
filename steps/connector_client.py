"""What the connector steps say to the connector's Building Block and to Learn's REST API.

HTTP only. Names a scenario writes go through `learn.names`; record ids a scenario
cannot know in advance are written as placeholders that are looked up through
Learn's REST API just before use:
`{user:jdoe}`, `{course:MATH101}`, `{role:ALUMNI}`, `{group:MATH101/Group A}`,
`{membership:MATH101/jdoe}`.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import requests

from steps.client import LearnClient

PLACEHOLDER = re.compile(r"\{(user|course|role|group|membership):([^}]+)\}")
NAMED = {"userName", "batchUid", "associatedCourseId", "roleID"}
V1, V2, V3 = "/learn/api/public/v1", "/learn/api/public/v2", "/learn/api/public/v3"


@dataclass
class ConnectorWorld:
    bbid: str = "BBLEARN"
    auth: tuple[str, str] | None = None
    response: requests.Response | None = None
    probes: int = 0
    fixtures: dict[str, str] = field(default_factory=dict)

    def body(self) -> dict:
        assert self.response is not None, "the connector has not been called yet"
        try:
            return self.response.json()
        except ValueError:
            raise AssertionError(f"the connector did not answer JSON: {self.response.text[:500]!r}") from None


def base(learn: LearnClient, world: ConnectorWorld) -> str:
    return f"{learn.base_url}/webapps/fii-connector-{learn.connector_bbid(world.bbid)}/api"


def call(learn: LearnClient, world: ConnectorWorld, path: str, body: Any = None, method: str = "POST",
         auth: tuple[str, str] | None = None) -> requests.Response:
    world.response = learn.session.request(method, f"{base(learn, world)}/{path}",
                                           json=body, auth=auth or world.auth, timeout=60)
    return world.response


def rest_get(learn: LearnClient, path: str, **params: Any) -> requests.Response:
    """GET a REST path (`/learn/api/public/v3/courses`, …) with the suite's bearer token."""
    return learn.session.get(f"{learn.base_url}{path}", params=params or None,
                             headers={"Authorization": f"Bearer {learn.token()}"}, timeout=60)


def rest_json(learn: LearnClient, path: str, **params: Any) -> dict:
    response = rest_get(learn, path, **params)
    assert response.status_code == 200, f"GET {path} answered {response.status_code}: {response.text}"
    return response.json()


def course_path(learn: LearnClient, course: str) -> str:
    return f"{V3}/courses/courseId:{learn.names(course)}"


def groups_of(learn: LearnClient, course: str) -> list[dict]:
    return rest_json(learn, f"{V2}/courses/courseId:{learn.names(course)}/groups", limit=100)["results"]


def rest_id(learn: LearnClient, kind: str, name: str) -> str:
    """The primary key Learn's REST API shows for a named record."""
    if kind == "group":
        course, _, title = name.partition("/")
        match = [g["id"] for g in groups_of(learn, course) if g["name"] == title]
        assert match, f"course {course} has no group {title!r}"
        return match[0]
    if kind == "membership":
        course, _, user = name.partition("/")
        path = f"{V1}/courses/courseId:{learn.names(course)}/users/userName:{learn.names(user)}"
    else:
        path = {"user": f"{V1}/users/userName:{learn.names(name)}", "course": course_path(learn, name),
                "role": f"{V1}/institutionRoles/roleId:{learn.names(name)}"}[kind]
    return rest_json(learn, path)["id"]


def resolve(learn: LearnClient, text: str) -> str:
    return PLACEHOLDER.sub(lambda m: rest_id(learn, m.group(1), m.group(2)), text)


def named(learn: LearnClient, value: Any) -> Any:
    """Apply the name map to the name-like attributes of a record (recursively into sub-records)."""
    if isinstance(value, list):
        return [named(learn, item) for item in value]
    if not isinstance(value, dict):
        return value
    return {k: (learn.names(v) if k in NAMED and isinstance(v, str) else named(learn, v)) for k, v in value.items()}


def document(learn: LearnClient, text: str) -> Any:
    """A JSON document from a scenario: placeholders resolved, names mapped."""
    try:
        return named(learn, json.loads(resolve(learn, text)))
    except ValueError as exc:
        raise AssertionError(f"the scenario's JSON is not valid: {exc}") from None


def provision(learn: LearnClient, world: ConnectorWorld, fmt: str, operation: str, body: Any) -> requests.Response:
    response = call(learn, world, f"provisioning/{fmt}/{operation}", body)
    if operation == "add" and response.status_code == 200:
        record_id, auth = response.json().get("id"), world.auth
        if record_id:
            learn.created(f"the connector's {fmt} {record_id}",
                          lambda: _take_back(learn, world, fmt, record_id, auth))
    return response


def _take_back(learn: LearnClient, world: ConnectorWorld, fmt: str, record_id: str, auth) -> None:
    """Delete a record the scenario added (a live target keeps nothing of a scenario); gone already is fine."""
    response = learn.session.post(f"{base(learn, world)}/provisioning/{fmt}/delete", json={"key": record_id},
                                  auth=auth, timeout=60)
    assert response.status_code in (200, 404), f"deleting the {fmt} {record_id} answered {response.status_code}"


def succeeded(world: ConnectorWorld) -> dict:
    body = world.body()
    assert world.response.status_code == 200 and body.get("status") == "success", \
        f"the connector answered {world.response.status_code}: {json.dumps(body)[:2000]}"
    return body


def refused(world: ConnectorWorld, status: int | None, attribute: str, rule: str) -> dict:
    body = world.body()
    seen = world.response.status_code
    assert seen >= 400, f"expected a refusal, the connector answered {seen}: {json.dumps(body)[:1000]}"
    if status is not None:
        assert seen == status, f"expected HTTP {status}, got {seen}: {json.dumps(body)[:1000]}"
    errors = body.get("errors", [])
    assert any(e["attribute"] == attribute and e["rule"] == rule for e in errors), \
        f"no error naming {attribute!r} with rule {rule!r}: {errors or body}"
    assert all(e["attribute"] in e["message"] for e in errors), f"every message names its attribute: {errors}"
    return body

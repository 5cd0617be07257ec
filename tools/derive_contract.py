"""Derive the contract fixture: the schema facts of Learn's published REST description
(`learn-swagger.json`, Swagger 2.0, Learn 3900.123.0) for the paths the simulator serves.

    python tools/derive_contract.py PATH/TO/learn-swagger.json > fixtures/contract/learn-rest.json

Kept: per served path and method, each parameter's name, place, type, format, enum and
whether it is required, and each documented answer's JSON schema with every `$ref`
resolved; dropped: all prose (descriptions, summaries, examples) and `readOnly` marks.
Two derivations, both recorded in docs/decisions.md:
- the document gives every list answer only as `object`; the fixture types it as Learn
  answers lists, `{"results": [ITEM], "paging": {"nextPage": string}}`, ITEM being the
  schema of the matching single-object GET (`LIST_ITEMS`);
- the document renders Java lists (`java.util.List<…>`) as an object with a required
  `empty` flag; the fixture makes them arrays (of strings for the id lists).
Exceptions where real servers differ from the document are not applied here: the
contract test applies them (`tests/contract/validator.py`), so the fixture stays the
document's own facts.
"""
from __future__ import annotations

import json
import sys

SERVED = {
    "/v1/oauth2/token": ["post"],
    "/v1/users": ["get"], "/v1/users/{userId}": ["get"],
    "/v1/users/{userId}/observers": ["get"], "/v1/users/{userId}/observees": ["get"],
    "/v1/users/{userId}/courses": ["get"], "/v1/users/{userId}/avatar": ["get"],
    "/v1/dataSources": ["get"], "/v1/dataSources/{dataSourceId}": ["get"],
    "/v1/institutionRoles": ["get"], "/v1/institutionRoles/{roleId}": ["get"],
    "/v1/systemRoles": ["get"], "/v1/systemRoles/{roleId}": ["get"],
    "/v1/courseRoles": ["get"], "/v1/courseRoles/{roleId}": ["get"],
    "/v1/terms": ["get"], "/v1/terms/{termId}": ["get"],
    "/v1/system/version": ["get"],
    "/v1/logs/sis/dataSets/{id}": ["get"],
    "/v1/courses": ["get"], "/v1/courses/{courseId}": ["get"],
    "/v2/courses": ["get"], "/v2/courses/{courseId}": ["get"],
    "/v3/courses": ["get"], "/v3/courses/{courseId}": ["get"],
    "/v1/courses/{courseId}/users": ["get"], "/v1/courses/{courseId}/users/{userId}": ["get"],
    "/v1/courses/{courseId}/groups": ["get"],
    "/v2/courses/{courseId}/groups": ["get"], "/v2/courses/{courseId}/groups/sets": ["get"],
    "/v2/courses/{courseId}/groups/sets/{groupId}/groups": ["get"],
    "/v2/courses/{courseId}/groups/{groupId}": ["get"],
    "/v2/courses/{courseId}/groups/{groupId}/users": ["get"],
    "/v2/courses/{courseId}/groups/{groupId}/users/{userId}": ["get"],
    "/v1/catalog/categories/{categoryType}": ["get"], "/v1/catalog/categories/{categoryType}/{categoryId}": ["get"],
    "/v1/catalog/categories/{categoryType}/{categoryId}/courses": ["get"],
    "/v1/catalog/categories/{categoryType}/{parentId}/children": ["get"],
    "/v1/courses/{courseId}/categories": ["get"],
}
LIST_ITEMS = {
    "/v1/users": "/v1/users/{userId}",
    "/v1/users/{userId}/observers": "/v1/users/{userId}",
    "/v1/users/{userId}/observees": "/v1/users/{userId}",
    "/v1/users/{userId}/courses": "/v1/courses/{courseId}/users/{userId}",
    "/v1/dataSources": "/v1/dataSources/{dataSourceId}",
    "/v1/institutionRoles": "/v1/institutionRoles/{roleId}",
    "/v1/systemRoles": "/v1/systemRoles/{roleId}",
    "/v1/courseRoles": "/v1/courseRoles/{roleId}",
    "/v1/terms": "/v1/terms/{termId}",
    "/v1/courses": "/v1/courses/{courseId}",
    "/v2/courses": "/v2/courses/{courseId}",
    "/v3/courses": "/v3/courses/{courseId}",
    "/v1/courses/{courseId}/users": "/v1/courses/{courseId}/users/{userId}",
    "/v1/courses/{courseId}/groups": "/v1/courses/{courseId}/groups/{groupId}",
    "/v2/courses/{courseId}/groups": "/v2/courses/{courseId}/groups/{groupId}",
    "/v2/courses/{courseId}/groups/sets": "/v2/courses/{courseId}/groups/{groupId}",
    "/v2/courses/{courseId}/groups/sets/{groupId}/groups": "/v2/courses/{courseId}/groups/{groupId}",
    "/v2/courses/{courseId}/groups/{groupId}/users": "/v2/courses/{courseId}/groups/{groupId}/users/{userId}",
    "/v1/catalog/categories/{categoryType}": "/v1/catalog/categories/{categoryType}/{categoryId}",
    "/v1/catalog/categories/{categoryType}/{parentId}/children": "/v1/catalog/categories/{categoryType}/{categoryId}",
}
PREFIX = "/learn/api/public"
PROSE = {"description", "summary", "example", "title", "readOnly", "x-example"}
PARAMETER_FACTS = ("name", "in", "type", "format", "enum", "required")


def derive(document: dict) -> dict:
    definitions, shared = document["definitions"], document.get("parameters", {})

    def resolve(node, seen=()):
        if isinstance(node, list):
            return [resolve(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name.startswith("java.util.List<"):
                return {"type": "array", "items": {"type": "string"}} if "String" in name or "SystemRole" in name \
                    else {"type": "array"}
            if name in seen:  # a recursive type: stop at an open object
                return {"type": "object"}
            return resolve(definitions[name], (*seen, name))
        return {key: resolve(value, seen) for key, value in node.items() if key not in PROSE or not isinstance(value, (str, bool))}

    paths: dict = {}
    for path, methods in SERVED.items():
        item = document["paths"][PREFIX + path]
        for method in methods:
            operation = item[method]
            parameters = []
            for parameter in operation.get("parameters", []):
                if "$ref" in parameter:
                    parameter = shared[parameter["$ref"].rsplit("/", 1)[-1]]
                parameters.append({k: parameter[k] for k in PARAMETER_FACTS if k in parameter})
            responses = {status: resolve(answer.get("schema", {})) for status, answer in operation["responses"].items()}
            paths.setdefault(PREFIX + path, {})[method] = {
                "deprecated": bool(operation.get("deprecated")), "parameters": parameters, "responses": responses}
    for path, single in LIST_ITEMS.items():
        item = resolve(document["paths"][PREFIX + single]["get"]["responses"]["200"]["schema"])
        paths[PREFIX + path]["get"]["responses"]["200"] = {
            "type": "object", "required": ["results"],
            "properties": {"results": {"type": "array", "items": item},
                           "paging": {"type": "object", "properties": {"nextPage": {"type": "string"}}}}}
    return {"source": f"Learn REST API {document['info']['version']} (Swagger {document['swagger']}), derived subset",
            "paths": paths}


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as handle:
        json.dump(derive(json.load(handle)), sys.stdout, indent=1, sort_keys=True)
        sys.stdout.write("\n")

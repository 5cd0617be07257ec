"""The OpenAPI description of the simulator-only control API, served at /_sim/openapi.json."""
from __future__ import annotations


def _op(summary: str, body: dict | None = None, status: str = "200") -> dict:
    op: dict = {"summary": summary, "responses": {status: {"description": "JSON"}, "400": {"description": "bad input"}}}
    if body is not None:
        op["requestBody"] = {"content": {"application/json": {"schema": {"type": "object", "properties": body}}}}
    return op


STRING = {"type": "string"}
OPENAPI = {
    "openapi": "3.0.3",
    "info": {"title": "learnsim control API", "version": "1"},
    "paths": {
        "/_sim/reset": {"post": _op("Empty the whole state")},
        "/_sim/clock": {"get": _op("Read simulated time")},
        "/_sim/clock/advance": {"post": _op("Move simulated time forward; due jobs run", {"seconds": {"type": "number"}})},
        "/_sim/integrations/{bbid}": {
            "put": _op("Create or change an SIS integration (settings of SPEC 1.1)", {
                "data_source_key": STRING, "password": STRING, "delimiter": STRING, "status": STRING,
                "delete_behaviour": {"type": "object"}, "refresh_behaviour": STRING,
                "password_changes_on_update": {"type": "boolean"}, "default_system_role": STRING,
                "field_mappings": {"type": "object"}, "refresh_threshold": {"type": "number", "nullable": True},
                "processing": STRING, "background_delay_seconds": {"type": "integer"}}),
            "get": _op("Read an integration's settings (never its password)"),
        },
        "/_sim/datasets/{uid}/log": {"get": _op("A data set's counts and log entries")},
        "/_sim/institution-roles": {"post": _op("Create an institution role", {"roleId": STRING, "name": STRING}, "201")},
        "/_sim/data-sources": {"post": _op("Create a data source", {"externalId": STRING, "description": STRING}, "201")},
        "/_sim/rest-apps": {"post": _op("Register a REST application", {"key": STRING, "secret": STRING}, "201")},
        "/_sim/login": {"post": _op("Learn's login check", {"userName": STRING, "password": STRING})},
        "/_sim/connector": {
            "get": _op("The identity-management connector's Building Block settings"),
            "put": _op("Change the connector's settings", {
                "bbid": STRING, "available": {"type": "boolean"}, "httpsOnly": {"type": "boolean"},
                "serviceAccount": {"type": "object", "nullable": True,
                                   "properties": {"userName": STRING, "password": STRING}}}),
        },
    },
}

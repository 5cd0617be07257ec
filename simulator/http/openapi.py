"""The OpenAPI 3.1 description of the simulator-only control API, served at /_sim/openapi.json.

Built from the routes themselves (`app.URL_MAP`), so every `/_sim/` route is described
with its path parameters; request bodies are the JSON Schemas the routes check
(`schemas.BODIES`), so the document and the validation cannot drift apart. The control
API's bearer token is the document's security scheme; Learn's feed endpoint is described
too, for its simulator-only `?dryRun=true`.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Any

from simulator.http import auth, schemas

FEED_ENDPOINT = "simulator.http.sis.post_feed"
SUMMARIES = {
    "simulator.http.control.reset": "Empty the whole state",
    "simulator.http.control.get_clock": "Read simulated time",
    "simulator.http.control.advance_clock": "Move simulated time forward; due jobs run",
    "simulator.http.control.put_integration": "Create or change an SIS integration (settings of SPEC 1.1)",
    "simulator.http.control.get_integration": "Read an integration's settings (never its password)",
    "simulator.http.control.dataset_log": "A data set's counts and log entries",
    "simulator.http.control.add_institution_role": "Create an institution role",
    "simulator.http.control.add_data_source": "Create a data source",
    "simulator.http.control.add_rest_app": "Register a REST application",
    "simulator.http.control.login": "Learn's login check",
    "simulator.http.control.openapi": "This document",
    "simulator.http.connect.put_account": "Connect side: the account client care issues",
    "simulator.http.connect.put_config": "Learn's Contact Synchronization settings (SPEC 2); only the given ones change",
    "simulator.http.connect.get_config": "The Contact Synchronization settings (never the password)",
    "simulator.http.connect.run_sync": "Run a full contact synchronisation (422 when Connect refuses it)",
    "simulator.http.connect.sync_status": "Sync state: mapping in force, full resync flag, next hourly run, recent runs",
    "simulator.http.connect.user_status": "A user's sync status: synced with its contact id, or why not",
    "simulator.http.connect.contacts": "Connect side: every contact with its internal id",
    "simulator.http.connect.deliveries": "Connect side: every SMS and voice message delivered",
    "simulator.http.connect.mail": "Every e-mail Learn sent",
    "simulator.http.connect.announce": "Send a system announcement through Connect",
    "simulator.http.connect.put_general_settings": "General Notifications Settings: may users choose SMS / voice",
    "simulator.http.connect.get_general_settings": "General Notifications Settings",
    "simulator.http.connect.put_user_settings": "A user's announcement opt-in per channel",
    "simulator.http.connect.get_user_settings": "A user's announcement opt-in per channel",
    "simulator.http.connector.get_settings": "The identity-management connector's Building Block settings",
    "simulator.http.connector.put_settings": "Change the connector's settings",
    FEED_ENDPOINT: "Learn's feed endpoint (raw file body, HTTP Basic). Simulator extension: ?dryRun=true answers "
                   "JSON with what would be created, updated, re-enabled, disabled and rejected, changing nothing",
}
CREATED = {"simulator.http.control.add_institution_role", "simulator.http.control.add_data_source",
           "simulator.http.control.add_rest_app", "simulator.http.connect.announce"}
ERROR = {"type": "object", "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}
PARAMETER = re.compile(r"<(?:[^<>:]+:)?([^<>]+)>")


def _path(rule: str) -> str:
    return PARAMETER.sub(r"{\1}", rule)


def _response(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema or {"type": "object"}}}}


def _operation(endpoint: str, method: str, names: list[str]) -> dict:
    operation: dict[str, Any] = {
        "operationId": endpoint.rsplit(".", 2)[-2] + "." + endpoint.rsplit(".", 1)[-1] + "." + method.lower(),
        "summary": SUMMARIES.get(endpoint, endpoint.rsplit(".", 1)[-1].replace("_", " ")),
        "responses": {
            "201" if endpoint in CREATED else "200": _response("JSON"),
            "401": _response("No admin token, or not this server's", ERROR),
            "403": _response("A browser request from another origin", ERROR),
        },
    }
    if names:
        operation["parameters"] = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                                   for name in names]
        operation["responses"]["404"] = _response("No such thing", ERROR)
    if endpoint in schemas.BODIES:
        operation["requestBody"] = {"required": bool(schemas.BODIES[endpoint].get("required")),
                                    "content": {"application/json": {"schema": schemas.BODIES[endpoint]}}}
        operation["responses"]["400"] = _response("A field is wrong; the message names it", ERROR)
        operation["responses"]["415"] = _response("The body is not sent as application/json", ERROR)
    return operation


def _feed_operation() -> dict:
    return {
        "operationId": "sis.post_feed", "summary": SUMMARIES[FEED_ENDPOINT], "security": [{"feedBasic": []}],
        "parameters": [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                       for name in ("bbid", "object_name", "operation")]
                      + [{"name": "dryRun", "in": "query", "schema": {"type": "boolean"}}],
        "requestBody": {"content": {"text/plain": {"schema": {"type": "string"}}}},
        "responses": {"200": {"description": "Learn's success text, or the dry-run report"},
                      "401": {"description": "bad credentials"}, "404": {"description": "unknown object or operation"}},
    }


@cache
def document() -> dict:
    """The OpenAPI document: every control API route, and the feed endpoint."""
    from simulator.http.app import PROTECTION, URL_MAP

    paths: dict[str, dict] = {}
    for rule in URL_MAP.iter_rules():
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        if PROTECTION.get(rule.endpoint) is auth.ADMIN:
            names = list(rule.arguments)
            for method in methods:
                paths.setdefault(_path(rule.rule), {})[method.lower()] = _operation(rule.endpoint, method, names)
        elif rule.endpoint == FEED_ENDPOINT:
            paths.setdefault(_path(rule.rule), {})["post"] = _feed_operation()
    return {
        "openapi": "3.1.0",
        "info": {"title": "learnsim control API", "version": "1",
                 "description": "Simulator-only routes. Every /_sim/ call sends `Authorization: Bearer <admin token>` "
                                "(learnsim serve --admin-token, LEARNSIM_ADMIN_TOKEN, or the token file it wrote)."},
        "components": {"securitySchemes": {
            "adminToken": {"type": "http", "scheme": "bearer", "description": auth.ADMIN.credentials},
            "feedBasic": {"type": "http", "scheme": "basic", "description": auth.FEED.credentials}}},
        "security": [{"adminToken": []}],
        "paths": dict(sorted(paths.items())),
    }

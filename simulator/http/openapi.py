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
        "/webapps/bb-data-integration-flatfile-{bbid}/endpoint/{object}/{operation}": {"post": {
            "summary": "Learn's feed endpoint (raw file body, HTTP Basic). Simulator extension: ?dryRun=true "
                       "answers JSON with what would be created, updated, re-enabled, disabled and rejected, changing nothing",
            "parameters": [{"name": "dryRun", "in": "query", "schema": {"type": "boolean"}}],
            "responses": {"200": {"description": "Learn's success text, or the dry-run report"},
                          "401": {"description": "bad credentials"}, "404": {"description": "unknown object or operation"}}}},
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
        "/_sim/connect/account": {"put": _op("Connect side: the account client care issues", {
            "account": STRING, "password": STRING, "sisCode": STRING, "email": STRING})},
        "/_sim/connect/config": {
            "put": _op("Learn's Contact Synchronization settings (SPEC 2); only the given ones change", {
                "account": STRING, "password": STRING, "sisCode": STRING, "smsField": STRING, "voiceField": STRING,
                "twoNumbers": {"type": "boolean"}, "defaultRegion": STRING}),
            "get": _op("The Contact Synchronization settings (never the password)"),
        },
        "/_sim/connect/sync": {"post": _op("Run a full contact synchronisation (422 when Connect refuses it)")},
        "/_sim/connect/status": {"get": _op("Sync state: mapping in force, full resync flag, next hourly run, recent runs")},
        "/_sim/connect/users/{userId}": {"get": _op("A user's sync status: synced with its contact id, or why not")},
        "/_sim/connect/contacts": {"get": _op("Connect side: every contact with its internal id")},
        "/_sim/connect/deliveries": {"get": _op("Connect side: every SMS and voice message delivered")},
        "/_sim/mail": {"get": _op("Every e-mail Learn sent")},
        "/_sim/announcements": {"post": _op("Send a system announcement through Connect", {
            "subject": STRING, "body": STRING, "channels": {"type": "array", "items": STRING}}, "201")},
        "/_sim/notification-settings": {
            "put": _op("General Notifications Settings: may users choose SMS / voice", {
                "sms": {"type": "boolean"}, "voice": {"type": "boolean"}}),
            "get": _op("General Notifications Settings"),
        },
        "/_sim/users/{userId}/notification-settings": {
            "put": _op("A user's announcement opt-in per channel", {"sms": {"type": "boolean"}, "voice": {"type": "boolean"}}),
            "get": _op("A user's announcement opt-in per channel"),
        },
        "/_sim/connector": {
            "get": _op("The identity-management connector's Building Block settings"),
            "put": _op("Change the connector's settings", {
                "bbid": STRING, "available": {"type": "boolean"}, "httpsOnly": {"type": "boolean"},
                "serviceAccount": {"type": "object", "nullable": True,
                                   "properties": {"userName": STRING, "password": STRING}}}),
        },
    },
}

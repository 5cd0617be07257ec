"""The JSON bodies every JSON route accepts, as JSON Schemas (draft 2020-12): one source for
checking a request (`check`) and for the OpenAPI document served at `/_sim/openapi.json`.

A body is checked before its handler runs (by `wire.json_body`), so a wrong type, an
out-of-range number, an unknown enum value or a string too long is a 400 naming the
field, and a setting that would break later feeds is refused when it is set. The domain
still checks what only it knows (a system role exists, a field mapping's script runs).
Numbers are finite (NaN and Infinity are not JSON) and bounded; strings are bounded.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from simulator.connect.announcements import CHANNELS
from simulator.connect.config import SETTINGS as CONTACT_SYNC_SETTINGS
from simulator.sis.integration import DELETE_BEHAVIOURS, PROCESSING, REFRESH_BEHAVIOURS, STATUSES, Integration

TEXT_MAX = 4096
SCRIPT_MAX = 100_000
YEAR = 365 * 24 * 3600
CLOCK_STEP_MAX = 10 * YEAR
"""The longest single move of the simulated clock (10 years, in seconds)."""


def text(min_length: int = 0, max_length: int = TEXT_MAX, **more: Any) -> dict:
    return {"type": "string", "minLength": min_length, "maxLength": max_length, **more}


def enum(values: tuple[str, ...] | list[str]) -> dict:
    return {"type": "string", "enum": list(values)}


def obj(properties: dict[str, dict], required: tuple[str, ...] = (), extra: bool | dict = False) -> dict:
    schema: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": extra}
    if required:
        schema["required"] = list(required)
    return schema


BOOLEAN = {"type": "boolean"}
NAME = text(1, 256)
CHANNEL_FLAGS = obj({channel: BOOLEAN for channel in CHANNELS})

FIELD_MAPPING = obj({"header": text(1, 256), "script": text(1, SCRIPT_MAX)})
INTEGRATION_SETTINGS = obj({
    "data_source_key": NAME,
    "password": text(1, 1024),
    "username": NAME,
    "delimiter": text(1, 16),
    "status": enum(STATUSES),
    "delete_behaviour": {"type": "object", "additionalProperties": enum(DELETE_BEHAVIOURS), "maxProperties": 64},
    "refresh_behaviour": enum(REFRESH_BEHAVIOURS),
    "password_changes_on_update": BOOLEAN,
    "default_system_role": text(1, 64),
    "field_mappings": {"type": "object", "maxProperties": 64, "additionalProperties": {
        "type": "object", "maxProperties": 256, "additionalProperties": FIELD_MAPPING}},
    "refresh_threshold": {"type": ["number", "null"], "minimum": 0, "maximum": 100},
    "processing": enum(PROCESSING),
    "background_delay_seconds": {"type": "integer", "minimum": 0, "maximum": YEAR},
})
assert set(INTEGRATION_SETTINGS["properties"]) == set(Integration.SETTINGS), "every integration setting has a schema"

CONDITION = obj({"key": text(1, 256), "operator": text(1, 64),
                 "value": {"type": ["string", "number", "boolean"], "maxLength": TEXT_MAX},
                 "date": text(1, 64)}, required=("key", "operator"))
CONNECTOR_PROVISIONING = obj({
    "key": text(1, 1024),
    "record": {"type": "object"},
    "subRecordsInFoldedState": BOOLEAN,
    "foldSubRecords": BOOLEAN,
    "delimiter": text(1, 16),
    "exportMode": text(1, 64), "deltaExportMode": text(1, 64), "dataFormat": text(1, 64),
    "filter": {"anyOf": [text(0, TEXT_MAX), CONDITION, {"type": "array", "maxItems": 256, "items": CONDITION}]},
    "attributes": {"type": "array", "maxItems": 1024, "items": text(1, 256)},
    "alwaysExport": {"type": "array", "maxItems": 1024, "items": text(1, 256)},
    "pageSize": {"type": "integer", "minimum": 1, "maximum": 1000},
    "cursor": text(1, 256),
    "query": text(0, TEXT_MAX),
}, extra=True)  # a modify names the record's attributes at the top level; the data format checks them

BODIES: dict[str, dict] = {
    "simulator.http.control.advance_clock": obj(
        {"seconds": {"type": "number", "minimum": 0, "maximum": CLOCK_STEP_MAX}}, required=("seconds",)),
    "simulator.http.control.put_integration": INTEGRATION_SETTINGS,
    "simulator.http.control.add_institution_role": obj(
        {"roleId": text(1, 256), "name": text(0, 1024), "description": text()}, required=("roleId",)),
    "simulator.http.control.add_data_source": obj(
        {"externalId": text(1, 256), "description": text()}, required=("externalId",)),
    "simulator.http.control.add_rest_app": obj({"key": text(1, 256), "secret": text(1, 1024)}),
    "simulator.http.control.login": obj({"userName": text(1, 256), "password": text(1, 1024)},
                                        required=("userName", "password")),
    "simulator.http.connect.put_account": obj(
        {"account": text(1, 256), "password": text(1, 1024), "sisCode": text(1, 256), "email": text(3, 320)},
        required=("account", "password", "sisCode", "email")),
    "simulator.http.connect.put_config": obj({
        **{name: text(0, 1024) for name in ("account", "password", "sisCode")},
        "smsField": text(0, 64), "voiceField": text(0, 64), "twoNumbers": BOOLEAN, "defaultRegion": text(0, 8)}),
    "simulator.http.connect.announce": obj(
        {"subject": text(0, 1024), "body": text(1, 10_000),
         "channels": {"type": "array", "minItems": 1, "maxItems": len(CHANNELS), "items": enum(CHANNELS)}},
        required=("body", "channels")),
    "simulator.http.connect.put_general_settings": CHANNEL_FLAGS,
    "simulator.http.connect.put_user_settings": CHANNEL_FLAGS,
    "simulator.http.connector.put_settings": obj({
        "bbid": text(1, 64, pattern="^[A-Za-z0-9_-]+$"), "available": BOOLEAN, "httpsOnly": BOOLEAN,
        "serviceAccount": {"oneOf": [{"type": "null"}, obj({"userName": text(1, 256), "password": text(1, 1024)},
                                                           required=("userName", "password"))]}}),
    "simulator.http.connector.identity_operation": obj(
        {"userName": text(1, 256), "password": text(0, 1024), "date": text(0, 64)}, extra=True),
    "simulator.http.connector.provision": CONNECTOR_PROVISIONING,
}
assert set(BODIES["simulator.http.connect.put_config"]["properties"]) == set(CONTACT_SYNC_SETTINGS)


class BodyInvalid(ValueError):
    """A JSON body that its route's schema refuses; `field` is the dotted path of the culprit."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


TYPES = {"boolean": "true or false", "string": "text", "integer": "a whole number", "number": "a number",
         "object": "an object", "array": "a list", "null": "null"}


@cache
def _validator(endpoint: str) -> Draft202012Validator:
    return Draft202012Validator(BODIES[endpoint])


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _explain(error) -> tuple[str, str]:
    """(the field's dotted path, a sentence that starts with it) for one schema error."""
    field = ".".join(str(part) for part in error.absolute_path)
    schema, value = error.schema, error.instance
    if error.validator == "additionalProperties":
        unknown = sorted(set(value) - set(schema.get("properties", {})))
        where = f" of {field}" if field else ""
        path = f"{field}.{unknown[0]}" if field else unknown[0]
        return path, f"unknown settings {', '.join(unknown)}{where}; the settings are {', '.join(sorted(schema['properties']))}"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        path = f"{field}.{missing}" if field else missing
        return path, f"{path} is required"
    field = field or "body"
    if error.validator == "type":
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return field, f"{field} must be {' or '.join(TYPES.get(t, t) for t in types)}, not {_shown(value)}"
    if error.validator == "enum":
        return field, f"{field} {_shown(value)} is not one of: {', '.join(map(str, schema['enum']))}"
    if error.validator in ("maxLength", "minLength"):
        return field, f"{field} must have {schema.get('minLength', 0)} to {schema.get('maxLength', 'any number of')} characters"
    if error.validator in ("minimum", "maximum"):
        return field, f"{field} {_shown(value)} is out of range: from {schema.get('minimum', '-∞')} to {schema.get('maximum', '∞')}"
    return field, f"{field}: {error.message}"


def check(endpoint: str, body: Any) -> None:
    """Raise BodyInvalid naming the first field of `body` the route's schema refuses (if it has one)."""
    if endpoint not in BODIES:
        return
    error = best_match(_validator(endpoint).iter_errors(body))
    if error is not None:
        raise BodyInvalid(*_explain(error))

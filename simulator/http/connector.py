"""The identity-management connector's Building Block at `/webapps/fii-connector-{bbid}/api/…`.

JSON in and out, HTTP Basic with the service account. Before anything else every call
checks, in this order: the Building Block id in the path (404), that the Building
Block is available (503, "unreachable"), HTTPS when the connector requires it (403),
and the service account (one uniform 401 for every failed credential check, the reason
only in the server's log; 403 when the right password is given for a non-administrator). A refused
operation answers `{"status": "error", "message", "errors": [{attribute, rule, message}]}`
and changes nothing.
"""
from __future__ import annotations

from typing import Any, Callable

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.connector import identity, provisioning
from simulator.connector.errors import NotSupported, Refusal
from simulator.connector.export import profile, run_export
from simulator.connector.folding import check_delimiter, fold
from simulator.connector.service import CAPABILITIES, FORMATS
from simulator.connector.session import Session
from simulator.http import auth
from simulator.http.wire import ApiError, json_body, json_response

BASE = "/webapps/fii-connector-<bbid>/api"
STUDIO_OK = "Connection from Studio to the connected system was established successfully."
IDENTITY_OK = "Connection from Identity to the connected system was established successfully."
STUDIO_FAILED = "Failed to establish connection from Studio to the connected system."
IDENTITY_FAILED = "Failed to establish connection from Identity to the connected system."

AUTH = auth.CONNECTOR
AUTH_BY_HANDLER = {"get_settings": auth.ADMIN, "put_settings": auth.ADMIN}


class Denied(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def _gate(app, request: Request, bbid: str) -> None:
    check_connection(app, bbid, request.scheme, request.authorization)


def check_connection(app, bbid: str, scheme: str, auth) -> None:
    """The checks every connector call passes (Denied otherwise); also the Settings page's Test Connection."""
    connector = app.sim.connector
    if bbid != connector.bbid:
        raise Denied(404, f"unreachable: no Building Block is installed at /webapps/fii-connector-{bbid}/ "
                          f"(the connector's path is /webapps/fii-connector-{connector.bbid}/)")
    if not connector.available:
        raise Denied(503, "unreachable: the Building Block is installed but not available; an administrator "
                          "must make it available")
    if connector.https_only and scheme != "https":
        raise Denied(403, "HTTPS is required: passwords travel in plain text, so this connector refuses plain HTTP")
    if auth is None or auth.type != "basic":
        raise Denied(*connector.refuse("", "no HTTP Basic credentials"))
    status, reason = connector.check_service_account(auth.username or "", auth.password or "")
    if status:
        raise Denied(status, reason)


def _denied(exc: Denied, body: dict[str, Any]) -> Response:
    headers = {"WWW-Authenticate": 'Basic realm="fii-connector"'} if exc.status == 401 else None
    return json_response({**body, "reason": exc.reason}, exc.status, headers)


def _guarded(handler: Callable[..., dict]) -> Callable[..., Response]:
    """Gate the call, run it, and turn refusals into the connector's JSON errors."""
    def wrapper(app, request: Request, bbid: str, **values: str) -> Response:
        try:
            _gate(app, request, bbid)
            session = Session(app.sim.learn, app.sim.connector)
            return json_response({"status": "success", **handler(session, request, **values)})
        except Denied as exc:
            return _denied(exc, {"status": "error", "message": exc.reason})
        except Refusal as exc:
            return json_response({"status": "error", "message": str(exc),
                                  "errors": [p.as_json() for p in exc.problems]}, exc.status)
        except NotSupported as exc:
            return json_response({"status": "error", "message": str(exc), "supported": False}, 501)
    wrapper.__name__ = handler.__name__
    return wrapper


def test_connection(app, request: Request, bbid: str) -> Response:
    try:
        _gate(app, request, bbid)
    except Denied as exc:
        return _denied(exc, {"status": "failure", "messages": [STUDIO_FAILED, IDENTITY_FAILED]})
    return json_response({"status": "success", "messages": [STUDIO_OK, IDENTITY_OK]})


@_guarded
def capabilities(session: Session, request: Request) -> dict:
    return CAPABILITIES


def _format(name: str):
    fmt = FORMATS.get(name)
    if fmt is None:
        raise Refusal.of("dataFormat", "unknown", f"unknown data format {name!r}; use one of: {', '.join(FORMATS)}", 404)
    return fmt


@_guarded
def schema(session: Session, request: Request, data_format: str) -> dict:
    fmt = _format(data_format)
    return {"dataFormat": fmt.name, "key": fmt.key, "attributes": [a.as_json() for a in fmt.attributes.values()],
            "subRecords": {name: {"key": spec.key} for name, spec in fmt.subs.items()}}


IDENTITY: dict[str, Callable[[Session, dict], dict]] = {
    "authenticate": identity.authenticate,
    "validate": identity.validate,
    "enable": lambda s, body: identity.set_enabled(s, body, True),
    "disable": lambda s, body: identity.set_enabled(s, body, False),
    "reset-password": identity.reset_password,
    "expire-password": identity.expire_password,
}


@_guarded
def identity_operation(session: Session, request: Request, operation: str) -> dict:
    if operation not in IDENTITY:
        raise Refusal.of("operation", "unknown", f"unknown identity operation {operation!r}; use one of: "
                                                 f"{', '.join(IDENTITY)}", 404)
    return IDENTITY[operation](session, _body(request))


def _body(request: Request) -> dict:
    try:
        return json_body(request)
    except ApiError as exc:  # keep the connector's JSON error shape
        raise Refusal.of(exc.field or "body", "value", f"body: {exc.message}", exc.code) from None


def _delimiter(body: dict) -> str | None:
    folded = body.get("subRecordsInFoldedState", False)
    if not isinstance(folded, bool):
        raise Refusal.of("subRecordsInFoldedState", "value", "subRecordsInFoldedState must be true or false")
    return check_delimiter(body.get("delimiter", "-")) if folded else None


def _key(body: dict) -> str:
    key = body.get("key")
    if not isinstance(key, str) or not key:
        raise Refusal.of("key", "mandatory", "key is mandatory: name the record (its id or its usual name)")
    return key


def _shown(session: Session, fmt, record, delimiter: str | None) -> dict:
    values = profile(session, fmt, record)
    return fold(fmt, values, delimiter) if delimiter else values


@_guarded
def provision(session: Session, request: Request, data_format: str, operation: str) -> dict:
    fmt = _format(data_format)
    body = _body(request)
    if operation == "export":
        return run_export(session, fmt, body)
    delimiter = _delimiter(body)
    if operation == "add":
        record = body.get("record")
        if not isinstance(record, dict):
            raise Refusal.of("record", "mandatory", "record is mandatory: the attributes of the new record")
        created = provisioning.add(session, fmt, record, delimiter)
        return {"operation": "add", "dataFormat": fmt.name, "id": fmt.read(session, created, fmt.key),
                "record": _shown(session, fmt, created, delimiter)}
    if operation == "modify":
        changes = {k: v for k, v in body.items() if k not in ("key", "subRecordsInFoldedState", "delimiter")}
        record = provisioning.modify(session, fmt, _key(body), changes, delimiter)
        return {"operation": "modify", "dataFormat": fmt.name, "id": fmt.read(session, record, fmt.key),
                "record": _shown(session, fmt, record, delimiter)}
    if operation == "delete":
        record = fmt.find(session, _key(body))
        record_id = fmt.read(session, record, fmt.key) if record is not None else None
        provisioning.delete(session, fmt, _key(body))
        return {"operation": "delete", "dataFormat": fmt.name, "id": record_id, "deleted": True}
    raise Refusal.of("operation", "unknown", f"unknown provisioning operation {operation!r}; use add, modify, "
                                             "delete or export", 404)


ROUTES = [
    (Rule(f"{BASE}/test-connection", methods=["GET", "POST"]), test_connection),
    (Rule(f"{BASE}/capabilities", methods=["GET"]), capabilities),
    (Rule(f"{BASE}/schema/<data_format>", methods=["GET"]), schema),
    (Rule(f"{BASE}/identity/<operation>", methods=["POST"]), identity_operation),
    (Rule(f"{BASE}/provisioning/<data_format>/<operation>", methods=["POST"]), provision),
]


def get_settings(app, request: Request) -> Response:
    return json_response(app.sim.connector.public())


def put_settings(app, request: Request) -> Response:
    try:
        app.sim.connector.configure(json_body(request))
    except Refusal as exc:
        raise ApiError(400, str(exc)) from None
    return json_response(app.sim.connector.public())


ROUTES += [
    (Rule("/_sim/connector", methods=["GET"]), get_settings),
    (Rule("/_sim/connector", methods=["PUT"]), put_settings),
]

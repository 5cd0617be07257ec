"""The simulator-only Connect surface under `/_sim/` (DESIGN.md): Learn's Contact
Synchronization page, the Connect side's contacts and delivery log, the mail server,
system announcements and notification settings. JSON in, JSON out."""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.connect.announcements import AnnouncementError
from simulator.connect.config import ConfigError
from simulator.connect.service import ConnectError
from simulator.connect.sync import SyncError
from simulator.http import auth
from simulator.http.rest import _user
from simulator.http.wire import ApiError, json_body, json_response

AUTH = auth.ADMIN


def put_account(app, request: Request) -> Response:
    body = json_body(request)
    try:
        account = app.sim.connect.service.put_account(body.get("account"), body.get("password"),
                                                      body.get("sisCode"), body.get("email"))
    except ConnectError as exc:
        raise ApiError(400, str(exc)) from None
    return json_response(account.public())


def put_config(app, request: Request) -> Response:
    sync = app.sim.connect.sync
    try:
        sync.config.update(json_body(request))
    except ConfigError as exc:
        raise ApiError(400, str(exc)) from None
    return json_response({**sync.config.public(), "fullResyncRequired": sync.resync_required})


def get_config(app, request: Request) -> Response:
    sync = app.sim.connect.sync
    return json_response({**sync.config.public(), "fullResyncRequired": sync.resync_required})


def run_sync(app, request: Request) -> Response:
    try:
        run = app.sim.connect.sync.full_sync()
    except SyncError as exc:
        raise ApiError(422, str(exc)) from None
    return json_response(run.as_json())


def sync_status(app, request: Request) -> Response:
    return json_response(app.sim.connect.sync.status())


def user_status(app, request: Request, user_id: str) -> Response:
    return json_response(app.sim.connect.sync.user_status(_user(app, user_id)))


def contacts(app, request: Request) -> Response:
    return json_response({"results": [c.as_json() for c in app.sim.connect.service.contacts.values()]})


def deliveries(app, request: Request) -> Response:
    return json_response({"results": [d.as_json() for d in app.sim.connect.service.deliveries]})


def mail(app, request: Request) -> Response:
    return json_response({"results": [m.as_json() for m in app.sim.connect.outbox.messages]})


def _refused(exc: AnnouncementError) -> ApiError:
    return ApiError(409 if exc.conflict else 400, str(exc))


def announce(app, request: Request) -> Response:
    body = json_body(request)
    try:
        sent = app.sim.connect.announcements.send(body.get("subject", ""), body.get("body"), body.get("channels"))
    except AnnouncementError as exc:
        raise _refused(exc) from None
    return json_response(sent.as_json(), 201)


def put_general_settings(app, request: Request) -> Response:
    try:
        return json_response(app.sim.connect.announcements.set_general(json_body(request)))
    except AnnouncementError as exc:
        raise _refused(exc) from None


def get_general_settings(app, request: Request) -> Response:
    return json_response(app.sim.connect.announcements.general())


def put_user_settings(app, request: Request, user_id: str) -> Response:
    user = _user(app, user_id)
    try:
        return json_response(app.sim.connect.announcements.set_user(user, json_body(request)))
    except AnnouncementError as exc:
        raise _refused(exc) from None


def get_user_settings(app, request: Request, user_id: str) -> Response:
    return json_response(app.sim.connect.announcements.user_settings(_user(app, user_id)))


ROUTES = [
    (Rule("/_sim/connect/account", methods=["PUT"]), put_account),
    (Rule("/_sim/connect/config", methods=["PUT"]), put_config),
    (Rule("/_sim/connect/config", methods=["GET"]), get_config),
    (Rule("/_sim/connect/sync", methods=["POST"]), run_sync),
    (Rule("/_sim/connect/status", methods=["GET"]), sync_status),
    (Rule("/_sim/connect/users/<user_id>", methods=["GET"]), user_status),
    (Rule("/_sim/connect/contacts", methods=["GET"]), contacts),
    (Rule("/_sim/connect/deliveries", methods=["GET"]), deliveries),
    (Rule("/_sim/mail", methods=["GET"]), mail),
    (Rule("/_sim/announcements", methods=["POST"]), announce),
    (Rule("/_sim/notification-settings", methods=["PUT"]), put_general_settings),
    (Rule("/_sim/notification-settings", methods=["GET"]), get_general_settings),
    (Rule("/_sim/users/<user_id>/notification-settings", methods=["PUT"]), put_user_settings),
    (Rule("/_sim/users/<user_id>/notification-settings", methods=["GET"]), get_user_settings),
]

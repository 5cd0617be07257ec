"""The simulator-only control API under `/_sim/` (DESIGN.md): what Learn's admin UI
does, plus reset and the clock. JSON in, JSON out."""
from __future__ import annotations

from datetime import timedelta

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import isoformat
from simulator.http import auth
from simulator.http import openapi as openapi_document
from simulator.http.wire import ApiError, json_body, json_response, locks_itself
from simulator.learn import LearnError
from simulator.sis.integration import IntegrationError

AUTH = auth.ADMIN


def reset(app, request: Request) -> Response:
    app.reset()
    return json_response({"reset": True})


def get_clock(app, request: Request) -> Response:
    return json_response({"now": isoformat(app.sim.clock.now()), "pendingJobs": app.sim.clock.pending})


@locks_itself
def advance_clock(app, request: Request) -> Response:
    """Move the clock; answer once the feeds that fell due (and any queued before) are applied."""
    seconds = json_body(request)["seconds"]  # a number from 0 to 10 years (schemas.BODIES)
    with app.lock:
        try:
            app.sim.clock.now() + timedelta(seconds=seconds)
        except OverflowError:
            raise ApiError(400, "seconds: the simulated clock cannot move past the year 9999", field="seconds") from None
        app.sim.clock.run_due()
        app.sim.clock.advance(seconds)
    app.settle()
    with app.lock:
        return json_response({"now": isoformat(app.sim.clock.now()), "pendingJobs": app.sim.clock.pending})


def put_integration(app, request: Request, bbid: str) -> Response:
    try:
        integration, created = app.sim.sis.put_integration(bbid, json_body(request))
    except IntegrationError as exc:
        raise ApiError(400, str(exc)) from None
    return json_response(integration.public(), 201 if created else 200)


def get_integration(app, request: Request, bbid: str) -> Response:
    integration = app.sim.sis.integrations.get(bbid)
    if integration is None:
        raise ApiError(404, f"No SIS integration {bbid!r}")
    return json_response(integration.public())


def dataset_log(app, request: Request, uid: str) -> Response:
    dataset = app.sim.sis.datasets.get(uid)
    if dataset is None:
        raise ApiError(404, app.sim.sis.expired(uid) or f"No data set {uid!r}")
    return json_response({**dataset.summary(), "entries": [e.as_json() for e in dataset.log]})


def _required(body: dict, *names: str) -> list[str]:
    missing = [n for n in names if not isinstance(body.get(n), str) or not body.get(n)]
    if missing:
        raise ApiError(400, f"missing or empty: {', '.join(missing)}")
    return [body[n] for n in names]


def add_institution_role(app, request: Request) -> Response:
    body = json_body(request)
    (role_id,) = _required(body, "roleId")
    try:
        role = app.sim.learn.add_institution_role(role_id, body.get("name", ""), body.get("description", ""))
    except LearnError as exc:
        raise ApiError(409, str(exc)) from None
    return json_response({"id": role.pk, "roleId": role.role_id, "name": role.name}, 201)


def add_data_source(app, request: Request) -> Response:
    body = json_body(request)
    (external_id,) = _required(body, "externalId")
    source = app.sim.learn.add_data_source(external_id, body.get("description", ""))
    return json_response({"id": source.pk, "externalId": source.external_id, "description": source.description}, 201)


def add_rest_app(app, request: Request) -> Response:
    body = json_body(request)
    rest_app = app.sim.rest.register(body.get("key"), body.get("secret"))
    answer = {"key": rest_app.key}
    if not body.get("secret"):  # a generated secret is shown once, here; a given one is never echoed
        answer["secret"] = rest_app.secret
    return json_response(answer, 201)


def login(app, request: Request) -> Response:
    body = json_body(request)
    user_name, password = _required(body, "userName", "password")
    ok, reason = app.sim.learn.login(user_name, password)
    return json_response({"ok": ok, "reason": reason})


def openapi(app, request: Request) -> Response:
    return json_response(openapi_document.document())


ROUTES = [
    (Rule("/_sim/reset", methods=["POST"]), reset),
    (Rule("/_sim/clock", methods=["GET"]), get_clock),
    (Rule("/_sim/clock/advance", methods=["POST"]), advance_clock),
    (Rule("/_sim/integrations/<bbid>", methods=["PUT"]), put_integration),
    (Rule("/_sim/integrations/<bbid>", methods=["GET"]), get_integration),
    (Rule("/_sim/datasets/<uid>/log", methods=["GET"]), dataset_log),
    (Rule("/_sim/institution-roles", methods=["POST"]), add_institution_role),
    (Rule("/_sim/data-sources", methods=["POST"]), add_data_source),
    (Rule("/_sim/rest-apps", methods=["POST"]), add_rest_app),
    (Rule("/_sim/login", methods=["POST"]), login),
    (Rule("/_sim/openapi.json", methods=["GET"]), openapi),
]

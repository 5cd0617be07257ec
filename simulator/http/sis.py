"""Snapshot Flat File endpoints, byte-for-byte as Learn answers them (SPEC §1.2).

POST …/endpoint/{object}/{operation} takes the raw file with HTTP Basic auth;
GET (or POST, as several SIS tools poll) …/endpoint/dataSetStatus/{uid} reports a data
set's counts as XML printed the way Learn prints it: the XML declaration, then one
element per line indented four spaces, children in alphabetical order, timestamps
with milliseconds and offset — Blackboard's own automation script greps these lines.
"""
from __future__ import annotations

import socket
from xml.sax.saxutils import escape

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import isoformat
from simulator.http import auth
from simulator.http.wire import ApiError, json_response, locks_itself, text_response
from simulator.sis import FeedRefused
from simulator.sis.integration import Integration
from simulator.sis.parser import FeedFile

BASE = "/webapps/bb-data-integration-flatfile-<bbid>/endpoint"
SUCCESS = "Success: Feed File Uploaded.  Use the reference code {uid} to track these records in the logs."
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
MACHINE_NAME = socket.gethostname()
"""`machineName`: real servers name the application server that answered."""
UNAUTHORIZED = {"WWW-Authenticate": 'Basic realm="Blackboard Learn Data Integration"'}

AUTH = auth.FEED


def _integration(app, request: Request, bbid: str) -> Integration:
    """The integration the Basic credentials open; 401 otherwise, 404 for no such integration."""
    auth = request.authorization
    if auth is None or auth.type != "basic":
        raise ApiError(401, "Authentication required: use HTTP Basic with the integration's shared username and password.", UNAUTHORIZED)
    integration = app.sim.sis.authenticate(bbid, auth.username or "", auth.password or "")
    if integration is None:
        if bbid not in app.sim.sis.integrations:
            raise ApiError(404, f"No SIS integration {bbid!r} exists.")
        raise ApiError(401, "Invalid credentials for this integration.", UNAUTHORIZED)
    return integration


@locks_itself
def post_feed(app, request: Request, bbid: str, object_name: str, operation: str) -> Response:
    """Authenticate and check under the lock, read the file outside it (decoding and
    counting a million rows would stall every reader), then queue it under the lock."""
    dry_run = request.args.get("dryRun", "").lower() == "true"
    with app.lock:
        app.sim.clock.run_due()
        integration = _integration(app, request, bbid)
        sis = app.sim.sis
        _refusal(lambda: sis.check_post(integration, object_name, operation))
    feed = FeedFile(request.get_data(), integration.delimiter_char)
    rows = None if dry_run else feed.row_count()
    with app.lock:
        if app.sim.sis is not sis or sis.integrations.get(bbid) is not integration:
            raise ApiError(409, f"Integration {bbid} was reset or replaced while the file was read; post it again.")
        dataset = _refusal(lambda: sis.post(integration, object_name, operation, feed, dry_run=dry_run, rows=rows))
        if dry_run:
            return json_response({**dataset.summary(), "changes": dataset.changes,
                                  "log": [entry.as_json() for entry in dataset.log]})
    return text_response(SUCCESS.format(uid=dataset.uid))


def _refusal(action):
    try:
        return action()
    except FeedRefused as exc:
        raise ApiError(exc.status, str(exc)) from None


def dataset_status(app, request: Request, bbid: str, uid: str) -> Response:
    integration = _integration(app, request, bbid)
    dataset = app.sim.sis.datasets.get(uid)
    if dataset is None or dataset.integration_pk != integration.pk:
        raise ApiError(404, app.sim.sis.expired(uid) or f"No data set with reference code {uid!r} for integration {bbid}.")
    last = dataset.last_entry_date or dataset.start_date
    children = (
        ("completedCount", "", dataset.completed),
        ("dataIntegrationId", ' type="blackboard.platform.dataintegration.DataIntegration"', escape(integration.pk)),
        ("dataSetUid", "", dataset.uid),
        ("errorCount", "", dataset.errors),
        ("lastEntryDate", "", isoformat(last)),
        ("machineName", "", escape(MACHINE_NAME)),
        ("queuedCount", "", dataset.queued),
        ("startDate", "", isoformat(dataset.start_date)),
        ("warningCount", "", dataset.warnings),
    )
    lines = [XML_DECLARATION, "<dataSetStatus>"]
    lines += [f"    <{name}{attributes}>{value}</{name}>" for name, attributes, value in children]
    lines.append("</dataSetStatus>")
    xml = "\n".join(lines) + "\n"
    return Response(xml, content_type="application/xml;charset=UTF-8")


ROUTES = [
    (Rule(f"{BASE}/dataSetStatus/<uid>", methods=["GET", "POST"]), dataset_status),
    (Rule(f"{BASE}/<object_name>/<operation>", methods=["POST"]), post_feed),
]

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
from simulator.sis import FeedRefused, SisFramework
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


SMALL_BODY = 64 * 1024
"""Up to this many bytes a feed is decoded and counted within the one hold of the lock that
checks and queues it (microseconds of work); a bigger one is read between two holds."""


@locks_itself
def post_feed(app, request: Request, bbid: str, object_name: str, operation: str) -> Response:
    """Authenticate and check under the lock, read the file outside it (decoding and
    counting a million rows would stall every reader), then queue it under the lock. A small
    file is read within the same hold: two holds would cost more than reading it."""
    dry_run = bool(request.query_string) and request.args.get("dryRun", "").lower() == "true"
    body = request.get_data()
    if len(body) <= SMALL_BODY:
        with app.lock:
            integration, sis = _admit(app, request, bbid, object_name, operation)
            return _queue(sis, integration, object_name, operation, _read(body, integration, dry_run), dry_run)
    with app.lock:
        integration, sis = _admit(app, request, bbid, object_name, operation)
    feed = _read(body, integration, dry_run)
    with app.lock:
        if app.sim.sis is not sis or sis.integrations.get(bbid) is not integration:
            raise ApiError(409, f"Integration {bbid} was reset or replaced while the file was read; post it again.")
        return _queue(sis, integration, object_name, operation, feed, dry_run)


def _admit(app, request: Request, bbid: str, object_name: str, operation: str) -> tuple[Integration, SisFramework]:
    """(the integration the credentials open, the SIS framework), once due jobs have run;
    an ApiError when the post is refused whole."""
    app.sim.clock.run_due()
    integration = _integration(app, request, bbid)
    sis = app.sim.sis
    _refusal(lambda: sis.check_post(integration, object_name, operation))
    return integration, sis


def _read(body: bytes, integration: Integration, dry_run: bool) -> tuple[FeedFile, int | None]:
    """The file with its header read, and its data rows counted unless it is a dry run."""
    feed = FeedFile(body, integration.delimiter_char)
    return feed, None if dry_run else feed.row_count()


def _queue(sis: SisFramework, integration: Integration, object_name: str, operation: str,
           feed: tuple[FeedFile, int | None], dry_run: bool) -> Response:
    """Hand the file to the SIS framework: Learn's acknowledgement, or a dry run's report."""
    file, rows = feed
    dataset = _refusal(lambda: sis.post(integration, object_name, operation, file, dry_run=dry_run, rows=rows))
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

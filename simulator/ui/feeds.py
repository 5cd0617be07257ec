"""Upload Feed File, SIS Integration Logs and a data set's status, as Learn's pages show them.

Upload Feed File (`/webapps/bb-data-integration-flatfile-{bbid}/execute/uploadFeed`) offers
the operations Store and Delete; Complete Refresh and Complete Refresh By Data Source only
once "Enable Advanced Options" is ticked (Learn since 3900.110: a short corrective file
uploaded with a refresh has wiped real institutions' data) — and the server refuses a
refresh posted without the tick too. The file goes through `SisFramework.post`, the very
call behind the HTTP endpoint; "Dry Run" shows what would change and changes nothing.
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from simulator.http import auth
from simulator.sis import FeedRefused
from simulator.sis.dataset import ERROR, INFO, WARNING
from simulator.ui.guard import Visit, administrator_page
from simulator.ui.integrations import LIST, TRAIL, object_label

AUTH = auth.ADMIN_PAGE

LOGS = "/webapps/blackboard/admin/dataIntegration/logs"
SUCCESS = "Success: Feed File Uploaded.  Use the reference code {uid} to track these records in the logs."
BASIC_OPERATIONS = (("store", "Store"), ("delete", "Delete"))
ADVANCED_OPERATIONS = (("refresh", "Complete Refresh"), ("refreshlegacy", "Complete Refresh By Data Source"))
MAX_UPLOAD = 50 * 1024 * 1024


def _upload_page(visit: Visit, integration, errors: dict, status: int = 200, **context) -> Response:
    form = visit.request.form
    return visit.page("upload.html", f"Upload Feed File: {integration.bbid}", TRAIL, status,
                      integration=integration, errors=errors,
                      objects=[(o, object_label(o)) for o in visit.app.sim.sis.objects],
                      basic=BASIC_OPERATIONS, advanced=ADVANCED_OPERATIONS,
                      chosen={"object": form.get("object", "person"), "operation": form.get("operation", "store"),
                              "advanced": form.get("advanced") == "on"}, **context)


def _checked_upload(visit: Visit, integration) -> tuple[dict, bytes]:
    """The problems with a submitted upload form, field by field, and the file's bytes."""
    form, files, sis = visit.request.form, visit.request.files, visit.app.sim.sis
    errors: dict[str, str] = {}
    upload = files.get("feedFile")
    body = upload.read(MAX_UPLOAD + 1) if upload is not None else b""
    if upload is None or not upload.filename:
        errors["feedFile"] = "Choose a feed file to upload."
    elif not body.strip():
        errors["feedFile"] = f"{upload.filename} is empty: a feed file has a header line and at least one row."
    elif len(body) > MAX_UPLOAD:
        errors["feedFile"] = f"{upload.filename} is larger than {MAX_UPLOAD // (1024 * 1024)} MB; post it to the endpoint instead."
    object_name = form.get("object", "")
    if object_name not in sis.objects:
        errors["object"] = (f"Unknown data type {object_name!r}: choose one of "
                            f"{', '.join(object_label(o) for o in sis.objects)}." if object_name else "Choose a data type.")
    operation = form.get("operation", "")
    allowed = dict(BASIC_OPERATIONS)
    if form.get("advanced") == "on":
        allowed.update(ADVANCED_OPERATIONS)
    if operation in dict(ADVANCED_OPERATIONS) and operation not in allowed:
        errors["operation"] = (f"{dict(ADVANCED_OPERATIONS)[operation]} is an advanced option: tick "
                               "\"Enable Advanced Options\" to use it. Nothing was uploaded.")
    elif operation not in allowed:
        errors["operation"] = "Choose an operation: Store or Delete."
    return errors, body


@administrator_page
def upload_feed(visit: Visit, bbid: str) -> Response:
    integration = visit.app.sim.sis.integrations.get(bbid)
    if integration is None:
        return visit.page("not_found.html", "No Such Integration", TRAIL, 404,
                          message=f"There is no SIS integration named {bbid}.")
    if visit.request.method == "GET":
        return _upload_page(visit, integration, {})
    errors, body = _checked_upload(visit, integration)
    if errors:
        return _upload_page(visit, integration, errors, 400)
    form = visit.request.form
    dry_run = form.get("dryRun") == "true"
    try:
        dataset = visit.app.sim.sis.post(integration, form["object"], form["operation"], body, dry_run=dry_run)
    except FeedRefused as exc:
        return _upload_page(visit, integration, {"form": str(exc)}, 400)
    if dry_run:
        return _upload_page(visit, integration, {}, dry_run=dataset)
    return _upload_page(visit, integration, {}, uploaded=SUCCESS.format(uid=dataset.uid), dataset=dataset)


@administrator_page
def integration_logs(visit: Visit) -> Response:
    """Each data set's entries with level, line and message, filtered by integration, data set and level."""
    sis, args = visit.app.sim.sis, visit.request.args
    by_pk = {i.pk: i for i in sis.integrations.values()}
    wanted_bbid, wanted_uid, wanted_level = args.get("integration", ""), args.get("dataSet", ""), args.get("level", "")
    errors = {}
    if wanted_bbid and wanted_bbid not in sis.integrations:
        errors["integration"] = f"There is no integration named {wanted_bbid}."
    if wanted_uid and wanted_uid not in sis.datasets:
        errors["dataSet"] = f"No data set has the reference code {wanted_uid}."
    if wanted_level and wanted_level not in (ERROR, WARNING, INFO):
        errors["level"] = f"Level {wanted_level!r} is not one of {ERROR}, {WARNING}, {INFO}."
    datasets = [] if errors else [
        (by_pk.get(d.integration_pk), d) for d in reversed(list(sis.datasets.values()))
        if (not wanted_bbid or by_pk.get(d.integration_pk) is sis.integrations[wanted_bbid])
        and (not wanted_uid or d.uid == wanted_uid)]
    return visit.page("logs.html", "SIS Integration Logs", (), 400 if errors else 200, errors=errors,
                      integrations=list(sis.integrations), datasets=datasets, levels=(ERROR, WARNING, INFO),
                      wanted={"integration": wanted_bbid, "dataSet": wanted_uid, "level": wanted_level})


ROUTES = [
    (Rule("/webapps/bb-data-integration-flatfile-<bbid>/execute/uploadFeed", methods=["GET", "POST"]), upload_feed),
    (Rule(LOGS, methods=["GET"]), integration_logs),
]

__all__ = ["ROUTES", "LIST"]

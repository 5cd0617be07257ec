"""`GET /learn/api/public/v1/logs/sis/dataSets/{id}`: Learn's REST view of an SIS data
set's log (SIS tools read it to show what went wrong with a feed).

`id` is the data set's reference code (the `dataSetUid` of `dataSetStatus`). The answer
is a paged list of entries `{"id", "created", "level", "message"}`, `level` one of
Learn's `Debug`, `Information`, `Warning`, `Error`; a row's entry names its line. The
`level` parameter keeps the entries of that level and the more severe ones. While the
data set still has queued rows Learn answers 423 (Locked): the log is being written.
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http import auth
from simulator.http.rest import V1, _require_token
from simulator.http.rest_paging import page
from simulator.http.wire import ApiError
from simulator.sis.dataset import ERROR, INFO, WARNING, DataSet, LogEntry

AUTH = auth.REST

LEVELS = ("Debug", "Information", "Warning", "Error")
"""Learn's LogLevel enum, least severe first."""
LEVEL_OF = {INFO: "Information", WARNING: "Warning", ERROR: "Error"}


def entry_json(dataset: DataSet, index: int, entry: LogEntry) -> dict:
    where = f"line {entry.line}: " if entry.line is not None else ""
    return {"id": f"{dataset.uid}_{index + 1}", "created": rest_timestamp(dataset.last_entry_date or dataset.start_date),
            "level": LEVEL_OF.get(entry.level, "Information"), "message": where + entry.message}


def data_set_log(app, request: Request, data_set_id: str) -> Response:
    _require_token(app, request)
    dataset = app.sim.sis.datasets.get(data_set_id)
    if dataset is None:
        raise ApiError(404, app.sim.sis.expired(data_set_id)
                       or f"No SIS data set with id {data_set_id} (use the reference code a feed post answered)")
    if dataset.queued:
        raise ApiError(423, f"Data set {data_set_id} is still being processed ({dataset.queued} rows queued); "
                            "its log is complete once dataSetStatus shows queuedCount 0")
    wanted = request.args.get("level")
    if wanted is not None and wanted not in LEVELS:
        raise ApiError(400, f"level must be one of {', '.join(LEVELS)}, not {wanted!r}")
    floor = LEVELS.index(wanted) if wanted else 0
    entries = [entry_json(dataset, i, e) for i, e in enumerate(dataset.log)]
    return page(request, (e for e in entries if LEVELS.index(e["level"]) >= floor), lambda e: e)


ROUTES = [
    (Rule(f"{V1}/logs/sis/dataSets/<data_set_id>", methods=["GET"]), data_set_log),
]

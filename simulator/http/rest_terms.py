"""Learn's public REST API for terms (read side): `/learn/api/public/v1/terms` and
`/v1/terms/{termId}` (ids `_3_1` or `externalId:X`), with Learn's filters `externalId`,
`dataSourceId` and `availability.available`, paging and error shape. A term disabled by
the SIS shows `availability.available` `No` (Learn's contract has only `Yes` / `No` for
terms)."""
from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.http.rest import _require_token
from simulator.http.rest_paging import page
from simulator.http.rest_courses import V1, _source_pk, _stamp, _without_none
from simulator.http.wire import ApiError, json_response
from simulator.learn.terms import Term

DURATIONS = {"CONTINUOUS": "Continuous", "DATE_RANGE": "DateRange", "FIXED_NUM_DAYS": "FixedNumDays"}


def term_json(app, term: Term) -> dict[str, Any]:
    duration = {"type": DURATIONS[term.duration_type], "start": _stamp(term.start_date), "end": _stamp(term.end_date),
                "daysOfUse": term.days_of_use}
    return _without_none({
        "id": term.pk, "externalId": term.batch_uid, "dataSourceId": _source_pk(app, term.data_source),
        "name": term.name, "description": term.description or None,
        "availability": {"available": "Yes" if term.available and term.enabled else "No", "duration": duration},
    })


def list_terms(app, request: Request) -> Response:
    _require_token(app, request)
    args, learn = request.args, app.sim.learn
    terms = list(learn.terms)
    if "externalId" in args:
        terms = [t for t in terms if args["externalId"].lower() in t.batch_uid.lower()]
    if "dataSourceId" in args:
        source = learn.data_source_by_id(args["dataSourceId"])
        terms = [t for t in terms if source is not None and t.data_source == source.external_id]
    if "availability.available" in args:
        wanted = args["availability.available"].lower()
        terms = [t for t in terms if term_json(app, t)["availability"]["available"].lower() == wanted]
    return page(request, terms, lambda t: term_json(app, t))


def get_term(app, request: Request, term_id: str) -> Response:
    _require_token(app, request)
    term = app.sim.learn.terms.by_ref(term_id)
    if term is None:
        raise ApiError(404, f"No term with id {term_id} (ids are _3_1 or externalId:KEY)")
    return json_response(term_json(app, term))


ROUTES = [
    (Rule(f"{V1}/terms", methods=["GET"]), list_terms),
    (Rule(f"{V1}/terms/<term_id>", methods=["GET"]), get_term),
]

"""`GET /learn/api/public/v1/terms[/{termId}]`: Learn's terms (ids `_7_1` or
`externalId:X`; filters `externalId` (contains), `dataSourceId`, `availability.available`).
"""
from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.clock import rest_timestamp
from simulator.http import auth
from simulator.http.rest import V1, _require_token, contains, matching
from simulator.http.rest_paging import page, single
from simulator.http.wire import ApiError
from simulator.learn.terms import Term

AUTH = auth.REST

DURATIONS = {"CONTINUOUS": "Continuous", "DATE_RANGE": "DateRange", "FIXED_NUM_DAYS": "FixedNumDays"}


def term_json(app, term: Term) -> dict[str, Any]:
    source = app.sim.learn.data_sources.get(term.data_source)
    duration: dict[str, Any] = {"type": DURATIONS[term.duration_type]}
    if term.start_date is not None:
        duration["start"] = rest_timestamp(term.start_date)
    if term.end_date is not None:
        duration["end"] = rest_timestamp(term.end_date)
    if term.days_of_use is not None:
        duration["daysOfUse"] = term.days_of_use
    body: dict[str, Any] = {"id": term.pk, "externalId": term.external_id,
                            "dataSourceId": source.pk if source else None, "name": term.name,
                            "availability": {"available": "Yes" if term.available and term.enabled else "No",
                                             "duration": duration}}
    if term.description:
        body["description"] = term.description
    return body


def list_terms(app, request: Request) -> Response:
    _require_token(app, request)
    args, learn = request.args, app.sim.learn
    tests = [contains(args, "externalId", lambda t: t.external_id)]
    if "dataSourceId" in args:
        source = learn.data_source_by_id(args["dataSourceId"])
        key = source.external_id if source else None
        tests.append(lambda t: t.data_source == key)
    if "availability.available" in args:
        state = args["availability.available"].lower()
        tests.append(lambda t: ("yes" if t.available and t.enabled else "no") == state)
    return page(request, matching(learn.terms, tests), lambda t: term_json(app, t))


def get_term(app, request: Request, term_id: str) -> Response:
    _require_token(app, request)
    term = app.sim.learn.terms.by_ref(term_id)
    if term is None:
        raise ApiError(404, f"No term with id {term_id} (ids are _7_1 or externalId:KEY)")
    return single(request, term_json(app, term))


ROUTES = [
    (Rule(f"{V1}/terms", methods=["GET"]), list_terms),
    (Rule(f"{V1}/terms/<term_id>", methods=["GET"]), get_term),
]

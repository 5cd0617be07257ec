"""Learn's REST system facts and data sources.

- `GET /v1/system/version` answers `{"learn": {"major", "minor", "patch", "build"}}`:
  the Learn release whose published contract the simulator follows (3900.123.0), so
  clients that choose their methods by version see a current Learn.
- `GET /v1/dataSources[/{dataSourceId}]` (ids `_2_1` or `externalId:KEY`; filter
  `externalId`, contains).
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.http import auth
from simulator.http.rest import V1, _require_token, contains, matching
from simulator.http.rest_paging import page, single
from simulator.http.wire import ApiError, json_response

AUTH = auth.REST
AUTH_BY_HANDLER = {"version": auth.PUBLIC}

LEARN_VERSION = {"major": 3900, "minor": 123, "patch": 0, "build": "rel.123+learnsim"}
"""The version of Learn's published REST contract (`reference/learn-swagger.json`)."""


def version(app, request: Request) -> Response:
    """Learn answers its version to anyone, token or not."""
    return json_response({"learn": LEARN_VERSION})


def data_source_json(source) -> dict:
    return {"id": source.pk, "externalId": source.external_id, "description": source.description}


def list_data_sources(app, request: Request) -> Response:
    _require_token(app, request)
    sources = matching(app.sim.learn.data_sources.values(),
                       [contains(request.args, "externalId", lambda s: s.external_id)])
    return page(request, sources, data_source_json)


def get_data_source(app, request: Request, source_id: str) -> Response:
    _require_token(app, request)
    source = app.sim.learn.data_source_by_id(source_id)
    if source is None:
        raise ApiError(404, f"No data source with id {source_id}")
    return single(request, data_source_json(source))


ROUTES = [
    (Rule(f"{V1}/system/version", methods=["GET"]), version),
    (Rule(f"{V1}/dataSources", methods=["GET"]), list_data_sources),
    (Rule(f"{V1}/dataSources/<source_id>", methods=["GET"]), get_data_source),
]

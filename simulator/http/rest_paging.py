"""How Learn's REST API shapes every answer: lists paged with `offset`/`limit`, `sort`,
and the `fields` projection.

- A list answer is `{"results": [...]}` plus, only while more rows remain,
  `{"paging": {"nextPage": …}}`. Learn writes `nextPage` as the request's path followed
  by the client's own query parameters in the order it sent them, URL-encoded, with
  `offset` (the next one) last; it adds nothing the client did not send
  (`/learn/api/public/v1/users?limit=5&offset=5`, `…/users?userName=r%26d&offset=100`).
- `sort` is a comma-delimited list of JSON properties, each with an optional `(desc)`
  suffix; each path supports the properties its contract lists, others are a 400.
- `fields` is a comma-delimited list of (dotted) JSON properties to keep in each result,
  or in a single object; everything else is left out.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable
from urllib.parse import quote

from werkzeug.wrappers import Request, Response

from simulator.http.wire import ApiError, json_response

DEFAULT_LIMIT = 100
SORT_TERM = re.compile(r"^([A-Za-z][\w.]*)(\((asc|desc)\))?$", re.IGNORECASE)


def _whole(request: Request, name: str, default: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ApiError(400, f"query parameter {name} must be a whole number, not {raw!r}") from None


def next_page(request: Request, offset: int) -> str:
    """The request's path and own parameters, in order and URL-encoded, with `offset` last."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k != "offset"]
    pairs.append(("offset", str(offset)))
    return request.path + "?" + "&".join(f"{quote(k, safe='.')}={quote(v, safe='')}" for k, v in pairs)


def _path_value(body: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(body, dict):
            return None
        body = body.get(part)
    return body


def _sort_key(value: Any) -> tuple:
    """Absent values sort first; strings case-insensitively."""
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, value.lower())
    return (1, value)


def sorted_results(request: Request, results: list[dict], supported: Iterable[str]) -> list[dict]:
    """`results` ordered by the request's `sort` parameter (stable; the last key applied first)."""
    spec = request.args.get("sort")
    if not spec:
        return results
    allowed = tuple(supported)
    terms = []
    for term in spec.split(","):
        match = SORT_TERM.match(term.strip())
        if not match or match.group(1) not in allowed:
            raise ApiError(400, f"sort: {term.strip()!r} is not a supported sort field here; "
                                f"use {', '.join(allowed) or 'none'}, each optionally followed by (desc)")
        terms.append((match.group(1), (match.group(3) or "").lower() == "desc"))
    for name, descending in reversed(terms):
        results = sorted(results, key=lambda r: _sort_key(_path_value(r, name)), reverse=descending)
    return results


def project(request: Request, body: dict) -> dict:
    """`body` reduced to the properties named by the request's `fields` parameter."""
    spec = request.args.get("fields") if request.query_string else None
    if not spec:
        return body
    kept: dict = {}
    for name in (part.strip() for part in spec.split(",")):
        if not name:
            continue
        value = _path_value(body, name)
        if value is None:
            continue
        target = kept
        *parents, leaf = name.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[leaf] = value
    return kept


def single(request: Request, body: dict, status: int = 200) -> Response:
    """One object, projected by `fields`."""
    return json_response(project(request, body), status)


def page(request: Request, items: Iterable[Any], render: Callable[[Any], dict],
         sort: Iterable[str] = ()) -> Response:
    """One page of `items` (rendered with `render`) as Learn pages lists."""
    offset, limit = _whole(request, "offset", 0), _whole(request, "limit", DEFAULT_LIMIT)
    if offset < 0:
        raise ApiError(400, f"query parameter offset must be 0 or more, not {offset}")
    if not 1 <= limit <= DEFAULT_LIMIT:
        raise ApiError(400, f"query parameter limit must be from 1 to {DEFAULT_LIMIT}, not {limit}")
    if request.args.get("sort"):
        ordered = sorted_results(request, [render(item) for item in items], sort)
        results, more = ordered[offset:offset + limit], len(ordered) > offset + limit
    else:
        results, more = [], False
        for index, item in enumerate(items):
            if index < offset:
                continue
            if len(results) == limit:
                more = True
                break
            results.append(render(item))
    body: dict[str, Any] = {"results": [project(request, r) for r in results]}
    if more:
        body["paging"] = {"nextPage": next_page(request, offset + limit)}
    return json_response(body)

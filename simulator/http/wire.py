"""Shared pieces of the wire format: JSON bodies and errors with a readable message."""
from __future__ import annotations

import json
from typing import Any, Callable, TypeVar

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response

from simulator.http import schemas

ENDPOINT = "learnsim.endpoint"
"""The WSGI environ key under which the application notes the matched route's endpoint."""


class ApiError(HTTPException):
    """An HTTP error whose message tells the caller what was wrong."""

    def __init__(self, code: int, message: str, headers: dict[str, str] | None = None, field: str | None = None) -> None:
        self.code = code
        self.message = message
        self.extra_headers = headers or {}
        self.field = field
        super().__init__(message)

    def get_headers(self, environ=None, scope=None):
        return [("Content-Type", "text/plain"), *self.extra_headers.items()]

Handler = TypeVar("Handler", bound=Callable[..., Response])


def locks_itself(handler: Handler) -> Handler:
    """Mark a handler that takes `app.lock` itself (and runs due jobs), instead of
    running wholly under it."""
    handler.locks_itself = True  # type: ignore[attr-defined]
    return handler


JSON = json.JSONEncoder(ensure_ascii=False)
"""`json.dumps(body, ensure_ascii=False)`, with the encoder made once (it keeps no state between calls)."""


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(JSON.encode(body), status=status, headers=headers, content_type="application/json;charset=UTF-8")


def _not_a_number(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def is_json(request: Request) -> bool:
    """Whether the request declares a JSON body (`application/json` or `application/*+json`)."""
    mimetype = request.mimetype
    return mimetype == "application/json" or (mimetype.startswith("application/") and mimetype.endswith("+json"))


def json_body(request: Request) -> dict:
    """The request's JSON object (an empty body is `{}`); 415 when the body is declared as
    something else or not declared at all, 400 naming the problem when it is not a JSON object
    or when its route's schema (`schemas.BODIES`) refuses a field. NaN and Infinity are not
    JSON numbers."""
    cached = request.environ.get("learnsim.json_body")
    if cached is not None:
        return cached
    raw = request.get_data()
    if (raw or request.content_type) and not is_json(request):
        raise ApiError(415, f"the body must be JSON, sent as Content-Type: application/json "
                            f"(not {request.content_type or 'undeclared'})")
    try:
        body = json.loads(raw.decode("utf-8") or "{}", parse_constant=_not_a_number)
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the body is not UTF-8: {exc}") from None
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    try:
        schemas.check(request.environ.get(ENDPOINT, ""), body)
    except schemas.BodyInvalid as exc:
        raise ApiError(400, str(exc), field=exc.field) from None
    request.environ["learnsim.json_body"] = body
    return body


def text_response(text: str, status: int = 200) -> Response:
    return Response(text, status=status, content_type="text/plain;charset=UTF-8")

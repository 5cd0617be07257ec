"""Shared pieces of the wire format: JSON bodies and errors with a readable message."""
from __future__ import annotations

import json
from typing import Any, Callable, TypeVar

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request, Response


class ApiError(HTTPException):
    """An HTTP error whose message tells the caller what was wrong."""

    def __init__(self, code: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.code = code
        self.message = message
        self.extra_headers = headers or {}
        super().__init__(message)

    def get_headers(self, environ=None, scope=None):
        return [("Content-Type", "text/plain"), *self.extra_headers.items()]

Handler = TypeVar("Handler", bound=Callable[..., Response])


def locks_itself(handler: Handler) -> Handler:
    """Mark a handler that takes `app.lock` itself (and runs due jobs), instead of
    running wholly under it."""
    handler.locks_itself = True  # type: ignore[attr-defined]
    return handler


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, headers=headers,
                    content_type="application/json;charset=UTF-8")


def json_body(request: Request) -> dict:
    """The request's JSON object; 400 naming the problem when it is not one."""
    try:
        body = json.loads(request.get_data(as_text=True) or "{}")
    except ValueError as exc:
        raise ApiError(400, f"the body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    return body


def text_response(text: str, status: int = 200) -> Response:
    return Response(text, status=status, content_type="text/plain;charset=UTF-8")

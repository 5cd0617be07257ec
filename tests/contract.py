"""Learn's published REST contract as a test oracle.

`Contract.check(method, path, status, body)` validates one REST answer against the
schema the contract gives for its path, method and status (the derived subset in
`fixtures/contract/learn-rest.json`, made by `tools/derive_contract.py`) and returns the
violations as sentences. Where real servers differ from the document, the document is
corrected here, and only here (each exception is recorded in docs/decisions.md):

- `RestException.status` is declared a string; real servers send the HTTP status as an
  integer;
- error answers (4xx) a path does not declare (401 for a missing token, 404 where only
  200/400/403 are listed, 423) carry Learn's RestException all the same;
- the token endpoint's errors are OAuth2's `{"error", "error_description"}`, not a
  RestException;
- a declared redirect (the avatar's 302, given an `object` schema) has no body to check.

`ContractWatch` collects the violations of every REST answer seen during one test; the
root conftest installs it on the in-process app and on `requests` and fails the test
when it saw any.
"""
from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map, Rule

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "contract" / "learn-rest.json"
PREFIX = "/learn/api/public"
REST_EXCEPTION = {"type": "object", "required": ["message"], "properties": {
    "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"},
    "developerMessage": {"type": "string"}, "extraInfo": {"type": "string"}}}
OAUTH_ERROR = {"type": "object", "required": ["error"], "properties": {
    "error": {"type": "string"}, "error_description": {"type": "string"}}}

formats = FormatChecker(formats=())


@formats.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if isinstance(value, str):
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    return True


def _is_rest_exception(schema: dict) -> bool:
    return set(schema.get("properties", {})) == set(REST_EXCEPTION["properties"]) and schema.get("required") == ["message"]


class Contract:
    def __init__(self, document: dict) -> None:
        self.paths = document["paths"]
        rules = [Rule(self._werkzeug(path), endpoint=path) for path in self.paths]
        self.routes = Map(rules, strict_slashes=False).bind("learn.test")

    @staticmethod
    def _werkzeug(path: str) -> str:
        return path.replace("{", "<").replace("}", ">")

    def template(self, path: str) -> str | None:
        """The contract's path template that a concrete request path falls under."""
        try:
            endpoint, _ = self.routes.match(path, method="GET")
        except HTTPException:
            return None
        return endpoint

    @lru_cache(maxsize=None)
    def validator(self, template: str, method: str, status: int) -> Draft4Validator | None:
        operation = self.paths[template].get(method.lower())
        if operation is None:
            return None
        schema = operation["responses"].get(str(status))
        if template.endswith("/oauth2/token") and status >= 400:
            schema = OAUTH_ERROR
        elif status >= 400 and (schema is None or _is_rest_exception(schema)):
            schema = REST_EXCEPTION
        return Draft4Validator(schema, format_checker=formats) if schema is not None else None

    def check(self, method: str, path: str, status: int, body: bytes | str) -> list[str]:
        """The ways one answer breaks the contract (empty when it keeps it)."""
        path = urlsplit(path).path
        if not path.startswith(PREFIX):
            return []
        template = self.template(path)
        where = f"{method} {path} → {status}"
        if template is None or method.lower() not in self.paths[template]:
            return [] if status in (404, 405) else [f"{where}: the contract has no {method} {path}"]
        validator = self.validator(template, method, status)
        if validator is None:
            return [f"{where}: the contract declares no {status} answer for {method} {template}"]
        if 300 <= status < 400:  # a declared redirect: its answer is the Location, not a body
            return []
        try:
            document = json.loads(body or b"null")
        except ValueError:
            return [f"{where}: the answer is not JSON"]
        return [f"{where}: {'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
                for error in validator.iter_errors(document)]


@lru_cache(maxsize=1)
def learn_contract() -> Contract:
    return Contract(json.loads(FIXTURE.read_text(encoding="utf-8")))


class ContractWatch:
    """The violations seen during one test."""

    def __init__(self) -> None:
        self.violations: list[str] = []
        self.checked = 0

    def see(self, method: str, path: str, status: int, body: bytes | str) -> None:
        if urlsplit(path).path.startswith(PREFIX):
            self.checked += 1
            self.violations += learn_contract().check(method, path, status, body)

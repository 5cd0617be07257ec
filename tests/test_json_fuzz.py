"""JSON fuzzing of every JSON route (issue 9 item 4): hostile bodies — wrong types, huge and
tiny numbers, long strings, nested junk, the routes' own field names with any value —
never get a 5xx, never reach the error boundary, and never leave a setting that makes
a later feed, clock move or read fail.

Short profile by default; `LEARNSIM_FUZZ_EXAMPLES=200 pytest tests/test_json_fuzz.py`
is the long one (docs/reliability.md keeps its last figures).
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import Client

from simulator.connector.service import FORMATS
from simulator.http import create_app
from simulator.http.app import URL_MAP
from simulator.http.connector import IDENTITY
from simulator.http.schemas import BODIES

EXAMPLES = int(os.environ.get("LEARNSIM_FUZZ_EXAMPLES", "20"))
TOKEN = "fuzz-admin-token-0123456789abcdef"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
SERVICE = ("fuzz-service", "fuzz-Pa55word")
NOT_SUPPORTED = (501, "expire-password")
"""The connector's documented answer to an operation Learn's Building Block does not support."""
PERSONS = b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME\nf1|fuzz1|pw1|Fay|Fuzz\n"

scalars = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10 ** 400), max_value=10 ** 400)
           | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([1e308, -1e308, 5e-324, 0.5, -1])
           | st.text(max_size=40) | st.sampled_from(["", " ", "x" * 5000, "pipe", "sys_admin", "none", "person",
                                                     "background", "immediate", "smart_delete", "-", "|", "\x00"]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def _field_names(schema: dict) -> set[str]:
    names = set(schema.get("properties", {}))
    for sub in schema.get("properties", {}).values():
        names |= _field_names(sub)
        for key in ("items", "additionalProperties"):
            if isinstance(sub.get(key), dict):
                names |= _field_names(sub[key])
        for branch in sub.get("anyOf", []) + sub.get("oneOf", []):
            names |= _field_names(branch)
    return names


def bodies(endpoint: str) -> st.SearchStrategy[dict]:
    """Objects whose keys are mostly the route's own field names (at any depth), with any values."""
    names = sorted(_field_names(BODIES[endpoint]) | {"person", "user_id", "title"})
    keys = st.sampled_from(names) | st.text(max_size=10)
    nested = st.recursive(json_values, lambda inner: st.dictionaries(keys, inner, max_size=4), max_leaves=10)
    return st.dictionaries(keys, nested, max_size=6)


def _urls(endpoint: str) -> list[tuple[str, str]]:
    """(method, URL) of every way to reach a JSON route (each connector operation and data format)."""
    values = {"bbid": "BBLEARN", "user_id": "userName:fuzz1"}
    found = []
    for rule in URL_MAP.iter_rules(endpoint):
        for method in sorted(rule.methods - {"GET", "HEAD", "OPTIONS"}):
            if "data_format" in rule.arguments:
                for fmt in FORMATS:
                    for operation in ("add", "modify", "delete", "export"):
                        found.append((method, rule.build({**values, "data_format": fmt, "operation": operation}, append_unknown=False)[1]))
            elif "operation" in rule.arguments:
                found += [(method, rule.build({**values, "operation": op}, append_unknown=False)[1]) for op in IDENTITY]
            else:
                found.append((method, rule.build(values, append_unknown=False)[1]))
    return found


class Learn:
    """One simulator that every example of a route changes, with its feed and connector credentials."""

    def __init__(self) -> None:
        self.app = create_app(admin_token=TOKEN)
        self.client = Client(self.app, use_cookies=False)
        body = self.client.put("/_sim/integrations/BBLEARN", headers=ADMIN,
                               json={"data_source_key": "SIS.FUZZ", "password": "feed-pw"}).json
        self.feed_auth = (body["username"], "feed-pw")
        self.client.put("/_sim/connector", headers=ADMIN,
                        json={"serviceAccount": {"userName": SERVICE[0], "password": SERVICE[1]}})
        self.feed()

    def feed(self) -> int:
        response = self.client.post("/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store",
                                    data=PERSONS, auth=self.feed_auth)
        return response.status_code

    def send(self, method: str, url: str, body: dict) -> int:
        headers = ADMIN if url.startswith("/_sim/") else {}
        auth = None if url.startswith("/_sim/") else SERVICE
        response = self.client.open(url, method=method, json=body, headers=headers, auth=auth)
        if response.status_code < 300 and url.startswith("/_sim/integrations/"):
            self.feed_auth = (response.json["username"], body.get("password", self.feed_auth[1]))
        if response.status_code < 300 and url == "/_sim/connector":
            self.client.put("/_sim/connector", headers=ADMIN, json={"bbid": "BBLEARN", "available": True,
                                                                   "httpsOnly": False})
        return response.status_code


@pytest.mark.parametrize("endpoint", sorted(BODIES))
def test_no_json_body_gets_a_server_error(endpoint: str) -> None:
    learn = Learn()
    urls = _urls(endpoint)
    assert urls, f"{endpoint} has a body schema but no route"

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(target=st.sampled_from(urls), body=bodies(endpoint))
    def one(target: tuple[str, str], body: dict) -> None:
        method, url = target
        status = learn.send(method, url, body)
        assert status < 500 or (status, url.rsplit("/", 1)[-1]) == NOT_SUPPORTED, f"{method} {url} {body!r} -> {status}"
        # whatever was accepted, later work still runs: a feed, the clock, the reads
        assert learn.feed() < 500, f"a feed after {method} {url} {body!r} failed"
        advanced = learn.client.post("/_sim/clock/advance", headers=ADMIN, json={"seconds": 3600})
        assert advanced.status_code == 200, advanced.text
        for read in ("/_sim/integrations/BBLEARN", "/_sim/connect/status", "/_sim/connector"):
            assert learn.client.get(read, headers=ADMIN).status_code < 500, read

    one()
    assert learn.app.boundary_hits == 0

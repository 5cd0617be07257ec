"""The authentication table: every route of `app.URL_MAP` × {no credentials, wrong
credentials, every other surface's valid credentials, an expired token where tokens
expire} gets the refusal its declared protection documents (`simulator.http.auth`).

The table is generated from the route table, so a new route is in it the moment it is
routed. Its protection comes from its surface module's `AUTH` / `AUTH_BY_HANDLER`; a route
whose module declares nothing fails here, and so does one that declares a protection
its handler does not enforce.
"""
from __future__ import annotations

import base64

import pytest
from werkzeug.routing import IntegerConverter
from werkzeug.test import Client

from simulator.http import create_app
from simulator.http import auth
from simulator.http.app import PROTECTION, URL_MAP
from simulator.learn.restapps import TOKEN_LIFETIME

ADMIN_TOKEN = "table-admin-token-0123456789abcdef"
FEED_PASSWORD, REST_KEY, REST_SECRET = "feed-Pa55word", "table-app", "table-Secr3t"
SERVICE_USER, SERVICE_PASSWORD = "idm-service", "service-Pa55word"
SAMPLE_VALUES = {"bbid": "BBLEARN"}  # every other URL variable gets "x" (an integer one 1)
EXTRA = {"rest-client": {"data": {"grant_type": "client_credentials"}}}  # what reaches the credential check
DECLARE_HINT = ("declare the route's protection in its surface module: AUTH = auth.<KIND> for the module, "
                "or AUTH_BY_HANDLER = {handler_name: auth.<KIND>} (kinds: " + ", ".join(auth.KINDS) + ")")


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _routes() -> list[tuple[str, str, str]]:
    routes = []
    for rule in URL_MAP.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            routes.append((method, rule.rule, rule.endpoint))
    return routes


class Surfaces:
    """A simulator with one valid credential of every kind, set up through the control API."""

    def __init__(self) -> None:
        self.app = create_app(admin_token=ADMIN_TOKEN)
        self.client = Client(self.app)
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        integration = self.client.put("/_sim/integrations/BBLEARN", headers=admin,
                                      json={"data_source_key": "SIS.TABLE", "password": FEED_PASSWORD}).json
        self.client.post("/_sim/rest-apps", headers=admin, json={"key": REST_KEY, "secret": REST_SECRET})
        self.client.put("/_sim/connector", headers=admin,
                        json={"serviceAccount": {"userName": SERVICE_USER, "password": SERVICE_PASSWORD}})
        self.valid = {
            "admin": f"Bearer {ADMIN_TOKEN}",
            "feed": _basic(integration["username"], FEED_PASSWORD),
            "rest": f"Bearer {self.rest_token()}",
            "rest-client": _basic(REST_KEY, REST_SECRET),
            "connector": _basic(SERVICE_USER, SERVICE_PASSWORD),
        }
        self.wrong = {
            "admin": "Bearer not-the-admin-token-0123456789",
            "feed": _basic(integration["username"], "not-the-password"),
            "rest": "Bearer not-a-rest-token",
            "rest-client": _basic(REST_KEY, "not-the-secret"),
            "connector": _basic(SERVICE_USER, "not-the-password"),
        }
        self.expired = {"rest": self.expired_rest_token}

    def rest_token(self) -> str:
        answer = self.client.post("/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                                  headers={"Authorization": _basic(REST_KEY, REST_SECRET)})
        assert answer.status_code == 200, answer.text
        return answer.json["access_token"]

    def expired_rest_token(self) -> str:
        token = self.rest_token()
        moved = self.client.post("/_sim/clock/advance", json={"seconds": TOKEN_LIFETIME + 1},
                                 headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
        assert moved.status_code == 200, moved.text
        return f"Bearer {token}"


def _url(endpoint: str, method: str) -> str:
    rule = next(r for r in URL_MAP.iter_rules(endpoint))
    values = {name: (1 if isinstance(rule._converters[name], IntegerConverter) else SAMPLE_VALUES.get(name, "x"))
              for name in rule.arguments}
    return URL_MAP.bind("learn.test").build(endpoint, values, method=method)


def _cases(kind: str, surfaces: Surfaces) -> list[tuple[str, str | None]]:
    cases: list[tuple[str, str | None]] = [("no credentials", None), ("wrong credentials", surfaces.wrong[kind])]
    cases += [(f"{other}'s credentials", value) for other, value in surfaces.valid.items() if other != kind]
    if kind in surfaces.expired:
        cases.append(("an expired token", surfaces.expired[kind]()))
    return cases


@pytest.mark.parametrize(("method", "path", "endpoint"), _routes(), ids=[f"{m} {p}" for m, p, _ in _routes()])
def test_every_route_refuses_what_its_protection_refuses(method: str, path: str, endpoint: str) -> None:
    protection = PROTECTION[endpoint]
    assert protection is not None, f"{method} {path} declares no protection: {DECLARE_HINT}"
    assert (protection is auth.ADMIN) == auth.is_control(path), \
        f"{method} {path}: every route under /_sim/, and only those, is protected by the admin token"
    surfaces = Surfaces()
    sim = surfaces.app.sim
    url = _url(endpoint, method)
    if protection is auth.PUBLIC:
        answer = surfaces.client.open(url, method=method)
        assert answer.status_code < 500, f"{method} {url}: {answer.status_code}"
        return
    for case, credentials in _cases(protection.name, surfaces):
        headers = {"Authorization": credentials} if credentials else {}
        answer = surfaces.client.open(url, method=method, headers=headers, **EXTRA.get(protection.name, {}))
        assert answer.status_code == protection.refusal, \
            f"{method} {url} with {case}: expected {protection.refusal} ({protection.credentials}), " \
            f"got {answer.status_code}: {answer.text[:300]}"
        if protection.challenge:
            challenge = answer.headers.get("WWW-Authenticate", "")
            assert challenge.startswith(protection.challenge), f"{method} {url} with {case}: challenge {challenge!r}"
    assert surfaces.app.sim is sim, f"{method} {url} reset the simulator without credentials"


def test_a_module_without_a_declaration_is_reported() -> None:
    class Undeclared:
        pass

    assert auth.declared(Undeclared, "handler") is None

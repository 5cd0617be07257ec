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
import re

import pytest
from werkzeug.routing import IntegerConverter, Rule
from werkzeug.test import Client

from simulator.http import create_app
from simulator.http import auth
from simulator.http.app import PROTECTION, URL_MAP
from simulator.learn.restapps import TOKEN_LIFETIME
from simulator.learn.sessions import SESSION_TIMEOUT

ADMIN_TOKEN = "table-admin-token-0123456789abcdef"
FEED_PASSWORD, REST_KEY, REST_SECRET = "feed-Pa55word", "table-app", "table-Secr3t"
SERVICE_USER, SERVICE_PASSWORD = "idm-service", "service-Pa55word"
PERSONS = (b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|SYSTEM_ROLE\n"
           b"k1|student1|student-Pa55|Sam|Student|none\nk2|admin1|admin-Pa55|Ada|Admin|sys_admin\n")
SAMPLE_VALUES = {"bbid": "BBLEARN"}  # every other URL variable gets "x" (an integer one 1)
EXTRA = {"rest-client": {"data": {"grant_type": "client_credentials"}}}  # what reaches the credential check
DECLARE_HINT = ("declare the route's protection in its surface module: AUTH = auth.<KIND> for the module, "
                "or AUTH_BY_HANDLER = {handler_name: auth.<KIND>} (kinds: " + ", ".join(auth.KINDS) + ")")


def _basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _routes() -> list[tuple[str, Rule]]:
    return [(method, rule) for rule in URL_MAP.iter_rules() for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]


class Surfaces:
    """A simulator with one valid credential of every kind, set up through the control API."""

    def __init__(self) -> None:
        self.app = create_app(admin_token=ADMIN_TOKEN)
        self.client = Client(self.app, use_cookies=False)
        admin = _bearer(ADMIN_TOKEN)
        integration = self.client.put("/_sim/integrations/BBLEARN", headers=admin,
                                      json={"data_source_key": "SIS.TABLE", "password": FEED_PASSWORD}).json
        self.client.post("/_sim/rest-apps", headers=admin, json={"key": REST_KEY, "secret": REST_SECRET})
        self.client.put("/_sim/connector", headers=admin,
                        json={"serviceAccount": {"userName": SERVICE_USER, "password": SERVICE_PASSWORD}})
        feed = self.client.post("/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store", data=PERSONS,
                                headers=_basic(integration["username"], FEED_PASSWORD))
        assert feed.status_code == 200, feed.text
        self.valid = {
            "admin": admin,
            "feed": _basic(integration["username"], FEED_PASSWORD),
            "rest": _bearer(self.rest_token()),
            "rest-client": _basic(REST_KEY, REST_SECRET),
            "connector": _basic(SERVICE_USER, SERVICE_PASSWORD),
            "session": self.session_cookies("student1", "student-Pa55"),
            "admin-page": self.session_cookies("admin1", "admin-Pa55"),
        }
        self.wrong = {
            "admin": _bearer("not-the-admin-token-0123456789"),
            "feed": _basic(integration["username"], "not-the-password"),
            "rest": _bearer("not-a-rest-token"),
            "rest-client": _basic(REST_KEY, "not-the-secret"),
            "connector": _basic(SERVICE_USER, "not-the-password"),
            "session": {"Cookie": "JSESSIONID=not-a-session; BbRouter=expires:1,id:x"},
            "admin-page": {"Cookie": "JSESSIONID=not-a-session"},
        }
        self.expired = {"rest": lambda: self.expire(self.valid["rest"], TOKEN_LIFETIME),
                        "session": lambda: self.expire(self.session_cookies("student1", "student-Pa55"), SESSION_TIMEOUT),
                        "admin-page": lambda: self.expire(self.session_cookies("admin1", "admin-Pa55"), SESSION_TIMEOUT)}

    def rest_token(self) -> str:
        answer = self.client.post("/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                                  headers=_basic(REST_KEY, REST_SECRET))
        assert answer.status_code == 200, answer.text
        return answer.json["access_token"]

    def session_cookies(self, user: str, password: str) -> dict[str, str]:
        """Learn's cookies after a good web login."""
        form = self.client.get("/webapps/login/")
        fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form.text))
        cookie = form.headers["Set-Cookie"].split(";", 1)[0]
        fields.update(user_id=user, password=password, login="Login")
        signed = self.client.post("/webapps/login/", data=fields, headers={"Cookie": cookie})
        assert signed.status_code == 302, signed.text
        cookies = [value.split(";", 1)[0] for value in signed.headers.getlist("Set-Cookie")]
        return {"Cookie": "; ".join(cookies)}

    def expire(self, credentials: dict[str, str], lifetime: int) -> dict[str, str]:
        moved = self.client.post("/_sim/clock/advance", json={"seconds": lifetime + 1}, headers=_bearer(ADMIN_TOKEN))
        assert moved.status_code == 200, moved.text
        return credentials


def _url(rule: Rule) -> str:
    values = {name: (1 if isinstance(converter, IntegerConverter) else SAMPLE_VALUES.get(name, "x"))
              for name, converter in rule._converters.items()}
    return rule.build({**(rule.defaults or {}), **values}, append_unknown=False)[1]


def _cases(protection: auth.Protection, surfaces: Surfaces) -> list[tuple[str | None, str, dict[str, str]]]:
    kind = protection.name
    assert kind in surfaces.valid, f"the table has no credentials of kind {kind!r}: add them to Surfaces"
    cases = [(None, "no credentials", {}), (None, "wrong credentials", surfaces.wrong[kind])]
    cases += [(other, f"{other}'s credentials", value) for other, value in surfaces.valid.items()
              if other != kind and other not in protection.accepts]
    return cases


@pytest.mark.parametrize(("method", "rule"), _routes(), ids=[f"{m} {r.rule}" for m, r in _routes()])
def test_every_route_refuses_what_its_protection_refuses(method: str, rule: Rule) -> None:
    path, protection = rule.rule, PROTECTION[rule.endpoint]
    assert protection is not None, f"{method} {path} declares no protection: {DECLARE_HINT}"
    assert (protection is auth.ADMIN) == auth.is_control(path), \
        f"{method} {path}: every route under /_sim/, and only those, is protected by the admin token"
    surfaces = Surfaces()
    sim = surfaces.app.sim
    url = _url(rule)
    if protection is auth.PUBLIC:
        answer = surfaces.client.open(url, method=method)
        assert answer.status_code < 500, f"{method} {url}: {answer.status_code}"
        return
    cases = _cases(protection, surfaces)
    if protection.name in surfaces.expired:  # last, made when its turn comes: it moves the clock
        cases.append((None, "expired credentials", surfaces.expired[protection.name]))
    for other, case, headers in cases:
        headers = headers() if callable(headers) else headers
        answer = surfaces.client.open(url, method=method, headers=headers, **EXTRA.get(protection.name, {}))
        expected = protection.refusal_for(other)
        assert answer.status_code == expected, \
            f"{method} {url} with {case}: expected {expected} ({protection.credentials}), " \
            f"got {answer.status_code}: {answer.text[:300]}"
        if protection.refusal_header and expected == protection.refusal:
            name, expected = protection.refusal_header
            assert expected in answer.headers.get(name, ""), f"{method} {url} with {case}: {name} {answer.headers.get(name)!r}"
    assert surfaces.app.sim is sim, f"{method} {url} reset the simulator without credentials"


def test_a_module_without_a_declaration_is_reported() -> None:
    class Undeclared:
        pass

    assert auth.declared(Undeclared, "handler") is None

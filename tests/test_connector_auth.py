"""The connector's Basic auth is no oracle (issue 9): every failed credential check gets
the same 401 — same body, same headers — and the reason goes only to the server's log."""
from __future__ import annotations

import logging

import pytest
from werkzeug.test import Client

from simulator.http import create_app
from simulator.learn import passwords

API = "/webapps/fii-connector-{bbid}/api"


@pytest.fixture
def app():
    app = create_app()
    learn = app.sim.learn
    for name, enabled, available, role in (("admin", True, True, "SystemAdmin"), ("gone", False, True, "SystemAdmin"),
                                           ("away", True, False, "SystemAdmin"), ("plain", True, True, "User")):
        user = learn.create_user(external_id=name, user_name=name, firstname=name, lastname=name, data_source="SYSTEM",
                                 password=passwords.hash_password(f"{name}-pw"))
        user.enabled, user.available, user.system_role = enabled, available, role
    app.sim.connector.configure({"serviceAccount": {"userName": "svc", "password": "svc-pw"}})
    return app


def answer(app, auth, path: str = "test-connection"):
    response = Client(app).get(f"{API.format(bbid=app.sim.connector.bbid)}/{path}", auth=auth)
    return response.status_code, response.get_data(as_text=True), sorted(
        (k, v) for k, v in response.headers.items() if k not in ("Date", "Content-Length"))


CASES = {
    "no such user": ("nobody", "whatever"),
    "user is disabled": ("gone", "gone-pw"),
    "user is unavailable": ("away", "away-pw"),
    "wrong password": ("admin", "not-it"),
    "configured service account's password is wrong": ("svc", "not-it"),
    "no HTTP Basic credentials": None,
}


@pytest.mark.parametrize("path", ["test-connection", "capabilities", "schema/User"])
def test_every_failed_credential_check_looks_the_same(app, path):
    answers = {reason: answer(app, auth, path) for reason, auth in CASES.items()}
    assert len(set(map(repr, answers.values()))) == 1, answers
    status, body, headers = answers["wrong password"]
    assert status == 401 and ("WWW-Authenticate", 'Basic realm="fii-connector"') in headers
    for reason in CASES:
        assert reason not in body


def test_the_reason_goes_to_the_servers_log_only(app, caplog):
    with caplog.at_level(logging.WARNING, logger="learnsim.connector"):
        for reason, auth in CASES.items():
            answer(app, auth)
            assert reason in caplog.records[-1].getMessage()
    assert not any("-pw" in r.getMessage() or "not-it" in r.getMessage() or "whatever" in r.getMessage()
                   for r in caplog.records), "a password reached the log"


def test_the_right_password_still_gets_in_and_a_non_administrator_learns_only_that(app):
    assert answer(app, ("admin", "admin-pw"))[0] == 200
    assert answer(app, ("svc", "svc-pw"))[0] == 200
    status, body, _ = answer(app, ("plain", "plain-pw"))
    assert status == 403 and "not an administrator" in body

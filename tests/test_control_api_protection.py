"""The control API's protection (DESIGN.md, issue 9 item 2): the admin token of `learnsim
serve`, `--open-control` on loopback only, cross-origin browser requests and non-JSON
bodies refused, and the mock, the suite and the CLI passing the token for the user."""
from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import threading

import pytest
import requests
from click.testing import CliRunner
from werkzeug.test import Client

from simulator import admin_token
from simulator.cli import main
from simulator.http import create_app
from simulator.mock import mock_learn

TOKEN = "protection-test-token-0123456789"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
FEED = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store"
PROVISION = "/webapps/fii-connector-BBLEARN/api/provisioning/User/add"


@pytest.fixture
def client() -> Client:
    return Client(create_app(admin_token=TOKEN))


def test_a_token_opens_the_control_api_and_nothing_else_does(client):
    assert client.get("/_sim/clock", headers=ADMIN).status_code == 200
    for headers in ({}, {"Authorization": "Bearer " + TOKEN[:-1]}, {"Authorization": f"Basic {TOKEN}"},
                    {"Authorization": f"Bearer {TOKEN}x"}):
        answer = client.post("/_sim/reset", headers=headers)
        assert answer.status_code == 401 and answer.headers["WWW-Authenticate"].startswith("Bearer")
        assert "Bearer" in answer.json["message"]
    assert client.get("/_sim/no-such-route").status_code == 401  # nothing under /_sim/ is shown without the token


def test_the_application_generates_a_token_unless_told_the_control_api_is_open():
    generated = create_app()
    assert generated.admin_token and len(generated.admin_token) >= 32
    assert Client(generated).get("/_sim/clock").status_code == 401
    assert Client(create_app(open_control=True)).get("/_sim/clock").status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site", "Origin": "http://localhost:3000"},
])
def test_cross_origin_browser_requests_are_refused(client, headers):
    before = client.application.sim
    answer = client.post("/_sim/reset", headers={**ADMIN, **headers}, data="x", content_type="text/plain")
    assert answer.status_code == 403 and "Cross-origin" in answer.json["message"]
    assert client.application.sim is before
    assert client.post(FEED, headers=headers, data=b"x").status_code == 403  # any state-changing request


def test_same_origin_and_non_browser_requests_pass(client):
    assert client.get("/_sim/clock", headers={**ADMIN, "Origin": "http://localhost"}).status_code == 200
    assert client.get("/_sim/clock", headers={**ADMIN, "Sec-Fetch-Site": "same-origin"}).status_code == 200
    app = create_app(admin_token=TOKEN, public_url="https://learn.example.edu")
    assert Client(app).get("/_sim/clock", headers={**ADMIN, "Origin": "https://learn.example.edu"}).status_code == 200
    # reading Learn's public REST API from another origin is not a state change
    assert client.get("/learn/api/public/v1/systemRoles", headers={"Origin": "http://evil.example"}).status_code == 401


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data", None])
def test_json_routes_refuse_bodies_that_are_not_json(client, content_type):
    body = b'{"data_source_key": "SIS", "password": "pw"}'
    answer = client.put("/_sim/integrations/BBLEARN", headers=ADMIN, data=body, content_type=content_type)
    assert answer.status_code == 415 and "application/json" in answer.json["message"]
    assert "BBLEARN" not in client.application.sim.sis.integrations
    assert client.put("/_sim/integrations/BBLEARN", headers=ADMIN, data=body,
                      content_type="application/json; charset=utf-8").status_code == 201
    refused = client.post(PROVISION, data=b'{"record": {}}', content_type=content_type)
    assert refused.status_code in (401, 415)  # credentials first, then the body


def test_the_connector_refuses_a_body_that_is_not_json_in_its_own_shape(client):
    client.put("/_sim/connector", headers=ADMIN, json={"serviceAccount": {"userName": "svc", "password": "pw"}})
    answer = client.post(PROVISION, data=b'{"record": {}}', content_type="text/plain", auth=("svc", "pw"))
    assert answer.status_code == 415 and answer.json["status"] == "error"
    assert answer.json["errors"][0]["attribute"] == "body"


def test_nan_and_infinity_are_not_json_numbers(client):
    for text in ('{"seconds": NaN}', '{"seconds": Infinity}', '{"seconds": -Infinity}'):
        answer = client.post("/_sim/clock/advance", headers=ADMIN, data=text, content_type="application/json")
        assert answer.status_code == 400 and "not valid JSON" in answer.json["message"]


def test_the_mock_passes_its_token_unless_told_not_to():
    with mock_learn("https://learn.mock.test") as mocked:
        assert requests.get("https://learn.mock.test/_sim/clock").status_code == 200
        assert mocked.admin_token == mocked.app.admin_token
        wrong = requests.get("https://learn.mock.test/_sim/clock", headers={"Authorization": "Bearer wrong"})
        assert wrong.status_code == 401  # a token the caller names is sent as it is
    with mock_learn("https://learn.mock.test", pass_admin_token=False) as mocked:
        assert requests.get("https://learn.mock.test/_sim/clock").status_code == 401
        headers = {"Authorization": f"Bearer {mocked.admin_token}"}
        assert requests.get("https://learn.mock.test/_sim/clock", headers=headers).status_code == 200


def test_learnsim_log_sends_the_token_it_is_given(monkeypatch, tmp_path):
    monkeypatch.delenv(admin_token.ENV, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    with mock_learn("https://learn.cli.test", pass_admin_token=False) as mocked:
        runner = CliRunner()
        refused = runner.invoke(main, ["log", "0" * 32, "--url", "https://learn.cli.test"])
        assert refused.exit_code != 0 and "401" in refused.output
        given = runner.invoke(main, ["log", "0" * 32, "--url", "https://learn.cli.test", "--admin-token", mocked.admin_token])
        assert "404" in given.output  # past the token: the data set does not exist
        monkeypatch.setenv(admin_token.ENV, mocked.admin_token)
        assert "404" in runner.invoke(main, ["log", "0" * 32, "--url", "https://learn.cli.test"]).output
        monkeypatch.delenv(admin_token.ENV)
        admin_token.write(admin_token.default_file(), mocked.admin_token)
        assert "404" in runner.invoke(main, ["log", "0" * 32, "--url", "https://learn.cli.test"]).output


def _serve(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen, list[str]]:
    process = subprocess.Popen([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--threads", "2", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    watchdog = threading.Timer(30, process.kill)
    watchdog.start()
    lines = [process.stdout.readline()]
    while lines[-1] and "serving on" not in lines[-1]:
        lines.append(process.stdout.readline())
    watchdog.cancel()
    return process, lines


def test_serve_writes_a_generated_token_to_an_owner_only_file_and_prints_its_path_only(tmp_path):
    token_file = tmp_path / "tokens" / "admin-token"
    env = {key: value for key, value in os.environ.items() if key != admin_token.ENV}
    process = subprocess.Popen([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--threads", "2",
                                "--admin-token-file", str(token_file)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**env, "PYTHONUNBUFFERED": "1"})
    try:
        lines = [process.stdout.readline()]
        while lines[-1] and "serving on" not in lines[-1]:
            lines.append(process.stdout.readline())
        url = re.search(r"serving on (http://\S+)", lines[-1]).group(1)
        token = token_file.read_text().strip()
        assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
        assert str(token_file) in "".join(lines) and token not in "".join(lines)
        assert requests.get(f"{url}/_sim/clock", timeout=30).status_code == 401
        assert requests.get(f"{url}/_sim/clock", headers={"Authorization": f"Bearer {token}"}, timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_takes_the_token_from_the_environment_and_refuses_a_weak_one(tmp_path):
    process, lines = _serve("--admin-token-file", str(tmp_path / "unused"), env={admin_token.ENV: TOKEN})
    try:
        url = re.search(r"serving on (http://\S+)", lines[-1]).group(1)
        assert TOKEN not in "".join(lines) and not (tmp_path / "unused").exists()
        assert requests.get(f"{url}/_sim/clock", headers=ADMIN, timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    weak = CliRunner().invoke(main, ["serve", "--admin-token", "short"])
    assert weak.exit_code == 2 and "at least 16 characters" in weak.output


def test_open_control_is_refused_unless_the_server_listens_on_loopback_only():
    refused = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--open-control"])
    assert refused.exit_code == 2 and "loopback" in refused.output
    process, lines = _serve("--open-control", "--host", "127.0.0.1")
    try:
        url = re.search(r"serving on (http://\S+)", lines[-1]).group(1)
        assert requests.get(f"{url}/_sim/clock", timeout=30).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)

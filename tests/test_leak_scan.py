"""Leak scan (issue 9): every password set through any surface — a feed's PASSWD (also
swapped with PWENCRYPTIONTYPE, too long, or read by a field-mapping script), the
integration's shared password, the Connect account password, a REST application's
secret, the connector's service account, a user's reset password — is searched for,
clear, hashed, JSON-escaped and URL-encoded, in every response body and header, every
server log line, every data set log, and the stdout/stderr of `learnsim serve` and
`learnsim post` in a representative run."""
from __future__ import annotations

import base64
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
import requests

from simulator.mock import mock_learn
from steps.client import mask

BASE = "https://learn.example.edu"
SECRETS = {
    "feed passwd": 'F33d"pw&ü/1',
    "swapped passwd": "Sw4p'pw+é%2",
    "long passwd": "L0ng-" + "z" * 40,
    "integration password": 'Int"gr8/&pw',
    "connect password": "C0nn&ct pw/ä",
    "rest secret": 'R3st"s3cr&t/',
    "connector service password": "Svc+acc%pw\\1",
    "reset password": 'R3set"pw&ß/',
    "short": "q7",
}


def forms(secret: str) -> set[str]:
    return {secret, json.dumps(secret)[1:-1], quote(secret, safe=""), quote_plus(secret), quote(secret)}


def hashed_forms(stored: object) -> set[str]:
    if isinstance(stored, bytes):
        return {stored.hex(), base64.b64encode(stored).decode(), base64.urlsafe_b64encode(stored).decode(), repr(stored)[2:-1]}
    if isinstance(stored, str) and "$" in stored:
        return {stored, stored.partition("$")[2]}
    return set()


class Outputs:
    def __init__(self) -> None:
        self.texts: list[tuple[str, str]] = []

    def add(self, where: str, text: str) -> None:
        self.texts.append((where, text))

    def response(self, response: requests.Response) -> requests.Response:
        self.add(f"{response.request.method} {response.url} body", response.text)
        self.add(f"{response.request.method} {response.url} headers", json.dumps(dict(response.headers)))
        return response

    def leaks(self, needle: str, name: str) -> list[str]:
        found = []
        for where, text in self.texts:
            if needle in text if len(needle) >= 4 else any(
                    f"{a}{needle}{b}" in text for a in ' "\'=:' for b in ' "\'&,;'):
                found.append(f"{name} ({needle!r}) in {where}")
        return found


@pytest.fixture
def run(caplog):
    caplog.set_level(logging.DEBUG)
    out = Outputs()
    with mock_learn(BASE) as learn:
        http = requests.Session()
        call = lambda method, path, **kw: out.response(http.request(method, BASE + path, **kw))  # noqa: E731
        sim = learn.sim
        # integration password, feed passwords (plain, swapped, too long), a script reading passwd
        script = ("(function () { helper.logWarning('saw ' + data.getValueIfPresent('passwd', '')); "
                  "if (data.getValue('external_person_key') === 'k4') throw new Error('bad ' + data.getValue('passwd')); "
                  "return 'Dr'; })()")
        integration = call("PUT", "/_sim/integrations/BBLEARN", json={
            "data_source_key": "SIS", "password": SECRETS["integration password"],
            "field_mappings": {"person": {"title": {"script": script}}}}).json()
        call("GET", "/_sim/integrations/BBLEARN")
        auth = (integration["username"], SECRETS["integration password"])
        endpoint = integration["endpoint"]
        rows = [f"k1|u1|{SECRETS['feed passwd']}||A|B|sys_admin", f"k2|u2|MD5|{SECRETS['swapped passwd']}|C|D|none",
                f"k3|u3|{SECRETS['long passwd']}||E|F|none", f"k4|u4|{SECRETS['short']}||G|H|none",
                f"k5|u5|{SECRETS['feed passwd']}|rot13|I|J|none"]
        body = "\n".join(["EXTERNAL_PERSON_KEY|USER_ID|PASSWD|PWENCRYPTIONTYPE|FIRSTNAME|LASTNAME|SYSTEM_ROLE", *rows])
        uids = []
        for operation in ("store", "refresh"):
            text = call("POST", f"{endpoint}/person/{operation}", data=body.encode(), auth=auth).text
            uids.append(text.split()[-8])
        call("POST", f"{endpoint}/person/store?dryRun=true", data=body.encode(), auth=auth)
        call("POST", f"{endpoint}/person/store", data=body.encode(), auth=(auth[0], SECRETS["feed passwd"]))
        for uid in uids:
            call("GET", f"{endpoint}/dataSetStatus/{uid}", auth=auth)
            call("GET", f"/_sim/datasets/{uid}/log")
        # REST application secret
        call("POST", "/_sim/rest-apps", json={"key": "leakapp", "secret": SECRETS["rest secret"]})
        token = call("POST", "/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                     auth=("leakapp", SECRETS["rest secret"])).json()["access_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        call("POST", "/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
             auth=("leakapp", SECRETS["rest secret"] + "x"))
        for uid in uids:
            call("GET", f"/learn/api/public/v1/logs/sis/dataSets/{uid}", headers=bearer)
        call("GET", "/learn/api/public/v1/users", headers=bearer)
        # connector service account, a user's reset password
        connector = call("PUT", "/_sim/connector", json={"serviceAccount": {
            "userName": "svc", "password": SECRETS["connector service password"]}}).json()
        call("GET", "/_sim/connector")
        api = f"/webapps/fii-connector-{sim.connector.bbid}/api"
        svc = ("svc", SECRETS["connector service password"])
        call("POST", f"{api}/identity/reset-password", json={"userName": "u1", "password": SECRETS["reset password"]}, auth=svc)
        call("POST", f"{api}/identity/authenticate", json={"userName": "u1", "password": SECRETS["reset password"]}, auth=svc)
        call("POST", f"{api}/identity/authenticate", json={"userName": "u1", "password": SECRETS["feed passwd"]}, auth=svc)
        call("GET", f"{api}/test-connection", auth=("svc", SECRETS["reset password"]))
        call("GET", f"{api}/test-connection", auth=("u1", SECRETS["reset password"]))
        call("POST", f"{api}/provisioning/User/export", json={}, auth=svc)
        # Connect account password (Connect's side and Learn's configuration)
        call("PUT", "/_sim/connect/account", json={"account": "acme", "password": SECRETS["connect password"],
                                                   "sisCode": "SIS1", "email": "it@example.edu"})
        call("PUT", "/_sim/connect/config", json={"account": "acme", "password": SECRETS["connect password"], "sisCode": "SIS1"})
        call("GET", "/_sim/connect/config")
        call("POST", "/_sim/connect/sync", json={})
        call("GET", "/_sim/connect/status")
        out.stored = [sim.sis.integrations["BBLEARN"].password, sim.connector.service_password,
                      *(a.password for a in sim.connect.service.accounts.values()),
                      *(u.password for u in sim.learn.users.values())]
        for dataset in sim.sis.datasets.values():
            out.add(f"data set {dataset.uid} log", json.dumps([e.as_json() for e in dataset.log], ensure_ascii=False))
            out.add(f"data set {dataset.uid} log (ascii)", json.dumps([e.as_json() for e in dataset.log]))
    for record in caplog.records:
        out.add(f"server log {record.name}", record.getMessage())
    assert connector and token
    return out


def test_no_password_leaks_from_a_representative_in_process_run(run):
    leaks = [leak for name, secret in SECRETS.items() for form in forms(secret) for leak in run.leaks(form, name)]
    leaks += [leak for stored in run.stored for form in hashed_forms(stored) for leak in run.leaks(form, "a stored hash")]
    assert not leaks, "\n".join(leaks)


def test_the_scan_finds_what_it_looks_for(run):
    """The scan is not blind: the same texts with a secret planted in each form are caught."""
    for form in forms(SECRETS["integration password"]):
        run.add("planted", f'{{"x": "{form}"}}')
        assert run.leaks(form, "planted")
        run.texts.pop()


def test_report_masking_covers_escaped_encoded_and_short_secrets():
    known = set(SECRETS.values())
    text = " ".join(f'"{f}"' for secret in known for f in forms(secret))
    masked = mask(text, known)
    assert all(f'"{f}"' not in masked for secret in known for f in forms(secret)), masked


def _learnsim(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "simulator.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def test_learnsim_serve_and_post_print_no_password(tmp_path: Path):
    server = _learnsim("serve", "--port", "0", "--integration", "BBLEARN", "--username", "feeduser", "--password",
                       SECRETS["integration password"], "--rest-app", f"leakapp:{SECRETS['rest secret']}",
                       "--connector-account", f"svc:{SECRETS['connector service password']}", "--immediate-feeds",
                       env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = []
        while not any("serving on" in line for line in lines):
            line = server.stdout.readline()
            assert line, f"learnsim serve stopped: {server.stderr.read()}"
            lines.append(line)
        url = next(line for line in lines if "serving on" in line).split()[-1]
        feed = tmp_path / "persons.txt"
        feed.write_text(f"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME\nk1|u1|{SECRETS['feed passwd']}|A|B\n"
                        f"k2|u2|{SECRETS['long passwd']}|C|D\n")
        posted = subprocess.run([sys.executable, "-m", "simulator.cli", "post", str(feed), "--url", url, "--username",
                                 "feeduser", "--password", SECRETS["integration password"]],
                                capture_output=True, text=True, timeout=120)
        wrong = subprocess.run([sys.executable, "-m", "simulator.cli", "post", str(feed), "--url", url, "--username",
                                "feeduser", "--password", SECRETS["feed passwd"]], capture_output=True, text=True, timeout=120)
    finally:
        server.terminate()
        try:
            served_out, served_err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            served_out, served_err = server.communicate()
    texts = {"serve stdout": "".join(lines) + served_out, "serve stderr": served_err, "post stdout": posted.stdout,
             "post stderr": posted.stderr, "wrong post stdout": wrong.stdout, "wrong post stderr": wrong.stderr}
    assert "feeduser" in texts["serve stdout"] and posted.returncode in (0, 1), texts
    leaks = [f"{name} in {where}" for name, secret in SECRETS.items() for form in forms(secret) if len(form) >= 4
             for where, text in texts.items() if form in text]
    assert not leaks, leaks

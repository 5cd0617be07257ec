"""`learnsim serve --certfile/--keyfile` serves HTTPS, and the connector's HTTPS-only
option refuses plain HTTP but not HTTPS."""
import os
import re
import subprocess
import sys
import threading

import pytest
import requests
from werkzeug.test import Client

from simulator.http import create_app
from tests.served import certificate_files

CONNECTOR = "/webapps/fii-connector-BBLEARN/api/test-connection"
ACCOUNT = {"userName": "idm-service", "password": "S3rvice!"}
ADMIN_TOKEN = "tls-test-admin-token-0123456789"


@pytest.fixture
def tls_server(tmp_path):
    certfile, keyfile, cafile = certificate_files(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--threads", "2",
                                "--certfile", certfile, "--keyfile", keyfile, "--connector-https-only",
                                "--connector-account", f"{ACCOUNT['userName']}:{ACCOUNT['password']}"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "LEARNSIM_ADMIN_TOKEN": ADMIN_TOKEN})
    watchdog = threading.Timer(30, process.kill)  # a server that never announces itself must not hang the run
    watchdog.start()
    lines = [process.stdout.readline()]
    while lines[-1] and "serving on" not in lines[-1]:
        lines.append(process.stdout.readline())
    watchdog.cancel()
    match = re.search(r"serving on (https://\S+)", lines[-1])
    try:
        assert match, f"learnsim serve did not announce an https URL: {lines!r}"
        assert "service account idm-service; HTTPS only" in lines[0]
        yield match.group(1), cafile
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_speaks_tls_and_the_connector_accepts_https_when_it_is_required(tls_server):
    url, cafile = tls_server
    settings = requests.get(f"{url}/_sim/connector", verify=cafile, timeout=30,
                            headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert settings.json()["httpsOnly"] is True and settings.json()["serviceAccount"] == {"userName": "idm-service"}
    answer = requests.get(f"{url}{CONNECTOR}", auth=(ACCOUNT["userName"], ACCOUNT["password"]), verify=cafile, timeout=30)
    assert answer.status_code == 200 and answer.json()["status"] == "success"


def test_plain_http_is_refused_when_https_is_required():
    client = Client(create_app(open_control=True))
    client.put("/_sim/connector", json={"httpsOnly": True, "serviceAccount": ACCOUNT})
    plain = client.get(CONNECTOR, auth=(ACCOUNT["userName"], ACCOUNT["password"]), base_url="http://learn.test")
    assert plain.status_code == 403 and "HTTPS is required" in plain.json["reason"]
    secure = client.get(CONNECTOR, auth=(ACCOUNT["userName"], ACCOUNT["password"]), base_url="https://learn.test")
    assert secure.status_code == 200


def test_certfile_without_keyfile_is_a_usage_error(tmp_path):
    pem = tmp_path / "cert.pem"
    pem.write_text("x")
    result = subprocess.run([sys.executable, "-m", "simulator.cli", "serve", "--certfile", str(pem)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "--certfile and --keyfile go together" in result.stderr

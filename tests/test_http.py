"""Wire formats of the HTTP surfaces, byte for byte where Learn's contract is exact."""
import re

import pytest
import requests
from werkzeug.test import Client

from simulator.http import create_app
from simulator.mock import mock_learn

FEED = b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME\nk1|u1|pw|Alpha|Anderson\n"
BASE = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint"


@pytest.fixture
def client():
    app = create_app(open_control=True)
    client = Client(app)
    body = client.put("/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw"}).json
    client.auth = (body["username"], "pw")
    client.app = app
    return client


def test_success_text_is_exact(client):
    response = client.post(f"{BASE}/person/store", data=FEED, auth=client.auth, content_type="application/octet-stream")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert re.fullmatch(r"Success: Feed File Uploaded\.  Use the reference code [0-9a-f]{32} to track these records in the logs\.",
                        response.text)


def test_dataset_status_xml_is_learns(client):
    uid = client.post(f"{BASE}/person/store", data=FEED, auth=client.auth).text.split()[-8]
    xml = client.get(f"{BASE}/dataSetStatus/{uid}", auth=client.auth).text
    stamp = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"
    assert re.fullmatch(
        r'<\?xml version="1\.0" encoding="UTF-8" standalone="yes"\?>\n<dataSetStatus>\n'
        r"    <completedCount>1</completedCount>\n"
        r'    <dataIntegrationId type="blackboard\.platform\.dataintegration\.DataIntegration">_3_1</dataIntegrationId>\n'
        rf"    <dataSetUid>{uid}</dataSetUid>\n    <errorCount>0</errorCount>\n"
        rf"    <lastEntryDate>{stamp}</lastEntryDate>\n    <machineName>[^<\n]+</machineName>\n"
        rf"    <queuedCount>0</queuedCount>\n    <startDate>{stamp}</startDate>\n    <warningCount>0</warningCount>\n"
        r"</dataSetStatus>\n", xml)


def test_dataset_status_answers_post_as_get(client):
    """Java and C# SIS integrations poll dataSetStatus with POST."""
    uid = client.post(f"{BASE}/person/store", data=FEED, auth=client.auth).text.split()[-8]
    got = client.get(f"{BASE}/dataSetStatus/{uid}", auth=client.auth)
    posted = client.post(f"{BASE}/dataSetStatus/{uid}", auth=client.auth)
    assert posted.status_code == 200 and posted.text == got.text
    assert client.post(f"{BASE}/dataSetStatus/{'0' * 32}", auth=client.auth).status_code == 404


def test_bad_credentials_are_401_with_a_basic_challenge(client):
    response = client.post(f"{BASE}/person/store", data=FEED, auth=(client.auth[0], "nope"))
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Basic")
    assert not client.app.sim.learn.users


def test_unknown_object_and_operation_name_the_accepted_values(client):
    response = client.post(f"{BASE}/course2/store", data=FEED, auth=client.auth)
    assert response.status_code == 404 and "person" in response.text and response.mimetype == "text/plain"
    response = client.post(f"{BASE}/person/upsert", data=FEED, auth=client.auth)
    assert response.status_code == 404 and "store, refresh, refreshlegacy, delete" in response.text


def test_another_integrations_data_set_is_not_found(client):
    uid = client.post(f"{BASE}/person/store", data=FEED, auth=client.auth).text.split()[-8]
    other = client.put("/_sim/integrations/HR", json={"data_source_key": "HR", "password": "x"}).json
    response = client.get(f"/webapps/bb-data-integration-flatfile-HR/endpoint/dataSetStatus/{uid}", auth=(other["username"], "x"))
    assert response.status_code == 404


def test_dry_run_answers_json_and_changes_nothing(client):
    response = client.post(f"{BASE}/person/store?dryRun=true", data=FEED, auth=client.auth)
    assert response.json["outcomes"] == {"created": 1} and response.json["changes"] == {"created": ["k1"]}
    assert not client.app.sim.learn.users


def test_rest_needs_a_token_and_tokens_expire(client):
    refused = client.get("/learn/api/public/v1/users")
    assert refused.json["status"] == 401 and refused.json["message"] == "Bearer token is invalid or has expired"
    assert re.fullmatch(r"[0-9a-f]{32}", refused.json["extraInfo"])
    client.post("/_sim/rest-apps", json={"key": "k", "secret": "s"})
    bad = client.post("/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"}, auth=("k", "x"))
    assert bad.status_code == 401 and bad.json["error"] == "invalid_client"
    token = client.post("/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"}, auth=("k", "s")).json
    assert token["token_type"] == "bearer" and token["expires_in"] == 3600
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    assert client.get("/learn/api/public/v1/users", headers=headers).status_code == 200
    client.post("/_sim/clock/advance", json={"seconds": 3600})
    assert client.get("/learn/api/public/v1/users", headers=headers).status_code == 401


def test_control_api_errors_are_json_and_say_what_is_wrong(client):
    response = client.put("/_sim/integrations/X", json={"password": "pw"})
    assert response.status_code == 400 and "data_source_key" in response.json["message"]
    response = client.post("/_sim/clock/advance", data="{not json", content_type="application/json")
    assert response.status_code == 400 and "not valid JSON" in response.json["message"]
    response = client.post("/_sim/clock/advance", json={"seconds": -1})
    assert response.status_code == 400
    assert client.get("/_sim/openapi.json").json["openapi"].startswith("3.")


def test_wrong_method_is_405_with_the_allowed_ones(client):
    response = client.get(f"{BASE}/person/store")
    assert response.status_code == 405 and "POST" in response.text


def test_mock_routes_only_its_base_url_and_passes_others_through():
    with mock_learn("https://learn.test") as learn:
        assert requests.post("https://learn.test/_sim/reset", timeout=5).json() == {"reset": True}
        with pytest.raises(requests.ConnectionError):
            requests.get("http://127.0.0.1:9/", timeout=2)  # passed through to a closed port
        assert learn.sim.learn.users == {}


def test_mock_as_decorator_gives_a_fresh_learn_each_call():
    @mock_learn("https://learn.test")
    def create():
        requests.put("https://learn.test/_sim/integrations/A", json={"data_source_key": "D", "password": "p"}, timeout=5)
        return requests.get("https://learn.test/_sim/integrations/A", timeout=5).status_code

    assert create() == 200 and create() == 200

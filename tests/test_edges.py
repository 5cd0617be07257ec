"""The simulator's edges (issue 9 items 4 and 8): the defects once replayed over HTTP are
refused with a 400 naming the field, the one error boundary hides tracebacks, the
OpenAPI document is valid and describes the admin token, and absolute URLs come from the
public base URL, never from the request's Host header."""
from __future__ import annotations

import logging

import pytest
from openapi_spec_validator import validate
from werkzeug.test import Client

from simulator.http import create_app
from simulator.http import app as app_module

TOKEN = "edges-admin-token-0123456789abcdef"
ADMIN = {"Authorization": f"Bearer {TOKEN}"}
FEED = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store"
PERSONS = b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME\nk1|u1|pw|A|B\n"


@pytest.fixture
def learn():
    app = create_app(admin_token=TOKEN)
    client = Client(app, use_cookies=False)
    body = client.put("/_sim/integrations/BBLEARN", headers=ADMIN, json={"data_source_key": "SIS", "password": "pw"}).json
    client.feed_auth = (body["username"], "pw")
    client.app = app
    return client


@pytest.mark.parametrize(("method", "path", "body", "field"), [
    ("POST", "/_sim/clock/advance", {"seconds": 1e300}, "seconds"),
    ("POST", "/_sim/clock/advance", {"seconds": "10"}, "seconds"),
    ("POST", "/_sim/clock/advance", {"seconds": -1}, "seconds"),
    ("POST", "/_sim/clock/advance", {}, "seconds"),
    ("PUT", "/_sim/integrations/BBLEARN", {"default_system_role": 5}, "default_system_role"),
    ("PUT", "/_sim/integrations/BBLEARN", {"delimiter": 7}, "delimiter"),
    ("PUT", "/_sim/integrations/BBLEARN", {"delimiter": ["|"]}, "delimiter"),
    ("PUT", "/_sim/integrations/BBLEARN", {"data_source_key": 5}, "data_source_key"),
    ("PUT", "/_sim/integrations/BBLEARN", {"background_delay_seconds": "abc"}, "background_delay_seconds"),
    ("PUT", "/_sim/integrations/BBLEARN", {"background_delay_seconds": None}, "background_delay_seconds"),
    ("PUT", "/_sim/integrations/BBLEARN", {"background_delay_seconds": 1e308}, "background_delay_seconds"),
    ("PUT", "/_sim/integrations/BBLEARN", {"status": "paused"}, "status"),
    ("PUT", "/_sim/integrations/BBLEARN", {"delete_behaviour": {"person": 1}}, "delete_behaviour.person"),
    ("PUT", "/_sim/integrations/BBLEARN", {"field_mappings": {"person": {"title": {"script": 5}}}},
     "field_mappings.person.title.script"),
    ("PUT", "/_sim/integrations/BBLEARN", {"colour": "blue"}, "colour"),
    ("POST", "/_sim/rest-apps", {"key": ["a"]}, "key"),
    ("POST", "/_sim/institution-roles", {"roleId": "R", "name": 5}, "name"),
    ("POST", "/_sim/login", {"userName": "u1"}, "password"),
    ("PUT", "/_sim/connect/config", {"twoNumbers": "yes"}, "twoNumbers"),
    ("POST", "/_sim/announcements", {"body": "hi", "channels": ["fax"]}, "channels.0"),
    ("PUT", "/_sim/connector", {"serviceAccount": {"userName": 5, "password": "p"}}, "serviceAccount.userName"),
])
def test_bad_fields_are_a_400_naming_the_field_and_change_nothing(learn, method, path, body, field):
    before = learn.get("/_sim/integrations/BBLEARN", headers=ADMIN).json
    answer = learn.open(path, method=method, json=body, headers=ADMIN)
    assert answer.status_code == 400, answer.text
    assert field in answer.json["message"], answer.json["message"]
    assert learn.get("/_sim/integrations/BBLEARN", headers=ADMIN).json == before
    assert learn.post(FEED, data=PERSONS, auth=learn.feed_auth).status_code == 200


def test_a_connector_filter_whose_key_is_a_list_is_the_connectors_400(learn):
    learn.put("/_sim/connector", headers=ADMIN, json={"serviceAccount": {"userName": "svc", "password": "pw"}})
    answer = learn.post("/webapps/fii-connector-BBLEARN/api/provisioning/User/export", auth=("svc", "pw"),
                        json={"filter": [{"key": ["userName"], "operator": "equals", "value": "x"}]})
    assert answer.status_code == 400 and answer.json["status"] == "error"
    assert answer.json["errors"][0]["attribute"] == "filter.0.key"


def test_the_clock_cannot_be_moved_past_the_end_of_time(learn):
    for _ in range(3):
        learn.post("/_sim/clock/advance", headers=ADMIN, json={"seconds": 10 * 365 * 24 * 3600})
    answer = learn.post("/_sim/clock/advance", headers=ADMIN, json={"seconds": 10 * 365 * 24 * 3600})
    assert answer.status_code in (200, 400)
    assert learn.get("/_sim/clock", headers=ADMIN).status_code == 200


def test_the_error_boundary_answers_500_without_a_traceback_and_logs_it(learn, monkeypatch, caplog):
    def broken(app, request):
        raise RuntimeError("secret internals")

    monkeypatch.setitem(app_module.HANDLERS, "simulator.http.control.get_clock", broken)
    with caplog.at_level(logging.ERROR, logger="learnsim.http"):
        answer = learn.get("/_sim/clock", headers=ADMIN)
    assert answer.status_code == 500 and answer.json == {"status": 500, "message": answer.json["message"]}
    assert "secret internals" not in answer.text and "Traceback" not in answer.text
    assert "secret internals" in caplog.text and learn.app.boundary_hits == 1


def test_the_openapi_document_is_valid_and_describes_the_admin_token(learn):
    document = learn.get("/_sim/openapi.json", headers=ADMIN).json
    validate(document)
    assert document["components"]["securitySchemes"]["adminToken"] == {
        **document["components"]["securitySchemes"]["adminToken"], "type": "http", "scheme": "bearer"}
    assert document["security"] == [{"adminToken": []}]
    integration = document["paths"]["/_sim/integrations/{bbid}"]["put"]
    assert integration["parameters"][0]["name"] == "bbid"
    assert "background_delay_seconds" in integration["requestBody"]["content"]["application/json"]["schema"]["properties"]


@pytest.mark.parametrize(("public_url", "root"), [("https://learn.example.edu", "https://learn.example.edu/"),
                                                  (None, "http://localhost/")])
def test_rest_course_links_come_from_the_public_url_never_from_host(public_url, root):
    app = create_app(admin_token=TOKEN, public_url=public_url)
    client = Client(app, use_cookies=False)
    client.put("/_sim/connector", headers=ADMIN, json={"serviceAccount": {"userName": "svc", "password": "pw"}})
    client.post("/_sim/rest-apps", headers=ADMIN, json={"key": "k", "secret": "s"})
    added = client.post("/webapps/fii-connector-BBLEARN/api/provisioning/Course/add", auth=("svc", "pw"),
                        json={"record": {"associatedCourseId": "MATH101", "title": "Maths"}})
    assert added.status_code == 200, added.text
    token = client.post("/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                        auth=("k", "s")).json["access_token"]
    course = client.get("/learn/api/public/v3/courses/courseId:MATH101",
                        headers={"Authorization": f"Bearer {token}", "Host": "evil.example"}).json
    assert course["externalAccessUrl"].startswith(f"{root}webapps/blackboard/execute/courseMain?course_id=")
    assert course["guestAccessUrl"].startswith(root) and "evil.example" not in str(course)


def test_absolute_urls_come_from_the_public_url_never_from_host():
    app = create_app(admin_token=TOKEN, public_url="https://learn.example.edu")
    client = Client(app, use_cookies=False)
    assert app.url_root(_request(client, "evil.example")) == "https://learn.example.edu/"
    default = create_app(admin_token=TOKEN)
    assert default.url_root(_request(Client(default), "evil.example")).startswith("http://localhost")


def _request(client: Client, host: str):
    from werkzeug.test import EnvironBuilder
    from werkzeug.wrappers import Request

    return Request(EnvironBuilder(path="/", headers={"Host": host}).get_environ())

"""A property-based run of Learn's published contract against the in-process simulator:
for every GET path the simulator serves, requests built from the contract's own
parameter declarations (hypothesis-jsonschema: every documented query parameter, any
value of its declared type, format and enum; path ids that exist and ones that do not)
never get a server error, and every answer keeps the contract (`tests/contract.py`,
with only the recorded exceptions)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from werkzeug.test import Client

from simulator.connector import provisioning
from simulator.connector.service import FORMATS
from simulator.connector.session import Session
from simulator.http import create_app
from tests.contract import learn_contract

V1 = "/learn/api/public/v1"
FEED = ("EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|GENDER|EDUC_LEVEL|BIRTHDATE|EMAIL\n"
        "k1|ann|pw|Ann|Able|F|SENIOR|19990102|ann@example.edu\nk2|bob|pw|Bob|Baker|||| \nk3|obs|pw|O|Server|m|||\n")
GET_PATHS = sorted(path for path, methods in learn_contract().paths.items() if "get" in methods)


@pytest.fixture(scope="module")
def learn():
    app = create_app(open_control=True)
    client = Client(app)
    body = client.put("/_sim/integrations/PROPS", json={"data_source_key": "SIS.PROPS", "password": "pw"}).json
    uid = client.post("/webapps/bb-data-integration-flatfile-PROPS/endpoint/person/store", data=FEED,
                      auth=(body["username"], "pw")).text.split()[-8]
    client.post("/webapps/bb-data-integration-flatfile-PROPS/endpoint/associateobserver/store",
                data="EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY\nk3|k1\n", auth=(body["username"], "pw"))
    session = Session(app.sim.learn, app.sim.connector)
    provisioning.add(session, FORMATS["Course"], {"associatedCourseId": "C1", "title": "Course one",
                                                  "courseMembership": [{"userId": "ann", "role": "STUDENT"}]})
    provisioning.add(session, FORMATS["Group"], {"courseId": "C1", "title": "Set", "isWithForum": False,
                                                 "isGroupSet": True})
    provisioning.add(session, FORMATS["Group"], {"courseId": "C1", "title": "G", "isWithForum": False, "setId": "_1_1",
                                                 "groupMembership": [{"courseMembershipId": "_1_1"}]})
    term = app.sim.learn.terms.create(external_id="T1", name="Term one", data_source="SIS.PROPS")
    app.sim.learn.courses.by_ref("courseId:C1").term_pk = term.pk
    client.post("/_sim/rest-apps", json={"key": "props", "secret": "props-secret"})
    token = client.post(f"{V1}/oauth2/token?grant_type=client_credentials", auth=("props", "props-secret")).json
    client.headers = {"Authorization": f"Bearer {token['access_token']}"}
    client.ids = {
        "userId": ["_1_1", "userName:ann", "externalId:k3", "me", "_99_1", "userName:nobody"],
        "courseId": ["_1_1", "courseId:C1", "externalId:C1", "_42_1"],
        "groupId": ["_1_1", "_2_1", "externalId:nothing"],
        "dataSourceId": ["_1_1", "_2_1", "externalId:SIS.PROPS", "externalId:none"],
        "roleId": ["STUDENT", "SystemAdmin", "Student", "Integration", "nobody"],
        "termId": [term.pk, "externalId:T1", "_9_1"],
        "id": [uid, "0" * 32],
    }
    return client


def _query_value(value) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


JSON_TYPES = {"string", "integer", "number", "boolean", "array"}


def _parameter_schema(parameter: dict) -> dict:
    """A query parameter's declared schema; the document's one invalid type (`ref`, for
    users' comma-separated `institutionRoleIds`) is a string."""
    schema = {k: parameter[k] for k in ("type", "format", "enum") if k in parameter}
    if schema.get("type") not in JSON_TYPES or schema.get("type") == "array":
        schema["type"] = "string"
    return schema


def _requests(learn, template: str):
    operation = learn_contract().paths[template]["get"]
    query = {p["name"]: _parameter_schema(p) for p in operation["parameters"] if p["in"] == "query"}
    names = [p["name"] for p in operation["parameters"] if p["in"] == "path"]
    path_values = st.fixed_dictionaries({name: st.sampled_from(learn.ids.get(name, ["x"])) | st.text(min_size=1)
                                         for name in names})
    # one optional entry per documented parameter, each value from its own declared schema
    query_values = st.fixed_dictionaries({}, optional={name: from_schema(schema) for name, schema in query.items()})
    return st.tuples(path_values, query_values)


@pytest.mark.parametrize("template", GET_PATHS)
def test_generated_requests_keep_the_contract_and_never_fail_the_server(learn, template):
    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(_requests(learn, template))
    def run(request):
        path_values, query_values = request
        path = template
        for name, value in path_values.items():
            path = path.replace("{" + name + "}", value.replace("/", "%2F").replace("?", "%3F").replace("#", "%23"))
        query = {name: _query_value(value) for name, value in query_values.items()}
        answer = learn.get(path, query_string=query, headers=learn.headers)
        assert answer.status_code < 500, (path, query, answer.text)
        problems = learn_contract().check("GET", path, answer.status_code, answer.get_data())
        assert not problems, (query, problems)

    run()

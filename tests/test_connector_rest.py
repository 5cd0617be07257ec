"""Learn's REST view of courses, memberships and groups: paths, versions, shapes, errors."""
import re

import pytest
from werkzeug.test import Client

from simulator.connector import provisioning
from simulator.connector.service import FORMATS
from simulator.connector.session import Session
from simulator.http import create_app

V1, V2, V3 = "/learn/api/public/v1", "/learn/api/public/v2", "/learn/api/public/v3"


@pytest.fixture
def rest():
    app = create_app(open_control=True)
    client = Client(app)
    client.post("/_sim/rest-apps", json={"key": "k", "secret": "s"})
    token = client.post(f"{V1}/oauth2/token", data={"grant_type": "client_credentials"}, auth=("k", "s")).json
    client.headers = {"Authorization": f"Bearer {token['access_token']}"}
    session = Session(app.sim.learn, app.sim.connector)
    provisioning.add(session, FORMATS["User"], {"userName": "jdoe", "password": "p", "givenName": "J", "familyName": "D"})
    provisioning.add(session, FORMATS["Course"], {"associatedCourseId": "MATH101", "title": "Maths",
                                                  "courseMembership": [{"userId": "jdoe", "role": "INSTRUCTOR"}]})
    provisioning.add(session, FORMATS["Course"], {"associatedCourseId": "CLUB", "title": "Club",
                                                  "serviceLevelType": "COMMUNITY"})
    provisioning.add(session, FORMATS["Group"], {"courseId": "MATH101", "title": "Set", "isWithForum": False,
                                                 "isGroupSet": True})
    provisioning.add(session, FORMATS["Group"], {"courseId": "MATH101", "title": "G", "isWithForum": False,
                                                 "groupMembership": [{"courseMembershipId": "_1_1"}]})
    return client


def get(client, path, **query):
    return client.get(path, query_string=query, headers=client.headers)


def test_courses_are_served_at_v3_with_learns_shape(rest):
    course = get(rest, f"{V3}/courses/courseId:MATH101").json
    assert {"id", "uuid", "externalId", "dataSourceId", "courseId", "name", "created", "modified", "organization",
            "ultraStatus", "allowGuests", "availability", "enrollment", "locale"} <= course.keys()
    assert course["availability"] == {"available": "Yes", "duration": {"type": "Continuous"}}
    assert get(rest, f"{V3}/courses/externalId:MATH101").json["id"] == course["id"]
    assert get(rest, f"{V3}/courses/{course['id']}").json["courseId"] == "MATH101"


def test_course_list_filters(rest):
    assert [c["courseId"] for c in get(rest, f"{V3}/courses", organization="true").json["results"]] == ["CLUB"]
    assert [c["courseId"] for c in get(rest, f"{V3}/courses", courseId="math").json["results"]] == ["MATH101"]
    assert len(get(rest, f"{V3}/courses", limit="1").json["results"]) == 1


def test_memberships_from_both_sides(rest):
    members = get(rest, f"{V1}/courses/courseId:MATH101/users").json["results"]
    assert [(m["userId"], m["courseRoleId"], m["availability"]) for m in members] == [("_1_1", "Instructor", {"available": "Yes"})]
    assert get(rest, f"{V1}/courses/courseId:MATH101/users/userName:jdoe").json["id"] == members[0]["id"]
    assert get(rest, f"{V1}/users/userName:jdoe/courses").json["results"][0]["courseId"] == "_1_1"
    assert get(rest, f"{V1}/courses/courseId:CLUB/users/userName:jdoe").status_code == 404


def test_groups_at_v2_sets_apart(rest):
    groups = get(rest, f"{V2}/courses/courseId:MATH101/groups").json["results"]
    assert [g["name"] for g in groups] == ["G"]
    assert [g["name"] for g in get(rest, f"{V2}/courses/courseId:MATH101/groups/sets").json["results"]] == ["Set"]
    group_id = groups[0]["id"]
    assert get(rest, f"{V2}/courses/courseId:MATH101/groups/{group_id}/users").json["results"] == [{"userId": "_1_1"}]
    assert get(rest, f"{V2}/courses/courseId:MATH101/groups/{group_id}/users/userName:jdoe").status_code == 200
    assert get(rest, f"{V2}/courses/courseId:CLUB/groups/{group_id}").status_code == 404


def test_unknown_course_and_missing_token(rest):
    missing = get(rest, f"{V3}/courses/courseId:NOPE")
    assert missing.status_code == 404 and {k: missing.json[k] for k in ("status", "message")} == {
        "status": 404, "message": "No course with id courseId:NOPE"}
    assert re.fullmatch(r"[0-9a-f]{32}", missing.json["extraInfo"])
    assert rest.get(f"{V3}/courses").status_code == 401


def test_the_connector_answers_bad_json_in_its_own_error_shape(rest):
    app = rest.application
    admin = app.sim.connector
    admin.configure({"serviceAccount": {"userName": "svc", "password": "pw"}})
    answer = rest.post("/webapps/fii-connector-BBLEARN/api/provisioning/User/add", data="{not json",
                       auth=("svc", "pw"), content_type="application/json")
    assert answer.status_code == 400
    assert answer.json["errors"][0]["attribute"] == "body" and "not valid JSON" in answer.json["message"]

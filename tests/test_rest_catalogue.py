"""Learn's REST contract beyond users and paging: headers on every answer, version,
role catalogues, terms, enums, `fields`/`sort`/`expand`, the older published paths."""
from __future__ import annotations

import re

import pytest

from simulator.connector import provisioning
from simulator.connector.service import FORMATS
from simulator.connector.session import Session
from tests.helpers import served_learn

V1, V2, V3 = "/learn/api/public/v1", "/learn/api/public/v2", "/learn/api/public/v3"
LEARNS_SYSTEM_ROLES = {"AccountAdmin", "CourseCreator", "CourseSupport", "Guest", "Integration", "Observer", "Portal",
                       "SystemAdmin", "SystemSupport", "User"}


@pytest.fixture
def rest():
    client = served_learn("EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|GENDER|EDUC_LEVEL\n"
                          "k1|ann|pw|Ann|Able|F|HIGH_SCHOOL\nk2|bob|pw|Bob|Baker||\nk3|cy|pw|Cy|Cole|x|nonsense\n")
    client.headers = client.bearer
    session = Session(client.app.sim.learn, client.app.sim.connector)
    provisioning.add(session, FORMATS["Course"], {"associatedCourseId": "MATH101", "title": "Maths",
                                                  "courseMembership": [{"userId": "ann", "role": "STUDENT"}]})
    provisioning.add(session, FORMATS["Course"], {"associatedCourseId": "ART1", "title": "Art"})
    provisioning.add(session, FORMATS["Group"], {"courseId": "MATH101", "title": "Set", "isWithForum": False,
                                                 "isGroupSet": True})
    provisioning.add(session, FORMATS["Group"], {"courseId": "MATH101", "title": "Team A", "isWithForum": False,
                                                 "setId": "_1_1"})
    return client


def get(client, path, **query):
    return client.get(path, query_string=query, headers=client.headers)


def test_every_rest_answer_carries_the_rate_limit_headers(rest):
    for answer in (get(rest, f"{V1}/users"), get(rest, f"{V1}/users/nobody"), rest.get(f"{V1}/users"),
                   rest.post(f"{V1}/oauth2/token?grant_type=client_credentials", auth=("k", "s"))):
        limit, remaining, reset = (int(answer.headers[f"X-Rate-Limit-{n}"]) for n in ("Limit", "Remaining", "Reset"))
        assert limit >= remaining >= 0 and 0 < reset <= 86400
    first = int(get(rest, f"{V1}/users").headers["X-Rate-Limit-Remaining"])
    assert int(get(rest, f"{V1}/users").headers["X-Rate-Limit-Remaining"]) == first - 1


def test_errors_carry_extra_info(rest):
    answer = get(rest, f"{V1}/users/nobody").json
    assert answer["status"] == 404 and re.fullmatch(r"[0-9a-f]{32}", answer["extraInfo"])


def test_system_version_is_learns_shape_and_needs_no_token(rest):
    learn = rest.get(f"{V1}/system/version").json["learn"]
    assert (learn["major"], learn["minor"], learn["patch"]) >= (3900, 123, 0) and isinstance(learn["build"], str)


def test_system_roles_are_exactly_learns_enum_with_ids(rest):
    roles = get(rest, f"{V1}/systemRoles").json["results"]
    assert {r["roleId"] for r in roles} == LEARNS_SYSTEM_ROLES
    assert all(re.fullmatch(r"_\d+_1", r["id"]) and r["description"] and r["custom"] is False for r in roles)
    assert get(rest, f"{V1}/systemRoles/Integration").json["roleId"] == "Integration"
    assert get(rest, f"{V1}/systemRoles/StoreAdmin").status_code == 404
    assert [r["roleId"] for r in get(rest, f"{V1}/systemRoles", sort="roleId(desc)").json["results"]][:2] == [
        "User", "SystemSupport"]


def test_course_roles(rest):
    roles = get(rest, f"{V1}/courseRoles").json["results"]
    assert {r["roleId"] for r in roles} == {"Instructor", "BbFacilitator", "TeachingAssistant", "CourseBuilder",
                                            "Grader", "Student", "Guest"}
    student = get(rest, f"{V1}/courseRoles/Student").json
    assert (student["nameForCourses"], student["nameForOrganizations"]) == ("Student", "Participant")


def test_terms(rest):
    term = rest.app.sim.learn.terms.create(external_id="FALL26", name="Fall 2026", data_source="SIS")
    listed = get(rest, f"{V1}/terms").json["results"]
    assert [(t["id"], t["externalId"], t["name"]) for t in listed] == [(term.pk, "FALL26", "Fall 2026")]
    assert get(rest, f"{V1}/terms/externalId:FALL26").json["availability"] == {
        "available": "Yes", "duration": {"type": "Continuous"}}
    assert get(rest, f"{V1}/terms/externalId:NONE").status_code == 404
    course = rest.app.sim.learn.courses.by_ref("courseId:MATH101")
    course.term_pk = term.pk
    assert get(rest, f"{V3}/courses/courseId:MATH101").json["termId"] == term.pk
    assert [c["courseId"] for c in get(rest, f"{V3}/courses", termId="externalId:FALL26").json["results"]] == ["MATH101"]


def test_gender_and_education_level_are_learns_enums_always_present(rest):
    users = {u["userName"]: u for u in get(rest, f"{V1}/users").json["results"]}
    assert (users["ann"]["gender"], users["ann"]["educationLevel"]) == ("Female", "HighSchool")
    assert (users["bob"]["gender"], users["bob"]["educationLevel"]) == ("Unknown", "Unknown")
    assert (users["cy"]["gender"], users["cy"]["educationLevel"]) == ("Unknown", "Unknown")
    assert users["ann"]["avatar"]["source"] == "Default" and users["ann"]["avatar"]["viewUrl"].endswith("/avatar")


def test_the_avatar_url_redirects_to_learns_default_image(rest):
    view_url = get(rest, f"{V1}/users/userName:ann").json["avatar"]["viewUrl"]
    answer = rest.get(view_url, headers=rest.headers)
    assert answer.status_code == 302
    image = rest.get(answer.headers["Location"])
    assert image.status_code == 200 and image.mimetype == "image/svg+xml" and b"<svg" in image.data
    assert get(rest, f"{V1}/users/userName:nobody/avatar").status_code == 404


def test_fields_keeps_only_the_named_properties(rest):
    assert get(rest, f"{V1}/users/userName:ann", fields="id,name.given").json == {
        "id": get(rest, f"{V1}/users/userName:ann").json["id"], "name": {"given": "Ann"}}
    page = get(rest, f"{V1}/users", fields="userName", limit="1").json
    assert page["results"] == [{"userName": "ann"}] and page["paging"]["nextPage"].endswith("fields=userName&limit=1&offset=1")


def test_sort_orders_by_the_supported_properties_and_refuses_others(rest):
    names = [u["userName"] for u in get(rest, f"{V1}/users", sort="name.family(desc)").json["results"]]
    assert names == ["cy", "bob", "ann"]
    refused = get(rest, f"{V1}/users", sort="gender")
    assert refused.status_code == 400 and "userName" in refused.json["message"]


def test_expand_course_nests_the_course_in_a_users_memberships(rest):
    membership = get(rest, f"{V1}/users/userName:ann/courses", expand="course").json["results"][0]
    assert membership["course"]["courseId"] == "MATH101" and membership["course"]["readOnly"] is False
    assert "course" not in get(rest, f"{V1}/users/userName:ann/courses").json["results"][0]
    member = get(rest, f"{V1}/courses/courseId:MATH101/users", expand="user").json["results"][0]
    assert member["user"]["userName"] == "ann"


def test_the_older_published_course_and_group_paths(rest):
    v1 = get(rest, f"{V1}/courses/courseId:MATH101").json
    v2 = get(rest, f"{V2}/courses/courseId:MATH101").json
    assert v1["id"] == v2["id"] and "modified" not in v1 and "modified" in v2 and v1["readOnly"] is False
    assert [c["courseId"] for c in get(rest, f"{V1}/courses").json["results"]] == ["MATH101", "ART1"]
    groups = get(rest, f"{V1}/courses/courseId:MATH101/groups").json["results"]
    assert [(g["name"], g["isGroupSet"], g.get("parentId")) for g in groups] == [("Set", True, None),
                                                                               ("Team A", False, "_1_1")]
    group_set = get(rest, f"{V2}/courses/courseId:MATH101/groups/sets").json["results"][0]
    children = get(rest, f"{V2}/courses/courseId:MATH101/groups/sets/{group_set['id']}/groups").json["results"]
    assert [(g["name"], g["groupSetId"]) for g in children] == [("Team A", group_set["id"])]
    team = children[0]["id"]
    assert get(rest, f"{V2}/courses/courseId:MATH101/groups/sets/{team}/groups").status_code == 404


def test_users_me_with_an_application_token_says_why_not(rest):
    answer = get(rest, f"{V1}/users/me")
    assert answer.status_code == 403 and "/webapps/login/" in answer.json["message"]

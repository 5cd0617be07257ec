"""Real Learn clients, unmodified, against a real `learnsim serve` over loopback HTTP:
Blackboard's `bb-rest-helper` 3.0.0 (application token) and `bblearn` 0.3.6 (a System
Administrator's session from Learn's web login). Everything they read was put there
through Learn's own surfaces: Snapshot Flat File feeds (people, observers, terms, a course
in a term) and the identity-management connector (courses, memberships, groups).
docs/compatibility.md lists each call and what it gives."""
from __future__ import annotations

import html
import re
import time
from types import SimpleNamespace

import pytest
import requests

from tests.served import learnsim_serve

Bb_rest_helper = pytest.importorskip("Bb_rest_helper")
blackboard = pytest.importorskip("blackboard")

BBID, SIS_USER, SIS_PASSWORD, DSK = "CLIENTS", "clients-sis", "clients-Sis-pw1", "SIS.CLIENTS"
APP_KEY, APP_SECRET = "client-app", "client-app-Secr3t"
CONNECTOR_USER, CONNECTOR_PASSWORD = "connector-svc", "connector-Pw-1"
ADMIN, ADMIN_PASSWORD = "admin1", "Adm1n-pass-word"
GENERATED = 130
PEOPLE = ("EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|SYSTEM_ROLE|GENDER|EDUC_LEVEL|EMAIL\n"
          f"admin1|{ADMIN}|{ADMIN_PASSWORD}|Ada|Admin|sys_admin|||ada@example.edu\n"
          "ann|ann|Ann-pass-1|Ann|Able|none|F|HIGH_SCHOOL|ann@example.edu\n"
          "obs|obs|Obs-pass-1|Oscar|Observer|observer|M||\n"
          + "".join(f"g{i:03d}|u{i:03d}|pw-{i:03d}-Aa|Gen|User{i:03d}|none|||\n" for i in range(GENERATED)))
OBSERVERS = "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY\nobs|ann\n"
TERMS = "EXTERNAL_TERM_KEY|NAME\nFALL26|Fall 2026\n"
TERM_COURSES = "EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|TERM_KEY\nHIST9-FALL26|HIST9|History|FALL26\n"


def _feed(url: str, object_name: str, body: str) -> str:
    endpoint = f"{url}/webapps/bb-data-integration-flatfile-{BBID}/endpoint"
    answer = requests.post(f"{endpoint}/{object_name}/store", data=body.encode(), auth=(SIS_USER, SIS_PASSWORD),
                           timeout=60)
    assert answer.status_code == 200, answer.text
    uid = answer.text.split()[-8]
    for _ in range(600):
        status = requests.get(f"{endpoint}/dataSetStatus/{uid}", auth=(SIS_USER, SIS_PASSWORD), timeout=60).text
        if "<queuedCount>0</queuedCount>" in status:
            return uid
        time.sleep(0.05)
    raise AssertionError(f"data set {uid} never finished: {status}")


def _connector(url: str, connector_path: str, data_format: str, record: dict) -> dict:
    answer = requests.post(f"{url}{connector_path}api/provisioning/{data_format}/add", json={"record": record},
                           auth=(CONNECTOR_USER, CONNECTOR_PASSWORD), timeout=60)
    assert answer.status_code == 200, answer.text
    return answer.json()


def web_login(url: str, user_id: str, password: str) -> requests.Session:
    """Sign in through Learn's login form, as a person's browser does."""
    browser = requests.Session()
    form = browser.get(f"{url}/webapps/login/", timeout=60).text
    nonce = re.search(r'name="blackboard\.platform\.security\.NonceUtil\.nonce"[^>]*value="([^"]+)"', form) or \
        re.search(r'value="([^"]+)"[^>]*name="blackboard\.platform\.security\.NonceUtil\.nonce"', form)
    assert nonce, form
    answer = browser.post(f"{url}/webapps/login/", data={
        "user_id": user_id, "password": password, "login": "Login", "action": "login", "new_loc": "",
        "blackboard.platform.security.NonceUtil.nonce": html.unescape(nonce.group(1))}, timeout=60)
    assert answer.ok and "BbRouter" in browser.cookies, answer.text[:500]
    return browser


@pytest.fixture(scope="module")
def learn():
    banner: list[str] = []
    options = ("--integration", BBID, "--username", SIS_USER, "--password", SIS_PASSWORD, "--data-source", DSK,
               "--rest-app", f"{APP_KEY}:{APP_SECRET}", "--connector-account", f"{CONNECTOR_USER}:{CONNECTOR_PASSWORD}")
    with learnsim_serve(*options, banner=banner) as url:
        connector_path = next(re.search(r"connector at (\S+?):", line).group(1) for line in banner
                              if line.startswith("connector at "))
        people = _feed(url, "person", PEOPLE)
        _feed(url, "associateobserver", OBSERVERS)
        _feed(url, "term", TERMS)
        _feed(url, "course", TERM_COURSES)
        _connector(url, connector_path, "Course", {"associatedCourseId": "MATH101", "title": "Maths", "courseMembership": [
            {"userId": "ann", "role": "STUDENT"}, {"userId": ADMIN, "role": "INSTRUCTOR"}]})
        _connector(url, connector_path, "Course", {"associatedCourseId": "ART1", "title": "Art"})
        group_set = _connector(url, connector_path, "Group", {"courseId": "MATH101", "title": "Projects",
                                                              "isWithForum": False, "isGroupSet": True})
        _connector(url, connector_path, "Group", {"courseId": "MATH101", "title": "Team A", "isWithForum": False,
                                                  "setId": group_set["id"]})
        yield SimpleNamespace(url=url, people_uid=people)


# -- bb-rest-helper 3.0.0 ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def helper(learn):
    token = Bb_rest_helper.Auth_Helper(learn.url, APP_KEY, APP_SECRET).learn_auth()
    assert token, "bb-rest-helper got no token"
    return SimpleNamespace(url=learn.url, token=token, get=Bb_rest_helper.Bb_Requests().Bb_GET,
                           utils=Bb_rest_helper.Bb_Utils())


def test_bb_rest_helper_lists_every_user_across_pages(helper):
    users = helper.get(helper.url, "/learn/api/public/v1/users", helper.token)
    names = [u["userName"] for u in users]
    assert len(names) == len(set(names)) == GENERATED + 3


def test_bb_rest_helper_follows_pages_with_its_own_filters(helper):
    users = helper.get(helper.url, "/learn/api/public/v1/users", helper.token, {"userName": "u0", "limit": 20})
    assert sorted(u["userName"] for u in users) == [f"u{i:03d}" for i in range(100)]


def test_bb_rest_helper_single_users_through_filters(helper):
    found = helper.get(helper.url, "/learn/api/public/v1/users", helper.token, {"externalId": "ann", "fields": "id,userName,gender"})
    assert [(u["userName"], u["gender"]) for u in found] == [("ann", "Female")]
    # Bb_GET reads list answers only: a single object has no `results`, so the client hands back []
    assert helper.get(helper.url, "/learn/api/public/v1/users/userName:ann", helper.token) == []


def test_bb_rest_helper_data_sources_roles_observers(helper):
    sources = helper.get(helper.url, "/learn/api/public/v1/dataSources", helper.token, {"externalId": DSK})
    assert [s["externalId"] for s in sources] == [DSK]
    roles = helper.get(helper.url, "/learn/api/public/v1/institutionRoles", helper.token)
    assert "STUDENT" in {r["roleId"] for r in roles}
    observers = helper.get(helper.url, "/learn/api/public/v1/users/userName:ann/observers", helper.token)
    observees = helper.get(helper.url, "/learn/api/public/v1/users/userName:obs/observees", helper.token)
    assert [u["userName"] for u in observers] == ["obs"] and [u["userName"] for u in observees] == ["ann"]


def test_bb_rest_helper_courses_and_memberships(helper):
    courses = helper.get(helper.url, "/learn/api/public/v3/courses", helper.token)
    assert sorted(c["courseId"] for c in courses) == ["ART1", "HIST9", "MATH101"]
    in_term = helper.get(helper.url, "/learn/api/public/v3/courses", helper.token, {"termId": "externalId:FALL26"})
    assert [c["courseId"] for c in in_term] == ["HIST9"] and in_term[0]["termId"].startswith("_")
    members = helper.get(helper.url, "/learn/api/public/v1/courses/courseId:MATH101/users", helper.token)
    assert sorted(m["courseRoleId"] for m in members) == ["Instructor", "Student"]
    mine = helper.get(helper.url, "/learn/api/public/v1/users/userName:ann/courses", helper.token, {"expand": "course"})
    assert [m["course"]["courseId"] for m in mine] == ["MATH101"]


def test_bb_rest_helper_course_id_helpers(helper):
    assert helper.utils.check_course_id(helper.url, helper.token, "MATH101") is True
    assert helper.utils.check_course_id(helper.url, helper.token, "NO-SUCH-COURSE") is False
    course_pk = helper.utils.learn_convert_external_id(helper.url, helper.token, "MATH101")
    assert re.fullmatch(r"_\d+_1", course_pk)
    assert helper.utils.learn_convert_external_id(helper.url, helper.token, "MATH101", "courseId") == "MATH101"


# -- bblearn 0.3.6 -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bb(learn):
    browser = web_login(learn.url, ADMIN, ADMIN_PASSWORD)
    return blackboard.BlackboardSession(learn.url, cookies=browser.cookies)


def test_bblearn_knows_the_signed_in_user_and_the_version(bb):
    me = bb.fetch_users(user_id="me")
    assert me["userName"] == ADMIN and bb.user_id == me["id"] and me["systemRoleIds"] == ["SystemAdmin"]
    version = bb.fetch_version()["learn"]
    assert (version["major"], version["minor"]) >= (3900, 123)


def test_bblearn_users_observers_data_sources(bb):
    first_page = bb.fetch_users()
    assert len(first_page) == 100 and all("avatar" in u for u in first_page)
    ann = bb.fetch_users(user_id="userName:ann")
    assert (ann["gender"], ann["educationLevel"]) == ("Female", "HighSchool")
    assert [u["userName"] for u in bb.fetch_observers(user_id=ann["id"])] == ["obs"]
    assert [u["userName"] for u in bb.fetch_observees(user_id="userName:obs")] == ["ann"]
    assert DSK in {s["externalId"] for s in bb.fetch_data_sources()}
    assert bb.fetch_data_sources(data_source_id=f"externalId:{DSK}")["externalId"] == DSK


def test_bblearn_roles(bb):
    assert "STUDENT" in {r["roleId"] for r in bb.fetch_institution_roles()}
    assert bb.fetch_institution_roles(role_id="STUDENT")["roleId"] == "STUDENT"
    assert "Integration" in {r["roleId"] for r in bb.fetch_system_roles()}
    assert bb.fetch_system_roles(role_id="SystemAdmin")["roleId"] == "SystemAdmin"
    assert bb.fetch_course_roles(role_id="Student")["nameForCourses"] == "Student"


def test_bblearn_courses_memberships_groups(bb):
    course = bb.fetch_courses(course_id="courseId:MATH101")
    assert course.courseId == "MATH101" and course.name == "Maths"
    assert sorted(c.courseId for c in bb.fetch_courses()) == ["ART1", "HIST9", "MATH101"]
    memberships = bb.fetch_user_memberships(user_id="userName:ann")
    assert [m.courseId for m in memberships] == [course.id]
    assert bb.fetch_course_memberships(course_id=course.id, user_id="userName:ann")["courseRoleId"] == "Student"
    group_set = bb.fetch_group_sets(course_id=course.id)[0]
    assert group_set["name"] == "Projects"
    children = bb.fetch_group_set_children(course_id=course.id, group_id=group_set["id"])
    assert [g["name"] for g in children] == ["Team A"] == [g["name"] for g in bb.fetch_groups(course_id=course.id)]


def test_bblearn_terms_and_the_sis_log(bb, learn):
    terms = bb.fetch_terms()
    assert [(t["externalId"], t["name"]) for t in terms] == [("FALL26", "Fall 2026")]
    assert bb.fetch_terms(term_id="externalId:FALL26")["id"] == terms[0]["id"]
    entries = bb.fetch_sis_logs(id=learn.people_uid)
    assert entries and {e["level"] for e in entries} <= {"Debug", "Information", "Warning", "Error"}
    assert any(f"{GENERATED + 3} rows processed" in e["message"] for e in entries)


def test_bblearn_refuses_what_an_ordinary_users_session_may_not_read(learn):
    session = blackboard.BlackboardSession(learn.url, cookies=web_login(learn.url, "ann", "Ann-pass-1").cookies)
    assert session.fetch_users(user_id="me")["userName"] == "ann"
    with pytest.raises(blackboard.exceptions.BBForbiddenError):
        session.fetch_users()

"""Learn's web login (`/webapps/login/`), its session cookies, and REST read with that session."""
import re

import pytest
import requests

from simulator.learn.sessions import SESSION_TIMEOUT
from simulator.mock import mock_learn
from steps import weblogin

BASE = "https://learn.example.edu"
NONCE = "blackboard.platform.security.NonceUtil.nonce"
FEED = (b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|SYSTEM_ROLE|AVAILABLE_IND|ROW_STATUS\n"
        b"k1|admin1|adminpw|Ada|Admin|sys_admin|Y|ENABLED\n"
        b"k2|student1|studentpw|Sam|Student|none|Y|ENABLED\n"
        b"k3|away1|awaypw|Una|Away|none|N|ENABLED\n"
        b"k4|gone1|gonepw|Dee|Gone|none|Y|DISABLED\n")


@pytest.fixture
def learn():
    with mock_learn(BASE) as mocked:
        control = requests.Session()
        body = control.put(f"{BASE}/_sim/integrations/BBLEARN", json={"data_source_key": "SIS", "password": "pw"}).json()
        answer = control.post(f"{BASE}/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store",
                              data=FEED, auth=(body["username"], "pw"))
        assert answer.status_code == 200, answer.text
        yield mocked


def form_fields(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


def post_login(browser: requests.Session, user: str, password: str, **extra) -> requests.Response:
    fields = form_fields(browser.get(f"{BASE}/webapps/login/").text)
    fields.update(user_id=user, password=password, login="Login", **extra)
    return browser.post(f"{BASE}/webapps/login/", data=fields, allow_redirects=False)


def test_the_form_has_learns_fields(learn):
    page = requests.get(f"{BASE}/webapps/login/")
    assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
    for name in ("user_id", "password", "login", "new_loc", NONCE):
        assert f'name="{name}"' in page.text, name
    assert 'name="action" value="login"' in page.text
    assert "JSESSIONID" in page.headers["Set-Cookie"]


def test_a_good_login_sets_learns_cookies_and_lands_on_the_default_tab(learn):
    browser = requests.Session()
    answer = post_login(browser, "student1", "studentpw")
    assert answer.status_code == 302
    assert answer.headers["Location"].endswith("/webapps/portal/execute/tabs/tabAction?tab_tab_group_id=_1_1")
    cookies = answer.raw.headers.getlist("Set-Cookie")
    assert {c.split("=", 1)[0] for c in cookies} == {"JSESSIONID", "BbRouter"}
    assert all("HttpOnly" in c and "Path=/" in c for c in cookies)
    landing = browser.get(BASE + answer.headers["Location"])
    assert "Sam Student" in landing.text and "/webapps/login/?action=logout" in landing.text
    assert browser.get(f"{BASE}/learn/api/public/v1/users/me").json()["userName"] == "student1"


def test_new_loc_is_followed_only_on_this_server(learn):
    answer = post_login(requests.Session(), "student1", "studentpw", new_loc="/webapps/portal/execute/tabs/tabAction?x=1")
    assert answer.headers["Location"].endswith("/webapps/portal/execute/tabs/tabAction?x=1")
    answer = post_login(requests.Session(), "student1", "studentpw", new_loc="//evil.example/")
    assert answer.headers["Location"].endswith("tab_tab_group_id=_1_1")


@pytest.mark.parametrize("user, password", [("student1", "wrong"), ("nobody", "x"), ("away1", "awaypw"),
                                            ("gone1", "gonepw")])
def test_a_refused_login_says_you_are_not_logged_in_and_starts_no_session(learn, user, password):
    browser = requests.Session()
    answer = post_login(browser, user, password)
    assert answer.status_code == 200 and "You are not logged in" in answer.text
    assert "BbRouter" not in browser.cookies
    assert browser.get(f"{BASE}/learn/api/public/v1/users/me").status_code == 401


def test_the_nonce_is_checked(learn):
    browser = requests.Session()
    fields = form_fields(browser.get(f"{BASE}/webapps/login/").text)
    fields.update({NONCE: "forged", "user_id": "student1", "password": "studentpw"})
    answer = browser.post(f"{BASE}/webapps/login/", data=fields, allow_redirects=False)
    assert answer.status_code == 200 and "You are not logged in" in answer.text
    stranger = requests.Session()  # a nonce from someone else's page is worth nothing either
    fields[NONCE] = form_fields(browser.get(f"{BASE}/webapps/login/").text)[NONCE]
    assert stranger.post(f"{BASE}/webapps/login/", data=fields, allow_redirects=False).status_code == 200
    assert "BbRouter" not in stranger.cookies


def test_logout_ends_the_session(learn):
    browser = requests.Session()
    post_login(browser, "student1", "studentpw")
    stolen = dict(browser.cookies)
    page = browser.get(f"{BASE}/webapps/login/?action=logout")
    assert "You have logged out" in page.text
    assert requests.get(f"{BASE}/learn/api/public/v1/users/me", cookies=stolen).status_code == 401


def test_a_session_expires_after_learns_timeout_of_simulated_time(learn):
    browser = requests.Session()
    post_login(browser, "student1", "studentpw")
    me = f"{BASE}/learn/api/public/v1/users/me"
    requests.post(f"{BASE}/_sim/clock/advance", json={"seconds": SESSION_TIMEOUT - 60})
    assert browser.get(me).status_code == 200  # each use pushes the end back
    requests.post(f"{BASE}/_sim/clock/advance", json={"seconds": SESSION_TIMEOUT + 1})
    assert browser.get(me).status_code == 401


def test_rest_with_a_session_has_the_users_rights(learn):
    student, admin = requests.Session(), requests.Session()
    post_login(student, "student1", "studentpw")
    post_login(admin, "admin1", "adminpw")
    v1 = f"{BASE}/learn/api/public/v1"
    own = student.get(f"{v1}/users/me").json()["id"]
    assert student.get(f"{v1}/users/{own}").status_code == 200
    assert student.get(f"{v1}/users").status_code == 403
    assert student.get(f"{v1}/users/userName:admin1").status_code == 403
    assert admin.get(f"{v1}/users").status_code == 200
    assert admin.get(f"{v1}/users/userName:student1").json()["userName"] == "student1"


def test_a_session_ends_when_its_user_is_disabled(learn):
    student = requests.Session()
    post_login(student, "student1", "studentpw")
    user = learn.sim.learn.users_by_user_name["student1"]
    user.enabled = False
    assert student.get(f"{BASE}/learn/api/public/v1/users/me").status_code == 401


def test_users_me_needs_a_user_not_an_application(learn):
    requests.post(f"{BASE}/_sim/rest-apps", json={"key": "k", "secret": "s"})
    token = requests.post(f"{BASE}/learn/api/public/v1/oauth2/token", data={"grant_type": "client_credentials"},
                          auth=("k", "s")).json()["access_token"]
    answer = requests.get(f"{BASE}/learn/api/public/v1/users/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 403 and "users/me" in answer.json()["message"]


def test_the_suites_form_login_reads_any_learn_login_page(learn):
    assert weblogin.log_in(BASE, "student1", "studentpw").ok
    refused = weblogin.log_in(BASE, "student1", "nope")
    assert not refused.ok and "incorrect" in refused.said


def test_an_encoded_password_is_accepted_as_older_login_pages_send_it(learn):
    import base64

    browser = requests.Session()
    answer = post_login(browser, "student1", "", encoded_pw=base64.b64encode(b"studentpw").decode())
    assert answer.status_code == 302 and "BbRouter" in browser.cookies

"""Learn's administrator pages over HTTP (the browser tests in tests/browser drive the same pages):
who may see them, CSRF, bad input answered next to the field with nothing changed, and
uploads going through the same SIS engine as the endpoint."""
import re
from pathlib import Path

import pytest
import requests

from simulator.mock import mock_learn

BASE = "https://learn.example.edu"
NONCE = "blackboard.platform.security.NonceUtil.nonce"
ADMIN = "/webapps/blackboard/admin"
INTEGRATIONS = f"{ADMIN}/dataIntegration/integrations"
UPLOAD = "/webapps/bb-data-integration-flatfile-BBLEARN/execute/uploadFeed"
STORE_EXAMPLE_1 = (Path(__file__).parent.parent / "fixtures" / "feeds" / "person_store_example1.txt").read_bytes()
PEOPLE = (b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|SYSTEM_ROLE\n"
          b"adm|administrator|adminpw|Ada|Admin|sys_admin\nstu|student|studentpw|Sam|Student|none\n")


def nonce(html: str) -> str:
    return re.search(rf'name="{re.escape(NONCE)}" value="([^"]+)"', html).group(1)


def field_errors(html: str) -> dict[str, str]:
    return dict(re.findall(r'<p class="field-error" id="error-([^"]+)" role="alert">([^<]*)</p>', html))


def log_in(user: str, password: str) -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{BASE}/webapps/login/").text
    answer = browser.post(f"{BASE}/webapps/login/", data={"user_id": user, "password": password, "action": "login",
                                                         "login": "Login", "new_loc": "", NONCE: nonce(form)})
    assert answer.status_code == 200 and "Welcome" in answer.text
    return browser


@pytest.fixture
def learn():
    with mock_learn(BASE) as mocked:
        control = requests.Session()
        user = control.put(f"{BASE}/_sim/integrations/ADMINS", json={"data_source_key": "STAFF", "password": "pw"}).json()
        control.post("{}/webapps/bb-data-integration-flatfile-ADMINS/endpoint/person/store".format(BASE),
                     data=PEOPLE, auth=(user["username"], "pw"))
        yield mocked


@pytest.fixture
def admin(learn):
    return log_in("administrator", "adminpw")


def create_integration(admin, **changes) -> requests.Response:
    form = admin.get(f"{BASE}{INTEGRATIONS}/create").text
    fields = {NONCE: nonce(form), "bbid": "BBLEARN", "data_source_key": "SIS.PERSONS", "password": "feedpw",
              "delimiter": "pipe", "status": "active", "refresh_behaviour": "disable", "default_system_role": "none",
              "processing": "immediate", "password_changes_on_update": "yes", **changes}
    return admin.post(f"{BASE}{INTEGRATIONS}/create", data=fields)


def upload(admin, body: bytes, **fields) -> requests.Response:
    form = admin.get(f"{BASE}{UPLOAD}").text
    return admin.post(f"{BASE}{UPLOAD}", data={NONCE: nonce(form), "object": "person", "operation": "store", **fields},
                      files={"feedFile": ("feed.txt", body)} if body is not None else None)


@pytest.mark.parametrize("path", ["/webapps/portal/execute/tabs/tabAction?tabType=admin", INTEGRATIONS,
                                  f"{ADMIN}/dataIntegration/logs", "/webapps/blackboard/execute/userManager",
                                  f"{ADMIN}/connect/contactSync", f"{ADMIN}/buildingBlocks/connector/settings"])
def test_only_a_system_administrator_sees_administrator_pages(learn, path):
    anonymous = requests.get(f"{BASE}{path}", allow_redirects=False)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/webapps/login/?new_loc=")
    student = log_in("student", "studentpw").get(f"{BASE}{path}")
    assert student.status_code == 403 and "Access Denied" in student.text
    assert log_in("administrator", "adminpw").get(f"{BASE}{path}").status_code == 200


def test_a_form_without_the_sessions_nonce_changes_nothing(learn, admin):
    answer = admin.post(f"{BASE}{INTEGRATIONS}/create", data={"bbid": "X", "data_source_key": "X", "password": "p"})
    assert answer.status_code == 403 and "security token" in answer.text
    assert "X" not in learn.sim.sis.integrations


def test_creating_and_editing_an_integration(learn, admin):
    answer = create_integration(admin, delimiter="custom", custom_delimiter=";", refresh_threshold="20")
    assert answer.status_code == 200 and "Integration BBLEARN saved" in answer.text
    integration = learn.sim.sis.integrations["BBLEARN"]
    assert (integration.delimiter, integration.refresh_threshold, integration.data_source_key) == (";", 20.0, "SIS.PERSONS")
    form = admin.get(f"{BASE}{INTEGRATIONS}/BBLEARN/edit").text
    assert integration.username in form and "feedpw" not in form
    answer = admin.post(f"{BASE}{INTEGRATIONS}/BBLEARN/edit", data={
        NONCE: nonce(form), "data_source_key": "SIS.PERSONS", "delimiter": "comma", "status": "testing",
        "refresh_behaviour": "purge", "default_system_role": "none", "processing": "immediate",
        "password_changes_on_update": "no", "delete_behaviour.person": "smart_delete"})
    assert answer.status_code == 200
    assert (integration.delimiter, integration.status) == ("comma", "testing")
    assert integration.accepts(integration.username, "feedpw"), "the new shared password is kept (hashed)"
    assert integration.delete_behaviour["person"] == "smart_delete" and not integration.password_changes_on_update


@pytest.mark.parametrize("changes, field", [
    ({"bbid": ""}, "bbid"), ({"data_source_key": ""}, "data_source_key"), ({"password": ""}, "password"),
    ({"status": "paused"}, "status"), ({"refresh_threshold": "lots"}, "refresh_threshold"),
    ({"delimiter": "custom", "custom_delimiter": "ab"}, "delimiter"), ({"field_mappings": "{not json"}, "field_mappings"),
    ({"default_system_role": "emperor"}, "default_system_role"),
])
def test_bad_integration_input_is_answered_next_to_the_field(learn, admin, changes, field):
    answer = create_integration(admin, **changes)
    assert answer.status_code == 400 and field in field_errors(answer.text), field_errors(answer.text)
    assert "BBLEARN" not in learn.sim.sis.integrations


def test_uploading_store_example_1_creates_the_people_through_the_sis_engine(learn, admin):
    create_integration(admin)
    answer = upload(admin, STORE_EXAMPLE_1)
    uid = re.search(r"reference code ([0-9a-f]{32})", answer.text).group(1)
    dataset = learn.sim.sis.datasets[uid]
    assert (dataset.object_name, dataset.operation, dataset.errors) == ("person", "store", 0)
    assert {"aanderson_test", "bbrown_test", "gcarlin_test"} <= set(learn.sim.learn.users_by_user_name)
    log = admin.get(f"{BASE}{ADMIN}/dataIntegration/logs", params={"dataSet": uid}).text
    assert uid in log and "rows processed" in log
    info = admin.get(f"{BASE}/webapps/blackboard/execute/userInformation",
                     params={"user_id": "userName:aanderson_test"}).text
    assert "aanderson_test" in info and "SIS.PERSONS" in info and "Not synchronised with Connect" in info


def test_a_dry_run_shows_the_changes_and_changes_nothing(learn, admin):
    create_integration(admin)
    before = len(learn.sim.learn.users)
    answer = upload(admin, STORE_EXAMPLE_1, dryRun="true")
    assert "Dry run: nothing was changed" in answer.text and "testPerson1" in answer.text
    assert len(learn.sim.learn.users) == before


def test_refresh_needs_advanced_options_even_when_posted_directly(learn, admin):
    create_integration(admin)
    before = (len(learn.sim.learn.users), len(learn.sim.sis.datasets))
    refused = upload(admin, STORE_EXAMPLE_1, operation="refresh")
    assert refused.status_code == 400 and "Enable Advanced Options" in field_errors(refused.text)["operation"]
    assert (len(learn.sim.learn.users), len(learn.sim.sis.datasets)) == before
    accepted = upload(admin, STORE_EXAMPLE_1, operation="refresh", advanced="on")
    assert accepted.status_code == 200 and "Success: Feed File Uploaded." in accepted.text


@pytest.mark.parametrize("body, fields, field", [
    (None, {}, "feedFile"), (b"  \n", {}, "feedFile"), (STORE_EXAMPLE_1, {"object": "spaceship"}, "object"),
    (STORE_EXAMPLE_1, {"operation": ""}, "operation"),
])
def test_bad_upload_input_is_answered_next_to_the_field(learn, admin, body, fields, field):
    create_integration(admin)
    before = len(learn.sim.sis.datasets)
    answer = upload(admin, body, **fields)
    assert answer.status_code == 400 and field in field_errors(answer.text), field_errors(answer.text)
    assert len(learn.sim.sis.datasets) == before


def test_log_filters_by_level_and_refuses_an_unknown_level(learn, admin):
    create_integration(admin)
    upload(admin, STORE_EXAMPLE_1 + b"broken row without enough fields\n")
    logs = f"{BASE}{ADMIN}/dataIntegration/logs"
    errors_only = admin.get(logs, params={"integration": "BBLEARN", "level": "ERROR"}).text
    assert 'class="level-ERROR"' in errors_only and 'class="level-INFO"' not in errors_only
    bad = admin.get(logs, params={"level": "LOUD"})
    assert bad.status_code == 400 and "level" in field_errors(bad.text)


def test_user_search_finds_by_user_name(learn, admin):
    page = admin.get(f"{BASE}/webapps/blackboard/execute/userManager",
                     params={"field": "user_name", "operator": "contains", "term": "stud"}).text
    assert "student" in page and "administrator</a>" not in page


def test_connect_settings_sync_and_statement(learn, admin):
    requests.put(f"{BASE}/_sim/connect/account", json={"account": "acme", "password": "cpw", "sisCode": "S1",
                                                       "email": "ops@example.edu"})
    page = f"{BASE}{ADMIN}/connect/contactSync"
    missing = admin.post(page, data={NONCE: nonce(admin.get(page).text), "account": "", "sisCode": ""})
    assert missing.status_code == 400 and {"account", "sisCode", "password"} <= set(field_errors(missing.text))
    saved = admin.post(page, data={NONCE: nonce(missing.text), "account": "acme", "password": "cpw", "sisCode": "S1",
                                   "smsField": "m_phone", "voiceField": "m_phone"})
    assert saved.status_code == 200 and "Settings saved" in saved.text
    ran = admin.post(page, data={NONCE: nonce(saved.text), "run": "sync"})
    assert ran.status_code == 200 and "Contact synchronisation ran" in ran.text and "ops@example.edu" in ran.text
    info = admin.get(f"{BASE}/webapps/blackboard/execute/userInformation", params={"user_id": "userName:student"}).text
    statement = re.search(r'id="connectStatement">(.*?)</dd>', info, re.S).group(1)
    assert "Connect" in statement


def test_announcement_needs_a_message_and_a_channel(learn, admin):
    page = f"{BASE}{ADMIN}/notifications/general"
    answer = admin.post(page, data={NONCE: nonce(admin.get(page).text), "send": "announcement", "body": " "})
    assert answer.status_code == 400 and {"body", "channels"} <= set(field_errors(answer.text))


def test_connector_settings_and_test_connection(learn, admin):
    page = f"{BASE}{ADMIN}/buildingBlocks/connector/settings"
    shown = admin.get(page).text
    assert "/webapps/fii-connector-BBLEARN/api" in shown
    good = admin.post(page, data={NONCE: nonce(shown), "test": "connection", "testUser": "administrator",
                                  "testPassword": "adminpw"})
    assert "established successfully" in good.text
    bad = admin.post(page, data={NONCE: nonce(shown), "test": "connection", "testUser": "student",
                                 "testPassword": "studentpw"})
    assert "Failed to establish" in bad.text and "not an administrator" in bad.text
    refused = admin.post(page, data={NONCE: nonce(shown), "bbid": "no spaces allowed", "available": "on"})
    assert refused.status_code == 400 and "bbid" in field_errors(refused.text)
    assert learn.sim.connector.bbid == "BBLEARN"


def test_docs_ui_shows_every_screenshot_and_only_existing_ones():
    docs = Path(__file__).parent.parent / "docs"
    shown = set(re.findall(r"\]\((ui/[^)]+\.png)\)", (docs / "ui.md").read_text()))
    taken = {f"ui/{p.name}" for p in (docs / "ui").glob("*.png")}
    assert shown == taken, f"in docs/ui.md only: {shown - taken}; taken but not shown: {taken - shown}"


def test_institution_roles_and_data_sources_are_created_on_their_pages(learn, admin):
    roles = f"{BASE}{ADMIN}/institutionRoles"
    created = admin.post(roles, data={NONCE: nonce(admin.get(roles).text), "roleId": "volunteer", "name": "Volunteer"})
    assert created.status_code == 200 and learn.sim.learn.institution_role("VOLUNTEER").name == "Volunteer"
    again = admin.post(roles, data={NONCE: nonce(created.text), "roleId": "VOLUNTEER", "name": "Twice"})
    assert again.status_code == 400 and "already exists" in field_errors(again.text)["roleId"]
    assert learn.sim.learn.institution_role("VOLUNTEER").name == "Volunteer"
    sources = f"{BASE}{ADMIN}/dataIntegration/dataSources"
    empty = admin.post(sources, data={NONCE: nonce(admin.get(sources).text), "externalId": " "})
    assert empty.status_code == 400 and "externalId" in field_errors(empty.text)
    made = admin.post(sources, data={NONCE: nonce(empty.text), "externalId": "HR.FEED", "description": "HR"})
    assert made.status_code == 200 and learn.sim.learn.data_sources["HR.FEED"].description == "HR"

"""Seed 001's Store Example 1 and seed 000's contact synchronisation done the way the seeds
say — through Learn's pages — in a real headless Chromium against `learnsim serve`.

The tests run in file order as one administrator's session (each step starts from what
the previous one left); every page they open is photographed for docs/ui.md.
"""
from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
import requests
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import ADMIN

STORE_EXAMPLE_1 = Path(__file__).resolve().parents[2] / "fixtures" / "feeds" / "person_store_example1.txt"
WAIT = 30


class Pages:
    """What a person does in the browser: open, type, tick, press, read."""

    def __init__(self, driver, base: str, folder: Path) -> None:
        self.driver, self.base, self.folder = driver, base, folder

    def open(self, path: str) -> None:
        self.driver.get(self.base + path)

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def text(self, css: str) -> str:
        return self.find(css).text

    def present(self, css: str) -> bool:
        return bool(self.driver.find_elements(By.CSS_SELECTOR, css))

    def type(self, css: str, value: str) -> None:
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def choose(self, css: str, value: str) -> None:
        from selenium.webdriver.support.ui import Select

        Select(self.find(css)).select_by_value(value)

    def _navigate(self, element, then: str) -> None:
        """Click `element`, wait for the page to be replaced, then for the new one to show `then`."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        # while the browser swaps pages, chromedriver may answer a poll with an error of its own
        # ("unhandled inspector error"): that poll proves nothing either way, so poll again
        patient = WebDriverWait(self.driver, WAIT, ignored_exceptions=[WebDriverException])
        patient.until(staleness_of(page))
        patient.until(lambda d: d.find_elements(By.CSS_SELECTOR, then))

    def press(self, css: str, then: str) -> None:
        """Press a button or link and wait until the page it leads to shows `then`."""
        self._navigate(self.find(css), then)

    def click_link(self, text: str, then: str) -> None:
        self._navigate(self.driver.find_element(By.LINK_TEXT, text), then)

    def title(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def shot(self, name: str) -> None:
        """The whole page, at 80 % scale (small PNGs for the docs)."""
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        width = self.driver.execute_script("return document.documentElement.clientWidth")
        picture = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 2000), "scale": 0.8}})
        (self.folder / f"{name}.png").write_bytes(base64.b64decode(picture["data"]))


@pytest.fixture(scope="module")
def pages(browser, server, screenshots) -> Pages:
    return Pages(browser, server, screenshots)


def control(server: str, method: str, path: str, body: dict) -> requests.Response:
    """The simulator's control API, for what the Connect side (not Learn) holds."""
    token = os.environ.get("LEARNSIM_UI_CONTROL_TOKEN", "")
    answer = requests.request(method, f"{server}/_sim{path}", json=body, timeout=30,
                              headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code < 400, answer.text
    return answer


def log_in(pages: Pages, user: str, password: str) -> None:
    pages.open("/webapps/login/")
    pages.type("#user_id", user)
    pages.type("#password", password)
    pages.press("#entry-login", "#welcome, #loginErrorMessage")


def test_log_in_as_the_administrator(pages):
    pages.open("/webapps/login/")
    assert pages.present('input[name="blackboard.platform.security.NonceUtil.nonce"]')
    pages.shot("login")
    pages.type("#user_id", ADMIN[0])
    pages.type("#password", "not the password")
    pages.press("#entry-login", "#loginErrorMessage")
    assert "You are not logged in" in pages.title()
    pages.shot("login-refused")
    log_in(pages, *ADMIN)
    assert "Welcome, System Administrator" in pages.title()
    assert {c["name"] for c in pages.driver.get_cookies()} >= {"JSESSIONID", "BbRouter"}
    pages.shot("welcome")
    pages.press("#adminPanel", ".panel")
    pages.shot("administrator-panel")


def test_create_an_integration(pages):
    pages.click_link("Student Information System Integrations", "#integrations")
    pages.press("#createIntegration", "#integrationForm")
    pages.type("#bbid", "BBLEARN")
    pages.type("#password", "feed-password")
    pages.press("#submitIntegration", "#formErrors")  # the data source key is missing
    assert "Required" in pages.text("#error-data_source_key")
    pages.shot("integration-form-error")
    pages.type("#password", "feed-password")
    pages.type("#data_source_key", "SIS.PERSONS")
    pages.shot("integration-form")
    pages.press("#submitIntegration", "#saved")
    assert "BBLEARN" in pages.text("#integrations") and "SIS.PERSONS" in pages.text("#integrations")
    pages.shot("integrations")


def test_a_refresh_upload_is_refused_until_advanced_options_are_enabled(pages):
    pages.click_link("Upload Feed File", "#uploadForm")
    refresh = pages.find("#operation-refresh")
    assert not refresh.is_displayed(), "Complete Refresh shows before Enable Advanced Options is ticked"
    pages.find("#advanced").click()
    assert refresh.is_displayed()
    pages.shot("upload-advanced-options")
    refresh.click()
    pages.find("#advanced").click()  # untick: the refresh choice stays selected but hidden
    pages.find("#feedFile").send_keys(str(STORE_EXAMPLE_1))
    pages.press("#submitUpload", "#error-operation")
    assert "Enable Advanced Options" in pages.text("#error-operation")
    assert not pages.present("#uploadResult")
    pages.shot("upload-refused")


def test_upload_seed_001_store_example_1_and_read_its_log(pages):
    pages.open("/webapps/bb-data-integration-flatfile-BBLEARN/execute/uploadFeed")
    pages.find("#feedFile").send_keys(str(STORE_EXAMPLE_1))
    pages.choose("#object", "person")
    pages.press("#dryRun", "#dryRunResult")
    assert "testPerson1" in pages.text("#dryRunResult")
    pages.shot("upload-dry-run")
    pages.find("#feedFile").send_keys(str(STORE_EXAMPLE_1))
    pages.find("#operation-store").click()
    pages.press("#submitUpload", "#uploadResult")
    assert pages.text("#uploadResult").startswith("Success: Feed File Uploaded.")
    pages.shot("upload-feed-file")
    pages.press("#viewLog", ".dataset")
    # learnsim serve applies a feed after acknowledging it, as Learn does: reload until it is done
    WebDriverWait(pages.driver, WAIT).until(
        lambda d: "rows processed" in d.find_element(By.CSS_SELECTOR, ".dataset").text or d.refresh())
    log = pages.text(".dataset")
    assert "person store" in log and "3 rows processed" in log and "errors 0" in log
    pages.choose("#level", "INFO")
    pages.press("#filterLogs", ".dataset")
    pages.shot("sis-integration-logs")


def test_open_aanderson_tests_user_information(pages):
    pages.open("/webapps/blackboard/execute/userManager")
    pages.type("#term", "aanderson")
    pages.press("#searchUsers", "#userResults")
    pages.shot("users")
    pages.click_link("aanderson_test", "#accountInformation")
    assert pages.title() == "User Information: aanderson_test"
    assert pages.text("#availability") == "Yes" and pages.text("#dataSource") == "SIS.PERSONS"
    assert "Alpha" in pages.text("#personalInformation")
    pages.shot("user-information")


def test_create_an_institution_role_and_a_data_source(pages):
    pages.open("/webapps/portal/execute/tabs/tabAction?tabType=admin")
    pages.click_link("Institution Roles", "#createRole")
    pages.type("#roleId", "VOLUNTEER")
    pages.type("#name", "Volunteer")
    pages.press("#submitRole", "#done")
    assert "VOLUNTEER" in pages.text("#institutionRoles")
    pages.shot("institution-roles")
    pages.open("/webapps/blackboard/admin/dataIntegration/dataSources")
    pages.press("#submitDataSource", "#error-externalId")
    pages.type("#externalId", "SIS.COURSES")
    pages.press("#submitDataSource", "#done")
    assert "SIS.COURSES" in pages.text("#dataSources")
    pages.shot("data-sources")


def test_a_connect_synchronisation_and_a_users_statement(pages, server):
    control(server, "PUT", "/connect/account", {"account": "learn-acme", "password": "c0nnect", "sisCode": "ACME",
                                                "email": "connect-admin@example.edu"})
    pages.open("/webapps/portal/execute/tabs/tabAction?tabType=admin")
    pages.click_link("Connect Contact Synchronization", "#contactSyncSettings")
    pages.type("#account", "learn-acme")
    pages.type("#password", "c0nnect")
    pages.type("#sisCode", "ACME")
    pages.press("#saveContactSync", "#done")
    pages.press("#connectContactSynchronization", "#lastResult")
    assert "users examined" in pages.text("#lastResult")
    assert "connect-admin@example.edu" in pages.driver.page_source
    pages.shot("connect-contact-synchronization")
    pages.open("/webapps/blackboard/execute/userInformation?user_id=userName:aanderson_test")
    statement = pages.text("#connectStatement")
    assert statement.startswith(("Synchronised with Connect", "Not synchronised with Connect")), statement
    assert "has not run yet" not in statement
    pages.shot("user-information-connect")


def test_general_notifications_and_an_announcement(pages):
    pages.open("/webapps/blackboard/admin/notifications/general")
    pages.find("#allow-sms").click()
    pages.press("#saveNotifications", "#done")
    assert pages.find("#allow-sms").is_selected()
    pages.type("#body", "Campus closed today")
    pages.find("#send-sms").click()
    pages.press("#sendAnnouncement", "#announcementResult")
    pages.shot("general-notifications-settings")


def test_connector_settings_and_test_connection(pages):
    pages.open("/webapps/blackboard/admin/buildingBlocks")
    pages.shot("installed-tools")
    pages.press("#connectorSettings", "#connectionValues")
    assert pages.text("#connectorUrl").endswith("/webapps/fii-connector-BBLEARN/api")
    pages.type("#testUser", ADMIN[0])
    pages.type("#testPassword", ADMIN[1])
    pages.press("#runTest", "#testResult")
    assert "established successfully" in pages.text("#testResult")
    pages.shot("connector-settings")


def test_log_out_and_log_in_as_aanderson_test(pages):
    pages.open("/webapps/portal/execute/tabs/tabAction?tab_tab_group_id=_1_1")
    pages.press("#logout", "#loginNotice")
    assert "logged out" in pages.text("#loginNotice")
    log_in(pages, "aanderson_test", "changeme")
    assert pages.title() == "Welcome, Alpha Anderson"
    assert not pages.present("#adminPanel")
    pages.open("/webapps/portal/execute/tabs/tabAction?tabType=admin")
    assert pages.title() == "Access Denied"
    pages.shot("access-denied")

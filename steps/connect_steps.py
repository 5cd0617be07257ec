"""Steps for Blackboard Connect: contact sync settings, full and hourly runs, the
Connect side's contacts and deliveries, the report e-mail, announcements and opt-ins.
All through the simulator's `/_sim/` control API (DESIGN.md)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
import requests
from pytest_bdd import given, parsers, then, when

from steps.client import LearnClient

CHANNELS = {"SMS": ["sms"], "voice": ["voice"], "SMS and voice": ["sms", "voice"]}


@dataclass
class ConnectWorld:
    response: requests.Response | None = None
    remembered_ids: dict[str, str] = field(default_factory=dict)


@pytest.fixture
def connect() -> ConnectWorld:
    return ConnectWorld()


def _channels(text: str) -> list[str]:
    assert text in CHANNELS, f"unknown channels {text!r}; the steps know {', '.join(CHANNELS)}"
    return CHANNELS[text]


def _value(text: str):
    try:
        return json.loads(text)
    except ValueError:
        return text


def _contacts(learn: LearnClient) -> dict[str, dict]:
    return {c["learnUserName"]: c for c in learn.control("GET", "/connect/contacts").json()["results"]}


def _contact(learn: LearnClient, user: str) -> dict:
    contact = _contacts(learn).get(learn.names(user))
    assert contact is not None, f"Connect holds no contact for {user!r}"
    return contact


def _mails(learn: LearnClient) -> list[dict]:
    return learn.control("GET", "/mail").json()["results"]


def _last_mail(learn: LearnClient) -> dict:
    mails = _mails(learn)
    assert mails, "Learn has sent no e-mail"
    return mails[-1]


def _user_status(learn: LearnClient, user: str) -> dict:
    return learn.control("GET", f"/connect/users/userName:{learn.names(user)}").json()


def _status(learn: LearnClient) -> dict:
    return learn.control("GET", "/connect/status").json()


def _last_hourly_run(learn: LearnClient) -> dict:
    runs = [r for r in _status(learn)["runs"] if r["kind"] == "hourly"]
    assert runs, "no hourly synchronisation has run"
    return runs[-1]


def _sync(learn: LearnClient, connect: ConnectWorld) -> requests.Response:
    connect.response = learn.session.post(f"{learn.base_url}/_sim/connect/sync", timeout=120)
    return connect.response


# -- setup --------------------------------------------------------------------------
@given(parsers.parse('Blackboard Connect has the account "{account}" with password "{password}", '
                     'SIS code "{sis_code}" and e-mail "{email}"'))
def connect_account(learn: LearnClient, account: str, password: str, sis_code: str, email: str) -> None:
    learn.control("PUT", "/connect/account", {"account": account, "password": password, "sisCode": sis_code, "email": email})


@given(parsers.parse('contact synchronisation is set up with account "{account}", password "{password}" '
                     'and SIS code "{sis_code}"'))
def sync_credentials(learn: LearnClient, account: str, password: str, sis_code: str) -> None:
    learn.control("PUT", "/connect/config", {"account": account, "password": password, "sisCode": sis_code})


@given("the contact synchronisation settings are:")
@when("the contact synchronisation settings are changed to:")
def sync_settings(learn: LearnClient, datatable: list[list[str]]) -> None:
    learn.control("PUT", "/connect/config", {row[0]: _value(row[1]) for row in datatable[1:]})


@when(parsers.parse('the contact synchronisation setting "{name}" is set to "{value}"'), target_fixture="setting_answer")
def bad_setting(learn: LearnClient, name: str, value: str) -> requests.Response:
    return learn.session.put(f"{learn.base_url}/_sim/connect/config", json={name: _value(value)}, timeout=60)


@then(parsers.parse('the setting is refused with "{text}"'))
def setting_refused(setting_answer: requests.Response, text: str) -> None:
    assert setting_answer.status_code == 400, f"expected HTTP 400, got {setting_answer.status_code}: {setting_answer.text}"
    assert text in setting_answer.json()["message"], setting_answer.json()["message"]


@then("the contact synchronisation settings show:")
def settings_show(learn: LearnClient, datatable: list[list[str]]) -> None:
    shown = learn.control("GET", "/connect/config").json()
    problems = [f"{name} is {shown.get(name)!r}, expected {_value(value)!r}"
                for name, value in datatable[1:] if shown.get(name) != _value(value)]
    assert not problems, "; ".join(problems)


# -- running ------------------------------------------------------------------------
@when("a full contact synchronisation is run")
def full_sync(learn: LearnClient, connect: ConnectWorld) -> None:
    _sync(learn, connect)


@given("the initial contact synchronisation has been run")
@when("the full contact synchronisation has been run")
def full_sync_done(learn: LearnClient, connect: ConnectWorld) -> None:
    response = _sync(learn, connect)
    assert response.status_code == 200, f"the sync answered {response.status_code}: {response.text}"


@when(parsers.parse("{hours:d} hours pass"))
def hours_pass(learn: LearnClient, hours: int) -> None:
    learn.clock.advance(hours * 3600)


@when("1 hour passes")
def hour_passes(learn: LearnClient) -> None:
    learn.clock.advance(3600)


@then("the contact synchronisation succeeds")
def sync_succeeds(connect: ConnectWorld) -> None:
    assert connect.response is not None and connect.response.status_code == 200, \
        f"the sync answered {connect.response.status_code}: {connect.response.text}"


@then(parsers.parse('the contact synchronisation fails with "{text}"'))
def sync_fails(connect: ConnectWorld, text: str) -> None:
    response = connect.response
    assert response is not None and response.status_code == 422, f"expected HTTP 422, got {response.status_code}: {response.text}"
    message = response.json()["message"]
    assert text in message, f"expected {text!r} in {message!r}"
    assert "nothing was changed" in message, message


# -- the Connect side ------------------------------------------------------------------
@then("Connect holds the contacts:")
def contacts_are(learn: LearnClient, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    held = _contacts(learn)
    expected_users = {learn.names(row[0]) for row in rows}
    assert set(held) == expected_users, f"Connect holds contacts for {sorted(held)}, expected {sorted(expected_users)}"
    problems = []
    for row in rows:
        contact = held[learn.names(row[0])]
        for column, value in zip(header[1:], row[1:]):
            seen = contact.get(column)
            if (seen or "") != value:
                problems.append(f"{row[0]}: {column} is {seen!r}, expected {value!r}")
    assert not problems, "Connect shows:\n  " + "\n  ".join(problems)


@then("Connect holds no contacts")
def no_contacts(learn: LearnClient) -> None:
    held = _contacts(learn)
    assert not held, f"Connect holds contacts for {sorted(held)}"


@then(parsers.parse('Connect holds no contact for "{user}"'))
def no_contact(learn: LearnClient, user: str) -> None:
    assert learn.names(user) not in _contacts(learn), f"Connect still holds a contact for {user!r}"


@given("the Connect contact ids are remembered")
@when("the Connect contact ids are remembered")
def remember_ids(learn: LearnClient, connect: ConnectWorld) -> None:
    connect.remembered_ids = {name: c["id"] for name, c in _contacts(learn).items()}


@then(parsers.parse('the contact of "{user}" has the internal id that was remembered'))
def same_id(learn: LearnClient, connect: ConnectWorld, user: str) -> None:
    assert _contact(learn, user)["id"] == connect.remembered_ids.get(learn.names(user)), f"{user}'s contact id changed"


@then(parsers.parse('the contact of "{user}" has a new internal id'))
def new_id(learn: LearnClient, connect: ConnectWorld, user: str) -> None:
    before = connect.remembered_ids.get(learn.names(user))
    assert before is not None, f"no contact id was remembered for {user!r}"
    assert _contact(learn, user)["id"] != before, f"{user}'s contact kept the id {before}"


@then(parsers.parse('the contact of "{user}" was never updated after it was created'))
def never_updated(learn: LearnClient, user: str) -> None:
    contact = _contact(learn, user)
    assert contact["changes"] == 0, f"Connect received {contact['changes']} updates for {user!r}"


# -- mail ---------------------------------------------------------------------------
@then(parsers.parse("Learn has sent {count:d} e-mails"))
@then(parsers.parse("Learn has sent {count:d} e-mail"))
def mail_count(learn: LearnClient, count: int) -> None:
    mails = _mails(learn)
    assert len(mails) == count, f"Learn sent {len(mails)} e-mails: {[m['subject'] for m in mails]}"


@then(parsers.parse('the last e-mail went to "{address}" and reports {ok:d} synchronised and {failed:d} not synchronised users'))
def mail_report(learn: LearnClient, address: str, ok: int, failed: int) -> None:
    mail = _last_mail(learn)
    assert mail["to"] == address, f"the e-mail went to {mail['to']!r}"
    lines = mail["body"].splitlines()
    assert f"Synchronised: {ok}" in lines and f"Not synchronised: {failed}" in lines, mail["body"]


@then(parsers.parse("the last e-mail reports the same result: {ok:d} synchronised and {failed:d} not synchronised"))
def mail_same_result(learn: LearnClient, ok: int, failed: int) -> None:
    mails = _mails(learn)
    assert len(mails) >= 2, "there is no earlier e-mail to compare with"
    lines = mails[-1]["body"].splitlines()
    assert f"Synchronised: {ok}" in lines and f"Not synchronised: {failed}" in lines, mails[-1]["body"]
    assert lines[1:] == mails[-2]["body"].splitlines()[1:], "the repeated sync reported a different result"


@then(parsers.parse('the last e-mail lists "{user}" as synchronised'))
def mail_lists_success(learn: LearnClient, user: str) -> None:
    body = _last_mail(learn)["body"]
    contact_id = _contact(learn, user)["id"]
    assert f"  {learn.names(user)} (contact {contact_id})" in body.splitlines(), body


@then(parsers.parse('the last e-mail lists "{user}" as not synchronised because "{reason}"'))
def mail_lists_failure(learn: LearnClient, user: str, reason: str) -> None:
    body = _last_mail(learn)["body"]
    prefix = f"  {learn.names(user)}: "
    assert any(line.startswith(prefix) and reason in line for line in body.splitlines()), body


# -- status -------------------------------------------------------------------------
@then(parsers.parse('the sync status of "{user}" is synchronised with its Connect contact'))
def status_synced(learn: LearnClient, user: str) -> None:
    status = _user_status(learn, user)
    assert status["synced"], f"{user} is not synchronised: {status['reason']}"
    assert status["contactId"] == _contact(learn, user)["id"], status


@then(parsers.parse('the sync status of "{user}" is not synchronised because "{reason}"'))
def status_not_synced(learn: LearnClient, user: str, reason: str) -> None:
    status = _user_status(learn, user)
    assert not status["synced"], f"{user} is synchronised with contact {status['contactId']}"
    assert reason in (status["reason"] or ""), f"{user}: the reason is {status['reason']!r}, expected {reason!r}"


@then("the contact synchronisation status says a full resync is required")
def resync_required(learn: LearnClient) -> None:
    status = _status(learn)
    assert status["fullResyncRequired"] and "full resync required" in status["message"], status


@then(parsers.parse('the sync status of "{user}" says a full resync is required'))
def user_resync_required(learn: LearnClient, user: str) -> None:
    status = _user_status(learn, user)
    assert status["fullResyncRequired"] and "full resync required" in status.get("message", ""), status


@then("the contact synchronisation status no longer asks for a full resync")
def no_resync(learn: LearnClient) -> None:
    status = _status(learn)
    assert not status["fullResyncRequired"] and status["message"] is None, status


@then(parsers.parse('the last hourly run sent only "{users}"'))
def hourly_sent_only(learn: LearnClient, users: str) -> None:
    sent = sorted(_last_hourly_run(learn)["sent"])
    expected = sorted(learn.names(u.strip()) for u in users.split(","))
    assert sent == expected, f"the last hourly run sent {sent}, expected {expected}"


@then("the last hourly run sent nothing")
def hourly_sent_nothing(learn: LearnClient) -> None:
    run = _last_hourly_run(learn)
    assert run["ok"] and not run["sent"], run


@then("no hourly synchronisation has run")
def no_hourly(learn: LearnClient) -> None:
    runs = [r for r in _status(learn)["runs"] if r["kind"] == "hourly"]
    assert not runs, runs


# -- announcements --------------------------------------------------------------------
@given(parsers.parse("the General Notifications Settings let users choose {channels}"))
def general_settings(learn: LearnClient, channels: str) -> None:
    chosen = _channels(channels)
    learn.control("PUT", "/notification-settings", {c: c in chosen for c in ("sms", "voice")})


@given(parsers.parse('"{user}" has opted in to announcements by {channels}'))
def opt_in(learn: LearnClient, user: str, channels: str) -> None:
    learn.control("PUT", f"/users/userName:{learn.names(user)}/notification-settings", {c: True for c in _channels(channels)})


@then(parsers.parse('"{user}" cannot opt in to announcements by {channels} because "{text}"'))
def cannot_opt_in(learn: LearnClient, user: str, channels: str, text: str) -> None:
    response = learn.session.put(f"{learn.base_url}/_sim/users/userName:{learn.names(user)}/notification-settings",
                                 json={c: True for c in _channels(channels)}, timeout=60)
    assert response.status_code == 409, f"expected HTTP 409, got {response.status_code}: {response.text}"
    assert text in response.json()["message"], response.json()["message"]


@when(parsers.parse('a system announcement "{subject}" saying "{body}" is sent by {channels}'))
def announce(learn: LearnClient, connect: ConnectWorld, subject: str, body: str, channels: str) -> None:
    connect.response = learn.session.post(f"{learn.base_url}/_sim/announcements",
                                          json={"subject": subject, "body": body, "channels": _channels(channels)},
                                          timeout=60)


@then("the announcement is accepted")
def announcement_accepted(connect: ConnectWorld) -> None:
    response = connect.response
    assert response is not None and response.status_code == 201, f"expected HTTP 201, got {response.status_code}: {response.text}"


@then(parsers.parse('the announcement is refused with "{text}"'))
def announcement_refused(connect: ConnectWorld, text: str) -> None:
    response = connect.response
    assert response is not None and response.status_code in (400, 409), f"got {response.status_code}: {response.text}"
    assert text in response.json()["message"], response.json()["message"]


@then("Connect delivered exactly:")
def delivered(learn: LearnClient, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    assert header == ["user", "channel", "number", "text"], f"columns must be user, channel, number, text: {header}"
    contacts = {c["id"]: name for name, c in _contacts(learn).items()}
    seen = sorted((contacts.get(d["contactId"], d["contactId"]), d["channel"], d["number"], d["text"])
                  for d in learn.control("GET", "/connect/deliveries").json()["results"])
    expected = sorted((learn.names(r[0]), r[1], r[2], r[3]) for r in rows)
    assert seen == expected, f"Connect delivered {seen}, expected {expected}"


@then("Connect delivered nothing")
def delivered_nothing(learn: LearnClient) -> None:
    seen = learn.control("GET", "/connect/deliveries").json()["results"]
    assert not seen, seen

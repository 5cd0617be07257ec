"""The Connect control API over HTTP: documented paths and readable errors."""
from __future__ import annotations

import requests

from simulator.http import connect
from simulator.http.openapi import document
from simulator.mock import mock_learn

BASE = "https://learn.connect.test"


def _openapi_path(rule: str) -> str:
    return rule.replace("<user_id>", "{user_id}")


def test_every_connect_route_is_in_the_openapi_document():
    for rule, _ in connect.ROUTES:
        path = document()["paths"].get(_openapi_path(rule.rule))
        assert path is not None, f"{rule.rule} is not documented"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in path, f"{method} {rule.rule} is not documented"


@mock_learn(BASE)
def test_errors_name_what_was_wrong():
    answer = requests.put(f"{BASE}/_sim/connect/config", json={"smsField": "Pager"})
    assert answer.status_code == 400 and "smsField" in answer.json()["message"]
    answer = requests.get(f"{BASE}/_sim/connect/users/userName:nobody")
    assert answer.status_code == 404 and "nobody" in answer.json()["message"]
    answer = requests.post(f"{BASE}/_sim/connect/sync")
    assert answer.status_code == 422 and "account, password, sisCode" in answer.json()["message"]
    answer = requests.put(f"{BASE}/_sim/connect/account", json={"account": "a", "password": "p", "sisCode": "s"})
    assert answer.status_code == 400 and "email" in answer.json()["message"]
    answer = requests.post(f"{BASE}/_sim/announcements", json={"body": "x", "channels": ["fax"]})
    assert answer.status_code == 400 and "channels" in answer.json()["message"]
    answer = requests.put(f"{BASE}/_sim/notification-settings", json={"sms": "yes"})
    assert answer.status_code == 400 and "sms must be true or false" in answer.json()["message"]


@mock_learn(BASE)
def test_the_password_is_never_shown():
    requests.put(f"{BASE}/_sim/connect/config", json={"account": "a", "password": "secret-pw", "sisCode": "s"})
    for path in ("/_sim/connect/config", "/_sim/connect/status"):
        assert "secret-pw" not in requests.get(f"{BASE}{path}").text

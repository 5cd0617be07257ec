"""The contract oracle itself: it sees the answers, and it catches what breaks Learn's contract."""
from __future__ import annotations

import json

from werkzeug.test import Client

from simulator.http import create_app
from tests.contract import learn_contract

USER = "/learn/api/public/v1/users/_1_1"


def test_the_watch_sees_every_rest_answer_of_the_in_process_app(learn_rest_contract):
    client = Client(create_app())
    client.get("/learn/api/public/v1/users")
    client.get("/learn/api/public/v1/system/version")
    assert learn_rest_contract.checked == 2 and not learn_rest_contract.violations


def test_a_value_outside_an_enum_is_a_violation():
    body = json.dumps({"id": "_1_1", "gender": "F", "availability": {"available": "Yes"}})
    problems = learn_contract().check("GET", USER, 200, body)
    assert len(problems) == 1 and "gender" in problems[0] and "'F'" in problems[0]


def test_list_items_are_checked_with_the_single_objects_schema():
    body = json.dumps({"results": [{"id": "_1_1", "educationLevel": "Grade9"}], "paging": {"nextPage": 5}})
    problems = learn_contract().check("GET", "/learn/api/public/v1/users?limit=1", 200, body)
    assert len(problems) == 2 and any("educationLevel" in p for p in problems) and any("nextPage" in p for p in problems)


def test_errors_are_learns_rest_exception_with_an_integer_status():
    assert not learn_contract().check("GET", USER, 404, json.dumps({"status": 404, "message": "gone", "extraInfo": "x"}))
    assert learn_contract().check("GET", USER, 404, json.dumps({"status": "404", "message": "gone"}))
    assert learn_contract().check("GET", USER, 404, json.dumps({"status": 404}))


def test_timestamps_must_be_date_times_and_unknown_answers_are_reported():
    assert learn_contract().check("GET", USER, 200, json.dumps({"created": "yesterday"}))
    assert learn_contract().check("GET", USER, 201, "{}") == [
        "GET /learn/api/public/v1/users/_1_1 → 201: the contract declares no 201 answer for GET /learn/api/public/v1/users/{userId}"]
    assert not learn_contract().check("GET", "/learn/api/public/v1/announcements", 404, "{}")

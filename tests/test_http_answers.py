"""How the application answers, whatever the route: HEAD, bodies, upgrades, the REST call count,
and feed posts read within one hold of the state lock (small) or between two (big)."""
from __future__ import annotations

import pytest

from simulator.http import sis
from tests.helpers import served_learn

V1 = "/learn/api/public/v1"
BASE = "/webapps/bb-data-integration-flatfile-BBLEARN/endpoint"
HEADER = "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME\n"


def rows(count: int) -> str:
    return "".join(f"k{n}|u{n}|pw|First{n}|Last{n}\n" for n in range(count))


@pytest.fixture
def client():
    return served_learn(HEADER + rows(2))


def remaining(answer) -> int:
    return int(answer.headers["X-Rate-Limit-Remaining"])


def test_head_has_the_get_headers_and_no_body(client):
    uid = client.post(f"{BASE}/person/store", data=HEADER + rows(1), auth=client.feed_auth).text.split()[-8]
    got = client.get(f"{BASE}/dataSetStatus/{uid}", auth=client.feed_auth)
    head = client.head(f"{BASE}/dataSetStatus/{uid}", auth=client.feed_auth)
    assert head.status_code == 200 and head.data == b"" and got.data.startswith(b"<?xml")
    assert head.headers["Content-Length"] == got.headers["Content-Length"] == str(len(got.data))
    assert head.headers["Content-Type"] == got.headers["Content-Type"] == "application/xml;charset=UTF-8"


def test_every_rest_call_is_counted_once_however_it_is_answered(client):
    start = remaining(client.get(f"{V1}/users", headers=client.bearer))
    answers = [client.get(f"{V1}/users/externalId:k0", headers=client.bearer),  # a handler's answer
               client.get(f"{V1}/users/externalId:nobody", headers=client.bearer),  # a handler's 404
               client.get(f"{V1}/users/externalId:k0"),  # refused: no token
               client.get(f"{V1}/no/such/thing", headers=client.bearer),  # no route
               client.delete(f"{V1}/users", headers=client.bearer)]  # wrong method
    assert [a.status_code for a in answers] == [200, 404, 401, 404, 405]
    assert [remaining(a) for a in answers] == [start - 1, start - 2, start - 3, start - 4, start - 5]
    for answer in answers:
        assert [len(answer.headers.getlist(f"X-Rate-Limit-{n}")) for n in ("Limit", "Remaining", "Reset")] == [1, 1, 1]
    assert "X-Rate-Limit-Remaining" not in client.get("/_sim/clock").headers


def test_a_body_sent_with_a_get_is_read_and_ignored(client):
    answer = client.get(f"{V1}/users/externalId:k1", headers=client.bearer, data=b"x" * 100)
    assert answer.status_code == 200 and answer.json["externalId"] == "k1"


def test_a_websocket_upgrade_is_refused_as_werkzeug_refuses_it(client):
    answer = client.get(f"{V1}/users/externalId:k1", headers={**client.bearer, "Upgrade": "websocket",
                                                               "Connection": "Upgrade"})
    assert answer.status_code == 400 and answer.json["status"] == 400


@pytest.mark.parametrize("count", [3, 3000])
def test_small_and_big_feeds_are_acknowledged_and_applied(client, count):
    body = (HEADER + rows(count)).encode()
    assert (len(body) <= sis.SMALL_BODY) == (count == 3)
    answer = client.post(f"{BASE}/person/store", data=body, auth=client.feed_auth)
    assert answer.status_code == 200 and answer.text.startswith("Success: Feed File Uploaded.")
    assert len(client.app.sim.learn.users) == count


def test_a_big_feed_whose_integration_is_reset_while_it_is_read_is_refused(client, monkeypatch):
    read = sis._read

    def reset_then_read(*args):
        client.app.reset()
        return read(*args)

    monkeypatch.setattr(sis, "_read", reset_then_read)
    big = client.post(f"{BASE}/person/store", data=HEADER + rows(3000), auth=client.feed_auth)
    assert big.status_code == 409 and "was reset or replaced while the file was read" in big.text
    assert not client.app.sim.learn.users

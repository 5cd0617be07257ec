"""The mock's clock, for integrators' tests: the wall clock by default, so freezegun moves
it (token lifetimes, background feeds, the hourly Connect run follow), or a fixed start
that only the control API moves (what the suite's in-process target uses)."""
from datetime import datetime, timezone

import requests
from freezegun import freeze_time

from simulator.mock import mock_learn

BASE = "https://learn.example.edu"
START = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)


def _now() -> str:
    return requests.get(f"{BASE}/_sim/clock", timeout=5).json()["now"]


def test_freezegun_controls_the_mock_clock():
    with freeze_time(START) as frozen, mock_learn(BASE):
        assert _now() == "2026-03-02T08:00:00.000+00:00"
        frozen.tick(90)
        assert _now() == "2026-03-02T08:01:30.000+00:00"


def test_freezegun_time_runs_due_background_feeds():
    with freeze_time(START) as frozen, mock_learn(BASE) as learn:
        body = requests.put(f"{BASE}/_sim/integrations/BBLEARN", json={
            "data_source_key": "SIS", "password": "pw", "processing": "background",
            "background_delay_seconds": 60}, timeout=5).json()
        answer = requests.post(f"{BASE}/webapps/bb-data-integration-flatfile-BBLEARN/endpoint/person/store",
                               data=b"EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME\nk1|u1|A|B\n",
                               auth=(body["username"], "pw"), timeout=5)
        assert answer.status_code == 200 and not learn.sim.learn.users
        frozen.tick(61)
        _now()  # any request lets due jobs run
        assert [u.user_name for u in learn.sim.learn.users.values()] == ["u1"]


def test_a_fixed_start_stands_still_until_advanced():
    with mock_learn(BASE, start_time=START):
        assert _now() == _now() == "2026-03-02T08:00:00.000+00:00"
        requests.post(f"{BASE}/_sim/clock/advance", json={"seconds": 30}, timeout=5)
        assert _now() == "2026-03-02T08:00:30.000+00:00"

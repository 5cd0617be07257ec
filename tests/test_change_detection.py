"""Change detection: a row that matches its record changes nothing (docs/decisions.md)."""
from __future__ import annotations

import simulator.connect.sync as sync_module
from simulator.generate import HEADER, person_rows
from tests.helpers import feed, post, simulator_with, snapshot

PEOPLE = 2_000
CHANGED = 20


def stamps(sim):
    return {u.external_id: (u.modified, u.password) for u in sim.learn.users.values()}


def test_storing_the_same_rows_again_leaves_every_record_unchanged():
    sim = simulator_with()
    body = feed(["k1|u1|pw1|Ann|Lee", "k2|u2|pw2|Bob|Ray"], header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME")
    post(sim, "store", body)
    before, moments = snapshot(sim), stamps(sim)
    sim.clock.advance(60)
    again = post(sim, "store", body)
    assert dict(again.outcomes) == {"unchanged": 2}
    assert "2 unchanged" in again.log[-1].message
    assert snapshot(sim) == before and stamps(sim) == moments  # the password was verified, not re-hashed


def test_a_real_change_updates_and_moves_modified_and_a_new_password_is_hashed():
    sim = simulator_with()
    post(sim, "store", feed(["k1|u1|pw1|Ann|Lee", "k2|u2|pw2|Bob|Ray"]))
    moments = stamps(sim)
    sim.clock.advance(60)
    result = post(sim, "store", feed(["k1|u1|pw1|Ann|Leigh", "k2|u2|new|Bob|Ray"]))
    assert dict(result.outcomes) == {"updated": 2}
    after = stamps(sim)
    assert after["k1"][0] > moments["k1"][0] and after["k1"][1] == moments["k1"][1]
    assert after["k2"][1] != moments["k2"][1] and sim.learn.login("u2", "new") == (True, "ok")


def test_an_unchanged_row_is_not_journalled():
    sim = simulator_with()
    body = feed(["k1|u1|pw1|Ann|Lee"])
    post(sim, "store", body)
    journal = sim.learn.journalled()
    try:
        post(sim, "store", body)
        assert not journal._undo
    finally:
        sim.learn.stop_journal()


def test_connect_hourly_after_a_refresh_examines_only_the_changed_users(monkeypatch):
    """The cost of Connect's hourly run after a refresh is the changed rows; an unchanged
    refresh makes it examine no user at all."""
    sim = simulator_with()
    sync = sim.connect.sync
    sim.connect.service.put_account("acct", "pw", "SIS", "ops@example.edu")
    sync.config.update({"account": "acct", "password": "pw", "sisCode": "SIS"})
    rows = list(person_rows(PEOPLE))
    body = ("\n".join([HEADER, *rows]) + "\n").encode()
    post(sim, "store", body)
    sync.full_sync()

    examined = []
    real = sync_module.contact_data
    monkeypatch.setattr(sync_module, "contact_data", lambda user, mapping: examined.append(user.pk) or real(user, mapping))

    unchanged = post(sim, "refresh", body)
    assert dict(unchanged.outcomes) == {"unchanged": PEOPLE}
    sim.clock.advance(3600)
    assert sync.runs[-1].kind == "hourly" and sync.runs[-1].examined == 0 and examined == []

    changed = [row.replace("|Y|", "|N|") if n % (PEOPLE // CHANGED) == 1 else row for n, row in enumerate(rows)]
    result = post(sim, "refresh", ("\n".join([HEADER, *changed]) + "\n").encode())
    assert result.outcomes["updated"] == CHANGED and result.outcomes["unchanged"] == PEOPLE - CHANGED
    sim.clock.advance(3600)
    assert sync.runs[-1].examined == CHANGED and len(examined) == CHANGED

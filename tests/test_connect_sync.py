"""Unit tests of Learn's contact sync: rules that scenarios do not reach easily."""
from __future__ import annotations

from datetime import timedelta

import pytest

from simulator.connect.config import ConfigError
from simulator.connect.sync import SyncError
from simulator.core import Simulator


def _sim(*phones: str) -> Simulator:
    sim = Simulator()
    sim.connect.service.put_account("acct", "pw", "SIS", "ops@example.edu")
    sim.connect.sync.config.update({"account": "acct", "password": "pw", "sisCode": "SIS"})
    for i, phone in enumerate(phones):
        user = sim.learn.create_user(external_id=f"k{i}", user_name=f"u{i}", firstname="F", lastname="L", data_source="SIS")
        if phone:
            user.profile["m_phone"] = phone
    return sim


def _user(sim: Simulator, name: str):
    return sim.learn.users_by_user_name[name]


def test_full_sync_is_idempotent():
    sim = _sim("202-555-0101", "", "202-555-0103")
    first = sim.connect.sync.full_sync()
    ids = dict(first.synced)
    again = sim.connect.sync.full_sync()
    assert again.synced == ids and again.unchanged == 2 and not (again.created or again.updated or again.deleted)
    assert again.not_synced == {"u1": "mobile phone is blank"}
    assert len(sim.connect.outbox.messages) == 2


def test_refused_credentials_change_nothing_and_are_logged():
    sim = _sim("202-555-0101")
    sim.connect.sync.config.update({"sisCode": "OTHER"})
    with pytest.raises(SyncError, match="SIS code 'OTHER' does not belong"):
        sim.connect.sync.full_sync()
    assert not sim.connect.service.contacts and not sim.connect.outbox.messages
    assert sim.connect.sync.mapping is None and sim.clock.pending == 0
    assert sim.connect.sync.status()["runs"][-1]["ok"] is False


def test_hourly_run_with_refused_credentials_keeps_the_changes_for_later():
    sim = _sim("202-555-0101")
    sync = sim.connect.sync
    sync.full_sync()
    sim.learn.edit(_user(sim, "u0")).lastname = "New"
    sync.config.update({"password": "wrong"})
    sim.clock.advance(3600)
    assert sync.runs[-1].error and sync.dirty
    sync.config.update({"password": "pw"})
    sim.clock.advance(3600)
    assert sync.runs[-1].updated == ["u0"] and not sync.dirty


def test_missed_hours_make_one_run_and_keep_the_hourly_rhythm():
    sim = _sim("202-555-0101")
    sync = sim.connect.sync
    sync.full_sync()
    start = sync.next_run
    sim.clock.advance(5 * 3600 + 60)
    assert [r.kind for r in sync.runs] == ["full", "hourly"]
    assert sync.next_run == start + timedelta(hours=5)  # the first hour after now, on the same minute
    assert sim.clock.pending == 1


def test_a_purged_user_loses_its_contact_at_the_next_run():
    sim = _sim("202-555-0101")
    sync = sim.connect.sync
    sync.full_sync()
    user = _user(sim, "u0")
    sim.learn.edit(user).enabled = False
    sim.learn.purge_user(user)
    sim.clock.advance(3600)
    assert not sim.connect.service.contacts and sync.runs[-1].deleted == ["u0"]


def test_rolled_back_changes_are_not_tracked():
    sim = _sim("202-555-0101")
    sync = sim.connect.sync
    sync.full_sync()
    journal = sim.learn.journalled()
    sim.learn.edit(_user(sim, "u0")).firstname = "Dry"
    journal.rollback()
    sim.learn.stop_journal()
    assert not sync.dirty


def test_changes_before_the_initial_sync_are_not_tracked():
    sim = _sim("202-555-0101")
    sim.learn.edit(_user(sim, "u0")).firstname = "Early"
    assert not sim.connect.sync.dirty


def test_a_bad_setting_changes_no_setting():
    sim = _sim()
    config = sim.connect.sync.config
    with pytest.raises(ConfigError, match="voiceField"):
        config.update({"smsField": "Home Phone 1", "voiceField": "Pager"})
    assert config.sms_field == "m_phone"


def test_feed_column_names_are_accepted_as_fields():
    sim = _sim()
    config = sim.connect.sync.config
    config.update({"smsField": "B_PHONE_2", "voiceField": "home phone 2", "twoNumbers": True, "defaultRegion": "gb"})
    assert (config.mapping.sms_field, config.mapping.voice_field, config.mapping.region) == ("b_phone_2", "h_phone_2", "GB")


def test_the_default_region_reads_national_numbers():
    sim = _sim("020 7946 0958")
    sync = sim.connect.sync
    assert sync.full_sync().not_synced["u0"].startswith("mobile phone number is not valid")
    sync.config.update({"defaultRegion": "GB"})
    assert sync.full_sync().synced
    assert next(iter(sim.connect.service.contacts.values())).sms_number == "+442079460958"


def test_announcements_reach_only_opted_in_synced_users_on_allowed_channels():
    sim = _sim("202-555-0101", "", "202-555-0103")
    notices = sim.connect.announcements
    notices.set_general({"sms": True, "voice": True})
    for name in ("u0", "u1"):
        notices.set_user(_user(sim, name), {"sms": True})
    sim.connect.sync.full_sync()
    sent = notices.send("Hi", "there", ["sms", "voice"])
    assert [(d["userName"], d["channel"]) for d in sent.deliveries] == [("u0", "sms")]
    assert sent.skipped == [{"userName": "u1", "reason": "no synced Connect contact"}]
    assert len(sim.connect.service.deliveries) == 1


def test_an_unavailable_user_gets_no_announcement_before_the_hourly_run_deletes_its_contact():
    sim = _sim("202-555-0101")
    notices = sim.connect.announcements
    notices.set_general({"voice": True})
    notices.set_user(_user(sim, "u0"), {"voice": True})
    sim.connect.sync.full_sync()
    sim.learn.edit(_user(sim, "u0")).available = False
    sent = notices.send("", "Fire drill", ["voice"])
    assert not sent.deliveries and sent.skipped[0]["reason"] == "user is unavailable or disabled"
    assert len(sim.connect.service.contacts) == 1


def test_a_user_purged_without_ever_having_a_contact_is_simply_forgotten():
    sim = _sim("202-555-0101", "")
    sync = sim.connect.sync
    sync.full_sync()
    user = _user(sim, "u1")
    sim.learn.edit(user).enabled = False
    sim.learn.purge_user(user)
    sim.clock.advance(3600)
    run = sync.runs[-1]
    assert run.kind == "hourly" and run.error is None and not (run.created or run.updated or run.deleted)
    assert user.pk not in sync.statuses and len(sim.connect.service.contacts) == 1


def test_only_live_feeds_count_as_changes_for_the_hourly_run():
    from tests.helpers import feed, post, simulator_with

    sim = simulator_with()
    sim.connect.service.put_account("acct", "pw", "SIS", "ops@example.edu")
    sim.connect.sync.config.update({"account": "acct", "password": "pw", "sisCode": "SIS"})
    header = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|M_PHONE"
    post(sim, "store", feed(["p1|alpha|Alpha|Anderson|202-555-0101"], header))
    sim.connect.sync.full_sync()
    post(sim, "store", feed(["p1|alpha|Alfa|Anderson|202-555-0101"], header), dry_run=True)
    assert not sim.connect.sync.dirty
    post(sim, "store", feed(["p1|alpha|Alfa|Anderson|202-555-0101"], header))
    sim.clock.advance(3600)
    assert sim.connect.sync.runs[-1].updated == ["alpha"]
    assert next(iter(sim.connect.service.contacts.values())).firstname == "Alfa"

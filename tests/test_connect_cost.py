"""The hourly Connect run costs O(changed users): counted, not timed."""
from __future__ import annotations

import simulator.connect.sync as sync_module
from simulator.core import Simulator

USERS = 10_000
"""Enough that a walk over all users would dwarf the changed ones; NoScan catches any walk at all."""
CHANGED = 100


class NoScan(dict):
    """A user table that refuses to be walked, so a run that scans all users fails."""

    def _refuse(self, *args, **kwargs):
        raise AssertionError("the hourly run walked the whole user table")

    __iter__ = values = items = keys = _refuse


def test_hourly_run_looks_only_at_the_changed_users(monkeypatch):
    sim = Simulator()
    learn, sync = sim.learn, sim.connect.sync
    sim.connect.service.put_account("acct", "pw", "SIS", "ops@example.edu")
    sync.config.update({"account": "acct", "password": "pw", "sisCode": "SIS"})
    users = []
    for i in range(USERS):
        user = learn.create_user(external_id=f"k{i}", user_name=f"u{i}", firstname="F", lastname=f"L{i}",
                                 data_source="SIS")
        user.profile["m_phone"] = f"202-555-{i % 1000:04d}"
        users.append(user)
    full = sync.full_sync()
    assert len(full.created) == USERS

    for user in users[::USERS // CHANGED]:
        learn.edit(user).firstname = "Changed"
    examined = []
    real = sync_module.contact_data
    monkeypatch.setattr(sync_module, "contact_data", lambda user, mapping: examined.append(user.pk) or real(user, mapping))
    monkeypatch.setattr(learn, "users", NoScan(learn.users))

    sim.clock.advance(3600)

    run = sync.runs[-1]
    assert run.kind == "hourly" and run.error is None
    assert len(examined) == CHANGED
    assert run.examined == CHANGED and len(run.updated) == CHANGED and not run.created and not run.deleted
    assert sum(c.changes for c in sim.connect.service.contacts.values()) == CHANGED

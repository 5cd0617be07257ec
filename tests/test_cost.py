"""Costs that must not grow with the size of Learn: counted, never timed."""
from simulator.sis.person import Person
from tests.helpers import feed, post, simulator_with


def test_refresh_inspects_only_the_records_its_integration_owns(monkeypatch):
    sim = simulator_with()
    sim.sis.put_integration("HR", {"data_source_key": "HR", "password": "x"})
    post(sim, "store", feed([f"hr{n}|hr_user{n}|pw|H|R" for n in range(5000)]), bbid="HR")
    post(sim, "store", feed([f"k{n}|user{n}|pw|A|B" for n in range(20)]))
    inspected = []
    original = Person.record_keys
    monkeypatch.setattr(Person, "record_keys", lambda self, records: inspected.extend(records) or original(self, records))
    result = post(sim, "refresh", feed([f"k{n}|user{n}|pw|A|B" for n in range(10)]))
    assert result.outcomes["disabled"] == 10
    assert len(inspected) <= 20 + 10  # owned candidates, plus the ten it disabled; never the 5000 HR users


def test_refreshlegacy_walks_the_smaller_of_owned_and_data_source(monkeypatch):
    sim = simulator_with(dsk="SIS.A")
    post(sim, "store", feed([f"b{n}|ub{n}|pw|A|B|SIS.B" for n in range(3000)],
                            header="EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|DATA_SOURCE_KEY"))
    post(sim, "store", feed([f"a{n}|ua{n}|pw|A|B" for n in range(10)]))
    inspected = []
    original = Person.record_keys
    monkeypatch.setattr(Person, "record_keys", lambda self, records: inspected.extend(records) or original(self, records))
    post(sim, "refreshlegacy", feed([f"a{n}|ua{n}|pw|A|B" for n in range(5)]))
    assert len(inspected) <= 10 + 5


def test_rolling_back_many_purges_keeps_every_order(monkeypatch):
    """A dry-run refresh that would purge thousands leaves Learn's users in primary-key
    order, in the user table and in the integration's own index, with no re-sorting per
    purged user (the rosters sort themselves once, when next read)."""
    from simulator.learn import usertable

    sim = simulator_with(refresh_behaviour="purge")
    post(sim, "store", feed([f"k{n}|user{n}|pw|A|B" for n in range(2000)]))
    order = list(sim.learn.users)
    sorts = []
    monkeypatch.setattr(usertable, "sorted", lambda items, **how: sorts.append(1) or sorted(items, **how), raising=False)
    result = post(sim, "refresh", feed([f"k{n}|user{n}|pw|A|B" for n in range(1000)]), dry_run=True)
    assert result.outcomes["purged"] == 1000
    assert list(sim.learn.users) == order
    integration = sim.sis.integrations["BBLEARN"].pk
    assert [u.pk for u in sim.learn.owned_users(integration)] == order
    assert len(sorts) <= 1

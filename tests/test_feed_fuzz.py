"""Feed fuzzing: hostile Snapshot Flat Files for every object and operation, posted over
the in-process HTTP app, never answer 5xx and never change records beyond the refresh-
safety invariant (docs/decisions.md, "Refresh and delete safety").

Short profile in the normal run; the long profile is
`LEARNSIM_FEED_FUZZ=long pytest tests/test_feed_fuzz.py -s` (10,000 feeds; figures in
docs/reliability.md). `LEARNSIM_FEED_FUZZ=<n>` runs n feeds.
"""
from __future__ import annotations

import os
from collections import Counter

from hypothesis import HealthCheck, given, settings
from werkzeug.test import Client

from simulator import Simulator
from simulator.http import create_app
from tests.feedfuzz import OTHER, OWN, candidate_keys, check_invariant, hostile_feed, observe, world

_PROFILE = os.environ.get("LEARNSIM_FEED_FUZZ", "short")
EXAMPLES = {"short": 100, "long": 10_000}.get(_PROFILE) or int(_PROFILE)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
OBJECTS = Simulator().sis.objects
TALLY: Counter = Counter()


@FUZZ
@given(hostile_feed(OBJECTS))
def test_hostile_feeds_change_only_what_the_invariant_allows_and_never_answer_5xx(feed):
    app = create_app(world)
    sim = app.sim
    integration = sim.sis.integrations[feed.bbid]
    sim.sis.put_integration(feed.bbid, feed.settings)
    objects = sim.sis.objects
    keys = {name: candidate_keys(obj, feed if name == feed.object_name else None) for name, obj in objects.items()}
    before = {name: observe(sim, obj, keys[name]) for name, obj in objects.items()}
    response = Client(app).post(f"{integration.endpoint_base}/{feed.object_name}/{feed.operation}",
                                data=feed.body, auth=(integration.username, f"pw-{feed.bbid}"))
    assert response.status_code < 500, response.text
    assert response.status_code == 200, response.text
    dataset = sim.datasets_by_uid(response.text.split()[-8]) if hasattr(sim, "datasets_by_uid") else \
        sim.sis.datasets[response.text.split()[-8]]
    after = {name: observe(sim, obj, keys[name]) for name, obj in objects.items()}
    obj = objects[feed.object_name]
    check_invariant(sim, obj, feed, dataset, before[feed.object_name], after[feed.object_name])
    changed_people = {v[1] for k, v in before["person"].items() if after["person"].get(k, (None,) * 3)[:3] != v[:3]}
    for name in objects:
        if name == feed.object_name:
            continue
        for ident in set(before[name]) | set(after[name]):
            old, new = before[name].get(ident), after[name].get(ident)
            if old is None or new is None or old[:3] != new[:3]:
                key = (old or new)[1]
                people = set(key) if isinstance(key, tuple) else {key}
                assert feed.object_name == "person" and people & changed_people, \
                    f"a {feed.object_name} feed changed {name} {key!r}: {old and old[2]} -> {new and new[2]}"
    TALLY.update([f"{feed.object_name}/{feed.operation}", "feeds", f"status {response.status_code}"])
    TALLY["rows"] += dataset.completed
    TALLY["rejected rows"] += dataset.errors
    TALLY["refused files"] += any(e.line == 1 and e.level == "ERROR" for e in dataset.log)
    TALLY["refresh phases skipped"] += any("refresh phase was skipped" in e.message for e in dataset.log)
    TALLY["records disabled or purged"] += dataset.outcomes.get("disabled", 0) + dataset.outcomes.get("purged", 0)


def teardown_module() -> None:
    if _PROFILE != "short":
        print("\nfeed fuzz tally:", dict(sorted(TALLY.items())))

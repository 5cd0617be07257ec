"""Property: the refresh guard never lets a refresh disable or purge more than its
threshold of the records the integration owns, and never holds back one within it.

For every object (persons, secondary role records, observer links), random owned
records, a random refresh file (some kept, some new, some left out), a random
threshold and refresh behaviour: the records the refresh disabled or purged are either
none (and the log says why) or all the missing ones, at most `threshold` percent of
those owned.
"""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import feed, post, simulator_with

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PEOPLE = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE"
HEADERS = {"person": PEOPLE, "secondaryinstrole": "EXTERNAL_PERSON_KEY|ROLE_ID",
           "associateobserver": "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY"}


def row(object_name: str, i: int) -> str:
    return {"person": f"k{i}|u{i}|F|L|none", "secondaryinstrole": f"k{i}|EXTRA",
            "associateobserver": f"watcher|k{i}"}[object_name]


@FAST
@given(object_name=st.sampled_from(list(HEADERS)), owned=st.integers(1, 12), data=st.data(),
       threshold=st.one_of(st.none(), st.floats(0, 100), st.integers(0, 100)),
       behaviour=st.sampled_from(["disable", "purge"]))
def test_a_refresh_never_goes_past_its_threshold(object_name, owned, data, threshold, behaviour):
    sim = simulator_with(refresh_behaviour=behaviour)
    sim.learn.add_institution_role("EXTRA")
    people = [row("person", i) for i in range(20)] + ["watcher|watcher|W|W|observer"]
    post(sim, "store", feed(people, PEOPLE))
    if object_name != "person":
        post(sim, "store", feed([row(object_name, i) for i in range(owned)], HEADERS[object_name]), object_name=object_name)
        total = owned
    else:
        total = 20 + 1
    kept = data.draw(st.lists(st.integers(0, owned - 1), unique=True))
    new = data.draw(st.lists(st.integers(owned, 19), unique=True)) if object_name != "person" else []
    sim.sis.put_integration("BBLEARN", {"refresh_threshold": threshold})
    rows = [row(object_name, i) for i in kept + new] + (["watcher|watcher|W|W|observer"] if object_name == "person" else [])
    data_set = post(sim, "refresh", feed(rows, HEADERS[object_name]), object_name=object_name)
    gone = data_set.outcomes["disabled"] + data_set.outcomes["purged"]
    if not rows:  # a refresh that applied no row never reaches its refresh phase
        assert gone == 0 and any("refresh phase was skipped" in e.message for e in data_set.log)
        return
    owned_now = total + len(new)
    missing = owned_now - len(kept) - len(new) - (1 if object_name == "person" else 0)
    if threshold is None or missing * 100 / owned_now <= threshold:
        assert gone == missing, "a refresh within its threshold must not be held back"
    else:
        assert gone == 0, f"{gone} of {owned_now} records went with a threshold of {threshold}%"
        assert any(e.level == "WARNING" and "refresh guard" in e.message and f"{missing} of {owned_now}" in e.message
                   for e in data_set.log)
    assert threshold is None or gone * 100 / owned_now <= threshold

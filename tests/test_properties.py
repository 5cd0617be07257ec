"""Property tests of the reader and the operations' invariants."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.sis.parser import FeedFile
from tests.helpers import feed, post, simulator_with, snapshot

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADER = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|AVAILABLE_IND|DATA_SOURCE_KEY"

keys = st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=6)
names = st.text(alphabet=st.characters(blacklist_characters="|\r\n", blacklist_categories=("Cs", "Zs", "Cc", "Zl", "Zp")),
                min_size=1, max_size=12)
sources = st.sampled_from(["SIS.A", "SIS.B"])


@st.composite
def person_rows(draw, min_size=0, max_size=8):
    """Well-formed rows; the user id follows from the key so user ids never collide."""
    chosen = draw(st.lists(keys, min_size=min_size, max_size=max_size, unique=True))
    return [f"{k}|u_{k}|{draw(names)}|{draw(names)}|{draw(st.sampled_from('YNyn'))}|{draw(sources)}" for k in chosen]


@FAST
@given(st.lists(st.lists(names, min_size=3, max_size=3), max_size=10), st.sampled_from(["|", ",", "\t", ";"]),
       st.sampled_from(["\n", "\r\n"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
def test_reader_round_trips_fields(rows, delimiter, newline, encoding):
    rows = [[c for c in row] for row in rows if all(delimiter not in c for c in row)]
    if encoding == "latin-1":
        rows = [row for row in rows if all(c.encode("latin-1", "ignore").decode("latin-1") == c for c in row)]
    text = newline.join([delimiter.join(["a", "b", "c"]), *(delimiter.join(r) for r in rows)]) + newline
    parsed = [r.values for r in FeedFile(text.encode(encoding), delimiter).rows()]
    assert parsed == [{"a": r[0].strip(), "b": r[1].strip(), "c": r[2].strip()} for r in rows]


@FAST
@given(person_rows())
def test_store_is_idempotent(rows):
    sim = simulator_with(dsk="SIS.A")
    post(sim, "store", feed(rows, HEADER))
    once = snapshot(sim)
    post(sim, "store", feed(rows, HEADER))
    assert snapshot(sim) == once


@FAST
@given(person_rows(), person_rows())
def test_refresh_leaves_exactly_the_files_owned_records_enabled(existing, refresh_rows):
    sim = simulator_with(dsk="SIS.A")
    post(sim, "store", feed(existing, HEADER))
    post(sim, "refresh", feed(refresh_rows, HEADER))
    owner = sim.sis.integrations["BBLEARN"].pk
    enabled = {u.external_id for u in sim.learn.users.values() if u.owner == owner and u.enabled}
    if refresh_rows:
        assert enabled == {row.split("|")[0] for row in refresh_rows}
    else:  # no row applied: the refresh phase is skipped
        assert enabled == {row.split("|")[0] for row in existing}


@FAST
@given(person_rows(), person_rows(), person_rows())
def test_refreshlegacy_never_touches_another_data_source(existing, other_integration, refresh_rows):
    sim = simulator_with(dsk="SIS.A")
    sim.sis.put_integration("HR", {"data_source_key": "SIS.B", "password": "x"})
    post(sim, "store", feed(existing, HEADER))
    other_keys = {r.split("|")[0] for r in existing}
    post(sim, "store", feed([r.replace("|u_", "|hr_", 1) for r in other_integration
                             if r.split("|")[0] not in other_keys], HEADER), bbid="HR")
    in_file_sources = {r.split("|")[-1] for r in refresh_rows} or {"SIS.A"}
    named = {r.split("|")[0] for r in refresh_rows}
    before = {k: v for k, v in snapshot(sim).items() if v[4] not in in_file_sources and k not in named}
    post(sim, "refreshlegacy", feed(refresh_rows, HEADER))
    after = snapshot(sim)
    assert {k: after[k] for k in before} == before


BAD_CELLS = {"field count": lambda r: r + "|extra", "enum": lambda r: "|".join("maybe" if i == 4 else p for i, p in enumerate(r.split("|"))),  # AVAILABLE_IND
             "length": lambda r: r.replace("|u_", "|u_" + "x" * 60, 1)}


@FAST
@given(person_rows(min_size=1), st.lists(st.sampled_from(sorted(BAD_CELLS)), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_malformed_rows_change_nothing_but_the_well_formed_rows(rows, damage, rnd):
    broken = {rnd.randrange(len(rows)): kind for kind in damage}
    mixed = [BAD_CELLS[broken[i]](row) if i in broken else row for i, row in enumerate(rows)]
    good = [row for i, row in enumerate(rows) if i not in broken]
    sim_mixed, sim_good = simulator_with(dsk="SIS.A"), simulator_with(dsk="SIS.A")
    result = post(sim_mixed, "store", feed(mixed, HEADER))
    post(sim_good, "store", feed(good, HEADER))
    assert result.errors == len(broken)

    def comparable(sim):
        return {k: v[1:-1] for k, v in snapshot(sim).items()}  # pks and password salts differ between runs
    assert comparable(sim_mixed) == comparable(sim_good)

"""The person batch lane changes nothing but speed: any sequence of person files leaves
the same Learn, the same data set logs and the same counts with the lane as without it
(every row one by one)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import Simulator
from simulator.learn.users import SEPARATOR
from simulator.sis import parser
from simulator.sis.parser import BATCH_LINES
from simulator.sis.person import Person

VALUES = {  # name: (good values, values some rule refuses or that need care)
    "external_person_key": ([f"p{n}" for n in range(1, 40)], [" p6 ", ""]),
    "user_id": ([f"u{n}" for n in range(1, 40)] + ["eve"], ["u1 ", "x" * 51, ""]),
    "passwd": (["pw1", "pw2", ""], ["p" * 33]),
    "firstname": (["Ann", "Bob", "E", "V"], [" Cy", "", "D" * 101]),
    "lastname": (["Ann", "Bob", "E", "V"], [" Cy", "", "D" * 101]),
    "email": (["a@x.edu", "b@x.edu"], [f"Z{SEPARATOR}z", "D" * 101, ""]),
    "m_phone": (["+1 202 555 0101", "+1 202 555 0102"], [f"Z{SEPARATOR}z", ""]),
    "city": (["Paris", ""], [f"Z{SEPARATOR}z"]),
    "available_ind": (["Y", "n", "N", ""], ["maybe"]),
    "row_status": (["", "ENABLED", "disabled", "deleted"], ["gone"]),
    "data_source_key": (["", "SIS.PERSONS", "SIS.OTHER"], ["S" * 65]),
    "system_role": (["none", "sdk", ""], ["boss"]),
}
PASSWORDS = ["pw1", "pw2"]
HEADERS = [
    "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|EMAIL|M_PHONE|AVAILABLE_IND|DATA_SOURCE_KEY",
    "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|ROW_STATUS|EMAIL",
    "external_person_key|firstname|lastname|user_id|passwd|city|available_ind",
    "EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|SYSTEM_ROLE",
]


@st.composite
def person_files(draw) -> list[tuple[str, bytes]]:
    """A few files of one header whose rows come from one small pool, so that later
    files repeat earlier rows (the unchanged path) and change some (the others); a
    hostile file also has bad values, blank lines and short rows."""
    header = draw(st.sampled_from(HEADERS))
    names = [n.strip().lower() for n in header.split("|")]

    def row(hostile: bool = False, base: str | None = None) -> str:
        """A good row (or `base`) with one field replaced: by a bad value when hostile."""
        fields = base.split("|") if base else [draw(st.sampled_from(VALUES[n][0])) for n in names]
        if hostile or base:
            at = draw(st.integers(0, len(names) - 1))
            fields[at] = draw(st.sampled_from(VALUES[names[at]][1 if hostile else 0]))
        return "|".join(fields)

    eve = {"external_person_key": "p5", "user_id": "eve", "firstname": "E", "lastname": "V",
           "data_source_key": "SIS.OTHER"}
    pool = [row() for _ in range(draw(st.integers(1, 8)))] + ["|".join(eve.get(n, "") for n in names)]
    files = []
    for _ in range(draw(st.integers(1, 4))):
        bad, broken = draw(st.booleans()), draw(st.booleans())
        lines = [header]
        repeated = iter(draw(st.permutations(pool)))  # a file names a pool row at most once
        for _ in range(draw(st.integers(0, 10))):
            kinds = ["pool"] * 4 + ["changed", "password"] + ["new"] + ["bad"] * 2 * bad + ["blank", "short"] * broken
            kind = draw(st.sampled_from(kinds))
            base = next(repeated, None) if kind in ("pool", "changed", "password") else None
            if kind == "password" and base is not None and "passwd" in names:
                fields = base.split("|")
                fields[names.index("passwd")] = "pw2" if fields[names.index("passwd")] == "pw1" else "pw1"
                base, kind = "|".join(fields), "pool"
            if kind == "blank":
                lines.append("  ")
            elif kind == "short":
                lines.append(row().rsplit("|", 1)[0])
            elif base is not None:
                lines.append(base if kind == "pool" else row(base=base))
            else:
                lines.append(row(hostile=kind == "bad"))
        operation = draw(st.sampled_from(["store", "store", "refresh", "refreshlegacy"]))
        files.append((operation, ("\n".join(lines) + "\n").encode()))
    return files


START = datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc)


def world(lane: bool) -> Simulator:
    sim = Simulator(START)
    sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.PERSONS", "password": "pw"})
    sim.sis.put_integration("OTHER", {"data_source_key": "SIS.OTHER", "password": "pw"})
    sim.sis.post(sim.sis.integrations["OTHER"], "person", "store",
                 b"EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME\np5|eve|E|V\n")
    if not lane:
        sim.sis.objects["person"].lane = lambda *args: None
    return sim


def observed(sim: Simulator, dataset) -> tuple:
    users = [(u.pk, u.external_id, u.user_name, u.firstname, u.lastname, u.data_source, u.owner, u.available,
              u.enabled, u.system_role, u.institution_role, dict(u.profile.items()), u.created, u.modified,
              tuple(p for p in PASSWORDS if p and sim.learn.login(u.user_name, p)[1] != "wrong password"))
             for u in sim.learn.users.values()]
    log = [(e.level, e.message, e.line, e.field) for e in dataset.log]
    return users, log, dict(dataset.outcomes), dataset.completed, dataset.errors, dataset.warnings


@settings(max_examples=400, deadline=None)
@given(person_files(), st.sampled_from([1, 2, 3, 1000]))
def test_the_lane_gives_what_row_by_row_gives(files, batch_lines):
    with_lane, without = world(True), world(False)
    parser.BATCH_LINES = batch_lines  # rows of one file in several batches, or all in one
    try:
        for operation, body in files:
            results = []
            for sim in (with_lane, without):
                sim.clock.advance(60)
                dataset = sim.sis.post(sim.sis.integrations["BBLEARN"], "person", operation, body)
                results.append(observed(sim, dataset))
            assert results[0] == results[1], (operation, body)
    finally:
        parser.BATCH_LINES = BATCH_LINES


def test_the_lane_applies_plain_batches():
    """The lane is really used: a store of new persons and a refresh of the same rows
    never reach the row-by-row `Person.store`."""
    sim = world(True)
    calls = []
    original = Person.store
    body = b"EXTERNAL_PERSON_KEY|USER_ID|PASSWD|FIRSTNAME|LASTNAME|EMAIL\n" + b"".join(
        f"k{n}|u{n}|pw{n}|F|L|u{n}@example.edu\n".encode() for n in range(50))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Person, "store", lambda self, run, values: calls.append(values) or original(self, run, values))
        created = sim.sis.post(sim.sis.integrations["BBLEARN"], "person", "store", body)
        again = sim.sis.post(sim.sis.integrations["BBLEARN"], "person", "refresh", body)
    assert dict(created.outcomes) == {"created": 50} and dict(again.outcomes) == {"unchanged": 50}
    assert calls == []
    assert sim.learn.users_by_external_id["k7"].profile["email"] == "u7@example.edu"
    assert sim.learn.login("u7", "pw7") == (True, "ok")

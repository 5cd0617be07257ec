"""Hostile Snapshot Flat Files for every feed object, and the refresh-safety oracle.

`hostile_feed` draws a file an SIS (or an attacker) might send: headers in any case and
order, missing, duplicated, unknown or empty column names; rows with wrong field counts,
over-long or badly enumerated values, keys of records owned by the posting integration,
by another one or by none; blank lines, `\\n`/`\\r\\n`/`\\r` endings, a BOM or UTF-16.
Column values come from the object's declaration (`ObjectSpec`), so an object registered
later is fuzzed without being named here; `POOLS` only makes keys hit existing records.

`Oracle` reads the drawn file independently of the simulator's reader and, given the
data set's log, says which rows were applied; `allowed_changes` is the invariant of
docs/decisions.md ("Refresh and delete safety").
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Hashable

from hypothesis import strategies as st

from simulator import Simulator
from simulator.sis.feedobject import FeedObject
from simulator.sis.fields import Field
from simulator.sis.run import FeedRun
from simulator.sis.dataset import DataSet

OPERATIONS = ("store", "refresh", "refreshlegacy", "delete")
OWN, OTHER = "BBLEARN", "HR"
PERSONS = ["p0", "p1", "p2", "p3", "h0", "h1", "r0", "w", "hw"]
"""p*: owned by BBLEARN (p3 in another data source), h*: by HR, r0: by no integration,
w/hw: observers of BBLEARN/HR."""
POOLS: dict[str, list[str]] = {
    "external_person_key": PERSONS + ["new1", "new2", " p1 ", "", "x" * 70],
    "external_observer_key": ["w", "hw", "p0", "nobody", ""],
    "external_user_key": ["p0", "p1", "p2", "h0", "r0", "w", ""],
    "new_external_person_key": ["", "", "p9", "p1", "h0", "new3"],
    "user_id": ["u_p0", "u_p1", "u_h0", "u_new1", "u_new2", "u_p9", "U_P2", "", "y" * 60],
    "role_id": ["EXTRA", "extra", "SPARE", "STUDENT", "NOPE", ""],
    "institution_role": ["", "STUDENT", "EXTRA", "NOPE"],
    "data_source_key": ["", "", "SIS.A", "SIS.B", "SIS.C"],
    "new_data_source_key": ["", "", "SIS.C"],
    "passwd": ["", "pw", "x" * 40, "5f4dcc3b5aa765d61d8327deb882cf99"],
    "system_role": ["", "none", "observer", "sysadmin", "king"],
    "birthdate": ["", "19991231", "20200230"],
}
GENERIC_KEYS = ["k0", "k1", "p0", ""]
TEXT = st.text(st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=8)


def values_for(spec: Field | None, name: str) -> st.SearchStrategy[str]:
    """Values for one column: its pool, else drawn from its declaration (valid and not)."""
    if name in POOLS:
        pool = st.sampled_from(POOLS[name])
        return pool if name == "user_id" else st.one_of(pool, pool, pool, TEXT)
    if spec is None:
        return TEXT
    if spec.choices:
        return st.sampled_from(["", *spec.choices, *(c.upper() for c in spec.choices), "bogus"])
    if name.endswith(("_key", "_id")):
        return st.sampled_from(GENERIC_KEYS)
    common = st.sampled_from(["", "v", "Zoë", "v", "Zoë"])
    return st.one_of(common, common, common, st.just("x" * (spec.max_length + 1)), TEXT)


@dataclass
class HostileFeed:
    object_name: str
    operation: str
    bbid: str
    settings: dict
    header: list[str]
    """The header's cells as written (any case, padding)."""
    lines: list[tuple[int, list[str]]] = field(default_factory=list)
    """(physical line, cells) of each data row; blank lines are not listed."""
    body: bytes = b""
    delimiter: str = "|"

    @property
    def names(self) -> list[str]:
        return [c.strip().lower() for c in self.header]


@st.composite
def hostile_feed(draw, objects: dict[str, FeedObject]) -> HostileFeed:
    object_name = draw(st.sampled_from(sorted(objects)))
    obj = objects[object_name]
    operation = draw(st.sampled_from(OPERATIONS))
    needed = list(obj.key_fields) if operation == "delete" else [f.name for f in obj.spec.fields if f.required and f.name != "data_source_key"]
    optional = [f.name for f in obj.spec.fields if f.name not in needed]
    columns = needed + draw(st.lists(st.sampled_from(optional), unique=True, max_size=6))
    damage = draw(st.sampled_from(["none"] * 15 + ["drop", "duplicate", "empty", "trailing", "unknown"]))
    if damage == "drop":
        columns.remove(draw(st.sampled_from(needed)))
    elif damage == "duplicate":
        columns.append(draw(st.sampled_from(columns)))
    elif damage == "empty":
        columns.insert(draw(st.integers(0, len(columns))), "")
    elif damage == "trailing":
        columns.append("")
    elif damage == "unknown":
        columns.append("FAVOURITE_COLOUR")
    columns = draw(st.permutations(columns))
    header = [draw(st.sampled_from([c, c.upper(), f" {c.upper()} "])) for c in columns]
    if not "".join(header).strip():
        header.append("FAVOURITE_COLOUR")  # a blank first line is not a header: the next line would be
    names = [c.strip().lower() for c in header]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = [draw(values_for(obj.spec.by_name.get(n), n)) for n in names]
        cells = [c.replace("|", "/").replace("\r", " ").replace("\n", " ") for c in cells]
        shape = draw(st.sampled_from(["ok"] * 12 + ["extra", "short", "delimiter"]))
        if shape == "extra":
            cells.append(draw(TEXT).replace("|", "/"))
        elif shape == "short" and cells:
            cells = cells[:draw(st.integers(0, len(cells) - 1))] or [cells[0]] if len(cells) > 1 else []
        elif shape == "delimiter" and cells:
            i = draw(st.integers(0, len(cells) - 1))
            cells[i] = cells[i] + "|" + draw(TEXT).replace("|", "/")
            cells = "|".join(cells).split("|")
        rows.append(cells)
    settings = {
        "refresh_behaviour": draw(st.sampled_from(["disable", "disable", "purge", "none"])),
        "delete_behaviour": {object_name: draw(st.sampled_from(["disable", "smart_delete", "none"]))},
        "password_changes_on_update": draw(st.booleans()),
    }
    feed = HostileFeed(object_name, operation, draw(st.sampled_from([OWN, OWN, OTHER])), settings, header)
    ending = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    text_lines = ["|".join(header)]
    for cells in rows:
        while draw(st.integers(0, 5)) == 0:
            text_lines.append(draw(st.sampled_from(["", "  ", "\t"])))
        if "|".join(cells).strip():  # a row of blanks is a blank line, not a row
            feed.lines.append((len(text_lines) + 1, cells))
        text_lines.append("|".join(cells))
    if ending == "mixed":  # a lone \r before an empty line would read as one \r\n: give it its \n
        ends = [draw(st.sampled_from(["\n", "\r\n", "\r"])) for _ in text_lines]
        text = "".join(line + ("\r\n" if end == "\r" and i + 1 < len(text_lines) and not text_lines[i + 1] else end)
                       for i, (line, end) in enumerate(zip(text_lines, ends)))
    else:
        text = ending.join(text_lines) + draw(st.sampled_from([ending, ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"]))
    feed.body = text.encode(encoding, errors="replace") if encoding != "utf-16" else text.encode("utf-16")
    if encoding != "utf-16" and "\ufffd" in text:
        feed.body = text.encode("utf-8", errors="replace")
    return feed


def world() -> Simulator:
    """Two integrations with persons, secondary roles and observer links of their own,
    and records no integration owns."""
    sim = Simulator()
    for bbid, dsk in ((OWN, "SIS.A"), (OTHER, "SIS.B")):
        sim.sis.put_integration(bbid, {"data_source_key": dsk, "password": f"pw-{bbid}"})
    for role in ("EXTRA", "SPARE"):
        sim.learn.add_institution_role(role)
    people = "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|SYSTEM_ROLE|DATA_SOURCE_KEY\n"
    _post(sim, OWN, "person", people + "p0|u_p0|A|A|none|\np1|u_p1|B|B|none|\np2|u_p2|C|C|none|\n"
          "p3|u_p3|D|D|none|SIS.C\nw|u_w|W|W|observer|\n")
    _post(sim, OTHER, "person", people + "h0|u_h0|H|H|none|\nh1|u_h1|I|I|none|\nhw|u_hw|V|V|observer|\n")
    sim.learn.create_user(external_id="r0", user_name="u_r0", firstname="R", lastname="R", data_source="SYSTEM")
    roles = "EXTERNAL_PERSON_KEY|ROLE_ID\n"
    _post(sim, OWN, "secondaryinstrole", roles + "p0|EXTRA\np1|SPARE\np3|EXTRA\n")
    _post(sim, OTHER, "secondaryinstrole", roles + "h0|EXTRA\np2|SPARE\n")
    sim.learn.add_secondary_role(sim.learn.users_by_external_id["r0"], "EXTRA")
    links = "EXTERNAL_OBSERVER_KEY|EXTERNAL_USER_KEY\n"
    _post(sim, OWN, "associateobserver", links + "w|p0\nw|p1\nw|h0\n")
    _post(sim, OTHER, "associateobserver", links + "hw|h0\nhw|p2\n")
    return sim


def _post(sim: Simulator, bbid: str, object_name: str, text: str) -> None:
    dataset = sim.sis.post(sim.sis.integrations[bbid], object_name, "store", text.encode())
    assert dataset.errors == 0, [e.message for e in dataset.log]


# -- observing records through the FeedObject API --------------------------------------
def _frozen(value: object) -> object:
    if hasattr(value, "pk") and not isinstance(value, (str, bytes)):
        return ("ref", value.pk)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


SKIPPED = {"created", "modified", "seq", "secondary_roles"}
"""Timestamps and counters, and a person's roles in effect (derived from role records)."""


def state(record: object) -> tuple:
    if dataclasses.is_dataclass(record):
        names = [f.name for f in dataclasses.fields(record)]
    else:
        names = [n for n in getattr(type(record), "__slots__", ()) or vars(record)]
    return tuple((n, _frozen(getattr(record, n, None))) for n in names if n not in SKIPPED and not n.startswith("_"))


def candidate_keys(obj: FeedObject, feed: HostileFeed | None) -> set[Hashable]:
    """Every key the file could name, plus the world's: the records worth watching."""
    keys: set[Hashable] = set()
    columns = [list(POOLS.get(f, GENERIC_KEYS)) for f in obj.key_fields]
    if feed is not None:
        for f_index, f in enumerate(obj.key_fields):
            for _, cells in feed.lines:
                if f in feed.names and feed.names.index(f) < len(cells):
                    columns[f_index].append(cells[feed.names.index(f)].strip())
    if len(columns) == 1:
        keys.update(obj.key({obj.key_fields[0]: v.strip()}) for v in columns[0])
    else:
        import itertools
        keys.update(obj.key(dict(zip(obj.key_fields, (v.strip() for v in combo)))) for combo in itertools.product(*columns))
    return keys


def observe(sim: Simulator, obj: FeedObject, keys: set[Hashable]) -> dict[Hashable, tuple]:
    """Record identity -> (owner, key, state) for the watched keys and every owned record."""
    run = FeedRun(sim.learn, sim.sis.integrations[OWN], DataSet("", obj.name, "store", sim.clock.now()))
    records = [obj.find(run, k) for k in keys]
    for bbid in (OWN, OTHER):
        run.integration = sim.sis.integrations[bbid]
        records.extend(obj.owned(run, None))
    seen = {}
    for record in records:
        if record is not None:
            seen[id(record)] = (obj.owner(record), obj.record_key(record), state(record), record)
    return seen


# -- the oracle -------------------------------------------------------------------------
def row_keys(obj: FeedObject, names: list[str], cells: list[str]) -> set[Hashable]:
    """The keys a row names, read by position; empty when a key column cannot be read."""
    readable = {n: c.strip() for n, c in zip(names, cells)}
    if not all(readable.get(f) for f in obj.key_fields):
        return set()
    keys = {obj.key(readable)}
    try:
        keys.add(obj.key_after_store(readable))  # a re-keying row (new_external_*_key) names its new key
    except (KeyError, ValueError, TypeError):
        pass
    keys.update(v for n, v in readable.items() if n.startswith("new_external_") and v)
    return keys


def check_invariant(sim: Simulator, obj: FeedObject, feed: HostileFeed, dataset: DataSet,
                    before: dict, after: dict) -> None:
    """The records a feed changes are only those named by applied rows, plus (only when a
    row was applied) records its integration owns that the file does not name; a delete or
    a refresh phase never changes another integration's records."""
    error_lines = {e.line for e in dataset.log if e.level == "ERROR"}
    refused = 1 in error_lines  # the header (always line 1 here) refused the file
    applied = [] if refused else [(n, c) for n, c in feed.lines if n not in error_lines]
    applied_keys = set().union(*(row_keys(obj, feed.names, c) for _, c in applied)) if applied else set()
    file_keys = set().union(*(row_keys(obj, feed.names, c) for _, c in feed.lines)) if feed.lines else set()
    me = sim.sis.integrations[feed.bbid].pk
    refreshing = feed.operation in ("refresh", "refreshlegacy") and bool(applied)
    for ident in set(before) | set(after):
        old, new = before.get(ident), after.get(ident)
        if old is not None and new is not None and old[:3] == new[:3]:
            continue
        owner, key = (old or new)[0], (old or new)[1]
        keys = {k for k in (old and old[1], new and new[1]) if k is not None}
        named_by_applied = bool(keys & applied_keys)
        if feed.operation == "delete":
            ok = named_by_applied and owner == me
        else:
            ok = named_by_applied or (refreshing and owner == me and not keys & file_keys)
        assert ok, (f"{obj.name} {key!r} (owner {owner}) changed by {feed.bbid} {feed.operation}: "
                    f"{old and old[2]} -> {new and new[2]}; applied rows {len(applied)}, "
                    f"log {[(e.level, e.line, e.message) for e in dataset.log]}")

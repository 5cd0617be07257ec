"""The connector's engines: tables as data, all-or-nothing operations, one Learn state."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import Simulator
from simulator.connector import provisioning
from simulator.connector.attributes import table
from simulator.connector.errors import Refusal
from simulator.connector.export import run_export
from simulator.connector.filters import parse_filter
from simulator.connector.folding import fold, unfold
from simulator.connector.formats.base import Binding, DataFormat
from simulator.connector.service import FORMATS
from simulator.connector.session import Session
from tests.helpers import feed, post, simulator_with

USER, COURSE, GROUP = FORMATS["User"], FORMATS["Course"], FORMATS["Group"]
JDOE = {"userName": "jdoe", "password": "pw", "givenName": "Jane", "familyName": "Doe"}


def session(sim: Simulator) -> Session:
    return Session(sim.learn, sim.connector)


def with_course(sim: Simulator, course_id: str = "MATH101") -> None:
    provisioning.add(session(sim), COURSE, {"associatedCourseId": course_id, "title": course_id})


def test_a_table_row_needs_every_column():
    with pytest.raises(ValueError, match="cells"):
        table("name | personal | multi | create | modify | remove | mandatory | export | kind\nx | N | N |")
    with pytest.raises(ValueError, match="not Y, N or NA"):
        table("name | personal | multi | create | modify | remove | mandatory | export | kind\n"
              "x | N | N | maybe | Y | Y | N | Y | text:5")


def test_a_format_must_bind_every_top_level_attribute():
    attributes = table("name | personal | multi | create | modify | remove | mandatory | export | kind\n"
                       "a | NA | N | Y | Y | Y | N | Y | text:5\nb | NA | N | Y | Y | Y | N | Y | bool")
    with pytest.raises(ValueError, match=r"without a binding: \['b'\]"):
        DataFormat("X", "a", attributes, {"a": Binding(lambda r: None, lambda s, r, v: None)})


def test_the_tables_have_the_seeds_sizes():
    assert [len(FORMATS[name].attributes) for name in ("User", "Course", "Group", "PortalRole")] == [60, 43, 23, 9]
    assert {name: fmt.subs.keys() for name, fmt in FORMATS.items()} == {
        "User": {"courseMembership", "groupMembership", "userRole"}, "Course": {"courseMembership"},
        "Group": {"groupMembership"}, "PortalRole": {"userRole"}}


def test_a_refused_add_changes_nothing_even_after_partial_work():
    sim = Simulator()
    with_course(sim)
    before = (len(sim.learn.users), len(sim.learn.course_memberships))
    record = {**JDOE, "courseMembership": [{"courseId": "MATH101"}, {"courseId": "MISSING"}]}
    with pytest.raises(Refusal) as refused:
        provisioning.add(session(sim), USER, record)
    assert refused.value.problems[0].attribute == "courseMembership->courseId"
    assert (len(sim.learn.users), len(sim.learn.course_memberships)) == before
    assert "jdoe" not in sim.learn.users_by_user_name and sim.learn.journal is None


def test_malformed_requests_list_every_problem_at_once():
    sim = Simulator()
    with pytest.raises(Refusal) as refused:
        provisioning.add(session(sim), USER, {"userName": "x" * 60, "userId": "_1_1", "shoeSize": 9})
    seen = {(p.attribute, p.rule) for p in refused.value.problems}
    assert {("userName", "value"), ("userId", "create"), ("shoeSize", "unknown"), ("password", "mandatory"),
            ("givenName", "mandatory"), ("familyName", "mandatory")} <= seen


def test_watchers_hear_of_users_only_when_the_change_stands():
    sim = Simulator()
    heard = []
    sim.learn.user_watchers.append(lambda user: heard.append(user.user_name))
    provisioning.add(session(sim), USER, JDOE)
    assert heard == ["jdoe"]
    with pytest.raises(Refusal):
        provisioning.modify(session(sim), USER, "jdoe", {"replace": {"givenName": "J"}, "add": {"userRole": [{"portalRoleId": "NOPE"}]}})
    assert heard == ["jdoe"] and sim.learn.users_by_user_name["jdoe"].firstname == "Jane"


def test_a_feed_purge_removes_connector_enrolments_and_a_dry_run_brings_them_back():
    sim = simulator_with(delete_behaviour={"person": "smart_delete"})
    post(sim, "store", feed(["k1|fed_user|pw|Fed|User"]))
    with_course(sim)
    provisioning.modify(session(sim), USER, "fed_user", {"add": {"courseMembership": [{"courseId": "MATH101"}]}})
    assert len(sim.learn.course_memberships) == 1
    post(sim, "delete", feed(["k1|fed_user|pw|Fed|User"]), dry_run=True)
    assert len(sim.learn.course_memberships) == 1
    post(sim, "delete", feed(["k1|fed_user|pw|Fed|User"]))
    assert "fed_user" not in sim.learn.users_by_user_name and len(sim.learn.course_memberships) == 0


def test_modifying_one_user_never_walks_all_users():
    sim = Simulator()
    with_course(sim)
    for n in range(300):
        provisioning.add(session(sim), USER, {**JDOE, "userName": f"user{n}"})

    class Counting(dict):
        walks = 0

        def values(self):
            Counting.walks += 1
            return super().values()
    sim.learn.users = Counting(sim.learn.users)
    provisioning.modify(session(sim), USER, "user7", {"add": {"courseMembership": [{"courseId": "MATH101"}]},
                                                      "replace": {"mobilePhone": "1"}})
    assert Counting.walks == 0


def test_delta_export_compares_with_the_same_querys_previous_export():
    sim = Simulator()
    provisioning.add(session(sim), USER, JDOE)
    body = {"exportMode": "DeltaExport", "dataFormat": "ChangeLog", "query": "q"}
    first = run_export(session(sim), USER, body)
    assert [c["changeType"] for c in first["changes"]] == ["add"]
    assert run_export(session(sim), USER, body)["changes"] == []
    provisioning.modify(session(sim), USER, "jdoe", {"add": {"mobilePhone": "5"}})
    other = run_export(session(sim), USER, {**body, "query": "other"})
    assert [c["changeType"] for c in other["changes"]] == ["add"]
    again = run_export(session(sim), USER, body)["changes"]
    assert [(c["changeType"], sorted(c["attributes"])) for c in again] == [
        ("modify", ["familyName", "givenName", "mobilePhone", "userId", "userName"])]


def test_a_page_cursor_is_used_up():
    sim = Simulator()
    for n in range(3):
        provisioning.add(session(sim), USER, {**JDOE, "userName": f"u{n}"})
    first = run_export(session(sim), USER, {"pageSize": 2})
    cursor = first["paging"]["cursor"]
    assert len(run_export(session(sim), USER, {"cursor": cursor})["records"]) == 1
    with pytest.raises(Refusal):
        run_export(session(sim), USER, {"cursor": cursor})


def test_filter_text_reads_like_the_structured_filter():
    text = parse_filter(USER, 'userName startsWith "j and k" and lastLoginDate before 2026-01-01')
    structured = parse_filter(USER, [{"key": "userName", "operator": "startsWith", "value": "j and k"},
                                     {"key": "lastLoginDate", "operator": "before", "date": "2026-01-01"}])
    assert text == structured


SAFE_TEXT = st.text(alphabet=st.characters(blacklist_characters="|", blacklist_categories=("Cs",)), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries({"courseId": SAFE_TEXT}, optional={"role": SAFE_TEXT, "notes": SAFE_TEXT}),
                max_size=5))
def test_folding_then_unfolding_gives_the_sub_records_back(items):
    folded = fold(USER, {"userName": "u", "courseMembership": items}, "|")
    back = unfold(USER, folded, "|")
    assert back.get("courseMembership", []) == items and back["userName"] == "u"


def test_renaming_or_deleting_a_portal_role_carries_its_fed_records_along_even_disabled_ones():
    sim = simulator_with()
    post(sim, "store", feed(["k1|fed_user|pw|Fed|User", "k2|other|pw|Oth|Er"]))
    portal_roles = FORMATS["PortalRole"]
    provisioning.add(session(sim), portal_roles, {"roleID": "LIBRARY", "roleName": "Library"})
    body = "EXTERNAL_PERSON_KEY|ROLE_ID|ROW_STATUS\nk1|LIBRARY|enabled\nk2|LIBRARY|disabled\n".encode()
    sim.sis.post(sim.sis.integrations["BBLEARN"], "secondaryinstrole", "store", body)
    records = sim.learn.secondary_role_records
    assert sorted((r.user.user_name, r.enabled) for r in records.records.values()) == [("fed_user", True), ("other", False)]
    provisioning.modify(session(sim), portal_roles, "LIBRARY", {"replace": {"roleID": "LIBRARIAN"}})
    assert {r.role_id for r in records.records.values()} == {"LIBRARIAN"}
    assert sim.learn.users_by_user_name["fed_user"].secondary_roles == {"LIBRARIAN"}
    provisioning.delete(session(sim), portal_roles, "LIBRARIAN")
    assert len(records) == 0 and sim.learn.institution_role("LIBRARIAN") is None


def _everything(sim: Simulator) -> dict:
    return {name: run_export(session(sim), fmt, {})["records"] for name, fmt in FORMATS.items()}


NAMES = st.sampled_from(["jdoe", "rroe", "nobody"])
COURSES = st.sampled_from(["MATH101", "BIO201", "NOPE"])
CHANGE = st.one_of(
    st.fixed_dictionaries({"add": st.fixed_dictionaries({"courseMembership": st.lists(
        st.fixed_dictionaries({"courseId": COURSES}, optional={"role": st.sampled_from(["STUDENT", "BOSS"])}),
        max_size=2)})}),
    st.fixed_dictionaries({"replace": st.fixed_dictionaries({}, optional={
        "givenName": st.text(max_size=3), "systemRole": st.sampled_from(["GUEST", "KING"]),
        "userName": NAMES, "userId": st.just("_9_1")})}),
    st.fixed_dictionaries({"delete": st.lists(st.sampled_from(["mobilePhone", "userName", "batchUid", "userId"]),
                                              max_size=2)}),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(NAMES, CHANGE), min_size=1, max_size=6))
def test_a_refused_modify_changes_nothing_and_an_accepted_one_keeps_learns_rules(changes):
    sim = Simulator()
    with_course(sim)
    with_course(sim, "BIO201")
    for name in ("jdoe", "rroe"):
        provisioning.add(session(sim), USER, {**JDOE, "userName": name})
    for name, change in changes:
        before = _everything(sim)
        try:
            provisioning.modify(session(sim), USER, name, change)
        except Refusal as refusal:
            assert _everything(sim) == before
            assert all(p.attribute in p.message for p in refusal.problems)
        learn = sim.learn
        assert sim.learn.journal is None
        assert all(learn.users.get(m.user_pk) and learn.courses.get(m.course_pk) for m in learn.course_memberships)
        assert len({(m.course_pk, m.user_pk) for m in learn.course_memberships}) == len(learn.course_memberships)

"""The membership batch lane changes nothing but speed: any sequence of membership and
organization membership files leaves the same enrolments, logs and counts with the lane
as row by row."""
from __future__ import annotations

from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from simulator import Simulator
from simulator.sis import parser
from simulator.sis.parser import BATCH_LINES

START = datetime(2026, 11, 24, 6, 0, tzinfo=timezone.utc)
COURSES = ["C1", "C2", "C3", "OFF", "ORG1", "NOPE", ""]
PERSONS = ["p1", "p2", "p3", "p4", "gone", "ghost", ""]
VALUES = {"role": ["", "Student", "instructor", "guest", "boss"], "available_ind": ["", "Y", "n", "x"],
          "row_status": ["", "enabled", "DISABLED", "deleted", "gone"], "data_source_key": ["", "SIS.ENROL", "S" * 65]}
HEADERS = ["EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE|AVAILABLE_IND|DATA_SOURCE_KEY",
           "external_person_key|external_course_key|row_status",
           "EXTERNAL_ORGANIZATION_KEY|EXTERNAL_PERSON_KEY|ROLE",
           "EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|PRIMARY_INSTRUCTOR"]


def world(lane: bool) -> Simulator:
    sim = Simulator(START)
    integration, _ = sim.sis.put_integration("BBLEARN", {"data_source_key": "SIS.ENROL", "password": "pw"})

    def post(object_name: str, text: str) -> None:
        sim.sis.post(integration, object_name, "store", text.encode())

    post("person", "EXTERNAL_PERSON_KEY|USER_ID|FIRSTNAME|LASTNAME|ROW_STATUS\n"
                   "p1|u1|A|B|\np2|u2|A|B|\np3|u3|A|B|\np4|u4|A|B|\ngone|u5|A|B|disabled\n")
    post("course", "EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|ROW_STATUS\nC1|C1|One|\nC2|C2|Two|\nC3|C3|Three|\n"
                   "OFF|OFF|Off|disabled\n")
    post("organization", "EXTERNAL_ORGANIZATION_KEY|ORGANIZATION_ID|ORGANIZATION_NAME\nORG1|ORG1|Club\n")
    if not lane:
        for name in ("membership", "organizationmembership"):
            sim.sis.objects[name].lane = lambda *args: None
    return sim


@st.composite
def membership_files(draw) -> list[tuple[str, str, bytes]]:
    files = []
    for _ in range(draw(st.integers(1, 4))):
        header = draw(st.sampled_from(HEADERS))
        names = [n.lower() for n in header.split("|")]
        lines = [header]
        for _ in range(draw(st.integers(0, 8))):
            fields = []
            for name in names:
                if name in ("external_course_key", "external_organization_key"):
                    fields.append(draw(st.sampled_from(COURSES)))
                elif name == "external_person_key":
                    fields.append(draw(st.sampled_from(PERSONS)))
                elif name == "primary_instructor":
                    fields.append(draw(st.sampled_from(["", "Y"])))
                else:
                    fields.append(draw(st.sampled_from(VALUES[name])))
            lines.append("|".join(fields) if draw(st.integers(0, 9)) else "|".join(fields[:-1]))
        object_name = "organizationmembership" if "ORGANIZATION" in header else "membership"
        operation = draw(st.sampled_from(["store", "store", "refresh", "delete"]))
        files.append((object_name, operation, ("\n".join(lines) + "\n").encode()))
    return files


def observed(sim: Simulator, dataset) -> tuple:
    memberships = [(m.pk, m.course_pk, m.user_pk, m.data_source, m.role, m.available, m.enabled, m.owner,
                    m.primary_instructor, m.created) for m in sim.learn.course_memberships]
    log = [(e.level, e.message, e.line, e.field) for e in dataset.log]
    return memberships, log, dict(dataset.outcomes), dataset.completed, dataset.errors, dataset.warnings


@settings(max_examples=300, deadline=None)
@given(membership_files(), st.sampled_from([1, 2, 1000]))
def test_the_lane_gives_what_row_by_row_gives(files, batch_lines):
    with_lane, without = world(True), world(False)
    parser.BATCH_LINES = batch_lines
    try:
        for object_name, operation, body in files:
            results = []
            for sim in (with_lane, without):
                dataset = sim.sis.post(sim.sis.integrations["BBLEARN"], object_name, operation, body)
                results.append(observed(sim, dataset))
            assert results[0] == results[1], (object_name, operation, body)
    finally:
        parser.BATCH_LINES = BATCH_LINES

"""A whole nightly SIS job — term, person, course, membership, category and category
membership files, as `learnsim generate --job` writes them — posted to a real
`learnsim serve` over loopback HTTP: every row is accounted for in dataSetStatus, and
what the files say is what Learn's REST API shows (issue 15, "Done when")."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from simulator.generate_job import JOB, write_job
from tests.served import learnsim_serve

BBID, SIS_USER, SIS_PASSWORD, DSK = "NIGHTLY", "nightly-sis", "Nightly-Sis-pw1", "SIS.NIGHTLY"
APP_KEY, APP_SECRET = "nightly-app", "nightly-app-Secr3t"
PERSONS, COURSES = 300, 12
REST = "/learn/api/public"


def rows_of(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("|") for line in lines[1:] if line]


def post(url: str, object_name: str, body: bytes) -> dict[str, int]:
    """Post a store file and wait until Learn has processed it; returns dataSetStatus's counts."""
    endpoint = f"{url}/webapps/bb-data-integration-flatfile-{BBID}/endpoint"
    answer = requests.post(f"{endpoint}/{object_name}/store", data=body, auth=(SIS_USER, SIS_PASSWORD), timeout=120)
    assert answer.status_code == 200, answer.text
    uid = answer.text.split()[-8]
    for _ in range(1200):
        status = requests.get(f"{endpoint}/dataSetStatus/{uid}", auth=(SIS_USER, SIS_PASSWORD), timeout=60)
        counts = {tag: int(status.text.split(f"<{tag}>")[1].split("<")[0])
                  for tag in ("completedCount", "errorCount", "warningCount", "queuedCount")}
        if counts["queuedCount"] == 0:
            return counts
        time.sleep(0.05)
    raise AssertionError(f"data set {uid} never finished")


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    folder = tmp_path_factory.mktemp("job")
    write_job(folder, PERSONS, COURSES)
    options = ("--integration", BBID, "--username", SIS_USER, "--password", SIS_PASSWORD, "--data-source", DSK,
               "--rest-app", f"{APP_KEY}:{APP_SECRET}")
    with learnsim_serve(*options) as url:
        counts = {name: post(url, name, (folder / f"{name}.txt").read_bytes()) for name in JOB}
        token = requests.post(f"{url}{REST}/v1/oauth2/token", params={"grant_type": "client_credentials"},
                              auth=(APP_KEY, APP_SECRET), timeout=30).json()["access_token"]
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        yield folder, counts, url, session


def all_pages(session: requests.Session, url: str, path: str) -> list[dict]:
    results, next_url = [], f"{url}{REST}{path}"
    while next_url:
        body = session.get(next_url, timeout=60).json()
        results += body["results"]
        next_page = body.get("paging", {}).get("nextPage")
        next_url = f"{url}{next_page}" if next_page else None
    return results


def test_every_row_of_every_file_is_accounted_for_without_errors(job):
    folder, counts, _, _ = job
    for name in JOB:
        rows = len(rows_of(folder / f"{name}.txt"))
        assert counts[name] == {"completedCount": rows, "errorCount": 0, "warningCount": 0, "queuedCount": 0}, name


def test_rest_shows_the_term_and_every_course_in_it(job):
    folder, _, url, session = job
    (term_key, term_name, *_), = rows_of(folder / "term.txt")
    term = session.get(f"{url}{REST}/v1/terms/externalId:{term_key}", timeout=30).json()
    assert (term["name"], term["availability"]["duration"]["type"]) == (term_name, "DateRange")
    courses = {c["externalId"]: c for c in all_pages(session, url, "/v3/courses")}
    for key, course_id, name, term_of_course, *_ in rows_of(folder / "course.txt"):
        assert (courses[key]["courseId"], courses[key]["name"], courses[key]["termId"]) == (course_id, name, term["id"])


def test_rest_shows_every_enrolment_with_its_role(job):
    folder, _, url, session = job
    expected: dict[str, set[tuple[str, str, str]]] = {}
    for course_key, person_key, role, available, _ in rows_of(folder / "membership.txt"):
        expected.setdefault(course_key, set()).add((person_key, role, "Yes" if available == "Y" else "No"))
    users = {u["id"]: u["externalId"] for u in all_pages(session, url, "/v1/users")}
    roles = {"instructor": "Instructor", "student": "Student"}
    for course_key, members in expected.items():
        seen = {(users[m["userId"]], m["courseRoleId"], m["availability"]["available"])
                for m in all_pages(session, url, f"/v1/courses/externalId:{course_key}/users")}
        assert seen == {(p, roles[r], a) for p, r, a in members}, course_key


def test_rest_shows_the_categories_and_the_courses_placed_in_them(job):
    folder, _, url, session = job
    categories = {c["categoryId"]: c for c in all_pages(session, url, "/v1/catalog/categories/Course")}
    assert set(categories) == {row[0] for row in rows_of(folder / "coursecategory.txt")}
    courses = {c["id"]: c["externalId"] for c in all_pages(session, url, "/v3/courses")}
    expected: dict[str, set[str]] = {}
    for category_key, course_key, _ in rows_of(folder / "coursecategorymembership.txt"):
        expected.setdefault(category_key, set()).add(course_key)
    for category_key, keys in expected.items():
        places = all_pages(session, url, f"/v1/catalog/categories/Course/{categories[category_key]['id']}/courses")
        assert {courses[p["courseId"]] for p in places} == keys, category_key

"""Synthetic feeds for the rest of a nightly SIS job: a term, courses, enrolments of the
generated persons, course categories and the courses' places in them.

Deterministic (same arguments, same files) and numbered so that any size stays unique.
Person keys are those of `simulator.generate.person_rows` (`p00000000`, …), so a job's
membership file enrols the persons its person file creates. A course is
`<SUBJECT><number>-<TERM>`; each has one instructor, and every person is a student in
`per_person` courses (never in a course they teach). Each subject is a course category.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from simulator.generate import HEADER as PERSON_HEADER, person_rows

SUBJECTS = {
    "MATH": "Mathematics", "HIST": "History", "BIO": "Biology", "CHEM": "Chemistry", "ENGL": "English",
    "PHYS": "Physics", "ECON": "Economics", "PSYC": "Psychology", "ART": "Art", "MUS": "Music",
    "PHIL": "Philosophy", "CS": "Computer Science",
}
LEVELS = ("Introduction to", "Topics in", "Advanced", "Seminar in", "Methods of")
TERM = "2025-FA"
TERM_HEADER = "EXTERNAL_TERM_KEY|NAME|DURATION|START_DATE|END_DATE|AVAILABLE_IND|DATA_SOURCE_KEY"
COURSE_HEADER = "EXTERNAL_COURSE_KEY|COURSE_ID|COURSE_NAME|TERM_KEY|AVAILABLE_IND|DATA_SOURCE_KEY"
MEMBERSHIP_HEADER = "EXTERNAL_COURSE_KEY|EXTERNAL_PERSON_KEY|ROLE|AVAILABLE_IND|DATA_SOURCE_KEY"
CATEGORY_HEADER = "EXTERNAL_CATEGORY_KEY|TITLE|FRONTPAGE_IND|DATA_SOURCE_KEY"
PLACE_HEADER = "EXTERNAL_CATEGORY_KEY|EXTERNAL_COURSE_KEY|DATA_SOURCE_KEY"


def term_rows(data_source: str = "SIS.TERMS", term: str = TERM) -> Iterator[str]:
    yield f"{term}|Fall 2025|range|20250825|20251215|Y|{data_source}"


def _course(n: int, term: str) -> tuple[str, str, str]:
    """(key, course id, name) of course number n."""
    codes = list(SUBJECTS)
    code = codes[n % len(codes)]
    number = 100 + (n // len(codes))
    level = LEVELS[(n // len(codes)) % len(LEVELS)]
    return f"{code}{number}-{term}", f"{code}{number}_{term.replace('-', '')}", f"{level} {SUBJECTS[code]} {number}"


def course_rows(count: int, data_source: str = "SIS.COURSES", term: str = TERM) -> Iterator[str]:
    for n in range(count):
        key, course_id, name = _course(n, term)
        yield f"{key}|{course_id}|{name}|{term}|Y|{data_source}"


def membership_rows(persons: int, courses: int, per_person: int = 4, data_source: str = "SIS.ENROL",
                    term: str = TERM) -> Iterator[str]:
    """Every course's instructor, then `per_person` student enrolments of each person."""
    instructors = {c: (c * 31) % persons for c in range(courses)} if persons else {}
    for c, person in instructors.items():
        yield f"{_course(c, term)[0]}|p{person:08d}|instructor|Y|{data_source}"
    for n in range(persons):
        chosen: set[int] = set()
        for j in range(courses):
            if len(chosen) == min(per_person, courses - 1):
                break
            c = (n * 7 + j * 13) % courses
            if instructors.get(c) == n or c in chosen:
                continue
            chosen.add(c)
            yield f"{_course(c, term)[0]}|p{n:08d}|student|{'N' if n % 97 == 0 else 'Y'}|{data_source}"


def category_rows(data_source: str = "SIS.CATALOG") -> Iterator[str]:
    for code, title in SUBJECTS.items():
        yield f"CAT-{code}|{title}|Y|{data_source}"


def place_rows(courses: int, data_source: str = "SIS.CATALOG", term: str = TERM) -> Iterator[str]:
    codes = list(SUBJECTS)
    for n in range(courses):
        yield f"CAT-{codes[n % len(codes)]}|{_course(n, term)[0]}|{data_source}"


def feed(object_name: str, count: int, courses: int = 0, seed: int = 1, per_person: int = 4) -> tuple[str, Iterator[str]]:
    """(header, rows) of one object's file: COUNT persons, terms (1), courses, or enrolments
    (of COUNT persons in `courses` courses), categories or course places (of `courses`)."""
    courses = courses or max(1, count // 25)
    if object_name == "person":
        return PERSON_HEADER, person_rows(count, seed=seed)
    if object_name == "term":
        return TERM_HEADER, term_rows()
    if object_name == "course":
        return COURSE_HEADER, course_rows(count)
    if object_name == "membership":
        return MEMBERSHIP_HEADER, membership_rows(count, courses, per_person)
    if object_name == "coursecategory":
        return CATEGORY_HEADER, category_rows()
    if object_name == "coursecategorymembership":
        return PLACE_HEADER, place_rows(courses)
    raise ValueError(f"cannot generate {object_name!r}; choose one of: {', '.join(JOB)}")


JOB = ("term", "person", "course", "membership", "coursecategory", "coursecategorymembership")
"""A nightly job's files, in the order an SIS posts them."""


def write_job(directory: Path, persons: int, courses: int = 0, seed: int = 1) -> list[Path]:
    """Write a whole job (one `<object>.txt` per object of `JOB`) for `persons` persons."""
    directory.mkdir(parents=True, exist_ok=True)
    courses = courses or max(1, persons // 25)
    written = []
    for object_name in JOB:
        header, rows = feed(object_name, courses if object_name == "course" else persons, courses, seed)
        path = directory / f"{object_name}.txt"
        with path.open("w", encoding="utf-8") as out:
            out.write(header + "\n")
            for row in rows:
                out.write(row + "\n")
        written.append(path)
    return written

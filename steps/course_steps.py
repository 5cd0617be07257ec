"""Steps that observe terms, courses, organizations, enrolments and catalog categories
through Learn's public REST API (courses v3, terms and memberships v1, catalog v1)."""
from __future__ import annotations

from pytest_bdd import parsers, then

from steps.client import LearnClient

PUBLIC = "/learn/api/public"


def _get(learn: LearnClient, path: str) -> dict | None:
    """A REST resource by its full public path (`/v3/courses/...`), or None on 404."""
    response = learn.session.get(f"{learn.base_url}{PUBLIC}{path}",
                                 headers={"Authorization": f"Bearer {learn.token()}"}, timeout=60)
    if response.status_code == 404:
        return None
    assert response.status_code == 200, f"GET {path} answered {response.status_code}: {response.text}"
    return response.json()


def _course(learn: LearnClient, key: str) -> dict | None:
    return _get(learn, f"/v3/courses/externalId:{learn.names(key)}")


def _term(learn: LearnClient, key: str) -> dict | None:
    return _get(learn, f"/v1/terms/externalId:{learn.names(key)}")


def _shown(learn: LearnClient, kind: str, key: str) -> dict:
    found = _course(learn, key) if kind in ("course", "organization") else _term(learn, key)
    assert found is not None, f"Learn's REST API shows no {kind} {learn.names(key)!r}"
    return found


COURSE_COLUMNS = {
    "courseId": lambda learn, c: learn.names.written(c["courseId"]),
    "name": lambda learn, c: c["name"],
    "available": lambda learn, c: c["availability"]["available"],
    "duration": lambda learn, c: c["availability"]["duration"]["type"],
    "organization": lambda learn, c: str(c["organization"]).lower(),
    "term": lambda learn, c: _term_key(learn, c.get("termId")),
    "description": lambda learn, c: c.get("description", ""),
}


def _term_key(learn: LearnClient, term_id: str | None) -> str:
    if not term_id:
        return ""
    term = _get(learn, f"/v1/terms/{term_id}")
    return learn.names.written(term["externalId"]) if term else f"(missing term {term_id})"


@then(parsers.parse("the courses are:"))
def courses_are(learn: LearnClient, datatable: list[list[str]]) -> None:
    """Each row names a course or organization by its external key (`externalId`)."""
    header, *rows = datatable
    unknown = [c for c in header[1:] if c not in COURSE_COLUMNS]
    assert header[0] == "externalId" and not unknown, f"columns: externalId, then any of {', '.join(COURSE_COLUMNS)}"
    problems = []
    for row in rows:
        course = _course(learn, row[0])
        if course is None:
            problems.append(f"{row[0]}: no such course")
            continue
        for column, want in zip(header[1:], row[1:]):
            seen = COURSE_COLUMNS[column](learn, course)
            if seen != want:
                problems.append(f"{row[0]}: {column} is {seen!r}, expected {want!r}")
    assert not problems, "REST shows:\n  " + "\n  ".join(problems)


@then(parsers.re(r'the (?P<kind>course|organization|term) "(?P<key>[^"]+)" is available "(?P<state>[^"]+)"'))
def available(learn: LearnClient, kind: str, key: str, state: str) -> None:
    seen = _shown(learn, kind, key)["availability"]["available"]
    assert seen == state, f"{kind} {key}: availability.available is {seen!r}, expected {state!r}"


@then(parsers.re(r'there is no (?P<kind>course|organization|term) "(?P<key>[^"]+)"'))
def absent(learn: LearnClient, kind: str, key: str) -> None:
    if kind in ("course", "organization"):
        assert _course(learn, key) is None, f"Learn still shows the {kind} {key!r}"
    else:
        assert _term(learn, key) is None, f"Learn still shows the term {key!r}"


@then(parsers.parse("the terms are:"))
def terms_are(learn: LearnClient, datatable: list[list[str]]) -> None:
    header, *rows = datatable
    columns = {"name": lambda t: t["name"], "available": lambda t: t["availability"]["available"],
               "duration": lambda t: t["availability"]["duration"]["type"],
               "description": lambda t: t.get("description", "")}
    assert header[0] == "externalId" and all(c in columns for c in header[1:]), \
        f"columns: externalId, then any of {', '.join(columns)}"
    problems = []
    for row in rows:
        term = _term(learn, row[0])
        if term is None:
            problems.append(f"{row[0]}: no such term")
            continue
        for column, want in zip(header[1:], row[1:]):
            if columns[column](term) != want:
                problems.append(f"{row[0]}: {column} is {columns[column](term)!r}, expected {want!r}")
    assert not problems, "REST shows:\n  " + "\n  ".join(problems)


def _membership(learn: LearnClient, course_key: str, person_key: str) -> dict | None:
    return _get(learn, f"/v1/courses/externalId:{learn.names(course_key)}/users/externalId:{learn.names(person_key)}")


@then(parsers.parse('"{person_key}" is enrolled in "{course_key}" as "{role}", available "{state}"'))
def enrolled(learn: LearnClient, person_key: str, course_key: str, role: str, state: str) -> None:
    membership = _membership(learn, course_key, person_key)
    assert membership is not None, f"{person_key} is not enrolled in {course_key}"
    seen = (membership["courseRoleId"], membership["availability"]["available"])
    assert seen == (role, state), f"{person_key} in {course_key}: role and availability are {seen}, expected {(role, state)}"


@then(parsers.parse('"{person_key}" is not enrolled in "{course_key}"'))
def not_enrolled(learn: LearnClient, person_key: str, course_key: str) -> None:
    assert _course(learn, course_key) is not None, f"there is no course {course_key!r} at all"
    assert _membership(learn, course_key, person_key) is None, f"{person_key} is enrolled in {course_key}"


@then(parsers.parse('"{course_key}" has {count:d} members'))
def member_count(learn: LearnClient, course_key: str, count: int) -> None:
    course = _course(learn, course_key)
    assert course is not None, f"there is no course {course_key!r}"
    members = learn.all_pages(f"/courses/{course['id']}/users")
    assert len(members) == count, f"{course_key} has {len(members)} members"


def _category(learn: LearnClient, kind: str, key: str) -> dict | None:
    return _get(learn, f"/v1/catalog/categories/{kind}/categoryId:{learn.names(key)}")


@then(parsers.re(r"the (?P<kind>Course|Organization) categories are:"))
def categories_are(learn: LearnClient, kind: str, datatable: list[list[str]]) -> None:
    """Each row names a category by its mnemonic (`categoryId`); `parent` is the parent's mnemonic."""
    header, *rows = datatable
    columns = {"title": lambda c: c["title"], "available": lambda c: str(c["available"]).lower(),
               "frontPage": lambda c: str(c["frontPage"]).lower(),
               "parent": lambda c: _parent_key(learn, kind, c.get("parentId"))}
    assert header[0] == "categoryId" and all(c in columns for c in header[1:]), \
        f"columns: categoryId, then any of {', '.join(columns)}"
    problems = []
    for row in rows:
        category = _category(learn, kind, row[0])
        if category is None:
            problems.append(f"{row[0]}: no such {kind} category")
            continue
        for column, want in zip(header[1:], row[1:]):
            if columns[column](category) != want:
                problems.append(f"{row[0]}: {column} is {columns[column](category)!r}, expected {want!r}")
    assert not problems, "REST shows:\n  " + "\n  ".join(problems)


def _parent_key(learn: LearnClient, kind: str, parent_id: str | None) -> str:
    if not parent_id:
        return ""
    parent = _get(learn, f"/v1/catalog/categories/{kind}/{parent_id}")
    return learn.names.written(parent["categoryId"]) if parent else f"(missing {parent_id})"


@then(parsers.re(r'there is no (?P<kind>Course|Organization) category "(?P<key>[^"]+)"'))
def no_category(learn: LearnClient, kind: str, key: str) -> None:
    assert _category(learn, kind, key) is None, f"Learn still shows the {kind} category {key!r}"


@then(parsers.re(r'the (?P<kind>Course|Organization) category "(?P<key>[^"]+)" lists (?P<courses>.*)'))
def category_lists(learn: LearnClient, kind: str, key: str, courses: str) -> None:
    """`courses`: `nothing`, or course keys in quotes separated by commas ("A", "B")."""
    category = _category(learn, kind, key)
    assert category is not None, f"there is no {kind} category {key!r}"
    places = learn.all_pages(f"/catalog/categories/{kind}/{category['id']}/courses")
    seen = sorted(learn.names.written(_get(learn, f"/v3/courses/{p['courseId']}")["externalId"]) for p in places)
    wanted = sorted(part.strip().strip('"') for part in courses.split(",")) if courses.strip() != "nothing" else []
    assert seen == wanted, f"{kind} category {key} lists {seen}, expected {wanted}"

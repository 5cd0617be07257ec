"""Steps that observe Learn through its public REST API (and, on simulators, the login check)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from steps import weblogin
from steps.client import LearnClient
from steps.world import World

COLUMNS = {
    "externalId": lambda u: u.get("externalId"),
    "userName": lambda u: u.get("userName"),
    "given": lambda u: u["name"].get("given"),
    "family": lambda u: u["name"].get("family"),
    "middle": lambda u: u["name"].get("middle", ""),
    "email": lambda u: u.get("contact", {}).get("email", ""),
    "mobilePhone": lambda u: u.get("contact", {}).get("mobilePhone", ""),
    "studentId": lambda u: u.get("studentId", ""),
    "available": lambda u: u["availability"]["available"],
    "systemRole": lambda u: ",".join(u.get("systemRoleIds", [])),
    "institutionRoles": lambda u: ",".join(u.get("institutionRoleIds", [])),
}
MAPPED = {"externalId", "userName"}


def _user(learn: LearnClient, user_name: str) -> dict:
    user = learn.user(user_name)
    assert user is not None, f"Learn's REST API shows no user {learn.names(user_name)!r}"
    return user


@then(parsers.parse("the users are:"))
def users_are(learn: LearnClient, datatable: list[list[str]]) -> None:
    """Each row names a user by userName; every other column is compared as REST shows it."""
    header, *rows = datatable
    unknown = [c for c in header if c not in COLUMNS]
    assert not unknown, f"unknown columns {unknown}; the step knows {', '.join(COLUMNS)}"
    problems = []
    for row in rows:
        expected = dict(zip(header, row))
        user = learn.user(expected["userName"])
        if user is None:
            problems.append(f"{expected['userName']}: no such user")
            continue
        for column, value in expected.items():
            want = learn.names(value) if column in MAPPED else value
            if column == "institutionRoles":
                want = ",".join(learn.names(role) for role in value.split(",")) if value else value
            seen = COLUMNS[column](user)
            if seen != want:
                problems.append(f"{expected['userName']}: {column} is {seen!r}, expected {want!r}")
    assert not problems, "REST shows:\n  " + "\n  ".join(problems)


@then(parsers.parse('the user "{user_name}" is available "{state}"'))
def availability(learn: LearnClient, user_name: str, state: str) -> None:
    seen = _user(learn, user_name)["availability"]["available"]
    assert seen == state, f"{user_name}: availability.available is {seen!r}, expected {state!r}"


@then(parsers.parse('there is no user "{user_name}"'))
def no_user(learn: LearnClient, user_name: str) -> None:
    assert learn.user(user_name) is None, f"Learn still shows the user {user_name!r}"


@then(parsers.parse('the user "{user_name}" has no email'))
def no_email(learn: LearnClient, user_name: str) -> None:
    assert "email" not in _user(learn, user_name).get("contact", {})


@then(parsers.parse('the user "{user_name}" is in data source "{dsk}"'))
def in_data_source(learn: LearnClient, user_name: str, dsk: str) -> None:
    source_id = _user(learn, user_name)["dataSourceId"]
    source = learn.rest(f"/dataSources/{source_id}").json()
    assert source["externalId"] == learn.names(dsk), f"{user_name} is in {source['externalId']!r}"


@given("the users are remembered as they are now", target_fixture="remembered")
@when("the users are remembered as they are now", target_fixture="remembered")
def remember_users(learn: LearnClient) -> dict[str, dict]:
    return {u["userName"]: u for u in learn.all_pages("/users")}


@then(parsers.parse('the user "{user_name}" is exactly as it was remembered'))
def unchanged(learn: LearnClient, remembered: dict[str, dict], user_name: str) -> None:
    before = remembered.get(learn.names(user_name))
    assert before is not None, f"{user_name} was not there when the users were remembered"
    assert _user(learn, user_name) == before, f"{user_name} changed"


@then(parsers.parse("Learn holds {count:d} users"))
def user_count(learn: LearnClient, count: int) -> None:
    users = learn.all_pages("/users")
    assert len(users) == count, f"REST lists {len(users)} users: {[u['userName'] for u in users]}"


@then(parsers.parse('"{user_name}" can log in with "{password}"'))
def can_log_in(learn: LearnClient, user_name: str, password: str) -> None:
    """Through Learn's login form, on every target: the session then reads `users/me`."""
    outcome = learn.web_login(user_name, password)
    assert outcome.ok, (f"{user_name} cannot log in through {weblogin.LOGIN}: the form answered {outcome.status}"
                        f"{', saying ' + repr(outcome.said) if outcome.said else ''}; cookies {outcome.cookies}")


@then(parsers.parse('"{user_name}" cannot log in with "{password}" because "{reason}"'))
def cannot_log_in(learn: LearnClient, user_name: str, password: str, reason: str) -> None:
    """Learn's login form refuses (no session reads `users/me`); the reason is checked where the
    target says it (the simulator's login check), since Learn's page never says why."""
    outcome = learn.web_login(user_name, password)
    assert not outcome.ok, f"{user_name} could log in with {password!r} through {weblogin.LOGIN}"
    said = learn.login_refusal_reason(user_name, password)
    if said is not None:
        assert reason in said, f"refused for {said!r}, expected {reason!r}"


@then(parsers.parse('the user "{user_name}" shows no password'))
def no_password(learn: LearnClient, user_name: str) -> None:
    user = _user(learn, user_name)
    text = str(user).lower()
    assert "password" not in text and "passwd" not in text and "changeme" not in text, user


@then(parsers.parse('the user "{user_name}" reads the same by primary key, externalId and userName'))
def same_by_every_id(learn: LearnClient, user_name: str) -> None:
    by_name = _user(learn, user_name)
    by_pk = learn.rest(f"/users/{by_name['id']}").json()
    by_key = learn.rest(f"/users/externalId:{by_name['externalId']}").json()
    assert by_name == by_pk == by_key


@given("a REST token was issued", target_fixture="old_token")
def old_token(learn: LearnClient) -> str:
    return learn.token()


@when(parsers.parse('the REST path "{path}" is read'), target_fixture="rest_answer")
def read_path(learn: LearnClient, path: str):
    return learn.rest(path)


@when(parsers.parse('the REST path "{path}" is read without a token'), target_fixture="rest_answer")
def read_without_token(learn: LearnClient, path: str):
    return learn.session.get(f"{learn.base_url}/learn/api/public/v1{path}", timeout=30)


@when(parsers.parse('the REST path "{path}" is read with the old token'), target_fixture="rest_answer")
def read_with_old_token(learn: LearnClient, old_token: str, path: str):
    return learn.session.get(f"{learn.base_url}/learn/api/public/v1{path}",
                             headers={"Authorization": f"Bearer {old_token}"}, timeout=30)


@then(parsers.parse("the REST answer is HTTP {status:d} with a message"))
def rest_error(rest_answer, status: int) -> None:
    assert rest_answer.status_code == status, f"{rest_answer.status_code}: {rest_answer.text}"
    body = rest_answer.json()
    assert body.get("status") == status and body.get("message"), body


@then(parsers.parse("listing users {limit:d} at a time returns {count:d} users in {pages:d} pages"))
def paging(learn: LearnClient, limit: int, count: int, pages: int) -> None:
    seen, page_count = [], 0
    response = learn.rest("/users", limit=limit)
    while True:
        assert response.status_code == 200, response.text
        body = response.json()
        page_count += 1
        assert len(body["results"]) <= limit
        seen += [u["id"] for u in body["results"]]
        next_page = body.get("paging", {}).get("nextPage")
        if not next_page:
            break
        response = learn.session.get(f"{learn.base_url}{next_page}",
                                     headers={"Authorization": f"Bearer {learn.token()}"}, timeout=30)
    assert len(seen) == len(set(seen)) == count and page_count == pages, (seen, page_count)


@then(parsers.parse('the users listed with "{query}" are "{user_names}"'))
def filtered(learn: LearnClient, query: str, user_names: str) -> None:
    name, _, value = query.partition("=")
    if value.startswith("externalId:"):
        value = "externalId:" + learn.names(value[len("externalId:"):])
    listed = sorted(u["userName"] for u in learn.all_pages("/users", **{name: value}))
    assert listed == sorted(learn.names(n.strip()) for n in user_names.split(",")), listed


@then(parsers.parse('the data source "{dsk}" is listed'))
def data_source_listed(learn: LearnClient, dsk: str) -> None:
    assert learn.names(dsk) in [d["externalId"] for d in learn.all_pages("/dataSources")]


@then(parsers.parse('the institution role "{role_id}" is listed'))
def institution_role_listed(learn: LearnClient, role_id: str) -> None:
    assert learn.names(role_id) in [r["roleId"] for r in learn.all_pages("/institutionRoles")]


@then(parsers.parse('the system role "{role_id}" is listed'))
def system_role_listed(learn: LearnClient, role_id: str) -> None:
    assert role_id in [r["roleId"] for r in learn.all_pages("/systemRoles")]

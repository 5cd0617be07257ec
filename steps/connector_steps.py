"""Steps for the identity-management connector (seed 002) and the REST views of
courses, memberships and groups it changes."""
from __future__ import annotations

import json

import pytest
from pytest_bdd import given, parsers, then, when

from steps.client import LearnClient
from steps.connector_client import (
    V1, V2, ConnectorWorld, call, course_path, document, groups_of, provision, refused, resolve, rest_get, rest_id,
    rest_json, succeeded,
)
from steps.connector_probe import probe

FLAGS = ("personal", "multi", "create", "modify", "remove", "mandatory")
SCHEMA_FLAGS = {"personal": "personalInfo", "multi": "multiValued", "create": "create", "modify": "modify",
                "remove": "remove", "mandatory": "mandatory"}


@pytest.fixture
def connector() -> ConnectorWorld:
    return ConnectorWorld()


# -- setup ------------------------------------------------------------------------------------------
@given(parsers.parse('a Learn user "{user_name}" with password "{password}" and system role "{role}"'))
def learn_user(learn: LearnClient, user_name: str, password: str, role: str) -> None:
    """Created the way an SIS creates people: a person feed. A System Administrator is the connector's
    service account (on a live target: the one its target file names)."""
    if role == "sys_admin":
        learn.connector_service_account(user_name, password)
    else:
        learn.learn_user(user_name, password, role)


@given(parsers.parse('the connector is called as "{user_name}" with password "{password}"'))
def called_as(learn: LearnClient, connector: ConnectorWorld, user_name: str, password: str) -> None:
    connector.auth = learn.connector_auth(user_name, password)


@given(parsers.parse("the connector has the settings:"))
def settings(learn: LearnClient, connector: ConnectorWorld, datatable: list[list[str]]) -> None:
    body = {row[0]: json.loads(row[1]) for row in datatable[1:]}
    learn.control("PUT", "/connector", body)
    connector.bbid = body.get("bbid", connector.bbid)


def _key(learn: LearnClient, key: str) -> str:
    """A record named by a placeholder (`{group:MATH101/Study group}`) or by its usual name."""
    return resolve(learn, key) if key.startswith("{") else learn.names(key)


# -- operations -------------------------------------------------------------------------------------------
@given(parsers.parse("the connector has added the {fmt} record:"))
def added(learn: LearnClient, connector: ConnectorWorld, fmt: str, docstring: str) -> None:
    provision(learn, connector, fmt, "add", {"record": document(learn, docstring)})
    succeeded(connector)


@when(parsers.parse("the connector adds the {fmt} record:"))
def add(learn: LearnClient, connector: ConnectorWorld, fmt: str, docstring: str) -> None:
    provision(learn, connector, fmt, "add", {"record": document(learn, docstring)})


@when(parsers.parse('the connector adds the {fmt} record folded with the delimiter "{delimiter}":'))
def add_folded(learn: LearnClient, connector: ConnectorWorld, fmt: str, delimiter: str, docstring: str) -> None:
    provision(learn, connector, fmt, "add", {"record": document(learn, docstring),
                                             "subRecordsInFoldedState": True, "delimiter": delimiter})


@given(parsers.parse('the connector has modified the {fmt} "{key}":'))
def modified(learn: LearnClient, connector: ConnectorWorld, fmt: str, key: str, docstring: str) -> None:
    modify(learn, connector, fmt, key, docstring)
    succeeded(connector)


@when(parsers.parse('the connector modifies the {fmt} "{key}":'))
def modify(learn: LearnClient, connector: ConnectorWorld, fmt: str, key: str, docstring: str) -> None:
    provision(learn, connector, fmt, "modify", {"key": _key(learn, key), **document(learn, docstring)})


@when(parsers.parse('the connector deletes the {fmt} "{key}"'))
def delete(learn: LearnClient, connector: ConnectorWorld, fmt: str, key: str) -> None:
    provision(learn, connector, fmt, "delete", {"key": _key(learn, key)})


@given(parsers.parse("the connector has exported {fmt} with:"))
@when(parsers.parse("the connector exports {fmt} with:"))
def export(learn: LearnClient, connector: ConnectorWorld, fmt: str, docstring: str) -> None:
    provision(learn, connector, fmt, "export", document(learn, docstring))


@when("the connector asks for the next page")
def next_page(learn: LearnClient, connector: ConnectorWorld) -> None:
    cursor = succeeded(connector).get("paging", {}).get("cursor")
    assert cursor, "the last export has no further page"
    fmt = connector.response.url.rstrip("/").split("/")[-2]
    provision(learn, connector, fmt, "export", {"cursor": cursor})


@when(parsers.parse('the connector calls the identity operation "{operation}" with:'))
def identity(learn: LearnClient, connector: ConnectorWorld, operation: str, docstring: str) -> None:
    call(learn, connector, f"identity/{operation}", document(learn, docstring))


@when("the connection is tested")
def test_connection(learn: LearnClient, connector: ConnectorWorld) -> None:
    call(learn, connector, "test-connection", method="GET")


@when(parsers.parse('the connection is tested as "{user_name}" with password "{password}"'))
def test_connection_as(learn: LearnClient, connector: ConnectorWorld, user_name: str, password: str) -> None:
    call(learn, connector, "test-connection", method="GET", auth=(learn.names(user_name), password))


@when(parsers.parse('the connection is tested at the Building Block "{bbid}"'))
def test_connection_at(learn: LearnClient, connector: ConnectorWorld, bbid: str) -> None:
    connector.bbid = bbid
    call(learn, connector, "test-connection", method="GET")


@when(parsers.parse('the connector\'s description of data format "{fmt}" is read'))
def read_schema(learn: LearnClient, connector: ConnectorWorld, fmt: str) -> None:
    call(learn, connector, f"schema/{fmt}", method="GET")


@when("the connector's capabilities are read")
def read_capabilities(learn: LearnClient, connector: ConnectorWorld) -> None:
    call(learn, connector, "capabilities", method="GET")


# -- answers ------------------------------------------------------------------------------------------------
@then("the connector answers success")
def answers_success(connector: ConnectorWorld) -> None:
    succeeded(connector)


@then(parsers.parse('the connector refuses it with HTTP {status:d} naming "{attribute}" and the rule "{rule}"'))
def answers_refusal(connector: ConnectorWorld, status: int, attribute: str, rule: str) -> None:
    refused(connector, status, attribute, rule)


@then(parsers.parse('the connector answers HTTP {status:d} saying "{text}"'))
def answers_status(connector: ConnectorWorld, status: int, text: str) -> None:
    response = connector.response
    assert response is not None and response.status_code == status, \
        f"expected HTTP {status}, got {response.status_code if response is not None else None}: {response.text if response is not None else ''}"
    assert text in response.text, f"expected {text!r} in {response.text!r}"


@given(parsers.parse('the answer has "{path}" = {value}'))
@then(parsers.parse('the answer has "{path}" = {value}'))
def answer_field(learn: LearnClient, connector: ConnectorWorld, path: str, value: str) -> None:
    seen = connector.body()
    for part in path.split("."):
        seen = seen[int(part)] if isinstance(seen, list) else seen.get(part)
    assert seen == json.loads(resolve(learn, value)), f"{path} is {seen!r}, expected {value}"


@then(parsers.parse('the answer\'s record has no "{attribute}"'))
def record_lacks(connector: ConnectorWorld, attribute: str) -> None:
    assert attribute not in succeeded(connector)["record"], f"the record shows {attribute}"


@then(parsers.parse("the exported records are:"))
def exported_records(learn: LearnClient, connector: ConnectorWorld, datatable: list[list[str]]) -> None:
    """Each row is a record; each cell a JSON value ("-": the attribute is absent)."""
    header, *rows = datatable
    records = succeeded(connector)["records"]
    assert len(records) == len(rows), f"expected {len(rows)} records, got {len(records)}: {json.dumps(records)[:2000]}"
    for record, row in zip(records, rows):
        for column, cell in zip(header, row):
            if cell == "-":
                assert column not in record, f"{column} should be absent: {record}"
            else:
                want = json.loads(resolve(learn, cell))
                assert record.get(column) == want, f"{column} is {record.get(column)!r}, expected {want!r}: {record}"


@then(parsers.parse("the exported record attributes are, in order:"))
def exported_attribute_names(connector: ConnectorWorld, datatable: list[list[str]]) -> None:
    records = succeeded(connector)["records"]
    seen = [", ".join(r.keys()) for r in records]
    assert seen == [row[0] for row in datatable[1:]], "the export shows attributes:\n  " + "\n  ".join(seen)


@then(parsers.parse("the export changes are:"))
def exported_changes(learn: LearnClient, connector: ConnectorWorld, datatable: list[list[str]]) -> None:
    """Each row: changeType | id | the attribute names shown (comma separated)."""
    changes = succeeded(connector)["changes"]
    seen = [[c["changeType"], c["id"], ", ".join(c["attributes"])] for c in changes]
    want = [[row[0], resolve(learn, row[1]), row[2]] for row in datatable[1:]]
    assert seen == want, "the change log shows:\n  " + "\n  ".join(" | ".join(s) for s in seen)


@then(parsers.parse("the export deleted the ids {ids}"))
def exported_deleted(learn: LearnClient, connector: ConnectorWorld, ids: str) -> None:
    want = json.loads(resolve(learn, ids))
    assert succeeded(connector)["deleted"] == want


@then(parsers.parse("the export has {count:d} records and {more}"))
def export_page(connector: ConnectorWorld, count: int, more: str) -> None:
    body = succeeded(connector)
    assert len(body["records"]) == count, f"{len(body['records'])} records on this page"
    has_more = "paging" in body
    assert has_more == (more == "a next page"), f"paging: {body.get('paging')}"


# -- the attribute tables ---------------------------------------------------------------------------------------
def _schema(learn: LearnClient, connector: ConnectorWorld, fmt: str) -> dict:
    call(learn, connector, f"schema/{fmt}", method="GET")
    return succeeded(connector)


@then(parsers.parse('the {fmt} attribute "{name}" is declared {flags}'))
def declared(learn: LearnClient, connector: ConnectorWorld, fmt: str, name: str, flags: str) -> None:
    """`flags`: `personal Y, multi N, create Y, …` as the seed's row says them."""
    schema = _schema(learn, connector, fmt)
    attribute = next((a for a in schema["attributes"] if a["name"] == name), None)
    assert attribute is not None, f"the {fmt} data format declares no {name!r}"
    for item in flags.split(","):
        flag, value = item.split()
        assert attribute[SCHEMA_FLAGS[flag]] == value, f"{name}: {flag} is {attribute[SCHEMA_FLAGS[flag]]}, the seed says {value}"


@then(parsers.parse('the {fmt} attribute "{name}" behaves as declared'))
def behaves(learn: LearnClient, connector: ConnectorWorld, fmt: str, name: str) -> None:
    probe(learn, connector, fmt, _schema(learn, connector, fmt), name)


# -- Learn's REST view ------------------------------------------------------------------------------------------------
@then(parsers.parse('Learn\'s REST API shows the course "{course}" with:'))
def rest_course(learn: LearnClient, course: str, datatable: list[list[str]]) -> None:
    _fields(rest_json(learn, course_path(learn, course)), course, datatable)


@then(parsers.parse('Learn\'s REST API shows no course "{course}"'))
def rest_no_course(learn: LearnClient, course: str) -> None:
    response = rest_get(learn, course_path(learn, course))
    assert response.status_code == 404, f"REST still shows {course}: {response.text}"


@then(parsers.parse('Learn\'s REST API shows the members of "{course}" as:'))
def rest_members(learn: LearnClient, course: str, datatable: list[list[str]]) -> None:
    """Rows: userName | courseRoleId | available."""
    members = rest_json(learn, f"{V1}/courses/courseId:{learn.names(course)}/users")["results"]
    users = {u["id"]: u["userName"] for u in learn.all_pages("/users")}
    seen = sorted([users.get(m["userId"], m["userId"]), m["courseRoleId"], m["availability"]["available"]]
                  for m in members)
    want = sorted([learn.names(row[0]), row[1], row[2]] for row in datatable[1:])
    assert seen == want, f"REST shows the members of {course}: {seen}"


@then(parsers.parse('Learn\'s REST API shows the groups of "{course}" as "{names}"'))
def rest_groups(learn: LearnClient, course: str, names: str) -> None:
    seen = sorted(g["name"] for g in groups_of(learn, course))
    want = sorted(n.strip() for n in names.split(",") if n.strip())
    assert seen == want, f"REST shows the groups of {course}: {seen}"


def _group_members(learn: LearnClient, group: str, course: str) -> list[str]:
    group_id = rest_id(learn, "group", f"{course}/{group}")
    members = rest_json(learn, f"{V2}/courses/courseId:{learn.names(course)}/groups/{group_id}/users")["results"]
    users = {u["id"]: u["userName"] for u in learn.all_pages("/users")}
    return sorted(users[m["userId"]] for m in members)


@then(parsers.parse('Learn\'s REST API shows the members of group "{group}" of "{course}" as "{names}"'))
def rest_group_members(learn: LearnClient, group: str, course: str, names: str) -> None:
    seen = _group_members(learn, group, course)
    want = sorted(learn.names(n.strip()) for n in names.split(",") if n.strip())
    assert seen == want, f"REST shows the members of {group}: {seen}"


@then("over HTTPS the connection succeeds, and over plain HTTP it is refused because HTTPS is required")
def https_required(learn: LearnClient, connector: ConnectorWorld) -> None:
    """The in-process target speaks HTTPS, a plain `learnsim serve` HTTP: each checks its half."""
    body = connector.body()
    if learn.base_url.startswith("https://"):
        assert connector.response.status_code == 200 and body["status"] == "success", body
    else:
        assert connector.response.status_code == 403 and body["status"] == "failure", body
        assert "HTTPS is required" in body["reason"], body


@then(parsers.parse('the capability notes mention "{text}"'))
def capability_note(connector: ConnectorWorld, text: str) -> None:
    notes = succeeded(connector)["notes"]
    assert any(text in note for note in notes), notes


@then(parsers.parse('the only attribute declared not exportable is "{name}"'))
def only_unexportable(connector: ConnectorWorld, name: str) -> None:
    hidden = [a["name"] for a in succeeded(connector)["attributes"] if a["exportable"] == "N"]
    assert hidden == [name], hidden


@then(parsers.parse('Learn\'s REST API shows no members in group "{group}" of "{course}"'))
def rest_group_empty(learn: LearnClient, group: str, course: str) -> None:
    members = _group_members(learn, group, course)
    assert members == [], f"group {group} still has members: {members}"


@then(parsers.parse('the user "{user_name}" has no course memberships'))
def no_memberships(learn: LearnClient, user_name: str) -> None:
    memberships = rest_json(learn, f"{V1}/users/userName:{learn.names(user_name)}/courses")["results"]
    assert memberships == [], f"{user_name} is still enrolled: {memberships}"


@then(parsers.parse('Learn\'s REST API shows no groups in "{course}"'))
def rest_no_groups(learn: LearnClient, course: str) -> None:
    groups = groups_of(learn, course)
    assert groups == [], f"{course} still has groups: {[g['name'] for g in groups]}"


@then(parsers.parse('Learn\'s REST API shows the group "{group}" of "{course}" with:'))
def rest_group(learn: LearnClient, group: str, course: str, datatable: list[list[str]]) -> None:
    group_id = rest_id(learn, "group", f"{course}/{group}")
    _fields(rest_json(learn, f"{V2}/courses/courseId:{learn.names(course)}/groups/{group_id}"), group, datatable)


def _fields(body: dict, what: str, datatable: list[list[str]]) -> None:
    for path, value in datatable[1:]:
        seen = body
        for part in path.split("."):
            seen = seen.get(part) if isinstance(seen, dict) else None
        assert seen == json.loads(value), f"{what}: {path} is {seen!r}, expected {value}"


@then(parsers.parse('the institution role "{role_id}" is shown by REST with the name "{name}"'))
def rest_role(learn: LearnClient, role_id: str, name: str) -> None:
    role = rest_json(learn, f"{V1}/institutionRoles/roleId:{learn.names(role_id)}")
    assert role["name"] == name, f"REST shows {role}"


@then(parsers.parse('REST shows no institution role "{role_id}"'))
def rest_no_role(learn: LearnClient, role_id: str) -> None:
    response = rest_get(learn, f"{V1}/institutionRoles/roleId:{learn.names(role_id)}")
    assert response.status_code == 404, f"REST still shows {role_id}: {response.text}"


@then(parsers.parse('the exported {attribute} values are "{values}"'))
def exported_values(learn: LearnClient, connector: ConnectorWorld, attribute: str, values: str) -> None:
    seen = [r.get(attribute) for r in succeeded(connector)["records"]]
    want = [learn.names(v.strip()) for v in values.split(",") if v.strip()]
    assert seen == want, f"the export shows {attribute}: {seen}"


@when(parsers.parse('the connector asks for the export page "{cursor}"'))
def page_by_cursor(learn: LearnClient, connector: ConnectorWorld, cursor: str) -> None:
    provision(learn, connector, "User", "export", {"cursor": cursor})


@then("the connector's last export deleted exactly one record")
def deleted_one(connector: ConnectorWorld) -> None:
    deleted = succeeded(connector)["deleted"]
    assert len(deleted) == 1, f"deleted: {deleted}"


@then(parsers.parse('the change types are "{types}"'))
def change_types(connector: ConnectorWorld, types: str) -> None:
    seen = [c["changeType"] for c in succeeded(connector)["changes"]]
    assert seen == [t.strip() for t in types.split(",")], f"change types: {seen}"


@then("the export lists no records")
def export_empty(connector: ConnectorWorld) -> None:
    records = succeeded(connector)["records"]
    assert records == [], f"the export lists {records}"

"""Runs one row of an attribute table against the connector: does the attribute
behave as its flags say?

For a top-level attribute: Add with it (create flag), Add without it (mandatory),
Replace it on an existing record (modify flag), remove it with Modify (Delete)
(remove flag; a mandatory attribute must keep its value), and whether the answer
shows it (exportable). For a sub-record attribute the same, inside a sub-record
found by its key. A sub-record's key identifies it rather than being a value of it,
so for keys the probe checks the operations table instead: a sub-record is added by
Add, refused without its key, not found (and so not re-keyed or added) by Replace,
and removed as a whole by Modify (Delete).

Sample values come from the attribute's declared kind; references point at records
the probe creates through the connector itself.
"""
from __future__ import annotations

from typing import Any

from steps.client import LearnClient
from steps.connector_client import ConnectorWorld, provision, refused, rest_id, succeeded

ARROW = "->"


def _unique(world: ConnectorWorld, stem: str, limit: int = 50) -> str:
    world.probes += 1
    return f"{stem}{world.probes}"[:limit]


def _fixture(learn: LearnClient, world: ConnectorWorld, kind: str) -> str:
    """The id of a record to refer to, created once per scenario through the connector."""
    if kind in world.fixtures:
        return world.fixtures[kind]
    if kind == "course":
        provision(learn, world, "Course", "add", {"record": {"associatedCourseId": learn.names("PROBE-COURSE"),
                                                               "title": "Probe course"}})
        world.fixtures[kind] = succeeded(world)["id"]
    elif kind == "user":
        provision(learn, world, "User", "add", {"record": {"userName": learn.names("probe_member"), "password": "Pr0be!",
                                                             "givenName": "Probe", "familyName": "Member"}})
        world.fixtures[kind] = succeeded(world)["id"]
    elif kind == "portalRole":
        provision(learn, world, "PortalRole", "add", {"record": {"roleID": learn.names("PROBE_ROLE"), "roleName": "Probe"}})
        world.fixtures[kind] = succeeded(world)["id"]
    elif kind == "courseMembership":
        course, user = _fixture(learn, world, "course"), _fixture(learn, world, "user")
        provision(learn, world, "Course", "modify", {"key": course, "add": {"courseMembership": [{"userId": user}]}})
        succeeded(world)
        world.fixtures[kind] = rest_id(learn, "membership", "PROBE-COURSE/probe_member")
    elif kind == "group":
        course = _fixture(learn, world, "course")
        provision(learn, world, "Group", "add", {"record": {"courseId": course, "title": "Probe group", "isWithForum": True}})
        world.fixtures[kind] = succeeded(world)["id"]
    return world.fixtures[kind]


def sample(learn: LearnClient, world: ConnectorWorld, declared: dict) -> Any:
    kind = declared["type"]
    if kind == "text":
        return _unique(world, "probe-", declared.get("maxLength", 50))
    if kind == "bool":
        return True
    if kind == "int":
        return 7
    if kind == "number":
        return 12.5
    if kind == "date":
        return "2026-03-01"
    if kind == "enum":
        return declared["values"][0]
    if kind == "password":
        return "Pr0be!pass"
    if kind == "ref":
        return _fixture(learn, world, declared["refersTo"])
    return "_999_1"


def base_record(learn: LearnClient, world: ConnectorWorld, schema: dict, without: str = "") -> dict:
    """The mandatory top-level attributes, with sample values."""
    return {a["name"]: sample(learn, world, a) for a in schema["attributes"]
            if a["mandatory"] == "Y" and ARROW not in a["name"] and a["name"] != without}


def base_sub(learn: LearnClient, world: ConnectorWorld, schema: dict, group: str) -> dict:
    key = schema["subRecords"][group]["key"]
    declared = next(a for a in schema["attributes"] if a["name"] == f"{group}{ARROW}{key}")
    return {key: sample(learn, world, declared)}


def _prerequisites(learn: LearnClient, world: ConnectorWorld, fmt: str, group: str) -> dict:
    """A user joins a group only when enrolled in its course."""
    if fmt == "User" and group == "groupMembership":
        _fixture(learn, world, "group")
        return {"courseMembership": [{"courseId": _fixture(learn, world, "course")}]}
    return {}


def _fresh(learn: LearnClient, world: ConnectorWorld, fmt: str, schema: dict, extra: dict) -> str:
    provision(learn, world, fmt, "add", {"record": {**base_record(learn, world, schema), **extra}})
    return succeeded(world)["id"]


def _expect(world: ConnectorWorld, allowed: bool, attribute: str, rule: str) -> dict | None:
    if allowed:
        return succeeded(world)
    refused(world, None, attribute, rule)
    return None


def probe(learn: LearnClient, world: ConnectorWorld, fmt: str, schema: dict, name: str) -> None:
    declared = next(a for a in schema["attributes"] if a["name"] == name)
    if ARROW in name:
        _probe_sub(learn, world, fmt, schema, declared)
    else:
        _probe_top(learn, world, fmt, schema, declared)


def _probe_top(learn: LearnClient, world: ConnectorWorld, fmt: str, schema: dict, declared: dict) -> None:
    name = declared["name"]
    value = sample(learn, world, declared)
    provision(learn, world, fmt, "add", {"record": {**base_record(learn, world, schema, without=name), name: value}})
    answer = _expect(world, declared["create"] == "Y", name, "create")
    if answer is not None:
        shown = name in answer["record"]
        assert shown == (declared["exportable"] == "Y"), \
            f"{name}: exportable is {declared['exportable']} but the answer {'shows' if shown else 'hides'} it"
    if declared["mandatory"] == "Y":
        provision(learn, world, fmt, "add", {"record": base_record(learn, world, schema, without=name)})
        refused(world, 400, name, "mandatory")
    key = _fresh(learn, world, fmt, schema, {})
    provision(learn, world, fmt, "modify", {"key": key, "replace": {name: sample(learn, world, declared)}})
    _expect(world, declared["modify"] == "Y", name, "modify")
    provision(learn, world, fmt, "modify", {"key": key, "delete": [name]})
    if declared["remove"] == "Y" and declared["mandatory"] == "Y":
        refused(world, 400, name, "mandatory")
    else:
        _expect(world, declared["remove"] == "Y", name, "remove")


def _probe_sub(learn: LearnClient, world: ConnectorWorld, fmt: str, schema: dict, declared: dict) -> None:
    name = declared["name"]
    group, leaf = name.split(ARROW)
    key_leaf = schema["subRecords"][group]["key"]
    needs = _prerequisites(learn, world, fmt, group)
    sub = base_sub(learn, world, schema, group)
    if leaf == key_leaf:
        _probe_key(learn, world, fmt, schema, declared, needs, sub)
        return
    value = sample(learn, world, declared)
    provision(learn, world, fmt, "add", {"record": {**base_record(learn, world, schema), **needs,
                                                    group: [{**sub, leaf: value}]}})
    answer = _expect(world, declared["create"] == "Y", name, "create")
    if answer is not None:
        shown = leaf in answer["record"][group][0]
        assert shown == (declared["exportable"] == "Y"), f"{name}: exportable is {declared['exportable']}"
    key = _fresh(learn, world, fmt, schema, {**needs, group: [sub]})
    provision(learn, world, fmt, "modify", {"key": key, "replace": {group: [{**sub, leaf: sample(learn, world, declared)}]}})
    _expect(world, declared["modify"] == "Y", name, "modify")
    provision(learn, world, fmt, "modify", {"key": key, "delete": {group: [{**sub, leaf: None}]}})
    _expect(world, declared["remove"] == "Y", name, "remove")


def _probe_key(learn: LearnClient, world: ConnectorWorld, fmt: str, schema: dict, declared: dict,
               needs: dict, sub: dict) -> None:
    name = declared["name"]
    group = name.split(ARROW)[0]
    assert declared["create"] == "Y" and declared["mandatory"] == "Y", f"{name} identifies {group}: create and mandatory"
    key = _fresh(learn, world, fmt, schema, {**needs, group: [sub]})
    shown = [s for s in _record(learn, world, fmt, key).get(group, []) if s.get(name.split(ARROW)[1])]
    assert len(shown) == 1, f"the new {fmt} should have one {group}: {shown}"
    provision(learn, world, fmt, "add", {"record": {**base_record(learn, world, schema), **needs, group: [{}]}})
    refused(world, 400, name, "mandatory")
    provision(learn, world, fmt, "modify", {"key": key, "replace": {group: [{name.split(ARROW)[1]: "_999_1"}]}})
    assert world.response.status_code >= 400, f"Replace must not add or re-key a {group}: {world.response.text}"
    provision(learn, world, fmt, "modify", {"key": key, "delete": {group: [sub]}})
    succeeded(world)
    assert not _record(learn, world, fmt, key).get(group), f"Modify (Delete) of its key removes the {group}"


def _record(learn: LearnClient, world: ConnectorWorld, fmt: str, key: str) -> dict:
    provision(learn, world, fmt, "export", {"filter": [{"key": "id", "operator": "equals", "value": key}]})
    records = succeeded(world)["records"]
    assert len(records) == 1, f"an export by id {key} should find one {fmt}: {records}"
    return records[0]

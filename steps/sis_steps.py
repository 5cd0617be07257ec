"""Steps for Snapshot Flat File feeds: integrations, posting files, data set status and log."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from pytest_bdd import given, parsers, then, when

from steps.client import REFERENCE, FeedCredentials, LearnClient
from steps.world import World

SUCCESS = re.compile(r"^Success: Feed File Uploaded\.  Use the reference code [0-9a-f]{32} to track these records in the logs\.$")
ENCODINGS = {"UTF-8": "utf-8", "UTF-8 with a BOM": "utf-8-sig", "UTF-16": "utf-16", "ISO-8859-1": "iso-8859-1"}


def _settings_value(text: str):
    import json

    try:
        return json.loads(text)
    except ValueError:
        return text


# -- setup (what an administrator does in Learn's UI) -------------------------------
@given(parsers.parse('an SIS integration "{bbid}" with data source "{dsk}"'))
def integration(learn: LearnClient, world: World, bbid: str, dsk: str) -> None:
    world.integrations[bbid] = learn.integration(bbid, dsk)
    world.current = world.current or bbid


@given(parsers.parse('the integration "{bbid}" has the settings:'))
def integration_settings(learn: LearnClient, world: World, bbid: str, datatable: list[list[str]]) -> None:
    creds = world.integration(bbid)
    settings = {row[0]: _settings_value(row[1]) for row in datatable[1:]}
    learn.control("PUT", f"/integrations/{bbid}", settings)
    if "processing" in settings:
        creds.background = settings["processing"] == "background"


@given(parsers.parse('the institution role "{role_id}" exists'))
def institution_role(learn: LearnClient, role_id: str) -> None:
    learn.control("POST", "/institution-roles", {"roleId": learn.names(role_id), "name": role_id})


@given(parsers.parse('the data source "{dsk}" exists'))
def data_source(learn: LearnClient, dsk: str) -> None:
    learn.control("POST", "/data-sources", {"externalId": learn.names(dsk), "description": dsk})


# -- posting feeds ---------------------------------------------------------------
def post(learn: LearnClient, world: World, object_name: str, operation: str, text: str, bbid: str | None = None,
         encoding: str = "utf-8", dry_run: bool = False, auth: tuple[str, str] | None = None) -> None:
    creds = world.integration(bbid)
    learn.clock.advance(1)  # so that what this feed changes carries a later `modified`
    body = learn.names.feed(text).encode(encoding)
    world.response = learn.post_feed(creds, object_name, operation, body, dry_run=dry_run, auth=auth)
    match = REFERENCE.search(world.response.text)
    world.dataset_uid, world.dataset_owner = (match.group(1), creds.bbid) if match else (None, None)


def posted(learn: LearnClient, world: World, object_name: str, operation: str, text: str, bbid: str | None = None) -> None:
    """Post a feed that the scenario expects to go through cleanly."""
    post(learn, world, object_name, operation, text, bbid)
    accepted(world)
    status = learn.dataset_status(world.integration(world.dataset_owner), world.dataset_uid)
    assert status["errorCount"] == "0", f"the feed was expected to go through without errors: {status}"


@given(parsers.parse('the {object_name} feed has been posted to "{operation}":'))
def given_posted(learn: LearnClient, world: World, object_name: str, operation: str, docstring: str) -> None:
    posted(learn, world, object_name, operation, docstring)


@given(parsers.parse('"{bbid}" has posted the {object_name} feed to "{operation}":'))
def given_posted_by(learn: LearnClient, world: World, bbid: str, object_name: str, operation: str, docstring: str) -> None:
    posted(learn, world, object_name, operation, docstring, bbid)


@when(parsers.parse('the {object_name} feed is posted to "{operation}":'))
def when_posted(learn: LearnClient, world: World, object_name: str, operation: str, docstring: str) -> None:
    post(learn, world, object_name, operation, docstring)


@when(parsers.parse('"{bbid}" posts the {object_name} feed to "{operation}":'))
def when_posted_by(learn: LearnClient, world: World, bbid: str, object_name: str, operation: str, docstring: str) -> None:
    post(learn, world, object_name, operation, docstring, bbid)


@when(parsers.parse('the {object_name} feed is posted to "{operation}" encoded as {encoding}:'))
def when_posted_encoded(learn: LearnClient, world: World, object_name: str, operation: str, encoding: str, docstring: str) -> None:
    assert encoding in ENCODINGS, f"unknown encoding {encoding!r}; steps know {', '.join(ENCODINGS)}"
    post(learn, world, object_name, operation, docstring, encoding=ENCODINGS[encoding])


@when(parsers.parse('the {object_name} feed is posted to "{operation}" with CRLF line endings:'))
def when_posted_crlf(learn: LearnClient, world: World, object_name: str, operation: str, docstring: str) -> None:
    post(learn, world, object_name, operation, docstring.replace("\n", "\r\n"))


@when(parsers.parse('the {object_name} feed is posted to "{operation}" with the wrong password:'))
def when_posted_wrong_password(learn: LearnClient, world: World, object_name: str, operation: str, docstring: str) -> None:
    creds = world.integration()
    post(learn, world, object_name, operation, docstring, auth=(creds.username, creds.password + "-wrong"))


@when(parsers.parse('the {object_name} feed is posted to "{operation}" without credentials:'))
def when_posted_anonymous(learn: LearnClient, world: World, object_name: str, operation: str, docstring: str) -> None:
    creds = world.integration()
    learn.clock.advance(1)
    world.response = learn.session.post(f"{learn.endpoint(creds)}/{object_name}/{operation}",
                                        data=learn.names.feed(docstring).encode(), timeout=60)


@when(parsers.parse("{seconds:d} seconds pass"))
def seconds_pass(learn: LearnClient, seconds: int) -> None:
    learn.clock.advance(seconds)


# -- what Learn answered ---------------------------------------------------------------
@then("the feed is accepted")
def accepted(world: World) -> None:
    response = world.response
    assert response is not None and response.status_code == 200, \
        f"expected HTTP 200, got {response.status_code if response is not None else None}: {response.text if response is not None else ''}"
    assert response.headers.get("Content-Type", "").startswith("text/plain"), response.headers.get("Content-Type")
    assert SUCCESS.match(response.text), f"the success text is not Learn's: {response.text!r}"


@then(parsers.parse("the feed is refused with HTTP {status:d}"))
def refused(world: World, status: int) -> None:
    assert world.response is not None
    assert world.response.status_code == status, f"expected HTTP {status}, got {world.response.status_code}: {world.response.text}"
    assert REFERENCE.search(world.response.text) is None, "a refused feed must not get a reference code"


@then(parsers.parse('the answer says "{text}"'))
def answer_says(world: World, text: str) -> None:
    assert world.response is not None and text in world.response.text, \
        f"expected {text!r} in the answer: {world.response.text if world.response is not None else None!r}"


@then(parsers.parse('the answer has the header "{name}" starting with "{value}"'))
def answer_header(world: World, name: str, value: str) -> None:
    assert world.response is not None
    assert world.response.headers.get(name, "").startswith(value), dict(world.response.headers)


@then(parsers.parse("the data set status shows {completed:d} completed, {errors:d} errors, {warnings:d} warnings and {queued:d} queued"))
def dataset_counts(learn: LearnClient, world: World, completed: int, errors: int, warnings: int, queued: int) -> None:
    assert world.dataset_uid, "the last feed got no reference code"
    status = learn.dataset_status(world.integration(world.dataset_owner), world.dataset_uid)
    seen = {k: int(status[k]) for k in ("completedCount", "errorCount", "warningCount", "queuedCount")}
    expected = {"completedCount": completed, "errorCount": errors, "warningCount": warnings, "queuedCount": queued}
    assert seen == expected, f"dataSetStatus shows {seen}, expected {expected}"


@then("the data set status is Learn's XML")
def dataset_xml(learn: LearnClient, world: World) -> None:
    response = learn.dataset_status_response(world.integration(world.dataset_owner), world.dataset_uid)
    assert response.status_code == 200, f"dataSetStatus answered {response.status_code}: {response.text}"
    root = ET.fromstring(response.content)
    assert root.tag == "dataSetStatus"
    tags = [child.tag for child in root if child.tag != "machineName"]  # real servers add it; the help sample lacks it
    assert tags == ["completedCount", "dataIntegrationId", "dataSetUid", "errorCount", "lastEntryDate",
                    "queuedCount", "startDate", "warningCount"], tags
    lines = response.text.strip().splitlines()  # line-oriented: shell scripts grep one element per line
    assert any(line.strip().startswith("<completedCount>") and line.strip().endswith("</completedCount>")
               for line in lines), response.text
    assert root.find("dataIntegrationId").get("type") == "blackboard.platform.dataintegration.DataIntegration"
    assert re.fullmatch(r"_\d+_1", root.find("dataIntegrationId").text or "")
    assert root.find("dataSetUid").text == world.dataset_uid
    for stamp in ("startDate", "lastEntryDate"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d", root.find(stamp).text or ""), stamp


@then(parsers.parse("the data set status of an unknown reference code is HTTP 404"))
def unknown_dataset(learn: LearnClient, world: World) -> None:
    response = learn.dataset_status_response(world.integration(), "0" * 32)
    assert response.status_code == 404, response.status_code


def _log(learn: LearnClient, world: World) -> list[dict]:
    assert world.dataset_uid, "the last feed got no reference code"
    return learn.control("GET", f"/datasets/{world.dataset_uid}/log").json()["entries"]


@then(parsers.parse('the data set log has an error on line {line:d} about "{text}"'))
def log_error(learn: LearnClient, world: World, line: int, text: str) -> None:
    entries = _log(learn, world)
    assert any(e["level"] == "ERROR" and e["line"] == line and text in e["message"] for e in entries), \
        f"no error on line {line} mentioning {text!r}; the log holds: {entries}"


@then(parsers.parse('the data set log has an error about "{text}"'))
def log_error_anywhere(learn: LearnClient, world: World, text: str) -> None:
    entries = _log(learn, world)
    assert any(e["level"] == "ERROR" and text in e["message"] for e in entries), \
        f"no error mentioning {text!r}; the log holds: {entries}"


@then(parsers.parse('the data set log has a warning about "{text}"'))
def log_warning(learn: LearnClient, world: World, text: str) -> None:
    entries = _log(learn, world)
    assert any(e["level"] == "WARNING" and text in e["message"] for e in entries), \
        f"no warning mentioning {text!r}; the log holds: {entries}"


@then(parsers.parse('the data set log says "{text}"'))
def log_says(learn: LearnClient, world: World, text: str) -> None:
    entries = _log(learn, world)
    assert any(text in e["message"] for e in entries), f"no log entry mentioning {text!r}; the log holds: {entries}"

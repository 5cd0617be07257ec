"""Steps for secondary institution roles, observer associations, field mapping and dry runs.

Roles and observers are observed through Learn's public REST API (`institutionRoleIds`,
`/users/{id}/observers`, `/users/{id}/observees`); field mappings are set and dry runs
read through the simulator's own surfaces.
"""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from steps.client import LearnClient
from steps.sis_steps import post
from steps.world import World


def _listed(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _person(learn: LearnClient, key: str) -> dict:
    user = learn.user_by_key(key)
    assert user is not None, f"Learn's REST API shows no person with externalId {learn.names(key)!r}"
    return user


# -- secondary institution roles ------------------------------------------------------
@then(parsers.parse('the person "{key}" has the institution roles "{roles}"'))
def institution_roles(learn: LearnClient, key: str, roles: str) -> None:
    """Primary role first, then the secondary roles in order, as REST lists them."""
    seen = _person(learn, key)["institutionRoleIds"]
    expected = [learn.names(role) for role in _listed(roles)]
    assert seen == expected, f"{key}: institutionRoleIds is {seen}, expected {expected}"


# -- observers -------------------------------------------------------------------------
def _linked(learn: LearnClient, key: str, relation: str) -> list[str]:
    user = _person(learn, key)
    results = learn.all_pages(f"/users/{user['id']}/{relation}")
    keys = []
    for item in results:
        assert "id" in item, f"{relation} entries name the user by its primary key ('id'), got {item}"
        response = learn.rest(f"/users/{item['id']}")
        assert response.status_code == 200, f"{relation} names {item['id']}, which REST does not know"
        keys.append(response.json()["externalId"])
    return sorted(keys)


@then(parsers.parse('the observers of "{key}" are "{keys}"'))
def observers_are(learn: LearnClient, key: str, keys: str) -> None:
    expected = sorted(learn.names(k) for k in _listed(keys))
    seen = _linked(learn, key, "observers")
    assert seen == expected, f"observers of {key}: {seen}, expected {expected}"


@then(parsers.parse('"{key}" has no observers'))
def no_observers(learn: LearnClient, key: str) -> None:
    seen = _linked(learn, key, "observers")
    assert seen == [], f"{key} still has the observers {seen}"


@then(parsers.parse('"{key}" observes "{keys}"'))
def observees_are(learn: LearnClient, key: str, keys: str) -> None:
    expected = sorted(learn.names(k) for k in _listed(keys))
    seen = _linked(learn, key, "observees")
    assert seen == expected, f"{key} observes {seen}, expected {expected}"


@then(parsers.parse('"{key}" observes nobody'))
def observes_nobody(learn: LearnClient, key: str) -> None:
    seen = _linked(learn, key, "observees")
    assert seen == [], f"{key} still observes {seen}"


# -- field mapping -----------------------------------------------------------------------
def _map(learn: LearnClient, world: World, bbid: str, object_name: str, field: str, mapping: dict):
    """PUT the integration's field mappings with one more entry; returns the answer."""
    world.integration(bbid)
    mappings = learn.control("GET", f"/integrations/{bbid}").json()["field_mappings"]
    mappings.setdefault(object_name, {})[field] = mapping
    return learn.session.put(f"{learn.base_url}/_sim/integrations/{bbid}", json={"field_mappings": mappings}, timeout=60)


def _mapped(answer) -> None:
    assert answer.status_code == 200, f"the field mapping was refused: {answer.status_code} {answer.text}"


@given(parsers.parse('the integration "{bbid}" maps the {object_name} field "{field}" with the script:'))
def map_script(learn: LearnClient, world: World, bbid: str, object_name: str, field: str, docstring: str) -> None:
    _mapped(_map(learn, world, bbid, object_name, field, {"script": docstring}))


@given(parsers.parse('the integration "{bbid}" maps the {object_name} field "{field}" from the header "{header}"'))
def map_header(learn: LearnClient, world: World, bbid: str, object_name: str, field: str, header: str) -> None:
    _mapped(_map(learn, world, bbid, object_name, field, {"header": header}))


@when(parsers.parse('the integration "{bbid}" is set to map the {object_name} field "{field}" with the script:'),
      target_fixture="setting_answer")
def try_map_script(learn: LearnClient, world: World, bbid: str, object_name: str, field: str, docstring: str):
    return _map(learn, world, bbid, object_name, field, {"script": docstring})


@when(parsers.parse('the integration "{bbid}" is set to map the {object_name} field "{field}" from the header "{header}"'),
      target_fixture="setting_answer")
def try_map_header(learn: LearnClient, world: World, bbid: str, object_name: str, field: str, header: str):
    return _map(learn, world, bbid, object_name, field, {"header": header})


@then(parsers.parse('the setting is refused with HTTP {status:d} saying "{text}"'))
def setting_refused(setting_answer, status: int, text: str) -> None:
    assert setting_answer.status_code == status, f"expected HTTP {status}, got {setting_answer.status_code}: {setting_answer.text}"
    assert text in setting_answer.json()["message"], setting_answer.text


@then(parsers.parse('the data set log has an entry "{level}" on line {line:d} saying "{text}"'))
def log_entry(learn: LearnClient, world: World, level: str, line: int, text: str) -> None:
    entries = learn.dataset_log(world.dataset_uid)
    assert any(e["level"] == level and e["line"] == line and (not learn.words_like_simulator or text in e["message"])
               for e in entries), \
        f"no {level} entry on line {line} saying {text!r}; the log holds: {entries}"


@then(parsers.parse('the data set log names the field "{field}" in an error on line {line:d}'))
def log_error_field(learn: LearnClient, world: World, field: str, line: int) -> None:
    entries = learn.dataset_log(world.dataset_uid)
    assert any(e["level"] == "ERROR" and e["line"] == line and field.lower() in e["message"].lower() for e in entries), \
        f"no error on line {line} for the field {field!r}; the log holds: {entries}"


# -- dry run --------------------------------------------------------------------------------
@when(parsers.parse('the {object_name} feed is posted to "{operation}" as a dry run:'), target_fixture="dry_run_report")
def dry_run(learn: LearnClient, world: World, object_name: str, operation: str, docstring: str) -> dict:
    post(learn, world, object_name, operation, docstring, dry_run=True)
    assert world.response.status_code == 200, f"the dry run answered {world.response.status_code}: {world.response.text}"
    return world.response.json()


@then("the dry run reports:")
def dry_run_reports(learn: LearnClient, dry_run_report: dict, datatable: list[list[str]]) -> None:
    """Rows: outcome | the record keys (as the feed wrote them, `|`-joined pairs written with `+`)."""
    report = dry_run_report
    expected = {}
    for outcome, keys in datatable[1:]:
        expected[outcome] = sorted("|".join(learn.names(part) for part in key.split("+")) for key in _listed(keys))
    seen = {outcome: sorted(keys) for outcome, keys in report["changes"].items()}
    assert seen == expected, f"the dry run reports {seen}, expected {expected}"
    counts = {outcome: len(keys) for outcome, keys in expected.items()}
    assert report["outcomes"] == counts, f"outcome counts {report['outcomes']}, expected {counts}"
    assert report["dryRun"] is True


@then(parsers.parse('the dry run reports an error on line {line:d} about "{text}"'))
def dry_run_error(dry_run_report: dict, line: int, text: str) -> None:
    entries = dry_run_report["log"]
    assert any(e["level"] == "ERROR" and e["line"] == line and text in e["message"] for e in entries), \
        f"no error on line {line} mentioning {text!r}; the dry run's log holds: {entries}"


@then(parsers.parse('the dry run reports a warning about "{text}"'))
def dry_run_warning(dry_run_report: dict, text: str) -> None:
    entries = dry_run_report["log"]
    assert any(e["level"] == "WARNING" and text in e["message"] for e in entries), \
        f"no warning mentioning {text!r}; the dry run's log holds: {entries}"


@then("the dry run gives no reference code")
def dry_run_no_reference(world: World, dry_run_report: dict) -> None:
    assert world.dataset_uid is None, "a dry run must not be posted as a data set to track"
    assert dry_run_report["dryRun"] is True


@then("the posted feed did exactly what the dry run reported")
def did_as_reported(learn: LearnClient, world: World, dry_run_report: dict) -> None:
    assert world.dataset_uid, "the last feed got no reference code"
    real = learn.control("GET", f"/datasets/{world.dataset_uid}/log").json()
    assert real["outcomes"] == dry_run_report["outcomes"], \
        f"the post did {real['outcomes']}; the dry run reported {dry_run_report['outcomes']}"
    problems = lambda log: [(e["level"], e["line"], e["message"]) for e in log if e["level"] != "INFO"]  # noqa: E731
    assert problems(real["entries"]) == problems(dry_run_report["log"]), "the errors and warnings differ"

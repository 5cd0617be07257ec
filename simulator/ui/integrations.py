"""Administrator Panel → Integrations → Student Information System Integrations: the list,
and creating or editing a Snapshot Flat File integration with every setting (SPEC §1.1).

The form's values are checked all together; every problem is shown next to its field and
nothing changes until the whole form is right. The settings go through the same
`SisFramework.put_integration` the control API uses, so both agree on every rule.
"""
from __future__ import annotations

import json
from typing import Any

from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from simulator.http import auth
from simulator.learn.roles import SYSTEM_ROLES
from simulator.sis.integration import (DELETE_BEHAVIOURS, PROCESSING, REFRESH_BEHAVIOURS, STATUSES, Integration,
                                       IntegrationError)
from simulator.sis.parser import DELIMITERS
from simulator.ui.guard import Visit, administrator_page

AUTH = auth.ADMIN_PAGE

LIST = "/webapps/blackboard/admin/dataIntegration/integrations"
TRAIL = (("Student Information System Integrations", LIST),)
SETTING_FIELDS = ("bbid", "data_source_key", "password", "delimiter", "status", "refresh_behaviour",
                  "password_changes_on_update", "default_system_role", "refresh_threshold", "processing",
                  "background_delay_seconds", "field_mappings")
"""The form's fields; `delete_behaviour.<object>` fields join them per feed object."""
SYSTEM_ROLE_CHOICES = tuple((aliases[0], name) for _, (name, aliases) in SYSTEM_ROLES.items())


def object_label(name: str) -> str:
    """A feed object's name as Learn's Data Type list shows it."""
    return {"person": "Person", "secondaryinstrole": "Secondary Institution Role",
            "associateobserver": "Observer Association"}.get(name, name.replace("_", " ").title())


def _field_of(message: str, names: tuple[str, ...]) -> str:
    """The form field an engine message is about (its messages start with the setting's name)."""
    if message.startswith("delete_behaviour["):
        return "delete_behaviour." + message[len("delete_behaviour["):message.find("]")]
    for name in sorted(names, key=len, reverse=True):
        if message.startswith(name):
            return name
    return "field_mappings" if "mapping" in message.lower() else "form"


def settings_from_form(form, objects: tuple[str, ...], editing: Integration | None) -> tuple[dict[str, Any], dict[str, str]]:
    """The settings a submitted form asks for, and the problems found field by field."""
    errors: dict[str, str] = {}
    settings: dict[str, Any] = {}
    for name in ("data_source_key", "delimiter", "status", "refresh_behaviour", "default_system_role", "processing"):
        value = form.get(name, "").strip()
        if not value:
            errors[name] = "Required: choose or type a value."
        settings[name] = value
    if settings.get("delimiter") == "custom":
        custom = form.get("custom_delimiter", "")
        if len(custom) != 1:
            errors["delimiter"] = "A custom delimiter is exactly one character."
        settings["delimiter"] = custom
    password = form.get("password", "")
    if password:
        settings["password"] = password
    elif editing is None:
        errors["password"] = "Required: feeds authenticate with this shared password."
    settings["password_changes_on_update"] = form.get("password_changes_on_update") == "yes"
    settings["delete_behaviour"] = {}
    for obj in objects:
        behaviour = form.get(f"delete_behaviour.{obj}", "disable")
        if behaviour not in DELETE_BEHAVIOURS:
            errors[f"delete_behaviour.{obj}"] = f"Choose one of {', '.join(DELETE_BEHAVIOURS)}."
        settings["delete_behaviour"][obj] = behaviour
    threshold = form.get("refresh_threshold", "").strip()
    try:
        settings["refresh_threshold"] = float(threshold) if threshold else None
    except ValueError:
        errors["refresh_threshold"] = "A percentage from 0 to 100, or empty for off."
    delay = form.get("background_delay_seconds", "60").strip() or "60"
    if not delay.isdigit():
        errors["background_delay_seconds"] = "A whole number of seconds."
    else:
        settings["background_delay_seconds"] = int(delay)
    mappings = form.get("field_mappings", "").strip()
    try:
        settings["field_mappings"] = json.loads(mappings) if mappings else {}
    except ValueError as exc:
        errors["field_mappings"] = f"Not valid JSON: {exc}."
    return settings, errors


def _form_values(integration: Integration | None) -> dict[str, Any]:
    if integration is None:
        return {"delimiter": "pipe", "status": "active", "refresh_behaviour": "disable", "processing": "immediate",
                "password_changes_on_update": True, "default_system_role": "none", "background_delay_seconds": 60,
                "delete_behaviour": {}, "field_mappings": "", "refresh_threshold": ""}
    values = integration.as_settings()
    values["field_mappings"] = json.dumps(integration.field_mappings, indent=2) if integration.field_mappings else ""
    values["refresh_threshold"] = "" if integration.refresh_threshold is None else integration.refresh_threshold
    values["bbid"] = integration.bbid
    return values


def _edit_page(visit: Visit, integration: Integration | None, values: dict, errors: dict, status: int = 200) -> Response:
    title = f"Edit Integration {integration.bbid}" if integration else "Create Integration: Snapshot Flat File"
    return visit.page("integration_form.html", title, TRAIL, status, integration=integration, values=values,
                      errors=errors, objects=[(o, object_label(o)) for o in visit.app.sim.sis.objects],
                      delimiters=tuple(DELIMITERS), statuses=STATUSES, refresh_behaviours=REFRESH_BEHAVIOURS,
                      delete_behaviours=DELETE_BEHAVIOURS, processing=PROCESSING, system_roles=SYSTEM_ROLE_CHOICES)


def _save(visit: Visit, integration: Integration | None) -> Response:
    form, sis = visit.request.form, visit.app.sim.sis
    settings, errors = settings_from_form(form, tuple(sis.objects), integration)
    bbid = integration.bbid if integration else form.get("bbid", "").strip()
    if integration is None:
        if not bbid or not bbid.replace("_", "").replace("-", "").isalnum():
            errors["bbid"] = "Required: letters, digits, '-' or '_' (it names the endpoint path)."
        elif bbid in sis.integrations:
            errors["bbid"] = f"An integration named {bbid} already exists."
    values = {**_form_values(integration), **{k: form.get(k, "") for k in SETTING_FIELDS},
              "password_changes_on_update": settings["password_changes_on_update"],
              "delete_behaviour": settings["delete_behaviour"]}
    if not errors:
        try:
            saved, _ = sis.put_integration(bbid, settings)
        except IntegrationError as exc:
            errors[_field_of(str(exc), SETTING_FIELDS)] = str(exc)
        else:
            return redirect(f"{LIST}?saved={saved.bbid}", 303)
    return _edit_page(visit, integration, values, errors, 400)


@administrator_page
def integration_list(visit: Visit) -> Response:
    sis = visit.app.sim.sis
    return visit.page("integrations.html", "Student Information System Integrations", (),
                      integrations=list(sis.integrations.values()), saved=visit.request.args.get("saved"))


@administrator_page
def create_integration(visit: Visit) -> Response:
    if visit.request.method == "POST":
        return _save(visit, None)
    return _edit_page(visit, None, _form_values(None), {})


@administrator_page
def edit_integration(visit: Visit, bbid: str) -> Response:
    integration = visit.app.sim.sis.integrations.get(bbid)
    if integration is None:
        return visit.page("not_found.html", "No Such Integration", TRAIL, 404,
                          message=f"There is no SIS integration named {bbid}.")
    if visit.request.method == "POST":
        return _save(visit, integration)
    return _edit_page(visit, integration, _form_values(integration), {})


ROUTES = [
    (Rule(LIST, methods=["GET"]), integration_list),
    (Rule(f"{LIST}/create", methods=["GET", "POST"]), create_integration),
    (Rule(f"{LIST}/<bbid>/edit", methods=["GET", "POST"]), edit_integration),
]

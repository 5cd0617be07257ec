"""Administrator Panel → Building Blocks: the installed identity-management connector, its
Settings page (the connection values an administrator copies into the identity system)
and its Test Connection (seed 002).

Settings go through `Connector.configure`; Test Connection runs the very checks every
connector call passes (`simulator.http.connector.check_connection`) with the service
account typed on the page, and shows the connector's own success or failure messages.
"""
from __future__ import annotations

from werkzeug.datastructures import Authorization
from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from simulator.connector.errors import Refusal
from simulator.http import auth
from simulator.http.connector import (IDENTITY_FAILED, IDENTITY_OK, STUDIO_FAILED, STUDIO_OK, Denied,
                                      check_connection)
from simulator.ui.guard import Visit, administrator_page

AUTH = auth.ADMIN_PAGE

INSTALLED = "/webapps/blackboard/admin/buildingBlocks"
SETTINGS = f"{INSTALLED}/connector/settings"
TRAIL = (("Installed Tools", INSTALLED),)


@administrator_page
def installed_tools(visit: Visit) -> Response:
    return visit.page("building_blocks.html", "Installed Tools", (), connector=visit.app.sim.connector)


def _settings_page(visit: Visit, errors: dict | None = None, status: int = 200, **context) -> Response:
    connector = visit.app.sim.connector
    base = visit.app.url_root(visit.request).rstrip("/")
    return visit.page("connector_settings.html", "Identity-Management Connector: Settings", TRAIL, status,
                      errors=errors or {}, connector=connector, url=f"{base}/webapps/fii-connector-{connector.bbid}/api",
                      done=visit.request.args.get("done"), **context)


@administrator_page
def connector_settings(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return _settings_page(visit)
    form, connector = visit.request.form, visit.app.sim.connector
    if form.get("test") == "connection":
        auth = Authorization("basic", {"username": form.get("testUser", ""), "password": form.get("testPassword", "")})
        try:
            check_connection(visit.app, connector.bbid, visit.request.scheme, auth)
        except Denied as exc:
            return _settings_page(visit, test={"ok": False, "messages": [STUDIO_FAILED, IDENTITY_FAILED], "reason": exc.reason})
        return _settings_page(visit, test={"ok": True, "messages": [STUDIO_OK, IDENTITY_OK]})
    settings = {"bbid": form.get("bbid", "").strip(), "available": form.get("available") == "on",
                "httpsOnly": form.get("httpsOnly") == "on"}
    account_user, account_password = form.get("serviceUser", "").strip(), form.get("servicePassword", "")
    errors = {}
    if form.get("removeServiceAccount") == "on":
        settings["serviceAccount"] = None
    elif account_user and account_password:
        settings["serviceAccount"] = {"userName": account_user, "password": account_password}
    elif account_user and account_user != connector.service_user:
        errors["servicePassword"] = "A new service account needs its password."
    if not errors:
        try:
            connector.configure(settings)
        except Refusal as exc:
            problem = exc.problems[0] if exc.problems else None
            errors[problem.attribute if problem else "form"] = str(exc)
        else:
            return redirect(f"{SETTINGS}?done=saved", 303)
    return _settings_page(visit, errors, 400)


ROUTES = [
    (Rule(INSTALLED, methods=["GET"]), installed_tools),
    (Rule(SETTINGS, methods=["GET", "POST"]), connector_settings),
]

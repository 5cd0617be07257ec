"""Administrator Panel → Users → Institution Roles, and Data Integration → Data Sources:
what an administrator creates in Learn's pages before a feed can use it (seed 001's
secondary-role examples need their institution roles; a data source key can be made ahead
of its integration). Both go through the same `Learn` calls as the control API.
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from simulator.http import auth
from simulator.learn import LearnError
from simulator.ui.guard import Visit, administrator_page

ROLES = "/webapps/blackboard/admin/institutionRoles"
SOURCES = "/webapps/blackboard/admin/dataIntegration/dataSources"
AUTH = auth.ADMIN_PAGE


def _roles_page(visit: Visit, errors: dict | None = None, status: int = 200, entered=None) -> Response:
    return visit.page("institution_roles.html", "Institution Roles", (), status, errors=errors or {},
                      roles=list(visit.app.sim.learn.institution_roles.values()), entered=entered or {},
                      done=visit.request.args.get("done"))


@administrator_page
def institution_roles(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return _roles_page(visit)
    form = visit.request.form
    role_id, name = form.get("roleId", "").strip(), form.get("name", "").strip()
    errors = {}
    if not role_id or not role_id.replace("_", "").replace("-", "").replace(".", "").isalnum():
        errors["roleId"] = "Required: letters, digits, '.', '-' or '_'."
    if not name:
        errors["name"] = "Required: the name users see."
    if not errors:
        try:
            visit.app.sim.learn.add_institution_role(role_id, name, form.get("description", "").strip())
        except LearnError as exc:
            errors["roleId"] = str(exc)
        else:
            return redirect(f"{ROLES}?done={role_id.upper()}", 303)
    return _roles_page(visit, errors, 400, form)


def _sources_page(visit: Visit, errors: dict | None = None, status: int = 200, entered=None) -> Response:
    return visit.page("data_sources.html", "Data Sources", (), status, errors=errors or {},
                      sources=list(visit.app.sim.learn.data_sources.values()), entered=entered or {},
                      done=visit.request.args.get("done"))


@administrator_page
def data_sources(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return _sources_page(visit)
    form, learn = visit.request.form, visit.app.sim.learn
    key = form.get("externalId", "").strip()
    errors = {}
    if not key:
        errors["externalId"] = "Required: the data source key feeds name."
    elif key in learn.data_sources:
        errors["externalId"] = f"The data source {key} already exists."
    if not errors:
        learn.add_data_source(key, form.get("description", "").strip())
        return redirect(f"{SOURCES}?done={key}", 303)
    return _sources_page(visit, errors, 400, form)


ROUTES = [
    (Rule(ROLES, methods=["GET", "POST"]), institution_roles),
    (Rule(SOURCES, methods=["GET", "POST"]), data_sources),
]

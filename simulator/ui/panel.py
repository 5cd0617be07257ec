"""Learn's tabs: the default tab after login, and the Administrator Panel
(`tabAction?tabType=admin`) with the sections the seeds' examples go through."""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.wrappers import Request, Response

from simulator.http import auth
from simulator.ui.guard import Visit, administrator_page
from simulator.ui.login import default_tab

AUTH = auth.SESSION

SECTIONS = (
    ("Users", (("Users", "/webapps/blackboard/execute/userManager"),
               ("Institution Roles", "/webapps/blackboard/admin/institutionRoles"),
               ("Connect Contact Synchronization", "/webapps/blackboard/admin/connect/contactSync"),
               ("General Notifications Settings", "/webapps/blackboard/admin/notifications/general"))),
    ("Integrations", (("Student Information System Integrations", "/webapps/blackboard/admin/dataIntegration/integrations"),
                      ("SIS Integration Logs", "/webapps/blackboard/admin/dataIntegration/logs"),
                      ("Data Sources", "/webapps/blackboard/admin/dataIntegration/dataSources"))),
    ("Building Blocks", (("Installed Tools", "/webapps/blackboard/admin/buildingBlocks"),)),
)


@administrator_page
def administrator_panel(visit: Visit) -> Response:
    return visit.page("panel.html", "Administrator Panel", trail=None, sections=SECTIONS)


def tab_action(app, request: Request) -> Response:
    if request.args.get("tabType") == "admin":
        return administrator_panel(app, request)
    return default_tab(app, request)


ROUTES = [
    (Rule("/webapps/portal/execute/tabs/tabAction", methods=["GET"]), tab_action),
]

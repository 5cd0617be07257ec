"""Administrator Panel → Users → Connect Contact Synchronization, and the General
Notifications Settings page with sending a system announcement (seed 000).

Contact Synchronization keeps the Connect account, password and SIS code, which phone
field gives the SMS number and which the voice number (the voice field counts only with
"two numbers"), and runs the full synchronisation with its button; the page shows the
last result and the report e-mail. Settings go through `ContactSyncConfig.update`,
announcements through `Announcements.send`, the same calls the control API makes.
"""
from __future__ import annotations

from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from simulator.connect.announcements import CHANNELS, AnnouncementError
from simulator.connect.config import ConfigError
from simulator.connect.phones import PHONE_FIELDS
from simulator.connect.sync import SyncError
from simulator.http import auth
from simulator.ui.guard import Visit, administrator_page

AUTH = auth.ADMIN_PAGE

CONTACT_SYNC = "/webapps/blackboard/admin/connect/contactSync"
NOTIFICATIONS = "/webapps/blackboard/admin/notifications/general"
REPORT_SUBJECT = "Blackboard Connect contact synchronisation"


def _sync_page(visit: Visit, errors: dict | None = None, status: int = 200, **context) -> Response:
    sim = visit.app.sim
    reports = [m for m in sim.connect.outbox.messages if m.subject.startswith(REPORT_SUBJECT)]
    runs = sim.connect.sync.runs
    return visit.page("contact_sync.html", "Connect Contact Synchronization", (), status, errors=errors or {},
                      config=sim.connect.sync.config, state=sim.connect.sync.status(), phone_fields=PHONE_FIELDS,
                      last=runs[-1] if runs else None, report=reports[-1] if reports else None,
                      done=visit.request.args.get("done"), **context)


@administrator_page
def contact_sync(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return _sync_page(visit)
    form, sync = visit.request.form, visit.app.sim.connect.sync
    if form.get("run") == "sync":
        try:
            sync.full_sync()
        except SyncError as exc:
            return _sync_page(visit, {"sync": str(exc)}, 409)
        return redirect(f"{CONTACT_SYNC}?done=sync", 303)
    settings = {"account": form.get("account", ""), "sisCode": form.get("sisCode", ""),
                "smsField": form.get("smsField", ""), "voiceField": form.get("voiceField", ""),
                "twoNumbers": form.get("twoNumbers") == "on"}
    if form.get("password"):
        settings["password"] = form["password"]
    errors = {name: "Required." for name in ("account", "sisCode") if not settings[name].strip()}
    if not sync.config.password and not form.get("password"):
        errors["password"] = "Required: the password Connect client care gave with the account."
    if not errors:
        try:
            sync.config.update(settings)
        except ConfigError as exc:
            field = next((name for name in settings if str(exc).startswith(name)), "form")
            errors[field] = str(exc)
        else:
            return redirect(f"{CONTACT_SYNC}?done=saved", 303)
    return _sync_page(visit, errors, 400, entered=settings)


def _notifications_page(visit: Visit, errors: dict | None = None, status: int = 200, **context) -> Response:
    sim = visit.app.sim
    return visit.page("notifications.html", "General Notifications Settings", (), status, errors=errors or {},
                      allowed=sim.connect.announcements.general(), channels=CHANNELS,
                      synced=sim.connect.sync.mapping is not None, done=visit.request.args.get("done"), **context)


@administrator_page
def notifications(visit: Visit) -> Response:
    if visit.request.method == "GET":
        return _notifications_page(visit)
    form, announcements = visit.request.form, visit.app.sim.connect.announcements
    if form.get("send") == "announcement":
        channels = [c for c in CHANNELS if form.get(f"send.{c}") == "on"]
        errors = {}
        if not form.get("body", "").strip():
            errors["body"] = "An announcement needs a message."
        if not channels:
            errors["channels"] = f"Choose at least one way to send it: {', '.join(CHANNELS)}."
        if not errors:
            try:
                sent = announcements.send(form.get("subject", ""), form.get("body", ""), channels)
            except AnnouncementError as exc:
                errors["form"] = str(exc)
            else:
                return _notifications_page(visit, sent=sent)
        return _notifications_page(visit, errors, 400, entered=form)
    announcements.set_general({c: form.get(f"allow.{c}") == "on" for c in CHANNELS})
    return redirect(f"{NOTIFICATIONS}?done=saved", 303)


ROUTES = [
    (Rule(CONTACT_SYNC, methods=["GET", "POST"]), contact_sync),
    (Rule(NOTIFICATIONS, methods=["GET", "POST"]), notifications),
]

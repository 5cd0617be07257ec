"""`Connector`: the identity-management connector's Building Block installed in Learn.

It holds the Building Block's settings (its id in the path, whether it is available,
whether it refuses plain HTTP, an optional configured service account), the delta
export snapshots and open export pages, and the portal-role flags REST does not show.
Learn's data itself stays in `Learn`.

Who may call it: the configured service account, or any enabled, available Learn
user with the System Administrator system role, with the right password. Every failed
credential check (no such user, disabled, unavailable, wrong password, no credentials)
gets the same answer, `BAD_CREDENTIALS` with HTTP 401, so the connector tells a caller
nothing about which accounts exist; the reason goes only to the server's log (logger
`learnsim.connector`). Only a caller whose password was right learns that its account
is not an administrator (403).

An export's cursor lasts `CURSOR_TTL` of simulated time after the page that gave it;
then it is forgotten (its next page answers 404), so abandoned exports free their memory.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from simulator.connector.errors import Refusal
from simulator.connector.export import new_cursor
from simulator.connector.formats.course import COURSE
from simulator.connector.formats.group import GROUP
from simulator.connector.formats.portalrole import PORTAL_ROLE
from simulator.connector.formats.user import USER
from simulator.learn import passwords

if TYPE_CHECKING:
    from simulator.learn import Learn

LOG = logging.getLogger("learnsim.connector")
BAD_CREDENTIALS = "bad credentials: the user name or password is wrong, or the account may not log in"
CURSOR_TTL = timedelta(minutes=15)
FORMATS = {fmt.name: fmt for fmt in (USER, COURSE, GROUP, PORTAL_ROLE)}
ADMIN_ROLE = "SystemAdmin"
CAPABILITIES = {
    "identity": {"Authenticate": "Yes", "Validate User": "Yes", "Enable/Disable User": "Yes", "Reset Password": "Yes",
                 "Expire Password Immediately": "No", "Expire Password by Date": "No"},
    "provisioning": {name: {"Export": "Yes", "Create": "Yes", "Modify": "Yes", "Delete": "Yes", "Trigger": "No"}
                     for name in FORMATS},
    "notes": [
        "The published capability table marks Delete as not supported for every data format, while the table of "
        "supported operations describes Delete for all four. The connector implements Delete (with its cascades) "
        "and reports it here as supported.",
        "Several mandatory attributes are marked removable in the attribute tables (userName, password, givenName, "
        "familyName, title, Group courseId, roleID, roleName, isWithForum). A mandatory attribute keeps a value: "
        "Modify (Delete) refuses to remove it.",
        "The keys of sub-records (courseMembership->courseId and ->userId, groupMembership->groupId, "
        "userRole->portalRoleId) are marked not removable, while Modify (Delete) is documented to remove "
        "memberships and roles: naming a sub-record by its key in the delete section removes the whole sub-record.",
    ],
}


class Connector:
    def __init__(self, learn: "Learn") -> None:
        self.learn = learn
        self.bbid = "BBLEARN"
        self.available = True
        self.https_only = False
        self.service_user: str | None = None
        self.service_password: str | None = None
        """Hashed, like every password Learn keeps."""
        self.role_flags: dict[str, dict[str, bool]] = {}
        self.snapshots: dict[str, dict[str, dict]] = {}
        self.cursors: dict[str, tuple[list[dict], str, int, datetime]] = {}
        """cursor -> (entries left, data format, page size, expiry); oldest expiry first."""

    def configure(self, settings: dict[str, Any]) -> None:
        """Change settings: `bbid`, `available`, `httpsOnly`, `serviceAccount` {userName, password} or null."""
        known = {"bbid", "available", "httpsOnly", "serviceAccount"}
        unknown = sorted(set(settings) - known)
        if unknown:
            raise Refusal.of(unknown[0], "unknown", f"unknown connector setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
        for name in ("available", "httpsOnly"):
            if name in settings and not isinstance(settings[name], bool):
                raise Refusal.of(name, "value", f"{name} must be true or false")
        if "bbid" in settings:
            bbid = settings["bbid"]
            if not isinstance(bbid, str) or not bbid or not bbid.replace("_", "").replace("-", "").isalnum():
                raise Refusal.of("bbid", "value", "bbid must be a non-empty id of letters, digits, '-' or '_'")
            self.bbid = bbid
        if "serviceAccount" in settings:
            account = settings["serviceAccount"]
            if account is None:
                self.service_user = self.service_password = None
            elif (not isinstance(account, dict) or not isinstance(account.get("userName"), str)
                  or not isinstance(account.get("password"), str) or not account["userName"] or not account["password"]):
                raise Refusal.of("serviceAccount", "value", "serviceAccount needs a non-empty userName and password")
            else:
                self.service_user = account["userName"]
                self.service_password = passwords.hash_password(account["password"])
        self.available = settings.get("available", self.available)
        self.https_only = settings.get("httpsOnly", self.https_only)

    def public(self) -> dict[str, Any]:
        return {"bbid": self.bbid, "available": self.available, "httpsOnly": self.https_only,
                "serviceAccount": {"userName": self.service_user} if self.service_user else None,
                "path": f"/webapps/fii-connector-{self.bbid}/"}

    def check_service_account(self, user_name: str, password: str) -> tuple[int, str]:
        """(0, "") when the caller may use the connector, else (HTTP status, why not)."""
        if self.service_user is not None and user_name == self.service_user:
            if passwords.verify(self.service_password or "", password):
                return 0, ""
            return self.refuse(user_name, "the configured service account's password is wrong")
        ok, reason = self.learn.login(user_name, password)
        if not ok:
            return self.refuse(user_name, reason)
        user = self.learn.users_by_user_name[user_name]
        if user.system_role != ADMIN_ROLE:
            return 403, (f"not an administrator: {user_name!r} has the system role {user.system_role}; the service "
                         "account needs System Administrator")
        return 0, ""

    @staticmethod
    def refuse(user_name: str, reason: str) -> tuple[int, str]:
        """The one answer to a failed credential check; the reason is logged, never answered."""
        LOG.warning("connector call refused for user name %r: %s", user_name, reason)
        return 401, BAD_CREDENTIALS

    # -- export pages --------------------------------------------------------------------------
    def page(self, entries: list[dict], page_size: int | None, data_format: str, cursor: str | None = None) -> dict:
        size = page_size or max(len(entries), 1)
        shown, rest = entries[:size], entries[size:]
        body: dict[str, Any] = _shape(shown, data_format)
        now = self.learn.clock.now()
        self._expire(now)
        if cursor is not None:
            self.cursors.pop(cursor, None)
        if rest:
            cursor = cursor or new_cursor()
            self.cursors[cursor] = (rest, data_format, size, now + CURSOR_TTL)
            body["paging"] = {"cursor": cursor}
        return body

    def next_page(self, cursor: str) -> dict:
        self._expire(self.learn.clock.now())
        if cursor not in self.cursors:
            raise Refusal.of("cursor", "not-found", f"no open export with cursor {cursor!r}: it is finished, or it "
                             f"expired ({int(CURSOR_TTL.total_seconds() // 60)} minutes after its last page)", 404)
        entries, data_format, size, _ = self.cursors[cursor]
        return self.page(entries, size, data_format, cursor)

    def _expire(self, now: datetime) -> None:
        """Forget the cursors whose time is up (they are kept in expiry order)."""
        while self.cursors:
            oldest = next(iter(self.cursors))
            if self.cursors[oldest][3] > now:
                break
            del self.cursors[oldest]


def _shape(entries: list[dict], data_format: str) -> dict:
    if data_format == "ChangeLog":
        return {"dataFormat": "ChangeLog", "changes": entries}
    return {"dataFormat": "Profiles", "records": [e for e in entries if not e.get("deleted")],
            "deleted": [e["id"] for e in entries if e.get("deleted")]}

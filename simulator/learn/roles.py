"""System roles and institution roles.

System roles are fixed by Learn. Feeds name them with Learn's snapshot strings (several
aliases each, case-insensitive); the REST API shows them by their REST ids.
Institution roles are created by an administrator; a user has one primary institution
role and any number of secondary ones.
"""
from __future__ import annotations

from dataclasses import dataclass

# REST id -> (display name, snapshot feed aliases)
SYSTEM_ROLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "User": ("None", ("none",)),
    "SystemAdmin": ("System Administrator", ("sys_admin", "sysadmin", "system_admin")),
    "Observer": ("Observer", ("observer",)),
    "CourseCreator": ("Course Creator", ("course_creator", "creator")),
    "CourseSupport": ("Support", ("course_support", "support")),
    "Guest": ("Guest", ("guest",)),
    "AccountAdmin": ("User Administrator", ("account_admin", "user_admin")),
    "SystemSupport": ("System Support", ("system_support", "syssupport")),
    "Portal": ("Community Administrator", ("portal_admin", "portal")),
    "EcommerceAdmin": ("E-commerce Administrator", ("ecommerce_admin",)),
    "CardOfficeAdmin": ("Card Office Administrator", ("card_office_admin",)),
    "StoreAdmin": ("Store Administrator", ("store_admin",)),
}
"""The system roles a feed can give (the REST-only `Integration` role is no feed's to give)."""

PUBLISHED_SYSTEM_ROLES: tuple[str, ...] = (
    "SystemAdmin", "SystemSupport", "CourseCreator", "CourseSupport", "AccountAdmin",
    "Guest", "User", "Observer", "Integration", "Portal",
)
"""The system roles Learn's REST API knows (its contract: "one of AccountAdmin, CourseCreator,
CourseSupport, Guest, Integration, Observer, Portal, SystemAdmin, SystemSupport, or User"),
in Learn's creation order (their primary keys `_1_1` …). The feed still accepts the older
e-commerce, card office and store roles; REST does not list them."""

SYSTEM_ROLE_NAMES: dict[str, str] = {role_id: name for role_id, (name, _) in SYSTEM_ROLES.items()} | {
    "Integration": "Integration"}

SYSTEM_ROLE_DESCRIPTIONS: dict[str, str] = {
    "SystemAdmin": "Has access to all areas of the System Admin panel.",
    "SystemSupport": "Supports the system; administers courses and users but not the system's settings.",
    "CourseCreator": "Creates courses.",
    "CourseSupport": "Supports courses: manages course content and enrolments.",
    "AccountAdmin": "Manages user accounts.",
    "Guest": "Unauthenticated visitors to the system.",
    "User": "A user with no administrative privileges.",
    "Observer": "Observes the course progress of the users assigned to them.",
    "Integration": "The identity of REST and LTI integrations acting in the system.",
    "Portal": "Manages the community (portal) areas.",
}

COURSE_ROLE_NAMES: dict[str, tuple[str, str]] = {
    "Instructor": ("Instructor", "Leader"), "BbFacilitator": ("Facilitator", "Facilitator"),
    "TeachingAssistant": ("Teaching Assistant", "Assistant"), "CourseBuilder": ("Course Builder", "Builder"),
    "Grader": ("Grader", "Grader"), "Student": ("Student", "Participant"), "Guest": ("Guest", "Guest"),
}
"""Learn's built-in course roles (REST ids, in Learn's order): name in courses, name in organizations."""

FEED_SYSTEM_ROLES: dict[str, str] = {
    alias: rest_id for rest_id, (_, aliases) in SYSTEM_ROLES.items() for alias in aliases
}

DEFAULT_INSTITUTION_ROLES: tuple[tuple[str, str], ...] = (
    ("STUDENT", "Student"),
    ("FACULTY", "Faculty"),
    ("STAFF", "Staff"),
    ("ALUMNI", "Alumni"),
    ("PROSPECTIVE_STUDENT", "Prospective Student"),
    ("GUEST", "Guest"),
    ("OTHER", "Other"),
    ("OBSERVER", "Observer"),
)
"""Learn's built-in institution roles; STUDENT is the primary role of a new user."""

DEFAULT_PRIMARY_INSTITUTION_ROLE = "STUDENT"


@dataclass(slots=True)
class InstitutionRole:
    pk: str
    role_id: str
    name: str
    description: str = ""
    custom: bool = True

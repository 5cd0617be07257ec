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

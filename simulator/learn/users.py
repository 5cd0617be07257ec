"""The user record as Learn keeps it.

Availability has three observable states (REST `availability.available`): `Yes`,
`No` (`available_ind=N`: cannot log in, still usable elsewhere) and `Disabled` (row
status disabled: overrides availability; no login, and no new memberships, roles or
observer links through the UI-equivalent paths).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

PROFILE_FIELDS: tuple[str, ...] = (
    "student_id", "middlename", "othername", "suffix", "title", "email",
    "m_phone", "h_phone_1", "h_phone_2", "b_phone_1", "b_phone_2", "h_fax", "b_fax",
    "street_1", "street_2", "city", "state", "zip_code", "country", "company",
    "department", "job_title", "webpage", "birthdate", "gender", "educ_level",
    "locale", "inst_email",
)
"""Optional person attributes, named as the snapshot format names them."""


@dataclass(slots=True, eq=False)
class User:
    pk: str
    uuid: str
    external_id: str
    data_source: str
    user_name: str
    firstname: str
    lastname: str
    password: str
    created: datetime
    modified: datetime
    owner: str | None = None
    system_role: str = "User"
    institution_role: str | None = None
    secondary_roles: frozenset[str] = frozenset()
    """The enabled secondary institution roles (replaced, never mutated: most users have none)."""
    available: bool = True
    enabled: bool = True
    profile: dict[str, str] = field(default_factory=dict)

    @property
    def availability(self) -> str:
        """`Yes`, `No` or `Disabled`, as Learn's REST API shows it."""
        if not self.enabled:
            return "Disabled"
        return "Yes" if self.available else "No"

    @property
    def can_log_in(self) -> bool:
        return self.enabled and self.available

"""SIS integrations: the unit of configuration and of data ownership (SPEC §1.1)."""
from __future__ import annotations

import hmac
import uuid
from dataclasses import dataclass, field
from typing import Any

from simulator.learn import passwords
from simulator.learn.roles import FEED_SYSTEM_ROLES
from simulator.sis.parser import delimiter_char

STATUSES = ("active", "inactive", "testing")
DELETE_BEHAVIOURS = ("disable", "smart_delete", "none")
REFRESH_BEHAVIOURS = ("disable", "purge", "none")
PROCESSING = ("immediate", "background")


class IntegrationError(ValueError):
    """A setting has a value Learn would not accept; the message names it."""


@dataclass(slots=True)
class Integration:
    bbid: str
    pk: str
    data_source_key: str
    password: bytes | str
    """The shared password, salted and hashed as soon as it is set (`simulator.learn.passwords`);
    the clear password is never kept. Compare with `accepts`."""
    username: str = field(default_factory=lambda: str(uuid.uuid4()))
    delimiter: str = "pipe"
    status: str = "active"
    delete_behaviour: dict[str, str] = field(default_factory=dict)
    """Per object; objects not named use `disable`."""
    refresh_behaviour: str = "disable"
    password_changes_on_update: bool = True
    default_system_role: str = "none"
    field_mappings: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """object -> Learn field -> {"header": …} or {"script": …}."""
    refresh_threshold: float | None = None
    processing: str = "immediate"
    background_delay_seconds: int = 60

    SETTINGS = (
        "data_source_key", "password", "username", "delimiter", "status", "delete_behaviour",
        "refresh_behaviour", "password_changes_on_update", "default_system_role",
        "field_mappings", "refresh_threshold", "processing", "background_delay_seconds",
    )

    @property
    def delimiter_char(self) -> str:
        return delimiter_char(self.delimiter)

    @property
    def endpoint_base(self) -> str:
        return f"/webapps/bb-data-integration-flatfile-{self.bbid}/endpoint"

    def delete_behaviour_for(self, object_name: str) -> str:
        return self.delete_behaviour.get(object_name, "disable")

    def configure(self, settings: dict[str, Any]) -> None:
        """Apply settings after checking every one; on any error nothing changes."""
        unknown = sorted(set(settings) - set(self.SETTINGS))
        if unknown:
            raise IntegrationError(f"unknown integration setting(s): {', '.join(unknown)}; known: {', '.join(self.SETTINGS)}")
        merged = {**self.as_settings(), **settings}
        validate(merged)
        if "password" in settings and not isinstance(settings["password"], str):
            raise IntegrationError("password must be a string")
        for name, value in settings.items():
            setattr(self, name, passwords.hash_password(value) if name == "password" else value)

    def accepts(self, username: str, password: str) -> bool:
        """Whether the feed credentials are this integration's; both compared in constant time."""
        same_user = hmac.compare_digest(self.username.encode(), username.encode())
        return passwords.verify(self.password, password) and same_user if isinstance(self.password, bytes) else False

    def as_settings(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.SETTINGS}

    def public(self) -> dict[str, Any]:
        """What the control API shows: every setting but the password, and the endpoint."""
        shown = self.as_settings()
        shown.pop("password")
        return {"bbid": self.bbid, "id": self.pk, "endpoint": self.endpoint_base, **shown}


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise IntegrationError(f"{name} {value!r} is not one of: {', '.join(allowed)}")


def validate(settings: dict[str, Any]) -> None:
    if not settings.get("data_source_key"):
        raise IntegrationError("data_source_key is required: rows without data_source_key use it")
    if not settings.get("password"):
        raise IntegrationError("password is required: feeds authenticate with it")
    try:
        delimiter_char(settings["delimiter"])
    except ValueError as exc:
        raise IntegrationError(str(exc)) from None
    _choice("status", settings["status"], STATUSES)
    _choice("refresh_behaviour", settings["refresh_behaviour"], REFRESH_BEHAVIOURS)
    _choice("processing", settings["processing"], PROCESSING)
    if not isinstance(settings["delete_behaviour"], dict):
        raise IntegrationError("delete_behaviour maps an object name to disable, smart_delete or none")
    for obj, behaviour in settings["delete_behaviour"].items():
        _choice(f"delete_behaviour[{obj}]", behaviour, DELETE_BEHAVIOURS)
    if settings["default_system_role"].lower() not in FEED_SYSTEM_ROLES:
        raise IntegrationError(f"default_system_role {settings['default_system_role']!r} is not a system role")
    if not isinstance(settings["password_changes_on_update"], bool):
        raise IntegrationError("password_changes_on_update must be true or false")
    threshold = settings["refresh_threshold"]
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 <= threshold <= 100):
        raise IntegrationError("refresh_threshold must be a percentage from 0 to 100, or null for off")
    if not isinstance(settings["field_mappings"], dict):
        raise IntegrationError("field_mappings maps object -> field -> {header|script}")


def new_integration(bbid: str, pk: str, settings: dict[str, Any]) -> Integration:
    """Create an integration from control-API settings; data_source_key and password are required."""
    integration = Integration(bbid=bbid, pk=pk, data_source_key=settings.get("data_source_key", ""),
                              password=settings.get("password", ""))
    integration.configure(settings)
    return integration

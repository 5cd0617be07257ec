"""Identity operations (seed 002, "Identity Integration").

- Authenticate: Learn's login check (enabled, available, right password).
- Validate User: whether the user exists, and its state (`Yes`, `No`, `Disabled`).
- Enable / Disable User: the row status; a disabled user cannot log in and gets no
  new memberships or roles (Disable is what the seed's "disable user accounts" means;
  availability stays as it was and shows again once the user is enabled).
- Reset Password: stores a new password, hashed.
- Expire Password Immediately / by Date: documented as unsupported; refused with
  `NotSupported`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.connector.errors import NotSupported, Refusal
from simulator.learn import passwords

if TYPE_CHECKING:
    from simulator.connector.session import Session
    from simulator.learn.users import User


def _user_name(body: dict[str, Any]) -> str:
    user_name = body.get("userName")
    if not isinstance(user_name, str) or not user_name:
        raise Refusal.of("userName", "mandatory", "userName is mandatory: name the user")
    return user_name


def _user(session: "Session", body: dict[str, Any]) -> "User":
    user_name = _user_name(body)
    user = session.learn.users_by_user_name.get(user_name)
    if user is None:
        raise Refusal.of("userName", "not-found", f"no user with userName {user_name!r}", 404)
    return user


def authenticate(session: "Session", body: dict[str, Any]) -> dict[str, Any]:
    user_name = _user_name(body)
    password = body.get("password")
    if not isinstance(password, str):
        raise Refusal.of("password", "mandatory", "password is mandatory to authenticate")
    ok, reason = session.learn.login(user_name, password)
    return {"userName": user_name, "authenticated": ok, **({} if ok else {"reason": reason})}


def validate(session: "Session", body: dict[str, Any]) -> dict[str, Any]:
    user_name = _user_name(body)
    user = session.learn.users_by_user_name.get(user_name)
    if user is None:
        return {"userName": user_name, "exists": False}
    return {"userName": user_name, "exists": True, "userId": user.pk, "enabled": user.enabled,
            "available": user.availability, "canLogIn": user.can_log_in}


def set_enabled(session: "Session", body: dict[str, Any], enabled: bool) -> dict[str, Any]:
    user = _user(session, body)

    def change(s: "Session") -> None:
        if user.enabled != enabled:
            s.edit_user(user).enabled = enabled
    session.run(change)
    return validate(session, body)


def reset_password(session: "Session", body: dict[str, Any]) -> dict[str, Any]:
    user = _user(session, body)
    password = body.get("password")
    if not isinstance(password, str) or not password:
        raise Refusal.of("password", "mandatory", "password is mandatory: give the new password")
    session.run(lambda s: setattr(s.edit_user(user), "password", passwords.hash_password(password)))
    return {"userName": user.user_name, "passwordReset": True}


def expire_password(session: "Session", body: dict[str, Any]) -> dict[str, Any]:
    if body.get("date"):
        raise NotSupported("Expire Password by Date is not supported by the Blackboard Learn connector")
    raise NotSupported("Expire Password Immediately is not supported by the Blackboard Learn connector")

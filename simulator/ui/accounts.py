"""The System Administrator a fresh server starts with, so that Learn's pages can be used
(Learn ships with one; the simulator creates it on request: `learnsim serve --administrator`)."""
from __future__ import annotations

from simulator.learn import Learn, LearnError
from simulator.learn import passwords
from simulator.learn.datasources import SYSTEM_DATA_SOURCE
from simulator.learn.users import User


def add_administrator(learn: Learn, user_name: str, password: str) -> User:
    """An enabled, available System Administrator in Learn's SYSTEM data source; ValueError
    naming the problem for an empty name or password or a name already taken."""
    if not user_name or not password:
        raise ValueError("give the administrator as USER:PASSWORD, both non-empty")
    try:
        user = learn.create_user(external_id=user_name, user_name=user_name, firstname="System",
                                 lastname="Administrator", data_source=SYSTEM_DATA_SOURCE,
                                 password=passwords.hash_password(password))
    except LearnError as exc:
        raise ValueError(str(exc)) from None
    user.system_role = "SystemAdmin"
    return user

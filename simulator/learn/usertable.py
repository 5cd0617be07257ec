"""Where Learn keeps its users: by primary key, and by place.

A Learn holds users by the million, so both indexes cost a pointer per user, not a
dictionary entry:

- `UserTable` maps a user's primary key (`_<n>_1`) to the user through a list indexed
  by `n`: always in primary-key order, with no re-sorting after a rollback;
- `Roster` holds the users of one place (the integration that owns them and their data
  source) in a list. A user that leaves a place is only counted there; the next read
  drops it (and sorts the roster when a user came back out of order).
"""
from __future__ import annotations

from collections.abc import MutableMapping
from typing import Iterable, Iterator

from simulator.learn.users import User


def pk_number(pk: str) -> int | None:
    """The `n` of a primary key `_<n>_1`, or None for anything else."""
    if pk[:1] == "_" and pk[-2:] == "_1" and pk[1:-2].isdigit() and pk[1:-2].isascii():
        return int(pk[1:-2])
    return None


class UserTable(MutableMapping):
    """Users by primary key (`pk → User`), iterated in primary-key order."""

    __slots__ = ("rows", "_count")

    def __init__(self) -> None:
        self.rows: list[User | None] = [None]
        """Index n holds the user whose primary key is `_<n>_1`, or None."""
        self._count = 0

    def __getitem__(self, pk: str) -> User:
        user = self.get(pk)
        if user is None:
            raise KeyError(pk)
        return user

    def get(self, pk: str, default: User | None = None) -> User | None:
        n = pk_number(pk) if isinstance(pk, str) else None
        if n is None or n >= len(self.rows):
            return default
        user = self.rows[n]
        return default if user is None else user

    def __contains__(self, pk: object) -> bool:
        return isinstance(pk, str) and self.get(pk) is not None

    def __setitem__(self, pk: str, user: User) -> None:
        n = pk_number(pk)
        if n is None or user.pk != pk:
            raise KeyError(f"{pk!r} is not the primary key of {user!r}")
        rows = self.rows
        if n >= len(rows):
            rows.extend([None] * (n + 1 - len(rows)))
        if rows[n] is None:
            self._count += 1
        rows[n] = user

    def extend(self, first: int, users: list[User]) -> None:
        """Add users numbered `first`, `first + 1`, … (a feed's new users)."""
        rows = self.rows
        if first == len(rows):
            rows.extend(users)
            self._count += len(users)
            return
        for user in users:
            self[user.pk] = user

    def __delitem__(self, pk: str) -> None:
        n = pk_number(pk)
        if n is None or n >= len(self.rows) or self.rows[n] is None:
            raise KeyError(pk)
        self.rows[n] = None
        self._count -= 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[str]:
        return (user.pk for user in filter(None, self.rows))

    def values(self) -> Iterator[User]:  # type: ignore[override]
        return filter(None, self.rows)

    def items(self) -> Iterator[tuple[str, User]]:  # type: ignore[override]
        return ((user.pk, user) for user in filter(None, self.rows))

    def __repr__(self) -> str:
        return f"UserTable({self._count} users)"


class Roster:
    """The users in one place, in primary-key order once read (see the module)."""

    __slots__ = ("users", "ordered", "left")

    def __init__(self) -> None:
        self.users: list[User] = []
        self.ordered = True
        self.left = 0
        """How many users left the place since the last read (purged, moved, restored elsewhere)."""

    def add(self, user: User) -> None:
        self.extend([user])

    def extend(self, users: list[User]) -> None:
        """Add users in primary-key order (a feed's new users: appended, still in order)."""
        if self.users and _number(users[0]) <= _number(self.users[-1]):
            self.ordered = False
        self.users.extend(users)

    def members(self, table: UserTable, owner: str | None, data_source: str) -> list[User]:
        """The users still in this place, in primary-key order; compacts the roster when
        some left or came back."""
        if not self.ordered:
            self.users, self.ordered, self.left = sorted(dict.fromkeys(self.users), key=_number), True, 1
        if self.left:
            rows = table.rows
            self.users = [u for u in self.users if u.owner == owner and u.data_source == data_source
                          and (n := _number(u)) < len(rows) and rows[n] is u]
            self.left = 0
        return list(self.users)


def _number(user: User) -> int:
    return pk_number(user.pk) or 0


def in_order(groups: Iterable[list[User]]) -> list[User]:
    """Users of several places merged into primary-key order."""
    groups = [g for g in groups if g]
    if len(groups) == 1:
        return groups[0]
    return sorted((u for g in groups for u in g), key=_number)

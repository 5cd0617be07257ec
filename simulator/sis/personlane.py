"""The person object's batch lane: a batch of rows applied column by column.

A nightly person file is mostly rows of one shape: a new person to create, or a
person whose record already matches the row. The lane takes a batch of lines, splits
it into columns and checks each column as a whole (required, length, accepted values,
password length, keys new to the file and unique in the batch); then

- when every row names a new person (and every user name is free), it creates them
  all: the same records, passwords, indexes and notifications `Person.store` makes;
- otherwise it finds the rows whose record already matches the row exactly (the
  change-detection rule of docs/decisions.md, judged field by field and conservatively:
  owner, data source, user name, names, availability, row status, the profile columns
  and the password) and counts them `unchanged`.

Whatever it cannot decide (a failed check, a duplicate, a change, a warning to give)
goes row by row through the ordinary path, which gives the exact error or outcome.
A lane is made only for headers whose columns it understands; a field mapping, a
delete and a rehearsal (dry run, `testing` integration) always go row by row.
"""
from __future__ import annotations

from itertools import compress, repeat
from operator import and_, attrgetter, eq
from typing import TYPE_CHECKING

from simulator.learn import passwords
from simulator.learn.roles import DEFAULT_PRIMARY_INSTITUTION_ROLE, FEED_SYSTEM_ROLES
from simulator.learn.users import PROFILE_FIELDS, SEPARATOR, User, packed_profile, shared_names
from simulator.sis.lane import BatchLane, Shape

if TYPE_CHECKING:
    from simulator.sis.operations import FileKeys
    from simulator.sis.run import FeedRun

CORE = ("external_person_key", "user_id", "passwd", "firstname", "lastname", "data_source_key",
        "available_ind", "row_status")
"""The columns the lane reads besides the profile fields."""
PROFILE_SET = frozenset(PROFILE_FIELDS)
_NO_ROLES: frozenset[str] = frozenset()
_password = attrgetter("password")
COMPARED = ("owner", "data_source", "user_name", "firstname", "lastname", "available", "enabled", "_profile")
_VIEWS = {False: attrgetter(*COMPARED[:-1]), True: attrgetter(*COMPARED)}


class PersonLane(BatchLane):
    """The lane for one header; see the module's docstring."""

    reads = frozenset(CORE) | frozenset(PROFILE_FIELDS)

    def __init__(self, run: "FeedRun", shape: Shape, seen: "FileKeys", sources: set[str]) -> None:
        super().__init__(run, shape, seen, sources)
        self.profile = shared_names(tuple(name for name in self.at if name in PROFILE_SET))
        """The header's profile columns, in its order (`at` keeps the header's order)."""
        self.compare_passwords = "passwd" in self.at and run.integration.password_changes_on_update
        self.record_view = _VIEWS[bool(self.profile)]
        """A user's fields in the order of a row's (owner, data source, …, profile)."""

    def __call__(self, first: int, lines: list[str]) -> set[int] | range:
        columns = self.columns(lines)
        if columns is None:
            return ()
        at, n = self.at, len(lines)
        keys = columns[at["external_person_key"]]
        if len(set(keys)) != n:
            return ()
        users = list(map(self.run.learn.users_by_external_id.get, keys))
        if users.count(None) == n:
            return self._create(first, columns, keys) if self.new_to_file(keys) else ()
        if any(map(self.in_file, keys)):
            return ()
        return self._unchanged(first, columns, keys, users)

    def _row_profiles(self, columns: list, n: int):
        """Each row's profile in the user's packed form."""
        names = self.profile
        if not names:
            return repeat(None, n)
        values = [columns[self.at[name]] for name in names]
        if not any("" in column for column in values):
            if len(names) == 1:
                return zip(repeat(names), values[0])
            if SEPARATOR not in self.text:
                return zip(repeat(names), map(SEPARATOR.join, zip(*values)))
        return [packed_profile(zip(names, row)) for row in zip(*values)]

    def _create(self, first: int, columns: list, keys: tuple[str, ...]) -> set[int] | range:
        """Every row names a new person: create them all, or leave the batch to the
        row-by-row path when a user name is taken or repeated."""
        run, at, n = self.run, self.at, len(keys)
        learn, integration = run.learn, run.integration
        user_names = columns[at["user_id"]]
        if len(set(user_names)) != n or any(map(learn.users_by_user_name.__contains__, user_names)):
            return ()
        sources = self.data_sources(columns, n)
        canonical = {source: learn.add_data_source(source).external_id for source in set(sources)}
        sources = tuple(map(canonical.__getitem__, sources))
        shared = run.shared
        firsts, lasts = columns[at["firstname"]], columns[at["lastname"]]
        pks, uuid_prefix = learn.new_user_keys(n)
        available, enabled = self.row_state(columns, n)
        users = list(map(
            User, pks, repeat(uuid_prefix), keys, sources, user_names, map(shared.setdefault, firsts, firsts),
            map(shared.setdefault, lasts, lasts), self._new_passwords(columns, n), repeat(run.moment), repeat(None),
            repeat(integration.pk), repeat(FEED_SYSTEM_ROLES[integration.default_system_role.lower()]),
            repeat(DEFAULT_PRIMARY_INSTITUTION_ROLE), repeat(_NO_ROLES), available, enabled,
            self._row_profiles(columns, n),
        ))
        learn.add_users(users)
        self.counted(first, "created", keys, sources, None)
        return range(n)

    def _new_passwords(self, columns: list, n: int) -> list[str | bytes]:
        """Stored passwords for new users: hashed, or Learn's unusable one without a password."""
        position = self.at.get("passwd")
        given = columns[position] if position is not None else ("",) * n
        if "" not in given:
            return passwords.hash_passwords(given)
        hashed = iter(passwords.hash_passwords([p for p in given if p]))
        return [next(hashed) if p else passwords.unusable_password() for p in given]

    def _unchanged(self, first: int, columns: list, keys: tuple[str, ...], users: list[User | None]) -> set[int]:
        """The rows whose person exists and matches the row in every field it sets."""
        run, at, n = self.run, self.at, len(keys)
        if None in users:
            users = [user or _ABSENT for user in users]
        sources = self.data_sources(columns, n)
        available, enabled = self.row_state(columns, n)
        rows = [repeat(run.integration.pk), sources, columns[at["user_id"]], columns[at["firstname"]],
                columns[at["lastname"]], available, enabled]
        if self.profile:
            rows.append(self._row_profiles(columns, n))
        unchanged = list(map(eq, map(self.record_view, users), zip(*rows)))
        if self.compare_passwords:
            given = columns[at["passwd"]]
            matches = passwords.verify_many(list(map(_password, users)), given)
            if "" in given:
                matches = [m or not p for m, p in zip(matches, given)]
            unchanged = list(map(and_, unchanged, matches))
        positions = list(compress(range(n), unchanged))
        if positions:
            self.counted(first, "unchanged", list(compress(keys, unchanged)), list(compress(sources, unchanged)),
                        positions)
        return set(positions)



_ABSENT = User("", "", "", "", "", "", "", b"", None, owner=object())  # type: ignore[arg-type]
"""Stands in for a person that does not exist yet: it matches no row."""

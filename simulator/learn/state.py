"""`Learn`: the one in-memory Learn database that every surface reads and writes.

Indexes are kept alongside the tables so that every lookup a feed row needs is O(1)
and a refresh can walk only the records one integration owns.
"""
from __future__ import annotations

from collections import deque
from datetime import datetime
from operator import attrgetter
from typing import Callable, Iterable, Iterator

from simulator.clock import Clock
from simulator.learn import passwords
from simulator.learn.categories import Categories, CategoryMemberships
from simulator.learn.courses import CourseMemberships, Courses
from simulator.learn.datasources import SYSTEM_DATA_SOURCE, DataSource
from simulator.learn.groups import GroupMemberships, Groups
from simulator.learn.ids import PkSequence, random_hex
from simulator.learn.journal import Journal
from simulator.learn.observers import ObserverLinks
from simulator.learn.roles import (
    DEFAULT_INSTITUTION_ROLES,
    SYSTEM_ROLES,
    InstitutionRole,
)
from simulator.learn.secondaryroles import SecondaryRoles
from simulator.learn.sessions import Sessions
from simulator.learn.terms import Terms
from simulator.learn.users import User
from simulator.learn.usertable import Roster, UserTable, in_order, pk_number


_external_id_of, _user_name_of = attrgetter("external_id"), attrgetter("user_name")
_place_of = attrgetter("owner", "data_source")


class LearnError(Exception):
    """A rule of Learn's data model was broken; the message says which."""


class Learn:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.users = UserTable()
        self.users_by_external_id: dict[str, User] = {}
        self.users_by_user_name: dict[str, User] = {}
        self.places: dict[tuple[str | None, str], Roster] = {}
        """The users of each place (owning integration, data source): see `usertable`."""
        self.data_sources: dict[str, DataSource] = {}
        self.institution_roles: dict[str, InstitutionRole] = {}
        self._user_pks = PkSequence()
        self._data_source_pks = PkSequence()
        self._role_pks = PkSequence()
        self._uuid_prefix = random_hex(20)
        self.journal: Journal | None = None
        """While set, every change is remembered so that it can be rolled back."""
        self.user_watchers: list[Callable[[User], None]] = []
        """Called with a user about to change or just created (e.g. Connect's change tracking)."""
        self.secondary_role_records = SecondaryRoles(self)
        """Every secondary institution role record, enabled or not; see `User.secondary_roles`."""
        self.observer_links = ObserverLinks(self)
        self.courses, self.course_memberships = Courses(self), CourseMemberships(self)
        self.groups, self.group_memberships = Groups(self), GroupMemberships(self)
        self.terms = Terms(self)
        self.categories, self.category_memberships = Categories(self), CategoryMemberships(self)
        self.sessions = Sessions(clock)
        """Web sessions started by Learn's login page."""
        self.add_data_source(SYSTEM_DATA_SOURCE, "Internal data source used for associating records that are created for use by the Bb system.")
        for role_id, name in DEFAULT_INSTITUTION_ROLES:
            self.add_institution_role(role_id, name, custom=False)

    # -- data sources -------------------------------------------------------
    def add_data_source(self, external_id: str, description: str = "") -> DataSource:
        """Create a data source, or return the existing one with that key."""
        if not external_id:
            raise LearnError("a data source needs a non-empty key (externalId)")
        existing = self.data_sources.get(external_id)
        if existing is not None:
            return existing
        source = DataSource(self._data_source_pks.take(), external_id, description)
        self.data_sources[external_id] = source
        if self.journal is not None:
            self.journal.keep(("data_source", external_id), lambda: self.data_sources.pop(external_id, None))
        return source

    def data_source_by_id(self, ref: str) -> DataSource | None:
        """Resolve `_2_1` or `externalId:KEY`."""
        if ref.startswith("externalId:"):
            return self.data_sources.get(ref[len("externalId:"):])
        return next((ds for ds in self.data_sources.values() if ds.pk == ref), None)

    # -- institution roles -------------------------------------------------
    def add_institution_role(self, role_id: str, name: str = "", description: str = "", custom: bool = True) -> InstitutionRole:
        """Create an institution role; role ids are unique ignoring case."""
        if not role_id:
            raise LearnError("an institution role needs a non-empty roleId")
        if role_id.upper() in self.institution_roles:
            raise LearnError(f"institution role {role_id!r} already exists")
        role = InstitutionRole(self._role_pks.take(), role_id.upper(), name or role_id, description, custom)
        self.institution_roles[role.role_id] = role
        return role

    def institution_role(self, role_id: str) -> InstitutionRole | None:
        return self.institution_roles.get(role_id.upper())

    def institution_role_by_id(self, ref: str) -> InstitutionRole | None:
        """Resolve a role by primary key `_3_1` or by `roleId`."""
        if ref.startswith("roleId:"):
            return self.institution_role(ref[len("roleId:"):])
        found = next((r for r in self.institution_roles.values() if r.pk == ref), None)
        return found or self.institution_role(ref)

    @staticmethod
    def system_role_ids() -> Iterable[str]:
        return SYSTEM_ROLES.keys()

    # -- users ---------------------------------------------------------------
    def create_user(self, *, external_id: str, user_name: str, firstname: str, lastname: str,
                    data_source: str, owner: str | None = None, password: str | bytes | None = None,
                    now: datetime | None = None, **fields) -> User:
        """Create a user (enabled and available unless `fields` say otherwise); external id
        and user name must be new. `now`: the creation time when the caller has read the
        clock already (a feed); `fields`: other `User` fields (roles, profile, availability)."""
        if external_id in self.users_by_external_id:
            raise LearnError(f"a user with external key {external_id!r} already exists")
        if user_name in self.users_by_user_name:
            raise LearnError(f"user_id {user_name!r} is already used by another user")
        now = now or self.clock.now()
        user = User(
            pk=self._user_pks.take(), uuid_prefix=self._uuid_prefix, external_id=external_id,
            data_source=self.add_data_source(data_source).external_id, user_name=user_name,
            firstname=firstname, lastname=lastname, password=password or passwords.unusable_password(),
            created=now, owner=owner, **fields,
        )
        if self.journal is not None:
            self.journal.keep(("user", user.pk), lambda: self._unindex(user))
        self._index(user)
        self._notify(user)
        return user

    def new_user_keys(self, count: int) -> tuple[list[str], str]:
        """Primary keys for `count` new users, and the uuid prefix they share."""
        return self._user_pks.take_many(count), self._uuid_prefix

    def add_users(self, users: list[User]) -> None:
        """Index users a feed built in bulk (`create_user`'s work for a batch, its checks
        already made: keys and user names new, data sources existing, primary keys
        consecutive). Not journalled: a rehearsal goes row by row."""
        assert self.journal is None, "a journalled change goes through create_user"
        first = pk_number(users[0].pk)
        self.users.extend(first, users)
        self.users_by_external_id.update(zip(map(_external_id_of, users), users))
        self.users_by_user_name.update(zip(map(_user_name_of, users), users))
        places = list(map(_place_of, users))
        if places.count(places[0]) == len(places):
            self._roster(places[0]).extend(users)
        else:
            for place, user in zip(places, users):
                self._roster(place).add(user)
        for watcher in self.user_watchers:
            deque(map(watcher, users), 0)

    def _roster(self, place: tuple[str | None, str]) -> Roster:
        roster = self.places.get(place)
        if roster is None:
            roster = self.places[place] = Roster()
        return roster

    def _notify(self, user: User) -> None:
        if self.journal is None:
            for watcher in self.user_watchers:
                watcher(user)

    def _index(self, user: User) -> None:
        self.users[user.pk] = user
        self.users_by_external_id[user.external_id] = user
        self.users_by_user_name[user.user_name] = user
        self._roster((user.owner, user.data_source)).add(user)

    def _unindex(self, user: User) -> None:
        """Take a user out of Learn (its roster forgets it when next read)."""
        self._roster((user.owner, user.data_source)).left += 1
        del self.users[user.pk]
        del self.users_by_external_id[user.external_id]
        del self.users_by_user_name[user.user_name]

    def edit(self, user: User) -> User:
        """Announce a change to `user` (journals its current state); returns it."""
        if self.journal is not None:
            saved = {name: getattr(user, name) for name in User.__slots__}
            self.journal.keep(("user", user.pk), lambda: self._restore(user, saved))
        self._notify(user)
        return user

    def _restore(self, user: User, saved: dict) -> None:
        """Undo: put `user` back as it was. The user table is in primary-key order by
        construction; a roster the user re-enters sorts itself when next read."""
        if self.users.get(user.pk) is not user:
            for name, value in saved.items():
                setattr(user, name, value)
            self._index(user)
            return
        place = (user.owner, user.data_source)
        del self.users_by_external_id[user.external_id]
        del self.users_by_user_name[user.user_name]
        for name, value in saved.items():
            setattr(user, name, value)
        self.users_by_external_id[user.external_id] = user
        self.users_by_user_name[user.user_name] = user
        if (user.owner, user.data_source) != place:
            self._roster(place).left += 1
            self._roster((user.owner, user.data_source)).add(user)

    def after_rollback(self, token, fix: Callable[[], None]) -> None:
        """Run `fix` once the rollback under way is done (at once when there is none):
        re-sorting a table once, not once per record that re-entered it."""
        if self.journal is not None:
            self.journal.after(token, fix)
        else:
            fix()

    def user_by_id(self, ref: str) -> User | None:
        """Resolve `_12_1`, `externalId:KEY`, `userName:NAME` or `uuid:HEX`, as REST does."""
        if ref.startswith("externalId:"):
            return self.users_by_external_id.get(ref[len("externalId:"):])
        if ref.startswith("userName:"):
            return self.users_by_user_name.get(ref[len("userName:"):])
        if ref.startswith("uuid:"):
            wanted = ref[len("uuid:"):].lower()
            try:
                user = self.users.get(f"_{int(wanted[20:], 16)}_1") if len(wanted) == 32 else None
            except ValueError:
                return None
            return user if user is not None and user.uuid == wanted else None
        return self.users.get(ref)

    def rename_user(self, user: User, user_name: str) -> None:
        if user_name == user.user_name:
            return
        if user_name in self.users_by_user_name:
            raise LearnError(f"user_id {user_name!r} is already used by another user")
        self.edit(user)
        del self.users_by_user_name[user.user_name]
        user.user_name = user_name
        self.users_by_user_name[user_name] = user

    def rekey_user(self, user: User, external_id: str) -> None:
        """Give a user a new external key (`new_external_person_key`)."""
        if external_id == user.external_id:
            return
        if external_id in self.users_by_external_id:
            raise LearnError(f"a user with external key {external_id!r} already exists")
        self.edit(user)
        del self.users_by_external_id[user.external_id]
        user.external_id = external_id
        self.users_by_external_id[external_id] = user

    def move_user(self, user: User, data_source: str) -> None:
        """Move a user to another data source (`new_data_source_key`)."""
        if data_source == user.data_source:
            return
        data_source = self.add_data_source(data_source).external_id
        self.edit(user)
        self._roster((user.owner, user.data_source)).left += 1
        user.data_source = data_source
        self._roster((user.owner, data_source)).add(user)

    def add_secondary_role(self, user: User, role_id: str, *, owner: str | None = None,
                           data_source: str | None = None) -> None:
        """Give `user` a secondary institution role; it must exist and not be the primary one.
        An existing record of that role is enabled again."""
        canonical = self.secondary_role_records.check(user, role_id)
        record = self.secondary_role_records.get((user.pk, canonical))
        if record is None:
            self.secondary_role_records.grant(user, canonical, owner=owner, data_source=data_source or user.data_source)
        elif not record.enabled:
            self.secondary_role_records.edit(record).enabled = True
            record.modified = self.now()
            self.secondary_role_records.sync(user)

    def remove_secondary_role(self, user: User, role_id: str) -> None:
        record = self.secondary_role_records.get((user.pk, role_id.upper()))
        if record is not None:
            self.secondary_role_records.remove(record)
            self.secondary_role_records.sync(user)
        elif role_id.upper() in user.secondary_roles:
            self.edit(user).secondary_roles = user.secondary_roles - {role_id.upper()}

    def purge_user(self, user: User) -> None:
        """Remove a user and every reference to it. Learn purges only disabled records."""
        if user.enabled:
            raise LearnError(f"user {user.user_name!r} must be disabled before it can be purged")
        self.edit(user)
        self.secondary_role_records.forget_user(user.pk)
        self.observer_links.forget_user(user.pk)
        self.course_memberships.forget_user(user.pk)
        self._unindex(user)

    def journalled(self) -> "Journal":
        """Start remembering changes; the caller rolls back or calls `stop_journal`."""
        self.journal = Journal()
        return self.journal

    def stop_journal(self) -> None:
        self.journal = None

    def owned_users(self, owner: str, data_source: str | None = None) -> list[User]:
        """Users created by `owner`, optionally only those in one data source, in
        primary-key order: O(those users), never O(Learn)."""
        return in_order(roster.members(self.users, *place) for place, roster in list(self.places.items())
                        if place[0] == owner and (data_source is None or place[1] == data_source))

    def users_in_data_source(self, data_source: str) -> list[User]:
        """The users kept in one data source, in primary-key order."""
        return in_order(roster.members(self.users, *place) for place, roster in list(self.places.items())
                        if place[1] == data_source)

    def login(self, user_name: str, password: str) -> tuple[bool, str]:
        """Learn's database login: enabled, available, and the right password."""
        user = self.users_by_user_name.get(user_name)
        if user is None:
            return False, "no such user"
        if not user.enabled:
            return False, "user is disabled"
        if not user.available:
            return False, "user is unavailable"
        if not passwords.verify(user.password, password):
            return False, "wrong password"
        return True, "ok"

    def now(self) -> datetime:
        return self.clock.now()

    def new_id_batch(self) -> None:
        """Start a batch of users (one feed): they share a fresh random uuid prefix and
        password-salt prefix, so their ids and salts are unique without a system call each."""
        self._uuid_prefix = random_hex(20)
        passwords.renew_salts()

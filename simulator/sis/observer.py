"""The `associateobserver` feed object: observer associations (SPEC §1.4).

Columns: `external_observer_key` and `external_user_key` (together the record's key),
optional `data_source_key` and `row_status`. Both persons must exist, they must be two
different persons, and the observer must hold the Observer system role. One observer
may observe several users and one user may have several observers.
"""
from __future__ import annotations

from typing import Hashable

from simulator.learn.observers import OBSERVER_SYSTEM_ROLE, ObserverLink, ObserverLinks
from simulator.sis.association import AssociationFeed
from simulator.sis.feedobject import RowError
from simulator.sis.fields import DATA_SOURCE_KEY, KEY, ROW_STATUS, Field, ObjectSpec
from simulator.sis.run import FeedRun

ASSOCIATE_OBSERVER = ObjectSpec("associateobserver", (
    Field("external_observer_key", KEY, required=True),
    Field("external_user_key", KEY, required=True),
    DATA_SOURCE_KEY,
    ROW_STATUS,
))


class AssociateObserver(AssociationFeed):
    name = "associateobserver"
    spec = ASSOCIATE_OBSERVER
    key_fields = ("external_observer_key", "external_user_key")

    def table(self, run: FeedRun) -> ObserverLinks:
        return run.learn.observer_links

    def record_pk(self, run: FeedRun, key: Hashable) -> tuple[str, str] | None:
        observer_key, user_key = key
        people = run.learn.users_by_external_id
        observer, user = people.get(observer_key), people.get(user_key)
        return None if observer is None or user is None else (observer.pk, user.pk)

    def record_key(self, record: ObserverLink) -> tuple[str, str]:
        return (record.observer.external_id, record.user.external_id)

    def check(self, run: FeedRun, values: dict[str, str]) -> None:
        observer = self.person(run, values, "external_observer_key", "observer")
        user = self.person(run, values, "external_user_key", "observed person")
        if observer is user:
            raise RowError(f"external_observer_key and external_user_key both name {observer.external_id!r}; "
                           "a person cannot observe themselves", "external_user_key")
        if observer.system_role != OBSERVER_SYSTEM_ROLE:
            raise RowError(f"external_observer_key {observer.external_id!r}: the person holds the system role "
                           f"{observer.system_role}, but only a person with the {OBSERVER_SYSTEM_ROLE} system role "
                           "can observe; give it system_role observer in the person feed", "external_observer_key")

    def create(self, run: FeedRun, values: dict[str, str], enabled: bool) -> None:
        people = run.learn.users_by_external_id
        self.table(run).link(people[values["external_observer_key"]], people[values["external_user_key"]],
                             owner=run.integration.pk, data_source=values["data_source_key"], enabled=enabled)

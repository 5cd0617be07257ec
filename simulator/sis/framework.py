"""The SIS Framework: integrations, their feed endpoints' behaviour, and data sets."""
from __future__ import annotations

import gc
from datetime import timedelta
from typing import Any, Callable

from simulator.clock import Clock
from simulator.learn import Learn
from simulator.learn.ids import PkSequence
from simulator.sis.dataset import DataSet
from simulator.sis.feedobject import FeedObject
from simulator.sis.integration import Integration, IntegrationError, new_integration
from simulator.sis.mapping import check_field_mappings, mapping_for
from simulator.sis.objects import learn_objects
from simulator.sis.observer import AssociateObserver
from simulator.sis.operations import OPERATIONS, Transform, run_operation
from simulator.sis.parser import FeedFile
from simulator.sis.person import Person
from simulator.sis.secondaryinstrole import SecondaryInstRole
from simulator.sis.run import FeedRun


class FeedRefused(Exception):
    """The whole post is refused before any data set exists (e.g. inactive integration)."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class SisFramework:
    def __init__(self, learn: Learn, clock: Clock) -> None:
        self.learn = learn
        self.clock = clock
        self.integrations: dict[str, Integration] = {}
        self.datasets: dict[str, DataSet] = {}
        self.objects: dict[str, FeedObject] = {obj.name: obj for obj in (Person(), SecondaryInstRole(), AssociateObserver(),
                                                                         *learn_objects(learn))}
        self.transform: Callable[[FeedRun, FeedObject], Transform | None] = mapping_for
        """Gives, once per feed, the field mapping to apply to each row before validation."""
        self._pks = PkSequence(start=3)

    def register(self, obj: FeedObject) -> None:
        self.objects[obj.name] = obj

    # -- integrations ---------------------------------------------------------
    def put_integration(self, bbid: str, settings: dict[str, Any]) -> tuple[Integration, bool]:
        """Create the integration `bbid`, or change its settings; returns (it, created)."""
        if "field_mappings" in settings:
            check_field_mappings(settings["field_mappings"], self.objects)
        existing = self.integrations.get(bbid)
        if existing is not None:
            existing.configure(settings)
            return existing, False
        integration = new_integration(bbid, self._pks.take(), settings)
        self.learn.add_data_source(integration.data_source_key)
        self.integrations[bbid] = integration
        return integration, True

    def authenticate(self, bbid: str, username: str, password: str) -> Integration | None:
        integration = self.integrations.get(bbid)
        if integration and integration.username == username and integration.password == password:
            return integration
        return None

    # -- feeds ------------------------------------------------------------------
    def check_target(self, object_name: str, operation: str) -> None:
        if object_name not in self.objects:
            raise FeedRefused(f"Unknown object {object_name!r}. Accepted objects: {', '.join(self.objects)}.", 404)
        if operation not in OPERATIONS:
            raise FeedRefused(f"Unknown operation {operation!r}. Accepted operations: {', '.join(OPERATIONS)}.", 404)

    def post(self, integration: Integration, object_name: str, operation: str, body: bytes,
             dry_run: bool = False) -> DataSet:
        """Accept a feed file. Immediate processing runs it now; background processing
        queues it until the clock reaches the integration's delay."""
        self.check_target(object_name, operation)
        if integration.status == "inactive":
            raise FeedRefused(f"Integration {integration.bbid} is inactive: feeds are refused until an "
                              "administrator sets its status to active or testing.", 403)
        feed = FeedFile(body, integration.delimiter_char)
        dataset = DataSet(integration.pk, object_name, operation, self.clock.now(), dry_run=dry_run)
        self.datasets[dataset.uid] = dataset
        if integration.processing == "background" and not dry_run:
            dataset.queued = feed.row_count()
            when = self.clock.now() + timedelta(seconds=integration.background_delay_seconds)
            self.clock.schedule(when, lambda: self._process(integration, dataset, feed))
        else:
            self._process(integration, dataset, feed)
        return dataset

    def _process(self, integration: Integration, dataset: DataSet, feed: FeedFile) -> None:
        rehearsal = dataset.dry_run or integration.status == "testing"
        journal = self.learn.journalled() if rehearsal else None
        collecting = gc.isenabled()
        gc.disable()  # a feed creates records by the million and frees few: skip the collector's rescans
        try:
            run = FeedRun(self.learn, integration, dataset)
            obj = self.objects[dataset.object_name]
            run_operation(run, obj, dataset.operation, feed, self.transform(run, obj))
        finally:
            if collecting:
                gc.enable()
            if journal is not None:
                journal.rollback()
                self.learn.stop_journal()
        dataset.queued = 0
        dataset.last_entry_date = self.clock.now()
        if integration.status == "testing" and not dataset.dry_run:
            dataset.info(f"integration {integration.bbid} is in testing status: the rows were processed and logged but nothing was applied")
        outcomes = ", ".join(f"{count} {kind}" for kind, count in sorted(dataset.outcomes.items())) or "no changes"
        dataset.info(f"{dataset.completed} rows processed ({outcomes}); {dataset.errors} errors, {dataset.warnings} warnings")


__all__ = ["SisFramework", "FeedRefused", "IntegrationError"]

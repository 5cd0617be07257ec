"""The SIS Framework: integrations, their feed endpoints' behaviour, and data sets."""
from __future__ import annotations

import gc
import logging
from collections import OrderedDict
from datetime import timedelta
from typing import Any, Callable, Iterator

from simulator.clock import Clock
from simulator.learn import Learn
from simulator.learn.ids import PkSequence
from simulator.processing import Abandoned, FeedWorker, Pause
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


BATCH_ROWS = 1000
"""Rows the worker applies per hold of the state lock."""

KEEP_DATASETS = 10_000
"""Data sets (with their logs) kept by default; older ones are forgotten (`--keep-datasets`)."""
EXPIRED_REMEMBERED = 100_000
"""How many forgotten reference codes are still recognised as expired (32 bytes each)."""

log = logging.getLogger("learnsim.sis")


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
        self.keep_datasets = KEEP_DATASETS
        self._expired: OrderedDict[str, None] = OrderedDict()
        self.worker: FeedWorker | None = None
        """None: a feed is applied within its post (in-process, deterministic). A worker:
        the post is acknowledged once queued and the worker applies it batch by batch."""

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
        if integration is not None and integration.accepts(username, password):
            return integration
        return None

    # -- feeds ------------------------------------------------------------------
    def check_target(self, object_name: str, operation: str) -> None:
        if object_name not in self.objects:
            raise FeedRefused(f"Unknown object {object_name!r}. Accepted objects: {', '.join(self.objects)}.", 404)
        if operation not in OPERATIONS:
            raise FeedRefused(f"Unknown operation {operation!r}. Accepted operations: {', '.join(OPERATIONS)}.", 404)

    def check_post(self, integration: Integration, object_name: str, operation: str) -> None:
        """Refuse a post whole (FeedRefused) before any data set exists."""
        self.check_target(object_name, operation)
        if integration.status == "inactive":
            raise FeedRefused(f"Integration {integration.bbid} is inactive: feeds are refused until an "
                              "administrator sets its status to active or testing.", 403)

    def post(self, integration: Integration, object_name: str, operation: str, body: bytes | FeedFile,
             dry_run: bool = False, rows: int | None = None) -> DataSet:
        """Accept a feed file (raw bytes, or already read with `rows` data rows counted).

        A dry run is applied now and rolled back. Otherwise: background processing queues
        the data set until the clock reaches the integration's delay; then (or at once)
        the data set is applied now, or handed to the worker when there is one."""
        self.check_post(integration, object_name, operation)
        feed = body if isinstance(body, FeedFile) else FeedFile(body, integration.delimiter_char)
        dataset = DataSet(integration.pk, object_name, operation, self.clock.now(), dry_run=dry_run)
        self._keep(dataset)
        if dry_run:
            self._process(integration, dataset, feed)
            return dataset
        if integration.processing == "background" or self.worker is not None:
            dataset.queued = feed.row_count() if rows is None else rows
        if integration.processing == "background":
            when = self.clock.now() + timedelta(seconds=integration.background_delay_seconds)
            self.clock.schedule(when, lambda: self._start(integration, dataset, feed))
        else:
            self._start(integration, dataset, feed)
        return dataset

    def _keep(self, dataset: DataSet) -> None:
        """Add a data set; beyond `keep_datasets`, forget the oldest (a queued one is still
        applied, only its status and log are gone)."""
        self.datasets[dataset.uid] = dataset
        while len(self.datasets) > self.keep_datasets:
            expired = next(iter(self.datasets))
            del self.datasets[expired]
            self._expired[expired] = None
            if len(self._expired) > EXPIRED_REMEMBERED:
                self._expired.popitem(last=False)

    def expired(self, uid: str) -> str | None:
        """For a reference code whose data set was forgotten: a sentence saying so; else None."""
        if uid in self._expired:
            return (f"Data set {uid} has expired: this Learn keeps the last {self.keep_datasets} data sets "
                    "and their logs.")
        return None

    def _start(self, integration: Integration, dataset: DataSet, feed: FeedFile) -> None:
        if self.worker is None:
            self._process(integration, dataset, feed)
        else:
            self.worker.submit(lambda pause: self._process(integration, dataset, feed, pause))

    def _process(self, integration: Integration, dataset: DataSet, feed: FeedFile, pause: Pause | None = None) -> None:
        """Apply a data set. With `pause`, the rows come in batches of BATCH_ROWS and the
        worker steps aside between two; a rehearsal (dry run, `testing` integration) is
        applied and rolled back in one hold, so no one ever sees its temporary state."""
        rehearsal = dataset.dry_run or integration.status == "testing"
        journal = self.learn.journalled() if rehearsal else None
        collecting = gc.isenabled()
        gc.disable()  # a feed creates records by the million and frees few: skip the collector's rescans
        try:
            self.learn.new_id_batch()
            run = FeedRun(self.learn, integration, dataset)
            obj = self.objects[dataset.object_name]
            paced = feed if pause is None or rehearsal else PacedFeed(feed, dataset, pause)
            run_operation(run, obj, dataset.operation, paced, self.transform(run, obj))
        except Abandoned:
            raise
        except Exception:
            if pause is None:
                raise
            log.exception("data set %s stopped", dataset.uid)
            dataset.error(f"processing stopped after {dataset.completed} rows: an unexpected error in the "
                          "simulator (see its log); the rows not processed were not applied")
        finally:
            if collecting:
                gc.freeze()  # the feed's records are long-lived: no full collection rescans them now
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


class PacedFeed:
    """A feed whose rows come in batches: before each batch after the first, the data
    set's queued count is brought up to date and the worker steps aside. After the last
    row nothing pauses, so the refresh phase and the closing summary follow in the same
    hold and `queuedCount` reaches 0 only when the data set is done."""

    def __init__(self, feed: FeedFile, dataset: DataSet, pause: Pause, batch: int = BATCH_ROWS) -> None:
        self._feed, self._dataset, self._pause, self._batch = feed, dataset, pause, batch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._feed, name)

    def batches(self) -> Iterator[tuple[int, list[str]]]:
        total, dataset, done = self._dataset.queued, self._dataset, 0
        for count, batch in enumerate(self._feed.batches(self._batch)):
            if count:
                dataset.queued = max(total - done, 1)
                self._pause()
            done += len(batch[1])
            yield batch

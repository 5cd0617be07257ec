"""`LiveLearnClient`: the step library's client when the target is a real Learn.

Differences from the simulator client, each a safety or honesty rule:

- a scenario's SIS integration is the one the target file names (a live Learn has
  exactly the integrations its administrator made); the data source key the scenario
  gives it is spelled as that integration's data source key;
- nothing resets the target and nobody moves its clock: steps that need either, or a
  surface the probe did not find, end the scenario as *not applicable*;
- refresh operations disable records, so they run only with `--allow-destructive`, and
  never with rows that name a data source other than the integration's own;
- Learn may process feeds in the background, so after an accepted feed the client
  waits until its data set has nothing queued before the scenario looks at the result;
- a list of users shows the scenario only its own users (those with its prefix), as a
  fresh Learn would;
- every record an accepted feed names is remembered and, at the end of the scenario,
  removed again through the same public interface: a `delete` feed of those keys,
  newest first (the integration's delete behaviour decides disable or purge).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

import pytest
import requests

from steps.client import REFERENCE, FeedCredentials, LearnClient
from steps.grading import not_applicable

DESTRUCTIVE_OPERATIONS = ("refresh", "refreshlegacy")
DATA_SOURCE_COLUMNS = ("data_source_key", "new_data_source_key")
KEY_COLUMNS = {
    "person": ("external_person_key",),
    "secondaryinstrole": ("external_person_key", "role_id"),
    "associateobserver": ("external_observer_key", "external_user_key"),
}
RENAMED_BY = {"external_person_key": "new_external_person_key"}
KEPT_FOR_DELETE = {"person": ("user_id", "firstname", "lastname")}
SMALL_STEP = 1.0


def decode_feed(body: bytes) -> str:
    """Text of a feed as Learn reads it: BOM-marked UTF-8/UTF-16, else UTF-8, else ISO-8859-1."""
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return body.decode("utf-16")
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return body.decode("iso-8859-1")


def feed_rows(text: str, delimiter: str) -> tuple[list[str], list[dict[str, str]]]:
    """Header (lower-cased) and the rows whose field count matches it."""
    lines = [line.rstrip("\r") for line in text.split("\n") if line.strip()]
    if not lines:
        return [], []
    header = [name.strip().lower() for name in lines[0].split(delimiter)]
    rows = []
    for line in lines[1:]:
        parts = line.split(delimiter)
        if len(parts) == len(header):
            rows.append({name: value.strip() for name, value in zip(header, parts)})
    return header, rows


def key_columns(object_name: str, header: list[str]) -> tuple[str, ...]:
    """The columns that identify a record of `object_name` (external keys for objects not listed)."""
    known = KEY_COLUMNS.get(object_name)
    if known:
        return known
    return tuple(c for c in header if c.startswith("external_") and c.endswith("_key"))


@dataclass(slots=True)
class Undo:
    """One thing to take back at the end of a scenario."""

    what: str
    action: Callable[[], None]


@dataclass(slots=True)
class FeedRecords:
    """The records one accepted feed named, keyed as the target spells them."""

    creds: FeedCredentials
    object_name: str
    rows: list[dict[str, str]] = field(default_factory=list)


class LiveClock:
    """A live Learn's clock is its own: small steps pass by themselves, longer waits are not applicable."""

    __slots__ = ()

    def advance(self, seconds: float) -> None:
        if seconds > SMALL_STEP:
            not_applicable(f"needs simulated time to move by {seconds:g} s; a live Learn's clock cannot be moved")


class LiveLearnClient(LearnClient):
    """See the module docstring. Built by `steps.live.live_client` from the target file and the probe."""

    def __init__(self, base_url: str, *, names, sis, rest, surfaces: dict[str, str], allow_destructive: bool,
                 delimiter: str = "|", processing_timeout: float = 300.0, known_secrets: set[str] | None = None) -> None:
        super().__init__(base_url, names, requests.Session(), rest_key=rest.key if rest else None,
                         rest_secret=rest.secret if rest else None, known_secrets=set(known_secrets or ()))
        self.sis, self.surfaces = sis, surfaces
        self.allow_destructive, self.delimiter = allow_destructive, delimiter
        self.processing_timeout = processing_timeout
        self.longest_poll = 5.0  # a live Learn is polled gently
        self.clock = LiveClock()
        self.undo: list[Undo] = []
        self.scenario_bbid: str | None = None
        self._deleted: dict[str, set[tuple[str, ...]]] = {}
        self._removed = 0

    # -- surfaces ----------------------------------------------------------------
    def need(self, surface: str, what: str) -> None:
        state = self.surfaces.get(surface, "missing: not probed")
        if state != "present":
            not_applicable(f"{what} needs the {surface} surface, which this target lacks ({state})")

    def control(self, method: str, path: str, json: Any = None) -> requests.Response:
        if path == "/reset" or path.startswith("/clock"):
            not_applicable(f"{method} /_sim{path}: a live Learn is never reset and its clock cannot be moved")
        if path.startswith("/integrations"):
            not_applicable(f"{method} /_sim{path}: on a live target the integration's settings are its administrator's")
        self.need("control", f"{method} /_sim{path}")
        return super().control(method, path, json)

    def login_refusal_reason(self, user_name: str, password: str) -> str | None:
        if self.surfaces.get("control") != "present":
            return None
        return super().login_refusal_reason(user_name, password)

    def token(self) -> str:
        self.need("rest", "reading Learn's state")
        return super().token()

    def all_pages(self, path: str, **params: Any) -> list[dict]:
        """A list as the scenario would see it on a fresh Learn: for `/users`, only its own (prefixed) users."""
        results = super().all_pages(path, **params)
        if path.rstrip("/") != "/users":
            return results
        prefix = self.names.prefix
        return [u for u in results if str(u.get("userName", "")).startswith(prefix)
                or str(u.get("externalId", "")).startswith(prefix)]

    # -- the integration -------------------------------------------------------------
    def integration(self, bbid: str, data_source_key: str) -> FeedCredentials:
        self.need("sis", f"the SIS integration {bbid!r}")
        if self.scenario_bbid not in (None, bbid):
            not_applicable(f"needs a second SIS integration ({bbid!r} besides {self.scenario_bbid!r}); "
                           "the target file names one")
        self.scenario_bbid = bbid
        self.names.alias(data_source_key, self.sis.data_source_key)
        return FeedCredentials(bbid, self.sis.username, self.sis.password, self.sis.data_source_key)

    def endpoint(self, creds: FeedCredentials) -> str:
        return f"{self.base_url}/webapps/bb-data-integration-flatfile-{self.sis.bbid}/endpoint"

    # -- feeds -----------------------------------------------------------------------
    def post_feed(self, creds: FeedCredentials, object_name: str, operation: str, body: bytes,
                  dry_run: bool = False, auth: tuple[str, str] | None = None) -> requests.Response:
        if dry_run:
            not_applicable("a dry run (?dryRun=true) is a simulator feature that Learn does not offer")
        if operation in DESTRUCTIVE_OPERATIONS and not self.allow_destructive:
            pytest.skip(f"posting to {operation!r} disables records; run with --allow-destructive to include it")
        header, rows = feed_rows(decode_feed(body), self.delimiter)
        self._stay_in_own_data_source(rows)
        response = super().post_feed(creds, object_name, operation, body, dry_run=False, auth=auth, wait=False)
        match = REFERENCE.search(response.text) if response.status_code == 200 else None
        if match:
            if operation != "delete":
                self._remember(FeedRecords(creds, object_name, rows), header)
            self.wait_until_processed(creds, match.group(1))
        return response

    def _stay_in_own_data_source(self, rows: list[dict[str, str]]) -> None:
        own = self.sis.data_source_key
        for number, row in enumerate(rows, start=1):
            for column in DATA_SOURCE_COLUMNS:
                value = row.get(column, "")
                if value and value.lower() != own.lower():
                    not_applicable(f"data row {number} writes {column.upper()} {value!r}; on a live target a feed "
                                   f"may only write to the integration's own data source {own!r}")

    # -- cleanup ---------------------------------------------------------------------
    def created(self, what: str, undo: Callable[[], None]) -> None:
        self.undo.append(Undo(what, undo))

    def _remember(self, records: FeedRecords, header: list[str]) -> None:
        """Queue a delete feed for the records an accepted feed named (under their new keys if it renamed them).

        Only key columns (and, for persons, the columns Learn may insist on) are kept; the
        data source is always the integration's own on a live target, so it is left out.
        """
        keys = key_columns(records.object_name, header)
        if not keys:
            return
        kept = [c for c in (*keys, *KEPT_FOR_DELETE.get(records.object_name, ())) if c in header]
        remembered = []
        for row in records.rows:
            entry = {c: row[c] for c in kept}
            for key, renamed in RENAMED_BY.items():
                if row.get(renamed) and key in entry:
                    entry[key] = row[renamed]
            remembered.append(entry)
        pending = FeedRecords(records.creds, records.object_name, remembered)
        self.created(f"{len(remembered)} {records.object_name} record(s)", lambda: self._delete_feed(pending, keys))

    def _delete_feed(self, records: FeedRecords, keys: tuple[str, ...]) -> None:
        done = self._deleted.setdefault(records.object_name, set())
        rows = []
        for row in reversed(records.rows):
            key = tuple(row.get(k, "") for k in keys)
            if key not in done and all(key):
                done.add(key)
                rows.append(row)
        if not rows:
            return
        columns = list(rows[0])
        text = "\n".join([self.delimiter.join(c.upper() for c in columns),
                          *(self.delimiter.join(row.get(c, "") for c in columns) for row in rows)]) + "\n"
        response = LearnClient.post_feed(self, records.creds, records.object_name, "delete", text.encode("utf-8"),
                                         wait=False)
        match = REFERENCE.search(response.text)
        assert response.status_code == 200 and match, \
            f"the cleanup delete feed for {records.object_name} answered {response.status_code}: {response.text}"
        status = self.wait_until_processed(records.creds, match.group(1))
        assert status.get("errorCount") == "0", f"the cleanup delete feed for {records.object_name} had errors: {status}"
        self._removed += len(rows)

    def clean_up(self) -> dict[str, Any]:
        """Take back everything this scenario created, newest first; problems are collected, not raised."""
        problems = []
        while self.undo:
            undo = self.undo.pop()
            try:
                undo.action()
            except Exception as exc:  # noqa: BLE001 - every undo gets its chance; the report lists what failed
                problems.append(f"{undo.what}: {exc}")
        return {"removed": self._removed, "problems": problems, "prefix": self.names.prefix}

"""Field mapping (SPEC §1.7): an integration may fill a Learn field of a feed object from
another incoming header, or from a custom JavaScript script, before the row is checked.

Configuration: `field_mappings[object][field]` is `{"header": "<incoming header>"}` or
`{"script": "<JavaScript>"}`.

- A header mapping takes the named column's value; the field's own column is ignored.
  When the file has no such column the field is left out of the row (as if its column
  were absent), which is a row error for a required field.
- A script is a JavaScript expression (often an immediately invoked function) whose
  value becomes the field; `null`/`undefined` give an empty value. It reads the row
  (as the file gave it, before any mapping) through `data.getValue(h)` (an error when
  the file has no column `h`), `data.getValueIfPresent(h, fallback)` and
  `data.getValueIfNotEmpty(h, fallback)`; `helper.skipAttribute()` as its value leaves
  the field out of the row; `helper.logInfo/logWarning/logError(message)` add entries
  to the data set log with the row's line. A script that throws (or runs past the
  time limit) makes its row an error naming the field; nothing of the row is applied.
- Scripts run in the sandbox of `simulator.sis.sandbox` (QuickJS; no file, network or
  process access; frozen built-ins; per-row time limit, memory and stack limits). Each
  feed compiles its scripts once.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from simulator.sis.feedobject import FeedObject, RowError
from simulator.sis.fields import redact
from simulator.sis.sandbox import Sandbox, ScriptFailed

if TYPE_CHECKING:
    from simulator.sis.run import FeedRun

LOG_LEVELS = {"INFO": "info", "WARNING": "warning", "ERROR": "error"}
READS = re.compile(r"getValue\w*\(\s*(['\"])(.*?)\1")


class RowMapper:
    """The field mapping of one object for one feed, ready to apply to each row."""

    __slots__ = ("obj", "headers", "scripts", "broken", "sandbox", "supplies", "reads")

    def __init__(self, obj: FeedObject, mappings: dict[str, dict[str, str]]) -> None:
        self.obj = obj
        self.headers: dict[str, str] = {}
        self.scripts: dict[str, int] = {}
        """Field -> the index of its compiled script in the sandbox."""
        self.broken: dict[str, str] = {}
        self.sandbox: Sandbox | None = None
        reads: set[str] = set()
        for field, mapping in mappings.items():
            name = field.strip().lower()
            problem = self._problem(name, mapping)
            if problem:
                self.broken[name] = problem
            elif "header" in mapping:
                self.headers[name] = mapping["header"].strip().lower()
                reads.add(self.headers[name])
            else:
                reads.update(m.group(2).strip().lower() for m in READS.finditer(mapping["script"]))
                self._add_script(name, mapping["script"])
        self.supplies = frozenset(self.headers) | frozenset(self.scripts)
        """The Learn fields this mapping fills (their own columns need not be in the file)."""
        self.reads = frozenset(reads)
        """Incoming headers the mapping uses (so they are not unknown headers)."""

    def _problem(self, field: str, mapping: object) -> str | None:
        if field not in self.obj.spec.by_name:
            return (f"field mapping names {field!r}, which is not a field of {self.obj.name}; "
                    f"fields: {', '.join(self.obj.spec.by_name)}")
        if not isinstance(mapping, dict) or len(mapping) != 1 or not isinstance(next(iter(mapping.values())), str) \
                or next(iter(mapping)) not in ("header", "script"):
            return f"field mapping for {field} must be {{\"header\": \"<name>\"}} or {{\"script\": \"<JavaScript>\"}}"
        return None

    def _add_script(self, field: str, script: str) -> None:
        if self.sandbox is None:
            self.sandbox = Sandbox()
        try:
            self.scripts[field] = self.sandbox.compile(script)
        except ScriptFailed as exc:
            self.broken[field] = f"the field-mapping script for {field} does not compile: {exc}"

    def __call__(self, run: "FeedRun", values: dict[str, str]) -> dict[str, str]:
        """The row as the object will see it; RowError naming the field when a mapping fails."""
        for field, problem in self.broken.items():
            raise RowError(problem, field)
        mapped = dict(values)
        for field, header in self.headers.items():
            if header in values:
                mapped[field] = values[header]
            else:
                mapped.pop(field, None)
        if self.scripts:
            self._run_scripts(run, values, mapped)
        needed = self.obj.key_fields if run.dataset.operation == "delete" else self.obj.spec.required
        for field in self.supplies:
            if field in needed and field != "data_source_key" and field not in mapped:
                raise RowError(f"{field} is required, but its field mapping gave no value for this row", field)
        return mapped

    def _run_scripts(self, run: "FeedRun", values: dict[str, str], mapped: dict[str, str]) -> None:
        """Run every script on the row; the first failure rejects the whole row (nothing of
        it has been applied yet: mapping comes before validation and storing). What a script
        logs or throws never carries the row's password: secret fields' values are masked."""
        sandbox = self.sandbox
        secrets = [v for name, v in values.items() if v and (spec := self.obj.spec.by_name.get(name)) and spec.secret]
        try:
            sandbox.begin(values)
            for field, script in self.scripts.items():
                try:
                    value = sandbox.run(script)
                except ScriptFailed as exc:
                    raise RowError(redact(f"the field-mapping script for {field} failed: {exc}", secrets), field) from None
                finally:
                    self._log(run, sandbox.logs(), secrets)
                if value is None:
                    mapped.pop(field, None)
                else:
                    mapped[field] = value.strip()
        except ScriptFailed as exc:  # the row could not even be handed to the scripts
            raise RowError(f"the field-mapping scripts could not read this row: {exc}") from None

    @staticmethod
    def _log(run: "FeedRun", entries: list[tuple[str, str]], secrets: list[str]) -> None:
        for level, message in entries:
            if level in LOG_LEVELS:
                getattr(run.dataset, LOG_LEVELS[level])(redact(f"script: {message}", secrets), run.line)


def check_field_mappings(mappings: object, objects: dict[str, FeedObject]) -> None:
    """Refuse a `field_mappings` setting that could not work (IntegrationError naming the
    entry): an unknown object or field, a malformed entry, a script that does not compile."""
    from simulator.sis.integration import IntegrationError

    if not isinstance(mappings, dict):
        raise IntegrationError("field_mappings maps an object to {field: {\"header\": …} or {\"script\": …}}")
    for object_name, fields in mappings.items():
        obj = objects.get(object_name)
        if obj is None:
            raise IntegrationError(f"field_mappings names the object {object_name!r}; objects: {', '.join(objects)}")
        if not isinstance(fields, dict):
            raise IntegrationError(f"field_mappings[{object_name}] must map fields to {{\"header\": …}} or {{\"script\": …}}")
        for field, problem in RowMapper(obj, fields).broken.items():
            raise IntegrationError(f"field_mappings[{object_name}][{field}]: {problem}")


def mapping_for(run: "FeedRun", obj: FeedObject) -> RowMapper | None:
    """The compiled field mapping of the run's integration for `obj`, or None when it has none."""
    mappings = run.integration.field_mappings.get(obj.name)
    return RowMapper(obj, mappings) if mappings else None

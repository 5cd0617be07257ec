"""The sandbox field-mapping scripts run in: one embedded QuickJS engine per feed and object.

Rules (issue 9, docs/decisions.md "Field-mapping scripts"):
- A script sees the row and the documented helpers only, as the parameters `data`
  (`getValue`, `getValueIfPresent`, `getValueIfNotEmpty`) and `helper` (`skipAttribute`,
  `logInfo`, `logWarning`, `logError`). The machinery that passes rows in and values and
  log entries out has no global name, and every built-in object (and `data`, `helper`)
  is frozen before the first script is compiled, so a script cannot replace a helper,
  tamper with JSON or String, or reach another part of the engine. QuickJS has no file,
  network or process access.
- Limits: `TIME_LIMIT` seconds of CPU per script and row, `MEMORY_LIMIT` bytes per
  engine, `STACK_LIMIT` bytes of stack. A script that throws, or runs out of time,
  memory or stack, fails only its row (`ScriptFailed`); the engine is then rebuilt, so
  the next row starts from a clean one. A script that ran out of time is not run again
  in the same feed: later rows that need it fail at once, so an endless script holds a
  feed for one time limit, not one per row.
"""
from __future__ import annotations

import json

import quickjs

TIME_LIMIT = 1.0
"""Seconds of CPU one script may use for one row."""
MEMORY_LIMIT = 32 * 1024 * 1024
STACK_LIMIT = 1024 * 1024

BOOT = r"""
(function () {
  "use strict";
  var SKIP = Object.freeze({}), row = Object.create(null), logs = [], scripts = [];
  function key(h) { return String(h).trim().toLowerCase(); }
  function has(h) { return Object.prototype.hasOwnProperty.call(row, key(h)); }
  var data = Object.freeze({
    getValue: function (h) {
      if (!has(h)) throw new Error("the file has no column '" + h + "' (data.getValueIfPresent takes a fallback)");
      return row[key(h)];
    },
    getValueIfPresent: function (h, fallback) { return has(h) ? row[key(h)] : fallback; },
    getValueIfNotEmpty: function (h, fallback) { return (has(h) && row[key(h)] !== "") ? row[key(h)] : fallback; }
  });
  var helper = Object.freeze({
    skipAttribute: function () { return SKIP; },
    logInfo: function (m) { logs.push(["INFO", String(m)]); },
    logWarning: function (m) { logs.push(["WARNING", String(m)]); },
    logError: function (m) { logs.push(["ERROR", String(m)]); }
  });
  var evaluate = new Function("data", "helper", "__script", "return eval(__script);");
  function compile(source) {
    var body = source.trim().replace(/;\s*$/, "").trim();
    try {
      return new Function("data", "helper", "return (\n" + body + "\n);");
    } catch (asExpression) {
      try { new Function("data", "helper", source); } catch (asStatements) { throw asExpression; }
      return function (data, helper) { return evaluate(data, helper, source); };
    }
  }
  // Freeze every built-in reachable from the global object, and the global bindings.
  var seen = new Set();
  function deepFreeze(value) {
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value)) return;
    seen.add(value);
    Object.freeze(value);
    Object.getOwnPropertyNames(value).forEach(function (name) {
      var d = Object.getOwnPropertyDescriptor(value, name);
      if ("value" in d) deepFreeze(d.value); else { deepFreeze(d.get); deepFreeze(d.set); }
    });
    deepFreeze(Object.getPrototypeOf(value));
  }
  Object.getOwnPropertyNames(globalThis).forEach(function (name) {
    if (name === "globalThis") return;
    deepFreeze(globalThis[name]);
    Object.defineProperty(globalThis, name, {writable: false, configurable: false});
  });
  [function* () {}, async function () {}, async function* () {}, data, helper].forEach(function (f) {
    deepFreeze(f);
  });
  deepFreeze(Object.getPrototypeOf([][Symbol.iterator]()));
  return function machine(op, arg) {
    if (op === "begin") { row = JSON.parse(arg); logs = []; return null; }
    if (op === "compile") { scripts.push(compile(arg)); return scripts.length - 1; }
    if (op === "logs") { var taken = JSON.stringify(logs); logs = []; return taken; }
    var v = scripts[arg](data, helper);
    if (v === SKIP) return true;
    return (v === null || v === undefined) ? "" : String(v);
  };
})()
"""


class ScriptFailed(Exception):
    """A script failed for one row; the message says why, in words for the data set log."""


class Sandbox:
    """Compiled scripts of one feed, run one row at a time."""

    __slots__ = ("sources", "machine", "timed_out", "held")

    def __init__(self) -> None:
        self.sources: list[str] = []
        self.held: list[tuple[str, str]] = []
        """Log entries of a row whose script failed, taken before the engine was rebuilt."""
        self.machine = self._boot()
        self.timed_out: dict[int, str] = {}
        """Script index -> why it is not run again in this feed."""

    @staticmethod
    def _boot():
        context = quickjs.Context()
        context.set_memory_limit(MEMORY_LIMIT)
        context.set_max_stack_size(STACK_LIMIT)
        context.set_time_limit(TIME_LIMIT)
        return context.eval(BOOT)

    def compile(self, source: str) -> int:
        """Compile a script; its index, or ScriptFailed saying why it does not compile."""
        try:
            index = self.machine("compile", source)
        except quickjs.JSException as exc:
            raise ScriptFailed(first_line(exc)) from None
        self.sources.append(source)
        return index

    def begin(self, values: dict[str, str]) -> None:
        """Give the scripts the next row (as the file gave it)."""
        self._call("begin", json.dumps(values))

    def run(self, index: int) -> str | None:
        """The script's value for the current row: a string, or None for skipAttribute."""
        if index in self.timed_out:
            raise ScriptFailed(self.timed_out[index])
        outcome = self._call("run", index, index)
        if outcome is True:
            return None
        if not isinstance(outcome, str):
            raise ScriptFailed(f"it gave {type(outcome).__name__}, not a value")
        return outcome

    def logs(self) -> list[tuple[str, str]]:
        """The helper.log* entries of the current row so far (then forgotten)."""
        held, self.held = self.held, []
        try:
            return held + [tuple(entry) for entry in json.loads(self.machine("logs"))]
        except Exception:  # noqa: BLE001 - a broken engine has no more entries to give
            return held

    def _call(self, op: str, arg: object, index: int | None = None) -> object:
        try:
            return self.machine(op, arg)
        except Exception as exc:  # noqa: BLE001 - the sandbox's boundary: any failure is the row's
            message = first_line(exc)
            if "interrupted" in message:
                message = f"it ran longer than {TIME_LIMIT:g} s of CPU and was stopped"
                if index is not None:
                    self.timed_out[index] = (f"it ran longer than {TIME_LIMIT:g} s of CPU on an earlier row, "
                                             "so it is not run again in this feed")
            elif "out of memory" in message.lower() or "Failed obtaining" in message or message == "null":
                message = f"it used more than {MEMORY_LIMIT // (1024 * 1024)} MB of memory and was stopped"
            elif "stack overflow" in message.lower():
                message = "it recursed too deeply (stack overflow) and was stopped"
            self.held = self.logs()
            self._rebuild()
            raise ScriptFailed(message) from None

    def _rebuild(self) -> None:
        """A fresh engine with the same scripts, after one failed (it may have left it broken)."""
        self.machine = self._boot()
        for source in self.sources:
            self.machine("compile", source)


def first_line(exc: Exception) -> str:
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__

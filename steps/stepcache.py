"""Step look-up once per step text: pytest-bdd, for every step of every scenario (twice),
asks pytest for the definitions of every registered fixture name and tries each step
definition's parser. The step library is registered once, when the plugin loads, so the
answer only depends on the step's type and text and on where the scenario lives: this
plugin keeps it per (type, text, test module). Fixtures that a step injects for its
arguments are not step definitions and never part of the answer.

If pytest-bdd no longer has `scenario.find_fixturedefs_for_step`, nothing is changed.
"""
from __future__ import annotations

import importlib
from typing import Any, Iterable

bdd_scenario = importlib.import_module("pytest_bdd.scenario")  # the module (the package exports a function of that name)

_original = getattr(bdd_scenario, "find_fixturedefs_for_step", None)
_found: dict[tuple[Any, str, str], tuple] = {}


def find_fixturedefs_for_step(step, fixturemanager, node) -> Iterable:
    key = (step.type, step.name, str(getattr(node, "path", "")))
    found = _found.get(key)
    if found is None:
        found = _found[key] = tuple(_original(step, fixturemanager, node))
    return found


if _original is not None:
    bdd_scenario.find_fixturedefs_for_step = find_fixturedefs_for_step

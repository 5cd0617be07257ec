"""The fault catalogue: faulty Learns the scenario suite must catch (`tox -e faults`).

Each fault is one small, documented deviation from one rule of one seed document
(000 Connect, 001 SIS feeds, 002 connector) or of Learn's wire formats. A fault is
applied to the simulator in the test process only, by monkeypatching its domain or
HTTP code (`apply(patch)` receives a `pytest.MonkeyPatch`); nothing in the product
knows about faults. Each fault names the feature files whose scenarios could notice
it, so that its run is short.

`python -m tests.faults.run` runs the suite once per fault (in parallel), and fails
unless every fault makes at least one scenario fail; it also tells, per fault, whether
a live run would notice it (see `tests.faults.plugin` for how that is judged).
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from typing import Callable

import pytest

SEEDS = {
    "000": "Connect contact sync (seed 000)",
    "001": "SIS person, secondary role and observer feeds (seed 001)",
    "002": "identity-management connector (seed 002)",
    "wire": "wire formats (endpoint texts, dataSetStatus, REST shapes, headers)",
}
MODULES = ("tests.faults.sis_faults", "tests.faults.wire_faults", "tests.faults.connector_faults",
           "tests.faults.connect_faults")


@dataclass(frozen=True, slots=True)
class Fault:
    name: str
    seed: str
    rule: str
    """The rule the fault breaks, in the documents' words."""
    deviation: str
    """What the faulty Learn does instead."""
    features: tuple[str, ...]
    """Feature files (paths under features/, globs allowed) whose scenarios may notice it."""
    apply: Callable[[pytest.MonkeyPatch], None] = field(repr=False, compare=False)


CATALOGUE: dict[str, Fault] = {}


def fault(name: str, seed: str, rule: str, deviation: str, features: tuple[str, ...] | list[str] | str):
    """Register the decorated `apply(patch)` as the fault `name`."""
    assert seed in SEEDS, f"fault {name}: unknown seed {seed!r}"
    wanted = (features,) if isinstance(features, str) else tuple(features)

    def register(apply: Callable[[pytest.MonkeyPatch], None]) -> Callable[[pytest.MonkeyPatch], None]:
        assert name not in CATALOGUE, f"fault {name} is declared twice"
        CATALOGUE[name] = Fault(name, seed, rule, deviation, wanted, apply)
        return apply

    return register


def catalogue() -> dict[str, Fault]:
    """Every fault, by name, in declaration order."""
    for module in MODULES:
        importlib.import_module(module)
    return CATALOGUE


def row_by_row(patch: pytest.MonkeyPatch) -> None:
    """Turn off every feed object's batch lane."""
    from simulator.sis.feedobject import FeedObject

    pending = [FeedObject]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if "lane" in vars(cls):
            patch.setattr(cls, "lane", lambda self, *args: None)


def wrap(patch: pytest.MonkeyPatch, owner: object, name: str, make: Callable[[Callable], Callable]) -> None:
    """Replace `owner.name` with `make(original)`. A fault in a feed object or a field
    rule lives on the row-by-row path, so the faulty Learn applies every row that way
    (no batch lane: see `simulator.sis.personlane`)."""
    from simulator.sis.feedobject import FeedObject
    from simulator.sis.fields import Field

    if isinstance(owner, type) and issubclass(owner, (FeedObject, Field)):
        row_by_row(patch)
    original = getattr(owner, name)
    replacement = make(original)
    if isinstance(inspect.getattr_static(owner, name), staticmethod):
        replacement = staticmethod(replacement)
    patch.setattr(owner, name, replacement)

"""The fault catalogue itself (tests/faults/): its faults are well formed; running them is `tox -e faults`."""
from __future__ import annotations

import fnmatch

import pytest

from steps import coverage
from tests.faults import SEEDS, catalogue

FEATURES = [s.feature for s in coverage.scan_features()]


def test_the_catalogue_has_at_least_sixty_faults_over_every_seed_and_the_wire() -> None:
    faults = catalogue()
    assert len(faults) >= 60, len(faults)
    assert {f.seed for f in faults.values()} == set(SEEDS)


@pytest.mark.parametrize("name", list(catalogue()))
def test_each_fault_is_documented_and_names_existing_features(name: str) -> None:
    fault = catalogue()[name]
    assert fault.rule and fault.deviation and fault.features
    for pattern in fault.features:
        assert any(fnmatch.fnmatch(f, pattern) for f in FEATURES), f"{name}: no feature file matches {pattern!r}"


@pytest.mark.parametrize("name", list(catalogue()))
def test_each_fault_applies_and_is_undone(name: str) -> None:
    patch = pytest.MonkeyPatch()
    try:
        catalogue()[name].apply(patch)
        assert patch._setattr or patch._setitem, f"{name} changes nothing"
    finally:
        patch.undo()

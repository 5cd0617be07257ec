"""Scenario tags: portability (exactly one per scenario), `@destructive`, `@doc:<seed>:<name>`.

Tags become pytest marks (`portable`, `sim_only`, `live_unknown`, `destructive`,
`doc("<seed>:<name>")`), and collection stops with a list of offenders when one of the
suite's scenarios has no portability tag or more than one, or a `@doc:` tag names an
unknown seed. Projects that load the plugin for its fixtures but keep their own
scenario conventions turn the check off with the ini option `learnsim_tag_rules = false`.

What the tags mean on a live target, decided before any HTTP is sent:
`@sim-only` is *not applicable*; `@destructive` is *skipped* unless the run was
started with `--allow-destructive`. (`@live-unknown` is graded *observed*: see
`steps.grading`.)
"""
from __future__ import annotations

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

from steps.grading import not_applicable

PORTABILITY = {"portable": "portable", "sim-only": "sim_only", "live-unknown": "live_unknown"}
SEEDS = ("000_80ba62f1d4ac0441", "001_656f5918d9df3461", "002_801da1cffc66035b")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("learnsim_tag_rules", type="bool", default=True,
                  help="stop collection when a scenario breaks the suite's tag rules (default: true)")


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function):
    if tag in PORTABILITY:
        return pytest.mark.portability(tag)(getattr(pytest.mark, PORTABILITY[tag])(function))
    if tag.startswith("doc:"):
        return pytest.mark.doc(tag[4:])(function)
    if tag == "destructive":
        return pytest.mark.destructive(function)
    return None


def _problems(item: pytest.Item) -> list[str]:
    problems = []
    portability = [m.args[0] for m in item.iter_markers("portability")]
    if len(portability) != 1:
        problems.append(f"has {len(portability)} portability tags {portability}; exactly one of "
                        f"@{', @'.join(PORTABILITY)} is required")
    for mark in item.iter_markers("doc"):
        seed, _, name = mark.args[0].partition(":")
        if seed not in SEEDS or not name:
            problems.append(f"@doc:{mark.args[0]} is not of the form doc:<seed>:<name> with a seed of {', '.join(SEEDS)}")
    return problems


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    offenders = []
    if not config.getini("learnsim_tag_rules"):
        return
    for item in items:
        if getattr(item, "obj", None) not in scenario_wrapper_template_registry:
            continue
        offenders += [f"{item.nodeid}: {p}" for p in _problems(item)]
    if offenders:
        raise pytest.UsageError("scenario tags are wrong:\n  " + "\n  ".join(offenders))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.config.getoption("--learn-target", "inprocess") != "live":
        return
    if item.get_closest_marker("sim_only") is not None:
        not_applicable("@sim-only: the scenario needs the simulator's control API or clock")
    if item.get_closest_marker("destructive") is not None and not item.config.getoption("--allow-destructive"):
        pytest.skip("@destructive: changes more than the scenario's own records; run with --allow-destructive")

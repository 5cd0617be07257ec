"""The suite refuses to collect scenarios whose tags break the portability rule."""
import pytest

pytest_plugins = ["pytester"]

FEATURE = """Feature: tags
  {tags}
  Scenario: one
    Given an SIS integration "BBLEARN" with data source "SIS"
"""


def run(pytester: pytest.Pytester, tags: str):
    pytester.makeconftest('pytest_plugins = ["steps.plugin"]')
    pytester.makefile(".feature", sample=FEATURE.format(tags=tags))
    pytester.makepyfile(test_sample='from pytest_bdd import scenarios\nscenarios("sample.feature")\n')
    # in-process: the rule under test is the installed plugin's code either way, and a
    # subprocess would pay ~3 s of interpreter and plugin start-up per case
    return pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")


@pytest.mark.parametrize("tags, problem", [
    ("", "has 0 portability tags"),
    ("@portable @sim-only", "has 2 portability tags"),
    ("@portable @doc:999_unknown:example", "is not of the form doc:<seed>:<name>"),
])
def test_bad_tags_stop_collection(pytester, tags, problem):
    result = run(pytester, tags)
    assert result.ret != 0
    result.stderr.fnmatch_lines([f"*{problem}*"])


def test_good_tags_run(pytester):
    result = run(pytester, "@portable @doc:001_656f5918d9df3461:store-example-1")
    result.assert_outcomes(passed=1)

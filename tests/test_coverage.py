"""docs/coverage.md is generated from fixtures/seed_examples.toml and the features' @doc tags,
and every documented example or rule must be encoded by at least one scenario."""
from __future__ import annotations

from pathlib import Path

from steps import coverage


def test_every_documented_entry_has_a_scenario() -> None:
    _, entries = coverage.load_entries()
    missing = [p for p in coverage.problems(entries, coverage.scan_features()) if p.endswith("has no scenario")]
    assert not missing, f"{len(missing)} documented entries have no scenario:\n  " + "\n  ".join(missing)


def test_every_doc_tag_names_a_documented_entry() -> None:
    _, entries = coverage.load_entries()
    unknown = [p for p in coverage.problems(entries, coverage.scan_features()) if not p.endswith("has no scenario")]
    assert not unknown, "\n".join(unknown)


def test_docs_coverage_md_is_up_to_date() -> None:
    text, _ = coverage.build()
    assert coverage.OUTPUT.exists() and coverage.OUTPUT.read_text(encoding="utf-8") == text, \
        "docs/coverage.md is out of date: run `python -m steps.coverage`"


def test_tags_of_features_rules_and_examples_count_for_their_scenarios(tmp_path: Path) -> None:
    (tmp_path / "area").mkdir()
    (tmp_path / "area" / "x.feature").write_text("""@doc:s:whole-feature
Feature: X
  Rule: R
    @portable @doc:s:by-rule
    Scenario: inside a rule
      Given nothing

  @sim-only
  Scenario Outline: an outline
    Given <n>

    @doc:s:by-examples
    Examples:
      | n |
      | 1 |
""", encoding="utf-8")
    found = {s.name: s for s in coverage.scan_features(tmp_path)}
    assert found["inside a rule"].refs == {"s:whole-feature", "s:by-rule"}
    assert found["an outline"].refs == {"s:whole-feature", "s:by-examples"}
    assert found["an outline"].portability == "sim-only"
    entries = [coverage.DocumentedEntry("s", n, "rule", "…") for n in ("whole-feature", "by-rule", "never-encoded")]
    found_problems = coverage.problems(entries, list(found.values()))
    assert any(p.startswith("s:never-encoded") for p in found_problems)
    assert any("@doc:s:by-examples" in p for p in found_problems)
    text = coverage.render({"s": "Seed S"}, entries, list(found.values()))
    assert "| <a id=\"doc-s-never-encoded\"></a>`never-encoded` | rule | … | **none yet** |" in text and "2 of 3" in text

"""docs/coverage.md: which scenarios encode each example and rule of the seed documents.

The documented entries are data (`fixtures/seed_examples.toml`); the scenarios say what
they encode with `@doc:<seed>:<name>` tags (a tag on a Feature, Rule or Examples block
counts for the scenarios under it). Every example lists its postconditions, each with
the scenario (tagged with the example) and the step that asserts it. Usage:

    python -m steps.coverage            # write docs/coverage.md
    python -m steps.coverage --check    # exit 1 if an entry has no scenario, a tag names
                                        # no entry, or docs/coverage.md is out of date
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from gherkin.parser import Parser

REPO = Path(__file__).resolve().parent.parent
ENTRIES = REPO / "fixtures" / "seed_examples.toml"
FEATURES = REPO / "features"
OUTPUT = REPO / "docs" / "coverage.md"
PORTABILITY = ("portable", "sim-only", "live-unknown")


AREAS = {"000_80ba62f1d4ac0441": "connect", "001_656f5918d9df3461": "sis", "002_801da1cffc66035b": "connector"}
"""The feature folder of each seed's surface."""


@dataclass(slots=True, frozen=True)
class Postcondition:
    holds: str
    """What must be true afterwards, in the document's terms."""
    scenario: str
    """The name of a scenario tagged with the example."""
    step: str
    """The start of the step (as the scenario writes it) that asserts it."""


@dataclass(slots=True, frozen=True)
class DocumentedEntry:
    seed: str
    name: str
    kind: str
    summary: str
    postconditions: tuple[Postcondition, ...] = ()

    @property
    def ref(self) -> str:
        return f"{self.seed}:{self.name}"

    @property
    def anchor(self) -> str:
        """The id of this entry's row in docs/coverage.md (reports link to it)."""
        return anchor(self.ref)


def anchor(ref: str) -> str:
    """`001_656f…:store-example-1` -> `doc-001_656f…-store-example-1`."""
    return "doc-" + ref.replace(":", "-")


@dataclass(slots=True, frozen=True)
class EncodedScenario:
    feature: str      # path under features/
    name: str
    line: int
    tags: frozenset[str]
    steps: tuple[str, ...] = ()
    """Every step's text, the Background's first."""

    @property
    def refs(self) -> set[str]:
        return {t[4:] for t in self.tags if t.startswith("doc:")}

    @property
    def portability(self) -> str:
        return next((t for t in PORTABILITY if t in self.tags), "?")


def load_entries(path: Path = ENTRIES) -> tuple[dict[str, str], list[DocumentedEntry]]:
    """Seed titles and every documented entry, in the file's order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    titles, entries = {}, []
    for seed, body in data["seeds"].items():
        titles[seed] = body["title"]
        entries += [DocumentedEntry(seed, e["name"], e["kind"], e["summary"],
                                    tuple(Postcondition(p["holds"], p["scenario"], p["step"]) for p in e.get("post", [])))
                    for e in body.get("entry", [])]
    return titles, entries


def _tags(node: dict) -> set[str]:
    return {t["name"].lstrip("@") for t in node.get("tags", [])}


def scan_features(root: Path = FEATURES) -> list[EncodedScenario]:
    """Every scenario of every feature file with the tags that apply to it."""
    found = []
    for path in sorted(root.rglob("*.feature")):
        feature = Parser().parse(path.read_text(encoding="utf-8")).get("feature") or {}
        relative = path.relative_to(root).as_posix()
        pending = [(child, _tags(feature), ()) for child in feature.get("children", [])]
        while pending:
            child, inherited, background = pending.pop(0)
            if "background" in child:
                background = tuple(step["text"] for step in child["background"].get("steps", []))
                pending = [(c, t, background) for c, t, _ in pending]
            elif "rule" in child:
                rule = child["rule"]
                pending += [(c, inherited | _tags(rule), background) for c in rule.get("children", [])]
            elif "scenario" in child:
                scenario = child["scenario"]
                tags = inherited | _tags(scenario)
                for examples in scenario.get("examples", []):
                    tags |= _tags(examples)
                steps = background + tuple(step["text"] for step in scenario.get("steps", []))
                found.append(EncodedScenario(relative, scenario["name"], scenario["location"]["line"], frozenset(tags),
                                             steps))
    return found


def problems(entries: list[DocumentedEntry], scenarios: list[EncodedScenario]) -> list[str]:
    """Documented entries no scenario encodes, and @doc tags that name no documented entry."""
    known = {e.ref for e in entries}
    encoded = {ref for s in scenarios for ref in s.refs}
    found = [f"{e.ref} ({e.summary}) has no scenario" for e in entries if e.ref not in encoded]
    for scenario in scenarios:
        found += [f"features/{scenario.feature}:{scenario.line} {scenario.name!r} is tagged @doc:{ref}, "
                  f"which fixtures/seed_examples.toml does not list" for ref in sorted(scenario.refs - known)]
    for entry in entries:
        if entry.kind == "example" and not entry.postconditions:
            found.append(f"{entry.ref} is an example without postconditions (post = [...])")
        for post in entry.postconditions:
            if asserting_scenario(entry, post, scenarios) is None:
                found.append(f"{entry.ref}: postcondition {post.holds!r} names the scenario {post.scenario!r} and the "
                             f"step {post.step!r}, but no scenario tagged @doc:{entry.ref} has that name and step")
    return found


def asserting_scenario(entry: DocumentedEntry, post: Postcondition,
                       scenarios: list[EncodedScenario]) -> EncodedScenario | None:
    """The scenario a postcondition names, when it is tagged with the entry and has the step."""
    return next((s for s in scenarios if s.name == post.scenario and entry.ref in s.refs
                 and any(step.startswith(post.step) for step in s.steps)), None)


def tag_counts(seed: str, scenarios: list[EncodedScenario]) -> tuple[dict[str, int], dict[str, int]]:
    """Per portability tag: the scenarios that encode the seed, and every scenario of its feature folder."""
    encoding = {tag: 0 for tag in PORTABILITY}
    area = {tag: 0 for tag in PORTABILITY}
    for scenario in scenarios:
        if scenario.portability not in encoding:
            continue
        if any(ref.startswith(seed + ":") for ref in scenario.refs):
            encoding[scenario.portability] += 1
        if scenario.feature.split("/", 1)[0] == AREAS.get(seed):
            area[scenario.portability] += 1
    return encoding, area


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render(titles: dict[str, str], entries: list[DocumentedEntry], scenarios: list[EncodedScenario]) -> str:
    by_ref: dict[str, list[EncodedScenario]] = {}
    for scenario in scenarios:
        for ref in scenario.refs:
            by_ref.setdefault(ref, []).append(scenario)
    covered = sum(1 for e in entries if e.ref in by_ref)
    lines = ["# Coverage of the seed documents", "",
             "Generated by `python -m steps.coverage` from `fixtures/seed_examples.toml` and the `@doc:` tags of",
             "`features/**/*.feature`; do not edit by hand. `tests/test_coverage.py` fails when an entry has no",
             "scenario or this file is out of date.", "",
             f"**{covered} of {len(entries)} documented examples and rules are encoded by "
             f"{sum(1 for s in scenarios if s.refs)} scenarios.**", ""]
    for seed, title in titles.items():
        own = [e for e in entries if e.seed == seed]
        done = sum(1 for e in own if e.ref in by_ref)
        lines += [f"## {title}", "", f"Seed `{seed}`: {done} of {len(own)} encoded.", "",
                  "| entry | kind | what the document says | scenarios |", "|---|---|---|---|"]
        for entry in own:
            encoding = sorted(by_ref.get(entry.ref, []), key=lambda s: (s.feature, s.line))
            shown = "<br>".join(f"`{s.feature}` {_cell(s.name)} (@{s.portability})" for s in encoding)
            row = f"| <a id=\"{entry.anchor}\"></a>`{entry.name}` | {entry.kind} | {_cell(entry.summary)} | "
            lines.append(row + f"{shown or '**none yet**'} |")
        lines.append("")
        encoding, area = tag_counts(seed, scenarios)
        lines += ["| scenarios | " + " | ".join(f"@{t}" for t in PORTABILITY) + " |", "|---" * (len(PORTABILITY) + 1) + "|",
                  "| encoding this seed (`@doc:` tag) | " + " | ".join(str(encoding[t]) for t in PORTABILITY) + " |",
                  f"| all of `features/{AREAS.get(seed, '?')}/` | " + " | ".join(str(area[t]) for t in PORTABILITY) + " |", ""]
        with_posts = [e for e in own if e.postconditions]
        if with_posts:
            lines += ["### Postconditions and the steps that assert them", ""]
            for entry in with_posts:
                lines.append(f"- `{entry.name}`")
                for post in entry.postconditions:
                    scenario = asserting_scenario(entry, post, scenarios)
                    where = (f"`{scenario.feature}` {scenario.name} (@{scenario.portability})" if scenario
                             else "**no such scenario and step**")
                    lines.append(f"  - {post.holds} — {where}: *{post.step}*")
            lines.append("")
    return "\n".join(lines)


def build() -> tuple[str, list[str]]:
    titles, entries = load_entries()
    scenarios = scan_features()
    return render(titles, entries, scenarios), problems(entries, scenarios)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m steps.coverage", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    args = parser.parse_args(argv)
    text, found = build()
    if args.check:
        stale = not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text
        if stale:
            found.append(f"{OUTPUT.relative_to(REPO)} is out of date: run python -m steps.coverage")
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    for problem in found:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

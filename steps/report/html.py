"""The conformance report as one self-contained HTML page (inline CSS, no script, no network).

Top: the verdict, the target, suite versions and dates, and a bar whose segments are the
grade counts. Then one section per feature listing each scenario with its grade, its
doc references and tags; failures, observations and expected failures open to show the
reason and the HTTP exchanges that led to it (secrets were masked when recorded).
"""
from __future__ import annotations

import json
from collections import defaultdict
from html import escape
from typing import Any, Iterable

from steps.grading import EXPECTED_FAILURE, FAILED, GRADES, NOT_APPLICABLE, OBSERVED, PASSED, SKIPPED

COLOURS = {PASSED: "#2e7d32", FAILED: "#c62828", SKIPPED: "#9e9e9e", NOT_APPLICABLE: "#607d8b",
           OBSERVED: "#1565c0", EXPECTED_FAILURE: "#ef6c00"}
OPEN_BY_DEFAULT = (FAILED,)
SHOWS_DETAIL = (FAILED, OBSERVED, EXPECTED_FAILURE)
BODY_SHOWN = 1500

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#212121;background:#fafafa}
header{background:#263238;color:#fff;padding:18px 28px}
header h1{margin:0 0 4px;font-size:22px}
header .verdict{font-size:16px;font-weight:600;padding:3px 10px;border-radius:4px;display:inline-block;margin-top:6px}
main{padding:18px 28px;max-width:1200px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
dl.meta dt{color:#b0bec5}dl.meta dd{margin:0}
.bar{display:flex;height:26px;border-radius:4px;overflow:hidden;margin:14px 0 6px;background:#eceff1}
.bar span{color:#fff;font-size:12px;line-height:26px;text-align:center;white-space:nowrap;overflow:hidden}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin-bottom:18px}
.legend b{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
section.feature{background:#fff;border:1px solid #e0e0e0;border-radius:6px;margin:14px 0;padding:4px 16px 12px}
section.feature h2{font-size:17px;margin:12px 0 2px}
section.feature .file{color:#757575;font-size:12px;margin-bottom:8px}
td.file{color:#757575;font-size:12px}
table{border-collapse:collapse;width:100%}
td{border-top:1px solid #eee;padding:6px 6px;vertical-align:top}
td.grade{width:120px}
.badge{display:inline-block;color:#fff;border-radius:3px;padding:1px 7px;font-size:12px;font-weight:600}
.doc,.tag{display:inline-block;background:#eceff1;border-radius:3px;padding:0 5px;margin:1px 3px 1px 0;font-size:12px;font-family:ui-monospace,monospace}
.doc{background:#e3f2fd;color:#0d47a1;text-decoration:none}
.docref{margin:2px 0}.docsum{color:#616161;font-size:12px}
.step{margin-top:6px;color:#c62828}.step code{font-family:ui-monospace,monospace;color:#212121}
details{margin-top:6px}
summary{cursor:pointer;color:#455a64}
pre{background:#f5f5f5;border:1px solid #e0e0e0;border-radius:4px;padding:8px;white-space:pre-wrap;word-break:break-word;font-size:12px;margin:4px 0}
.exchange{border-left:3px solid #b0bec5;padding-left:8px;margin:8px 0}
.exchange .line{font-family:ui-monospace,monospace;font-size:12px;font-weight:600}
.warn{color:#ef6c00;font-weight:600}
.surfaces span{margin-right:12px}
.digest h3{font-size:15px;margin:10px 0 4px}.digest ul{margin:0 0 10px;padding-left:20px}
"""


def _badge(grade: str) -> str:
    return f'<span class="badge" style="background:{COLOURS[grade]}">{escape(grade)}</span>'


def _bar(counts: dict[str, int]) -> str:
    total = sum(counts.values()) or 1
    parts = [f'<span style="width:{100 * counts[g] / total:.3f}%;background:{COLOURS[g]}" '
             f'title="{counts[g]} {escape(g)}">{counts[g]} {escape(g)}</span>' for g in GRADES if counts[g]]
    legend = "".join(f'<span><b style="background:{COLOURS[g]}"></b>{escape(g)}: {counts[g]}</span>' for g in GRADES)
    return f'<div class="bar">{"".join(parts)}</div><div class="legend">{legend}</div>'


def _meta(summary: dict[str, Any]) -> str:
    target = summary["target"]
    rows = [("target", f"{target.get('name', '')} ({target.get('kind')})"), ("base URL", target.get("baseUrl", ""))]
    if target.get("integration"):
        rows.append(("SIS integration", f"{target['integration']['bbid']} → data source {target['integration']['dataSourceKey']}"))
    if target.get("run"):
        rows.append(("run id", target["run"]))
    suite = summary["suite"]
    rows += [("suite", f"learnsim {suite['learnsim']} · pytest-bdd {suite['pytest-bdd']} · pytest {suite['pytest']} · "
                       f"Python {suite['python']}"),
             ("date", f"{summary['started']} → {summary['finished']} (UTC)"),
             ("command", summary["command"])]
    if summary["options"].get("expectedFailures"):
        rows.append(("expected failures", summary["options"]["expectedFailures"]))
    body = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in rows)
    surfaces = target.get("surfaces")
    if surfaces:
        shown = "".join(f"<span>{escape(name)}: {escape(state)}</span>" for name, state in surfaces.items())
        body += f'<dt>surfaces</dt><dd class="surfaces">{shown}</dd>'
    if target.get("stopped"):
        body += f'<dt>stopped</dt><dd class="warn">{escape(target["stopped"])}</dd>'
    cleanup = summary.get("cleanup", {})
    if cleanup.get("scenarios"):
        text = f"{cleanup['removed']} record(s) taken back after {cleanup['scenarios']} scenario(s)"
        if cleanup["problems"]:
            text += f"; {len(cleanup['problems'])} problem(s): " + "; ".join(cleanup["problems"])
        body += f"<dt>cleanup</dt><dd>{escape(text)}</dd>"
    return f'<dl class="meta">{body}</dl>'


def _exchange(exchange: dict[str, Any]) -> str:
    def block(headers: dict[str, str], body: str) -> str:
        shown = "\n".join(f"{k}: {v}" for k, v in headers.items())
        text = body if len(body) <= BODY_SHOWN else body[:BODY_SHOWN] + f"\n… ({len(body) - BODY_SHOWN} more characters)"
        return f"<pre>{escape(shown)}{escape(chr(10) * 2 + text if text else '')}</pre>"

    return (f'<div class="exchange"><div class="line">{escape(exchange["method"])} {escape(exchange["url"])} → '
            f'{exchange["status"]}</div>'
            f'{block(exchange.get("requestHeaders", {}), exchange.get("requestBody", ""))}'
            f'{block(exchange.get("responseHeaders", {}), exchange.get("responseBody", ""))}</div>')


def _doc(ref: str, links: "DocLinks") -> str:
    """A doc reference as a person reads it: the seed and entry, linked to its coverage row, and what it says."""
    entry = links.entries.get(ref)
    seed, _, name = ref.partition(":")
    label = f"seed {seed.split('_')[0]} · {name}"
    title = entry.summary if entry else "not a documented entry"
    link = f'<a class="doc" href="{escape(links.href(ref))}" title="@doc:{escape(ref)}">{escape(label)}</a>'
    return f'<div class="docref">{link} <span class="docsum">{escape(title)}</span></div>'


class DocLinks:
    """Seed entries by reference, and where docs/coverage.md is seen from the report's folder."""

    def __init__(self, coverage: str = "") -> None:
        from steps.coverage import load_entries

        try:
            self.entries = {entry.ref: entry for entry in load_entries()[1]}
        except (OSError, KeyError, ValueError):
            self.entries = {}
        self.coverage = coverage

    def href(self, ref: str) -> str:
        from steps.coverage import anchor

        return f"{self.coverage}#{anchor(ref)}"


def _scenario(result, links: DocLinks) -> str:
    docs = "".join(_doc(d, links) for d in result.docs)
    tags = "".join(f'<span class="tag">@{escape(t)}</span>' for t in result.tags if not t.startswith("doc:"))
    extra = ""
    if result.stale_expectation:
        extra += f'<div class="warn">{escape(result.detail)}</div>'
    elif result.detail and result.grade in (NOT_APPLICABLE, SKIPPED):
        extra += f"<div>{escape(result.detail)}</div>"
    if result.grade in SHOWS_DETAIL:
        opened = " open" if result.grade in OPEN_BY_DEFAULT else ""
        exchanges = "".join(_exchange(e) for e in result.exchanges) or "<p>no HTTP exchange was recorded</p>"
        step = f'<div class="step">failed at: <code>{escape(result.step)}</code></div>' if result.step else ""
        extra += (f"{step}<details{opened}><summary>why, and the {len(result.exchanges)} HTTP exchange(s)</summary>"
                  f"<pre>{escape(result.detail)}</pre>{exchanges}</details>")
    return (f'<tr id="{escape(result.nodeid)}"><td class="grade">{_badge(result.grade)}</td>'
            f"<td><div>{escape(result.scenario)}</div>{docs}<div>{tags}</div>{extra}</td></tr>")


def _digest(results: list) -> str:
    """Short lists at the top: what fails (with a link to its details) and what was observed."""
    lists = []
    for title, chosen in (("Failures", [r for r in results if r.grade == FAILED or r.stale_expectation]),
                          ("Observations (undocumented behaviour, recorded as seen)", [r for r in results if r.grade == OBSERVED])):
        if chosen:
            items = "".join(f'<li><a href="#{escape(r.nodeid)}">{escape(r.feature)}: {escape(r.scenario)}</a> — '
                            f'{escape((r.detail or "").strip().splitlines()[0] if r.detail else r.grade)}</li>' for r in chosen)
            lists.append(f'<section class="digest"><h3>{escape(title)}</h3><ul>{items}</ul></section>')
    return "".join(lists)


def _by_feature(results: Iterable) -> dict[tuple[str, str], list]:
    by_feature: dict[tuple[str, str], list] = defaultdict(list)
    for result in results:
        by_feature[(result.feature, result.feature_name)].append(result)
    return by_feature


def _overview(results: list) -> str:
    """One line per feature: its grade counts, linking to its section."""
    rows = []
    for (path, name), found in sorted(_by_feature(results).items()):
        badges = " ".join(f'{_badge(g)}&nbsp;{sum(r.grade == g for r in found)}' for g in GRADES
                          if any(r.grade == g for r in found))
        rows.append(f'<tr><td><a href="#feature-{escape(path)}">{escape(name)}</a></td>'
                    f'<td class="file">features/{escape(path)}</td><td>{badges}</td></tr>')
    return f'<section class="feature"><h2>Features</h2><table>{"".join(rows)}</table></section>'


def _features(results: Iterable, links: DocLinks) -> str:
    by_feature = _by_feature(results)
    sections = []
    for (path, name), rows in sorted(by_feature.items()):
        counts = ", ".join(f"{sum(r.grade == g for r in rows)} {g}" for g in GRADES if any(r.grade == g for r in rows))
        sections.append(f'<section class="feature" id="feature-{escape(path)}"><h2>{escape(name)}</h2>'
                        f'<div class="file">features/{escape(path)} — {escape(counts)}</div>'
                        f'<table>{"".join(_scenario(r, links) for r in rows)}</table></section>')
    return "".join(sections)


def render(summary: dict[str, Any], results: list, coverage_href: str = "") -> str:
    """The page; `coverage_href` is docs/coverage.md as reached from the report's folder."""
    conforms = summary["conforms"]
    verdict = "conforms" if conforms else "does not conform"
    colour = COLOURS[PASSED] if conforms else COLOURS[FAILED]
    title = f"Learn conformance: {summary['target'].get('name', '')}"
    data = escape(json.dumps({"counts": summary["counts"], "conforms": conforms}))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="learnsim-result" content="{data}"><style>{STYLE}</style></head><body>'
            f'<header><h1>{escape(title)}</h1>{_meta(summary)}'
            f'<div class="verdict" style="background:{colour}">The target {verdict}</div></header>'
            f"<main>{_bar(summary['counts'])}{_digest(results)}{_overview(results)}{_features(results, DocLinks(coverage_href))}</main></body></html>")

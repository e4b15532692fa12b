"""``report.html``: one self-contained page an auditor can send to legal.

Inline CSS, no scripts, no external requests. Screenshots are embedded as data URIs up
to a size budget (beyond it they are linked relative to the report). Sections: summary by
severity and rule, tracker inventory by organization and phase, per-page findings with
screenshots, what each rule means with its references, and how the audit was run.
"""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path
from typing import Any

from companion.catalog import Rule, rules
from companion.models import SEVERITIES
from crawler.reports import write_atomically

FILENAME = "report.html"
EMBED_BUDGET_BYTES = 25_000_000

CSS = """
:root{--high:#b00020;--medium:#c25e00;--low:#5f6b00;--info:#3b5b92;--ink:#1d1d1f;
--muted:#5f6368;--line:#dadce0;--bg:#fafafa}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);
background:var(--bg);margin:0}
main{max-width:1100px;margin:0 auto;padding:24px 28px 64px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 12px;border-bottom:2px solid var(--ink);padding-bottom:4px}
h3{font-size:16px;margin:0 0 8px;word-break:break-all}
.muted{color:var(--muted)}
.sev{display:inline-block;min-width:64px;text-align:center;border-radius:4px;color:#fff;
font-size:12px;font-weight:600;padding:1px 8px;text-transform:uppercase}
.sev.high{background:var(--high)}
.sev.medium{background:var(--medium)}
.sev.low{background:var(--low)}
.sev.info{background:var(--info)}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;
min-width:130px}
.card b{display:block;font-size:26px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line)}
th,td{text-align:left;padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f1f3f4;font-size:13px}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.page{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px;margin:14px 0}
.page.failed{border-left:6px solid var(--high)}
.finding{border-top:1px solid var(--line);padding:10px 0;display:grid;
grid-template-columns:1fr auto;gap:12px}
.finding:first-of-type{border-top:0}
.evidence{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;color:var(--muted);
word-break:break-all}
img.shot{max-width:320px;max-height:220px;border:1px solid var(--line);border-radius:4px}
img.banner{max-width:100%;max-height:360px;border:1px solid var(--line);border-radius:4px;
margin:8px 0}
.rule{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;
margin:10px 0}
code{font:13px ui-monospace,Menlo,Consolas,monospace;background:#f1f3f4;padding:0 4px;
border-radius:3px}
.tag{display:inline-block;font-size:12px;border:1px solid var(--line);border-radius:10px;
padding:0 8px;margin:0 4px 4px 0}
footer{margin-top:40px;font-size:13px;color:var(--muted)}
@media print{.page,.rule{break-inside:avoid}
}
"""


class _Images:
    """Embeds screenshots as data URIs until the budget is spent, then links them."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.budget = EMBED_BUDGET_BYTES

    def src(self, rel: str) -> str | None:
        path = self.out_dir / rel
        if not path.is_file():
            return None
        size = path.stat().st_size
        if size <= self.budget:
            self.budget -= size
            return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        return escape(rel)


def write(report: dict[str, Any], out_dir: Path) -> Path:
    return write_atomically(out_dir / FILENAME, render(report, out_dir))


def render(report: dict[str, Any], out_dir: Path) -> str:
    images = _Images(out_dir)
    catalog = rules()
    summary = report.get("summary") or {}
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        '<meta name=viewport content="width=device-width,initial-scale=1">',
        f"<title>Brightline audit: {escape(report.get('target', ''))}</title>",
        f"<style>{CSS}</style></head><body><main>",
        _header(report, summary),
        _summary(summary, catalog),
        _trackers(report.get("trackers") or []),
        _pages(report.get("pages") or [], catalog, images),
        _rules_explained(summary, catalog),
        _run(report),
        "</main></body></html>",
    ]
    return "\n".join(parts)


def _sev(sev: str) -> str:
    return f'<span class="sev {escape(sev)}">{escape(sev)}</span>'


def _header(report: dict[str, Any], summary: dict[str, Any]) -> str:
    run = report.get("run") or {}
    when = escape(str(run.get("finished") or run.get("started") or ""))
    note = ""
    if run.get("interrupted"):
        note = "<p><b>This crawl was interrupted;</b> the report covers the pages visited so far.</p>"
    sev = summary.get("by_severity") or {}
    worst = next((s for s in SEVERITIES if sev.get(s) and s != "info"), None)
    verdict = f"Worst finding: {_sev(worst)}" if worst else "No findings above info level."
    cards = "".join(
        f'<div class="card"><span class="muted">{label}</span><b>{value}</b></div>'
        for label, value in (
            ("pages", summary.get("pages", 0)),
            ("failed", summary.get("failed", 0)),
            ("with a banner", summary.get("with_banner", 0)),
            *((s, sev.get(s, 0)) for s in SEVERITIES),
        )
    )
    return (
        f"<h1>Consent and tracking audit</h1><p class=muted>{escape(report.get('target', ''))}"
        f" · {when}</p>{note}<p>{verdict}</p><div class=cards>{cards}</div>{_gate_context(report)}"
    )


def _gate_context(report: dict[str, Any]) -> str:
    """What shaped the findings shown: the team's policy and the baseline, when used."""
    lines = []
    policy = report.get("policy")
    if policy:
        name = escape(str(policy.get("file", "")))
        text = f"Policy <code>{name}</code>: {policy.get('suppressed', 0)} findings accepted"
        expired = policy.get("expired") or []
        if expired:
            rules = ", ".join(escape(str(e.get("rule", ""))) for e in expired)
            text += f"; expired ignores (their findings count again): {rules}"
        lines.append(text + ".")
    baseline = report.get("baseline")
    if baseline:
        lines.append(
            f"Against the baseline <code>{escape(str(baseline.get('file', '')))}</code>: "
            f"{baseline.get('new', 0)} new, {baseline.get('changed', 0)} changed, "
            f"{baseline.get('unchanged', 0)} unchanged, {len(baseline.get('fixed') or [])} fixed."
        )
    return "".join(f"<p class=muted>{line}</p>" for line in lines)


def _summary(summary: dict[str, Any], catalog: dict[str, Rule]) -> str:
    rows = []
    by_rule = summary.get("by_rule") or {}
    order = sorted(
        by_rule,
        key=lambda rid: (
            SEVERITIES.index(catalog[rid].severity) if rid in catalog else len(SEVERITIES),
            -by_rule[rid],
            rid,
        ),
    )
    for rule_id in order:
        count = by_rule[rule_id]
        r = catalog.get(rule_id)
        title = escape(r.title) if r else ""
        sev = _sev(r.severity) if r else ""
        rows.append(
            f'<tr><td>{sev}</td><td><a href="#rule-{escape(rule_id)}"><code>{escape(rule_id)}'
            f"</code></a><br>{title}</td><td class=n>{count}</td></tr>"
        )
    body = "".join(rows) or "<tr><td colspan=3 class=muted>No findings.</td></tr>"
    return f"<h2>Findings by rule</h2><table><tr><th>severity</th><th>rule</th><th>findings</th></tr>{body}</table>"


def _trackers(trackers: list[dict[str, Any]]) -> str:
    if not trackers:
        return "<h2>Trackers</h2><p class=muted>No trackers were identified.</p>"
    rows = []
    for t in trackers:
        phases = t.get("phases") or {}
        hosts = ", ".join(escape(h) for h in t.get("hosts", [])[:8])
        flag = ' <span class="tag">only after accept</span>' if t.get("only_after_accept") else ""
        rows.append(
            f"<tr><td><b>{escape(t['organization'])}</b>{flag}"
            f"<div class=evidence>{hosts}</div></td>"
            f"<td>{escape(', '.join(t.get('categories', [])))}</td>"
            + "".join(f"<td class=n>{phases.get(p, 0)}</td>" for p in ("initial", "after-reject", "after-accept"))
            + "</tr>"
        )
    return (
        "<h2>Trackers by organization and phase</h2><p class=muted>Pages on which each "
        "organization's trackers were seen: before any choice, after rejecting, and after "
        "accepting. Trackers that load only after an accept are inventory, not findings.</p>"
        "<table><tr><th>organization</th><th>category</th><th>before a choice</th>"
        "<th>after reject</th><th>after accept</th></tr>" + "".join(rows) + "</table>"
    )


def _pages(pages: list[dict[str, Any]], catalog: dict[str, Rule], images: _Images) -> str:
    out = ["<h2>Pages</h2>"]
    first_seen: dict[str, str] = {}  # banner screenshot -> the page it was first shown on
    for page in pages:
        failed = bool(page.get("error"))
        status = page.get("status")
        head = (
            f'<div class="page{" failed" if failed else ""}"><h3>{escape(page["url"])}</h3>'
            f"<p class=muted>HTTP {escape(str(status)) if status is not None else '–'}"
        )
        if page.get("final_url"):
            head += f" · redirected to {escape(page['final_url'])}"
        head += "</p>"
        out.append(head)
        if failed:
            out.append(f"<p><b>Could not be audited:</b> {escape(page['error'])}</p>")
        for note in page.get("notes") or []:
            out.append(f'<p class="muted">Note: {escape(note)}</p>')
        banner = page.get("banner")
        if banner:
            platform = escape(banner.get("platform") or "unknown platform")
            where = f" in frame {escape(banner['frame'])}" if banner.get("frame") else ""
            out.append(f"<p>Consent banner: {platform}{where}</p>")
            shot = banner.get("screenshot")
            if shot and shot in first_seen:
                out.append(f"<p class=muted>The same banner as on {escape(first_seen[shot])}.</p>")
            elif shot:
                first_seen[shot] = page["url"]
                src = images.src(shot)
                if src:
                    out.append(f'<img class=banner alt="the consent banner" src="{src}">')
        for inter in page.get("interaction") or []:
            out.append(
                f"<p class=muted>Interaction ({escape(inter.get('mode', ''))}): {escape(inter.get('outcome', ''))}</p>"
            )
        findings = page.get("findings") or []
        if not findings and not failed:
            out.append("<p class=muted>No findings on this page.</p>")
        for f in findings:
            out.append(_finding(f, catalog, images))
        out.append("</div>")
    return "".join(out)


def _finding(f: dict[str, Any], catalog: dict[str, Rule], images: _Images) -> str:
    r = catalog.get(f["rule"])
    title = escape(r.title) if r else escape(f["rule"])
    evidence = f.get("evidence") or {}
    ev = "<br>".join(f"{escape(str(k))}: {escape(str(v))[:300]}" for k, v in evidence.items())
    shot = ""
    if f.get("screenshot"):
        src = images.src(f["screenshot"])
        if src:
            shot = f'<img class=shot alt="the flagged element, outlined" src="{src}">'
    phase = escape(f.get("phase", "initial"))
    return (
        f"<div class=finding><div>{_sev(f['severity'])} <b>{title}</b> "
        f'<a href="#rule-{escape(f["rule"])}"><code>{escape(f["rule"])}</code></a> '
        f"<span class=tag>{phase}</span><p>{escape(f.get('message', ''))}</p>"
        f"<div class=evidence>{ev}</div></div><div>{shot}</div></div>"
    )


def _rules_explained(summary: dict[str, Any], catalog: dict[str, Rule]) -> str:
    fired = list((summary.get("by_rule") or {}).keys())
    rest = [rid for rid in catalog if rid not in fired]
    out = ["<h2>What the rules mean</h2>"]
    for rule_id in fired + rest:
        r = catalog.get(rule_id)
        if r is None:
            continue
        refs = "".join(f'<li><a href="{escape(ref.url)}">{escape(ref.title)}</a></li>' for ref in r.references)
        out.append(
            f'<div class=rule id="rule-{escape(r.id)}">{_sev(r.severity)} <b>{escape(r.title)}</b> '
            f"<code>{escape(r.id)}</code><p>{escape(r.why)}</p><ul>{refs}</ul></div>"
        )
    return "".join(out)


def _run(report: dict[str, Any]) -> str:
    run = report.get("run") or {}
    browser = run.get("browser") or {}
    data = run.get("data") or {}
    options = run.get("options") or {}
    rows = [
        ("tool", f"brightline {report.get('tool', {}).get('version', '')}"),
        (
            "browser",
            f"{browser.get('path', '')} ({browser.get('how', '')}), version {browser.get('version', '')}",
        ),
        ("user agent", browser.get("user_agent", "")),
        ("browser flags", " ".join(browser.get("flags") or [])),
        ("browser restarts", str(browser.get("restarts", 0))),
        ("options", ", ".join(f"{k}={v}" for k, v in options.items())),
        ("collector", ", ".join(data.get("collector") or []) or "–"),
        ("data files", ", ".join(f"{k} ({v})" for k, v in (data.get("files") or {}).items())),
        ("started", str(run.get("started", ""))),
        ("finished", str(run.get("finished", ""))),
    ]
    body = "".join(f"<tr><th>{escape(k)}</th><td class=evidence>{escape(v)}</td></tr>" for k, v in rows)
    return (
        f"<h2>How this audit was run</h2><table>{body}</table>"
        "<footer>Generated by Brightline. Each page's snapshot JSON is in the report folder; "
        "<code>brightline check pages/…/initial.json</code> reproduces its findings offline."
        "</footer>"
    )

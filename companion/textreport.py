"""A report rendered as plain text for a person at a terminal."""

from __future__ import annotations

from typing import Any

from companion.catalog import rules

_MARK = {"high": "!!", "medium": "! ", "low": "- ", "info": "i "}


def render_text(report: dict[str, Any]) -> str:
    catalog = rules()
    lines: list[str] = []
    summary = report["summary"]
    sev = summary["by_severity"]
    lines.append(f"Brightline report for {report['target']}")
    lines.append(
        f"{summary['pages']} page(s): {sev.get('high', 0)} high, {sev.get('medium', 0)} medium, "
        f"{sev.get('low', 0)} low, {sev.get('info', 0)} info"
    )
    for page in report["pages"]:
        lines.append("")
        lines.append(f"== {page['url']}" + (f"  [{page.get('phase')}]" if page.get("phase") else ""))
        if page.get("error"):
            lines.append(f"   could not analyse: {page['error']}")
            continue
        banner = page.get("banner")
        if banner:
            platform = banner.get("platform") or "unknown platform"
            lines.append(f"   consent banner: {platform} ({banner.get('selector')})")
        if not page["findings"]:
            lines.append("   no findings")
        for f in page["findings"]:
            rule = catalog.get(f["rule"])
            title = rule.title if rule else f["rule"]
            lines.append(f"   {_MARK.get(f['severity'], '  ')} [{f['severity']}] {title} ({f['rule']})")
            lines.append(f"      {f['message']}")
            ev = f.get("evidence", {})
            where = ev.get("selector") or ev.get("host") or ev.get("cookie")
            if where:
                frame = f"  (in the frame from {ev['frame']})" if ev.get("frame") else ""
                lines.append(f"      where: {where}{frame}")
        trackers = page.get("trackers") or []
        if trackers:
            lines.append("   trackers: " + ", ".join(
                f"{t['host']} ({t['organization']}, {t['category']})" for t in trackers[:12]
            ) + (f" and {len(trackers) - 12} more" if len(trackers) > 12 else ""))
    used = sorted({f["rule"] for p in report["pages"] for f in p["findings"]} - {"consent.banner"})
    if used:
        lines.append("")
        lines.append("Why these matter:")
        for rule_id in used:
            rule = catalog.get(rule_id)
            if rule:
                refs = "; ".join(r.title.split(":")[0] for r in rule.references[:3])
                lines.append(f" * {rule.title}: {rule.why} ({refs})")
    return "\n".join(lines) + "\n"

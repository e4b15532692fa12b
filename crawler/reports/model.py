"""Building the report document (``report.json``) from the page records of a crawl."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from companion import __version__
from companion import report as shared
from companion.resources import data_path

MAX_SKIPPED = 500
TRACKER_PHASES = ("initial", "after-reject", "after-accept")


def build_report(
    target: str,
    pages: Iterable[dict[str, Any]],
    *,
    run: dict[str, Any] | None = None,
    skipped: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """The crawl's report: the shared ``brightline.report/1`` document (``companion.report``)
    plus the crawl's own sections (run, tracker inventory, skipped URLs)."""
    page_list = list(pages)
    skipped = skipped or []
    report = shared.build_report(
        target,
        page_list,
        run=run or {},
        trackers=tracker_inventory(page_list),
        skipped=[{"url": u, "reason": r} for u, r in skipped[:MAX_SKIPPED]],
    )
    report["summary"] = summarise(page_list, skipped=len(skipped))
    return report


def summarise(pages: list[dict[str, Any]], *, skipped: int = 0) -> dict[str, Any]:
    summary = shared.summarize(pages)
    summary["with_banner"] = sum(1 for p in pages if p.get("banner"))
    summary["skipped"] = skipped
    return summary


def tracker_inventory(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Trackers by organization: hosts, categories, and on how many pages each phase saw them."""
    orgs: dict[str, dict[str, Any]] = {}
    for page in pages:
        for phase_name, phase in (page.get("phases") or {}).items():
            if phase_name not in TRACKER_PHASES:
                continue
            seen_here: set[str] = set()
            for t in phase.get("trackers") or []:
                org = t.get("organization") or t.get("site") or t.get("host") or "unknown"
                entry = orgs.setdefault(
                    org,
                    {
                        "organization": org,
                        "categories": set(),
                        "hosts": set(),
                        "phases": {p: 0 for p in TRACKER_PHASES},
                        "pages": set(),
                    },
                )
                if t.get("category"):
                    entry["categories"].add(t["category"])
                if t.get("host"):
                    entry["hosts"].add(t["host"])
                entry["pages"].add(page["url"])
                if org not in seen_here:
                    entry["phases"][phase_name] += 1
                    seen_here.add(org)
    out = []
    for entry in orgs.values():
        phases = entry["phases"]
        out.append(
            {
                "organization": entry["organization"],
                "categories": sorted(entry["categories"]),
                "hosts": sorted(entry["hosts"]),
                "phases": phases,
                "pages": len(entry["pages"]),
                "only_after_accept": phases["after-accept"] > 0
                and not phases["initial"]
                and not phases["after-reject"],
            }
        )
    out.sort(key=lambda e: (-(e["phases"]["initial"] + e["phases"]["after-reject"]), e["organization"]))
    return out


def data_versions(pages: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Which data the analysis used: the tool version, a digest of every bundled data file,
    and the collector versions seen in snapshots."""
    files: dict[str, str] = {}
    root = data_path()
    if root.is_dir():
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.name != "NOTICE":
                digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
                files[str(path.relative_to(root))] = digest
    collectors = sorted(
        {
            str(ph.get("collector"))
            for p in pages or []
            for ph in (p.get("phases") or {}).values()
            if ph.get("collector")
        }
    )
    return {"brightline": __version__, "collector": collectors, "files": files}

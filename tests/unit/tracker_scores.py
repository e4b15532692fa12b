"""Scoring a held-out set of requests (``tests/data/trackers_heldout*.jsonl``): each
request is classified alone, in a snapshot of its own page, exactly as ``classify_page``
sees a captured page, and compared with the auditor's label and organisation."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from companion.models import Request, Snapshot
from companion.page import Page
from companion.sites import host_of, registrable_domain
from companion.tracking.classify import TrackerHit, classify_page
from tests.unit.heldout_scores import Tally, tally_table

DATA = Path(__file__).resolve().parent.parent / "data"
_WORD = re.compile(r"[a-z0-9]+")


@cache
def rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]


def is_fresh(row: dict) -> bool:
    """Written after the set's fixes, without looking at them."""
    return row.get("note", "").startswith("fresh:")


def first_party(row: dict) -> bool:
    return registrable_domain(host_of(row["url"])) == registrable_domain(host_of(row["page"]))


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def org_matches(expected: str, hit: TrackerHit) -> bool:
    """The auditor's name appears in the hit's organization or service, word for word.

    "LinkedIn" matches the service "LinkedIn Insight Tag" of Microsoft; "Heap" matches
    "Heap" of Contentsquare. A hit whose organization is only its own domain name (no
    list knew it) names nobody, so it never counts as right, unless it is self-hosted
    software the map names: the site's own Matomo is "Matomo (self-hosted)" of the site.
    """
    if hit.organization == hit.site and "(self-hosted)" not in hit.service:
        return False
    needle = _words(expected)
    return _contains(_words(hit.organization), needle) or _contains(_words(hit.service), needle)


def classify_row(row: dict) -> TrackerHit | None:
    page = Page(Snapshot(url=row["page"], requests=[Request(url=row["url"], type=row["type"])]))
    host = host_of(row["url"])
    hits = [t for t in classify_page(page).trackers if t.host == host]
    return hits[0] if hits else None


def add(tally: Tally, row: dict, hit: TrackerHit | None) -> None:
    tally.add(row["tracker"], hit is not None,
              f"{row['url'][:110]}  [{row.get('note', '')[:50]}]",
              org=row["org"], org_right=hit is not None and row["org"] is not None and org_matches(row["org"], hit),
              got=f"{hit.reason}; {hit.label}" if hit is not None else "")


@cache
def scores(name: str) -> dict[str, Tally]:
    """Scores of the whole set, its third- and first-party requests, and its fresh rows."""
    out = {"all": Tally(), "third party": Tally(), "first party": Tally()}
    for row in rows(name):
        hit = classify_row(row)
        add(out["all"], row, hit)
        add(out["first party" if first_party(row) else "third party"], row, hit)
        if is_fresh(row):
            add(out.setdefault("fresh", Tally()), row, hit)
    return out


def table(result: dict[str, Tally]) -> str:
    return "\n".join([tally_table(result), *result["all"].errors])

"""Scoring a held-out set of requests (``tests/data/trackers_heldout*.jsonl``): each
request is classified alone, in a snapshot of its own page, exactly as ``classify_page``
sees a captured page, and compared with the auditor's label and organisation."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from companion.models import Request, Snapshot
from companion.page import Page
from companion.sites import host_of, registrable_domain
from companion.tracking.classify import TrackerHit, classify_page

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
    list knew it) names nobody, so it never counts as right.
    """
    if hit.organization == hit.site:
        return False
    needle = _words(expected)
    return _contains(_words(hit.organization), needle) or _contains(_words(hit.service), needle)


def classify_row(row: dict) -> TrackerHit | None:
    page = Page(Snapshot(url=row["page"], requests=[Request(url=row["url"], type=row["type"])]))
    host = host_of(row["url"])
    hits = [t for t in classify_page(page).trackers if t.host == host]
    return hits[0] if hits else None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    org_ok: int = 0
    org_scored: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def org_accuracy(self) -> float:
        return self.org_ok / self.org_scored if self.org_scored else 1.0

    def add(self, row: dict, hit: TrackerHit | None) -> None:
        if row["tracker"] and hit is None:
            self.fn += 1
            self.errors.append(f"MISS  {row['url'][:110]}  [{row.get('note', '')[:50]}]")
        elif row["tracker"]:
            self.tp += 1
            self._score_org(row, hit)
        elif hit is not None:
            self.fp += 1
            self.errors.append(f"FALSE {row['url'][:110]} ({hit.reason}; {hit.label})")
        else:
            self.tn += 1

    def _score_org(self, row: dict, hit: TrackerHit) -> None:
        if row["org"] is None:
            return
        self.org_scored += 1
        if org_matches(row["org"], hit):
            self.org_ok += 1
        else:
            self.errors.append(f"ORG   {row['org']!r} got {hit.label!r}: {row['url'][:80]}")


@cache
def scores(name: str) -> dict[str, Score]:
    """Scores of the whole set, its third- and first-party requests, and its fresh rows."""
    out = {"all": Score(), "third party": Score(), "first party": Score()}
    for row in rows(name):
        hit = classify_row(row)
        out["all"].add(row, hit)
        out["first party" if first_party(row) else "third party"].add(row, hit)
        if is_fresh(row):
            out.setdefault("fresh", Score()).add(row, hit)
    return out


def table(result: dict[str, Score]) -> str:
    lines = [f"{'subset':<12} {'trackers':>8} {'others':>6} {'precision':>9} {'recall':>6} "
             f"{'org acc':>7}  tp/fp/fn, org ok/scored"]
    for name, s in result.items():
        lines.append(f"{name:<12} {s.tp + s.fn:>8} {s.fp + s.tn:>6} {s.precision:>9.3f} "
                     f"{s.recall:>6.3f} {s.org_accuracy:>7.3f}  "
                     f"{s.tp}/{s.fp}/{s.fn}, {s.org_ok}/{s.org_scored}")
    return "\n".join(lines + result["all"].errors)

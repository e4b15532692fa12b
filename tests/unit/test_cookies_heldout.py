"""Precision, recall and organisation accuracy of cookie and storage identifier detection.

``tests/data/cookies_heldout.jsonl`` holds cookie and storage-key metadata, one a line,
labelled blind (before the detection code or its data were read) as a careful privacy
auditor would: vendor identifiers in first- and third-party cookies and in web storage,
home-made persistent ids on no list, and innocent look-alikes (sessions, CSRF, load
balancers, bot protection, consent state, preferences, carts, payment fraud prevention).

``tests/data/cookies_heldout_2.jsonl`` is a second blind set in the same format: vendor ids
of many countries, ids longer than 64 characters, session-only ids, home-made ids named
``vid``/``did``/``fp``/``shopper``…, and look-alikes that include vendor cookies holding no
identifier (first-visit timestamps, 1-character flags, cohort lists, referrers and landing
pages), consent state, A/B buckets and load-balancer routing.

The two sets disagree on one class: the first labelled vendor cookies that hold no
identifier (``_gat`` and ``_hjFirstSeen`` flags of one character, ``_ym_d``'s first-visit
timestamp, ``__hssc``'s page counter, ``AMP_MKTG_*``'s referrer) as identifiers because they
need consent; the second, and the product, count only values that can tell browsers apart.
The first set's recall floor says so (16 of its 306 identifiers are such rows).

Each row is analysed alone, in an initial-phase snapshot of its own page. A row counts as
identified when the analyzer's ``consent.tracking-before-consent`` finding names it among
the identifiers stored before any choice. Rows whose note starts with ``fresh:`` were
written after the fixes and are scored separately. Run with ``-s`` for the table and every
error.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from companion.analyzer import analyze
from companion.models import Cookie, Finding, Snapshot, StorageKey
from tests.unit.heldout_scores import Tally, tally_table

DATA = Path(__file__).resolve().parent.parent / "data"
#: Set → (precision, recall, organisation accuracy) floors.
# Per set: the fewest identifiers, look-alikes, storage keys and organisations it holds.
SHAPES = {"cookies_fresh_3.jsonl": (80, 40, 20, 60), "cookies_fresh_4.jsonl": (30, 12, 8, 30),
          "cookies_fresh_5.jsonl": (34, 14, 9, 29), "cookies_fresh_6.jsonl": (37, 16, 11, 34),
          "cookies_fresh_7.jsonl": (36, 17, 10, 35)}
DEFAULT_SHAPE = (250, 100, 50, 60)
FLOORS = {
    "cookies_heldout.jsonl": (0.95, 0.93, 0.85),  # was 0.95 recall: see the state rows above
    "cookies_heldout_2.jsonl": (0.97, 0.97, 0.95),
    # A fresh probe written blind after the second set's fixes, never tuned on (first run
    # 0.974 / 0.925 / 0.985): the honest figure for rows nobody wrote down before.
    "cookies_fresh_3.jsonl": (0.95, 0.9, 0.95),
    # A fourth blind probe, written before reading the cookie families (first run
    # 1.000 / 0.882 / 0.929).
    "cookies_fresh_4.jsonl": (0.95, 0.85, 0.9),
    # A fifth blind probe, written before reading the cookie families (first run
    # 1.000 / 0.912 / 0.964; 31 of 34 is 0.9118, so the recall floor is 0.911).
    "cookies_fresh_5.jsonl": (1.0, 0.911, 0.964),
    # A sixth blind probe, written before reading the cookie families (first run
    # 0.972 / 0.946 / 0.969; 35 of 36, 35 of 37 and 31 of 32, rounded down). After its
    # fixes (Yektanet, Effective Measure and Rambler Top100 ids): 0.974 / 1.000 / 1.000.
    "cookies_fresh_6.jsonl": (0.97, 0.97, 0.97),
    # A seventh blind probe (B2B intent and ABM, chat, A/B, replay, affiliate, email and call
    # tracking ids, regional vendors, home-made ids; look-alikes), written before reading the
    # cookie families (first run 1.000 / 0.917 / 0.871; 33 of 36 and 27 of 31, rounded down).
    # After its fixes (Crisp, Tidio, Yotpo, 6sense, Clearbit, Koala, CallRail): 1.000 / 1.000 / 1.000.
    "cookies_fresh_7.jsonl": (0.99, 0.99, 0.99),
}
NOW = datetime(2026, 6, 1, tzinfo=UTC)
DAY = 86400.0
_WORD = re.compile(r"[a-z0-9]+")


@cache
def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()
            if line]


def _fresh(row: dict) -> bool:
    return row["note"].startswith("fresh:")


def _cookie(row: dict) -> Cookie:
    days = row["expires_days"]
    return Cookie(name=row["name"], domain=row["domain"],
                  expires=None if days is None else NOW.timestamp() + days * DAY,
                  session=days is None, value_length=row["value_length"],
                  entropy=row["entropy"], secure=True)


def _storage(row: dict) -> StorageKey:
    return StorageKey(key=row["name"], area=row.get("area", "local"), origin=row["domain"],
                      value_length=row["value_length"], entropy=row["entropy"])


def snapshot_of(row: dict) -> Snapshot:
    snap = Snapshot(url=row["page"], timestamp=NOW.isoformat())
    if row["kind"] == "cookie":
        snap.cookies = [_cookie(row)]
    else:
        snap.storage = [_storage(row)]
    return snap


def identified(row: dict) -> Finding | None:
    """The tracking-before-consent finding that names this row's cookie or key, if any."""
    for finding in analyze(snapshot_of(row)).findings:
        if finding.rule == "consent.tracking-before-consent" and \
                row["name"] in finding.evidence.get("cookies", []):
            return finding
    return None


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


def org_matches(expected: str, finding: Finding) -> bool:
    """The auditor's organisation appears word for word among the finding's organisations
    or the services it names ("Hotjar" of Contentsquare, "LinkedIn" of Microsoft)."""
    needle = _words(expected)
    names = finding.evidence.get("organizations", []) + finding.evidence.get("services", [])
    return any(_contains(_words(name), needle) for name in names)


def _add(tally: Tally, row: dict, found: Finding | None) -> None:
    where = f"{row['kind']:<7} {row['name'][:48]!r} on {row['domain']}"
    organizations = found.evidence.get("organizations") if found is not None else None
    tally.add(row["identifier"], found is not None, where, org=row["org"],
              org_right=found is not None and row["org"] is not None and org_matches(row["org"], found),
              got=str(organizations))


@cache
def scores(name: str) -> dict[str, Tally]:
    out = {"all": Tally(), "cookie": Tally(), "storage": Tally(), "fresh": Tally()}
    for row in _rows(name):
        found = identified(row)
        if _fresh(row):
            _add(out["fresh"], row, found)
            continue
        _add(out["all"], row, found)
        _add(out[row["kind"]], row, found)
    return out


def _table(result: dict[str, Tally]) -> str:
    errors = result["all"].errors + [f"fresh {e}" for e in result["fresh"].errors]
    return "\n".join([tally_table(result, "ids"), *errors])


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_set_is_big_varied_and_balanced(name: str) -> None:
    rows = [r for r in _rows(name) if not _fresh(r)]
    ids = [r for r in rows if r["identifier"]]
    others = [r for r in rows if not r["identifier"]]
    min_ids, min_others, min_storage, min_orgs = SHAPES.get(name, DEFAULT_SHAPE)
    assert len(ids) >= min_ids and len(others) >= min_others
    assert len([r for r in rows if r["kind"] == "storage"]) >= min_storage
    assert len({r["org"] for r in ids}) >= min_orgs
    assert all(r["org"] is None for r in others)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_precision_recall_and_organisation(name: str) -> None:
    min_precision, min_recall, min_org_accuracy = FLOORS[name]
    result = scores(name)
    print(f"\n{name}\n" + _table(result))
    total = result["all"]
    assert total.recall >= min_recall, _table(result)
    assert total.precision >= min_precision, _table(result)
    assert total.org_accuracy >= min_org_accuracy, _table(result)

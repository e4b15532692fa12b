"""Precision and recall of the consent-banner rules on a second, blind held-out set.

``tests/fixtures/heldout_banners_2/<case>/`` holds ``page.html`` and ``expected.json``
(``{"url", "platform", "description", "present", "absent"}``), as in ``heldout_banners``.
The pages reproduce what a browser's "Save page as" keeps of consent platforms and
variants the first set covers less well or not at all (LiveRamp, Sirdata, Admiral,
Pandectes, Cookie Information, Securiti, WPConsent, WP DSGVO Tools, GDPR Cookie Compliance,
contentpass, newer OneTrust and Didomi layouts, Cookiebot "swift", iubenda variants,
Usercentrics saved as declarative shadow DOM, consent inside ``<iframe srcdoc>``),
home-made banners and look-alike pages with no banner. Expectations were written before
the analyzer was run on them; the ``fresh-*`` cases were written after the first round of
fixes, as a check that the fixes generalise.

A rule in neither list is not judged for that case. Run with ``-s`` to see the table.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.unit import heldout_scores

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "heldout_banners_2"
CASES = sorted(p.name for p in HELDOUT.iterdir() if (p / "expected.json").is_file())
RULES = (
    "consent.banner",
    "consent.no-reject-first-layer",
    "consent.asymmetric-choice",
    "consent.implied-consent",
    "consent.cookie-wall",
    "consent.preticked-purpose",
    "consent.confirmshaming",
)
FLOOR = 0.85
# Recall floors below FLOOR for misses whose root cause lies outside the banner locator
# (wording not yet in the copy lexicons). None today.
KNOWN_RECALL_GAPS: dict[str, float] = {}
# Home-made banners whose markup carries a small library's signature. None today:
# "#cookieNotice", a common id for hand-written notices, names CookieNoticeJS only with the
# library's own "a.confirm" button inside.
KNOWN_NAME_COLLISIONS: dict[str, str] = {}
MIN_POSITIVES = 5
LANGUAGES = {"en", "de", "fr", "es", "it", "nl"}
MIN_CASES_PER_LANGUAGE = 5


@cache
def _expected(case: str) -> dict[str, Any]:
    return json.loads((HELDOUT / case / "expected.json").read_text(encoding="utf-8"))


@cache
def _analysis(case: str):
    from companion.commands.check import analyze_file

    return analyze_file(HELDOUT / case / "page.html", url=_expected(case)["url"])


def _found(case: str) -> frozenset[str]:
    return frozenset(f.rule for f in _analysis(case).findings)


def _language(case: str) -> str:
    head = (HELDOUT / case / "page.html").read_text(encoding="utf-8")[:300]
    return head.split('<html lang="', 1)[1][:2] if '<html lang="' in head else ""


def _scores() -> dict[str, dict[str, Any]]:
    return heldout_scores.scores(CASES, RULES, _expected, _found)


def _platform_named(case: str) -> str | None:
    banner = _analysis(case).banner or {}
    return banner.get("platform")


def _print_table(scores: dict[str, dict[str, Any]]) -> None:
    heldout_scores.print_table(f"held-out banners 2: {len(CASES)} cases", scores)
    platform_cases = [c for c in CASES if _expected(c).get("platform")]
    named = [c for c in platform_cases if _platform_named(c)]
    print(f"platform named on {len(named)}/{len(platform_cases)} platform banners; not named: "
          + ", ".join(c for c in platform_cases if c not in named))


def test_the_set_is_big_varied_and_balanced() -> None:
    assert len(CASES) >= 40
    languages = [_language(case) for case in CASES]
    assert set(languages) == LANGUAGES
    assert all(languages.count(lang) >= MIN_CASES_PER_LANGUAGE for lang in LANGUAGES)
    negatives = [c for c in CASES if "consent.banner" in _expected(c)["absent"]]
    home_made = [c for c in CASES if _expected(c).get("platform") is None and c not in negatives]
    assert len(negatives) >= 6
    assert len(home_made) >= 10
    for rule in RULES:
        positives = [c for c in CASES if rule in _expected(c)["present"]]
        assert len(positives) >= MIN_POSITIVES, rule
        assert len({_language(c) for c in positives}) >= 3, rule


@pytest.mark.parametrize("case", CASES)
def test_the_analyzer_runs_cleanly(case: str) -> None:
    assert not _analysis(case).errors, f"{case}: detector errors {_analysis(case).errors}"


@pytest.mark.parametrize("rule", RULES)
def test_precision_and_recall_floor(rule: str) -> None:
    scores = _scores()
    if rule == RULES[0]:
        _print_table(scores)
    s = scores[rule]
    assert s["precision"] >= FLOOR, f"{rule}: precision {s['precision']:.2f}; false alarms {s['false_alarms']}"
    recall_floor = KNOWN_RECALL_GAPS.get(rule, FLOOR)
    assert s["recall"] >= recall_floor, f"{rule}: recall {s['recall']:.2f}; missed {s['misses']}"


def test_home_made_banners_are_not_given_a_platform_name() -> None:
    wrongly_named = {c: _platform_named(c) for c in CASES
                     if _expected(c).get("platform") is None and _platform_named(c)}
    assert wrongly_named == KNOWN_NAME_COLLISIONS

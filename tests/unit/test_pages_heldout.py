"""Precision and recall of the page-level pressure, basket and pop-up rules on held-out pages.

``tests/fixtures/heldout_pages/<case>/`` holds ``page.html`` (a saved, rendered shop, basket,
hotel or flight result, ticketing, cancel-flow or pricing page, with the site's header, nav,
footer and CSS) and ``expected.json``:
``{"url", "description", "present": [rule ids], "absent": [rule ids]}``. The case name starts
with its language (en, de, fr, es, it, nl). The pages render widgets the way real sites do:
countdown units each in their own span, stock counts in a ``<b>`` inside a sentence, purchase
and viewer toasts, pre-checked paid extras, exit-intent modals, and pressure widgets hidden by
the page's CSS, the ``hidden`` attribute or ``<template>`` (which a visitor does not see and
must not be reported). About a quarter are look-alike negatives: honest stock, delivery
cut-offs and opening hours, sale end dates, review counts, unchecked extras, "remember me".
Expectations were written before the analyzer was run on them and before its code was read.
A rule in neither list is not judged for that case.

First run, 42 cases, before any fix (precision / recall, tp fp fn):
  pressure.countdown          0.75 / 0.60   6 2 4
  pressure.scarcity           1.00 / 1.00  13 0 0
  pressure.social-proof       1.00 / 0.90   9 0 1
  pressure.sneak-into-basket  1.00 / 0.71   5 0 2
  consent.confirmshaming      1.00 / 0.71   5 0 2
  sharing.prechecked-optin    1.00 / 1.00   7 0 0
The general causes fixed: a clock split across elements read "05 : 42" (page text and
blocks), a price beside an add-on's label rather than in it, and a "no"/"without" that
describes an extra read as refusing it. Six ``fresh-*`` cases were written after those
fixes; their first run missed a countdown whose units are sibling blocks, "qu'<b>1</b>" read
"qu' 1", and one wording (below). Both causes were fixed in the page text and the scan.

Run with ``-s`` to see the table.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.unit import heldout_scores

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "heldout_pages"
COUNTDOWN = "pressure.countdown"
SCARCITY = "pressure.scarcity"
SOCIAL_PROOF = "pressure.social-proof"
SNEAK = "pressure.sneak-into-basket"
CONFIRMSHAMING = "consent.confirmshaming"
PRECHECKED = "sharing.prechecked-optin"
RULES = (COUNTDOWN, SCARCITY, SOCIAL_PROOF, SNEAK, CONFIRMSHAMING, PRECHECKED)
LANGUAGES = {"en", "de", "fr", "es", "it", "nl"}
PRECISION_FLOOR = dict.fromkeys(RULES, 0.85)
RECALL_FLOOR = dict.fromkeys(RULES, 0.85)
# Cases wrong for causes outside the page text and detectors (the copy lexicons, the
# classifier), with the reason: printed but not judged until fixed there. None today.
KNOWN_WRONG: dict[tuple[str, str], str] = {}


@cache
def _cases() -> dict[str, dict[str, Any]]:
    cases = {}
    for folder in sorted(p for p in HELDOUT.iterdir() if p.is_dir()):
        expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
        cases[folder.name] = {**expected, "lang": folder.name.removeprefix("fresh-").split("-")[0]}
    return cases


CASES = sorted(_cases())


@cache
def _analysis(case: str):
    from companion.analyzer import analyze
    from companion.static.html_page import load_html

    page = load_html((HELDOUT / case / "page.html").read_bytes(), url=_cases()[case]["url"])
    return analyze(page.snapshot, root=page.root, styles=page.styles, markup=page.markup)


def _found(case: str) -> frozenset[str]:
    return frozenset(f.rule for f in _analysis(case).findings)


def _scores() -> dict[str, dict[str, Any]]:
    return heldout_scores.scores(CASES, RULES, _cases().__getitem__, _found)


def _judged(case: str) -> dict[str, Any]:
    """The case's labels without the rules it is known to get wrong."""
    expected = _cases()[case]
    unjudged = {rule for (rule, known) in KNOWN_WRONG if known == case}
    return {"present": [r for r in expected["present"] if r not in unjudged],
            "absent": [r for r in expected["absent"] if r not in unjudged]}


def _judged_scores() -> dict[str, dict[str, Any]]:
    return heldout_scores.scores(CASES, RULES, _judged, _found)


def test_the_set_is_big_varied_and_balanced() -> None:
    cases = _cases()
    assert len(cases) >= 35
    assert {c["lang"] for c in cases.values()} == LANGUAGES
    assert len([c for c in cases.values() if not c["present"]]) >= 10
    for rule in RULES:
        positives = [c for c in cases.values() if rule in c["present"]]
        negatives = [c for c in cases.values() if rule in c["absent"]]
        assert len(positives) >= 5 and len(negatives) >= 10, rule
        assert len({c["lang"] for c in positives}) >= 4, rule


@pytest.mark.parametrize("case", CASES)
def test_the_analyzer_runs_cleanly(case: str) -> None:
    assert not _analysis(case).errors, f"{case}: detector errors {_analysis(case).errors}"


@pytest.mark.parametrize("rule", RULES)
def test_precision_and_recall(rule: str) -> None:
    if rule == RULES[0]:
        heldout_scores.print_table(f"held-out pages: {len(CASES)} cases, all labels", _scores())
        heldout_scores.print_table(f"judged (without {len(KNOWN_WRONG)} known-wrong)", _judged_scores())
    s = _judged_scores()[rule]
    assert s["precision"] >= PRECISION_FLOOR[rule], f"{rule}: false alarms {s['false_alarms']}"
    assert s["recall"] >= RECALL_FLOOR[rule], f"{rule}: missed {s['misses']}"
    assert not s["false_alarms"] and not s["misses"], "explain new errors in KNOWN_WRONG or fix them"


def test_known_wrong_cases_are_still_wrong() -> None:
    """A fixed case must leave KNOWN_WRONG, so the exception list never hides a pass."""
    for (rule, case) in KNOWN_WRONG:
        expected = _cases()[case]
        wrong = (rule in _found(case)) != (rule in expected["present"])
        assert wrong, f"{case} is right for {rule} now; drop it from KNOWN_WRONG"

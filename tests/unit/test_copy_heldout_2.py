"""Precision and recall per copy rule and per language on a second held-out set.

``tests/data/copy_heldout_2.jsonl`` was written blind (before its author read the
lexicons or the first held-out set) to measure how the copy rules generalise to wording
they were never tuned on: 40+ positives per rule over six languages, in the phrasing of
newsletter pop-ups, paywalls, exit-intent modals, cookie banners, checkouts, booking
sites and sign-up forms, and 150+ look-alike negatives (neutral declines, honest stock
and delivery dates, cookie recipes, opening hours, quoted "last chance" headlines,
compliant banner wording, review counts). Run with ``-s`` to see the tables.

Texts are classified as ``brightline lint-text`` does (``match_copy(text)``). A trick
question written as a first-person checkbox statement with no checkbox wording ("Ich
möchte mich nicht vom Newsletter abmelden") is by design not flagged there
(``test_copy_classify.test_trick_question_needs_a_checkbox_context_or_the_control_flag``):
only the page detector knows it labels a checkbox and passes ``control=True``. So the
trick-question recall floor for plain text is lower, and the same rows are also scored
as checkbox labels, where the floor is high.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from companion.copy import COPY_RULES, match_copy
from companion.lexicon import LANGUAGES

DATA = Path(__file__).resolve().parent.parent / "data" / "copy_heldout_2.jsonl"
TRICK = "sharing.trick-question"
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.8
# Plain text: 11 of the 42 trick questions are first-person statements with no checkbox
# wording, which lint-text leaves alone by design (see the module docstring).
RECALL_FLOORS = {TRICK: 0.7}
# The same rows read as checkbox labels (control=True), as the page detector reads them.
LABEL_RECALL_FLOOR = 0.95
# Per rule and language (about 7 positives each): one miss in a language still passes.
# Trick questions are scored per language as checkbox labels.
LANGUAGE_RECALL_FLOOR = 0.7

Counts = dict[str, int]


def _rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


@cache
def _counts(labels: bool = False) -> dict[tuple[str, str], Counts]:
    """(rule, lang) -> {"tp", "fp", "fn"}, with lang "all" for the totals.

    ``labels``: every text is read as a checkbox label (``control=True``)."""
    out: dict[tuple[str, str], Counts] = {}
    for row in _rows():
        got = {m.rule for m in match_copy(row["text"], control=labels)}
        expected = set(row["rules"])
        for rule in COPY_RULES:
            kind = None
            if rule in got and rule in expected:
                kind = "tp"
            elif rule in got:
                kind = "fp"
            elif rule in expected:
                kind = "fn"
            for lang in (row["lang"], "all"):
                c = out.setdefault((rule, lang), {"tp": 0, "fp": 0, "fn": 0})
                if kind:
                    c[kind] += 1
    return out


def _pr(c: Counts) -> tuple[float, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def _table() -> str:
    counts = _counts()
    lines = ["", "rule                          precision recall  tp fp fn"]
    for rule in COPY_RULES:
        c = counts[(rule, "all")]
        p, r = _pr(c)
        lines.append(f"{rule:30s} {p:9.2f} {r:6.2f} {c['tp']:3d} {c['fp']:2d} {c['fn']:2d}")
    c = _counts(labels=True)[(TRICK, "all")]
    p, r = _pr(c)
    lines.append(f"{'  … as checkbox labels':30s} {p:9.2f} {r:6.2f} {c['tp']:3d} {c['fp']:2d} {c['fn']:2d}")
    lines.append("")
    lines.append("recall (precision) per language")
    lines.append(f"{'rule':30s} " + " ".join(f"{lang:>11s}" for lang in LANGUAGES))
    for rule in COPY_RULES:
        cells = []
        for lang in LANGUAGES:
            p, r = _pr(counts[(rule, lang)])
            cells.append(f"{r:5.2f} ({p:3.2f})")
        lines.append(f"{rule:30s} " + " ".join(cells))
    cells = [f"{_pr(_counts(labels=True)[(TRICK, lang)])[1]:5.2f} (label)" for lang in LANGUAGES]
    lines.append(f"{'  … as checkbox labels':30s} " + " ".join(cells))
    return "\n".join(lines)


def test_the_set_is_big_varied_and_balanced() -> None:
    rows = _rows()
    assert len({r["text"] for r in rows}) == len(rows), "duplicate texts"
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    negatives = [r for r in rows if not r["rules"]]
    assert len(negatives) >= 150
    assert {r["lang"] for r in negatives} == set(LANGUAGES)
    for rule in COPY_RULES:
        positives = [r for r in rows if rule in r["rules"]]
        assert len(positives) >= 40, rule
        for lang in LANGUAGES:
            assert sum(r["lang"] == lang for r in positives) >= 6, (rule, lang)


@pytest.mark.parametrize("rule", COPY_RULES)
def test_precision_and_recall_floor(rule: str) -> None:
    if rule == COPY_RULES[0]:
        print(_table())
    precision, recall = _pr(_counts()[(rule, "all")])
    floor = RECALL_FLOORS.get(rule, RECALL_FLOOR)
    assert precision >= PRECISION_FLOOR, f"{rule}: precision {precision:.2f} < {PRECISION_FLOOR}"
    assert recall >= floor, f"{rule}: recall {recall:.2f} < {floor}"


def test_trick_questions_read_as_checkbox_labels() -> None:
    precision, recall = _pr(_counts(labels=True)[(TRICK, "all")])
    assert precision >= PRECISION_FLOOR, f"as labels: precision {precision:.2f}"
    assert recall >= LABEL_RECALL_FLOOR, f"as labels: recall {recall:.2f} < {LABEL_RECALL_FLOOR}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_recall_floor_per_language(lang: str) -> None:
    low = {}
    for rule in COPY_RULES:
        recall = _pr(_counts(labels=rule == TRICK)[(rule, lang)])[1]
        if recall < LANGUAGE_RECALL_FLOOR:
            low[rule] = round(recall, 2)
    assert not low, f"{lang}: recall below {LANGUAGE_RECALL_FLOOR}: {low}"


def test_no_false_positive_on_the_negatives() -> None:
    """Look-alike negatives: at most two stray findings over the whole negative half."""
    stray = [
        (r["text"], sorted(m.rule for m in match_copy(r["text"])))
        for r in _rows()
        if not r["rules"] and match_copy(r["text"])
    ]
    assert len(stray) <= 2, stray

"""Precision and recall per copy rule and per language on a third held-out set.

``tests/data/copy_heldout_3.jsonl`` was written blind (before its author read the copy
code, the lexicons or the earlier held-out sets) to measure how the copy rules
generalise to wording they were never tuned on: about 42 positives per rule over six
languages, in the phrasing of exit-intent modals, paywalls, booking and ticketing
sites, cart timers, cookie banners, checkout add-ons and sign-up forms, and 130
look-alike negatives (neutral declines, honest stock and delivery facts, schedules,
review counts, quoted headlines, compliant banner wording, cookie recipes, double
negatives in prose). Rows whose ``note`` starts with "fresh:" were added after the
fixes, by an author who did not look at the fixes' wording again. Run with ``-s`` to
see the tables and the misses.

Texts are classified as ``brightline lint-text`` does (``match_copy(text)``). A trick
question written as a first-person statement with no checkbox wording is by design not
flagged there (only the page detector knows it labels a checkbox), so trick questions
are also scored as checkbox labels (``control=True``), where the floor is high.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from companion.copy import COPY_RULES, match_copy
from companion.lexicon import LANGUAGES

DATA = Path(__file__).resolve().parent.parent / "data" / "copy_heldout_3.jsonl"
TRICK = "sharing.trick-question"
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.8
# Plain text: about a quarter of the trick questions are first-person statements with
# no checkbox wording, which lint-text leaves alone by design (see the module docstring).
RECALL_FLOORS = {TRICK: 0.7}
LABEL_RECALL_FLOOR = 0.9
# Per rule and language (about 7 positives each): one miss in a language still passes.
LANGUAGE_RECALL_FLOOR = 0.7

Counts = dict[str, int]


@cache
def _rows() -> tuple[dict, ...]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line)


@cache
def _found(text: str, labels: bool) -> frozenset[str]:
    return frozenset(m.rule for m in match_copy(text, control=labels))


def _outcome(rule: str, expected: set[str], got: frozenset[str]) -> str | None:
    if rule in got:
        return "tp" if rule in expected else "fp"
    return "fn" if rule in expected else None


@cache
def _counts(labels: bool = False) -> dict[tuple[str, str], Counts]:
    """(rule, lang) -> {"tp", "fp", "fn"}, with lang "all" for the totals.

    ``labels``: every text is read as a checkbox label (``control=True``)."""
    out: dict[tuple[str, str], Counts] = {}
    for row in _rows():
        got = _found(row["text"], labels)
        for rule in COPY_RULES:
            kind = _outcome(rule, set(row["rules"]), got)
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


def _row_line(name: str, c: Counts) -> str:
    p, r = _pr(c)
    return f"{name:30s} {p:9.2f} {r:6.2f} {c['tp']:3d} {c['fp']:2d} {c['fn']:2d}"


def _errors() -> list[str]:
    lines = []
    for row in _rows():
        labels = TRICK in row["rules"]
        got = _found(row["text"], labels)
        expected = set(row["rules"])
        for rule in sorted(expected - got):
            lines.append(f"  missed {rule} [{row['lang']}]: {row['text']}")
        for rule in sorted(got - expected):
            lines.append(f"  false alarm {rule} [{row['lang']}]: {row['text']}")
    return lines


def _table() -> str:
    counts = _counts()
    lines = ["", "rule                          precision recall  tp fp fn"]
    lines += [_row_line(rule, counts[(rule, "all")]) for rule in COPY_RULES]
    lines.append(_row_line("  … as checkbox labels", _counts(labels=True)[(TRICK, "all")]))
    lines += ["", "recall (precision) per language"]
    lines.append(f"{'rule':30s} " + " ".join(f"{lang:>11s}" for lang in LANGUAGES))
    for rule in COPY_RULES:
        cells = [f"{_pr(counts[(rule, lang)])[1]:5.2f} ({_pr(counts[(rule, lang)])[0]:3.2f})" for lang in LANGUAGES]
        lines.append(f"{rule:30s} " + " ".join(cells))
    cells = [f"{_pr(_counts(labels=True)[(TRICK, lang)])[1]:5.2f} (label)" for lang in LANGUAGES]
    lines.append(f"{'  … as checkbox labels':30s} " + " ".join(cells))
    lines += ["", "misses (trick questions read as labels) and false alarms (plain text)"]
    return "\n".join(lines + _errors())


def test_the_set_is_big_varied_and_balanced() -> None:
    rows = _rows()
    assert len({r["text"] for r in rows}) == len(rows), "duplicate texts"
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert all(set(r["rules"]) <= set(COPY_RULES) and r["note"] for r in rows)
    negatives = [r for r in rows if not r["rules"]]
    assert len(negatives) >= 120
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
        (r["text"], sorted(_found(r["text"], False)))
        for r in _rows()
        if not r["rules"] and _found(r["text"], False)
    ]
    assert len(stray) <= 2, stray

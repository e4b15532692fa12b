"""Precision and recall per copy rule and per language on the blind held-out sets.

Each set was written blind, before its author read the lexicons or the earlier sets, to
measure how the copy rules generalise to wording they were never tuned on: 40+ positives
per rule over six languages, and 120+ look-alike negatives.

- ``tests/data/copy_heldout_2.jsonl``: the phrasing of newsletter pop-ups, paywalls,
  exit-intent modals, cookie banners, checkouts, booking sites and sign-up forms; 150+
  negatives (neutral declines, honest stock and delivery dates, cookie recipes, opening
  hours, quoted "last chance" headlines, compliant banner wording, review counts).
- ``tests/data/copy_heldout_3.jsonl``: exit-intent modals, paywalls, booking and
  ticketing sites, cart timers, cookie banners, checkout add-ons and sign-up forms; 130
  negatives (schedules, review counts, quoted headlines, compliant wording, double
  negatives in prose). Rows whose ``note`` starts with "fresh:" were added after the
  fixes, by an author who did not look at the fixes' wording again.
- ``tests/data/copy_heldout_4.jsonl``: 498 lines (329 positives, 169 negatives) from
  newsletter and exit-intent pop-ups, checkout add-ons, booking and ticketing flows,
  cookie banners, app prompts, cancel flows, food delivery, SaaS pricing and in-app
  purchases; negatives include quoted headlines about fake scarcity, "while stocks last"
  fine print, session time-outs, a survey's "3 questions left", demand headlines over
  activity notices and double negatives that are trick questions, not shaming. 40 rows
  noted "fresh:" use wording unlike the rest. First run: recall 0.62 confirmshaming,
  0.65 implied consent, 0.49 trick question (0.79 as labels), 0.88 countdown, 0.76
  scarcity, 0.77 social proof; precision 0.76 scarcity, 0.92 confirmshaming, 0.96
  countdown. The fixes were made as word families and checked on new wordings
  (``tests/unit/test_copy4_families.py``), not by copying its lines.

Texts are classified as ``brightline lint-text`` does (``match_copy(text)``). A trick
question written as a first-person statement with no checkbox wording ("Ich möchte mich
nicht vom Newsletter abmelden") is by design not flagged there
(``test_copy_classify.test_trick_question_needs_a_checkbox_context_or_the_control_flag``):
only the page detector knows it labels a checkbox and passes ``control=True``. So the
trick-question recall floor for plain text is lower, and the same rows are also scored
as checkbox labels, where the floor is high. The plain floor is per set: in the fourth
set most trick questions are such first-person statements ("Je ne m'oppose pas à…",
"Ik maak geen bezwaar tegen…"). Run with ``-s`` to see the tables.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from companion.copy import COPY_RULES, match_copy
from companion.lexicon import LANGUAGES

DATA = Path(__file__).resolve().parent.parent / "data"
TRICK = "sharing.trick-question"
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.8
# Per set: the smallest negative half, the floor for trick questions read as labels, and
# the floor for trick questions in plain text. A quarter (sets 2 and 3) to two fifths
# (set 4) of the trick questions are first-person statements with no checkbox wording,
# which lint-text leaves alone by design (see the module docstring).
SETS = {
    "copy_heldout_2.jsonl": (150, 0.95, 0.7),
    "copy_heldout_3.jsonl": (120, 0.9, 0.7),
    "copy_heldout_4.jsonl": (160, 0.95, 0.55),
}
# Per rule and language (about 7 positives each): one miss in a language still passes.
LANGUAGE_RECALL_FLOOR = 0.7

Counts = dict[str, int]


@cache
def _rows(name: str) -> tuple[dict, ...]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line)


@cache
def _found(text: str, labels: bool) -> frozenset[str]:
    return frozenset(m.rule for m in match_copy(text, control=labels))


def _outcome(rule: str, expected: set[str], got: frozenset[str]) -> str | None:
    if rule in got:
        return "tp" if rule in expected else "fp"
    return "fn" if rule in expected else None


@cache
def _counts(name: str, labels: bool = False) -> dict[tuple[str, str], Counts]:
    """(rule, lang) -> {"tp", "fp", "fn"}, with lang "all" for the totals.

    ``labels``: every text is read as a checkbox label (``control=True``)."""
    out: dict[tuple[str, str], Counts] = {}
    for row in _rows(name):
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


def _errors(name: str) -> list[str]:
    lines = []
    for row in _rows(name):
        labels = TRICK in row["rules"]
        got = _found(row["text"], labels)
        expected = set(row["rules"])
        for rule in sorted(expected - got):
            lines.append(f"  missed {rule} [{row['lang']}]: {row['text']}")
        for rule in sorted(got - expected):
            lines.append(f"  false alarm {rule} [{row['lang']}]: {row['text']}")
    return lines


def _table(name: str) -> str:
    counts = _counts(name)
    lines = ["", name, "rule                          precision recall  tp fp fn"]
    lines += [_row_line(rule, counts[(rule, "all")]) for rule in COPY_RULES]
    lines.append(_row_line("  … as checkbox labels", _counts(name, labels=True)[(TRICK, "all")]))
    lines += ["", "recall (precision) per language"]
    lines.append(f"{'rule':30s} " + " ".join(f"{lang:>11s}" for lang in LANGUAGES))
    for rule in COPY_RULES:
        cells = [f"{_pr(counts[(rule, lang)])[1]:5.2f} ({_pr(counts[(rule, lang)])[0]:3.2f})" for lang in LANGUAGES]
        lines.append(f"{rule:30s} " + " ".join(cells))
    cells = [f"{_pr(_counts(name, labels=True)[(TRICK, lang)])[1]:5.2f} (label)" for lang in LANGUAGES]
    lines.append(f"{'  … as checkbox labels':30s} " + " ".join(cells))
    lines += ["", "misses (trick questions read as labels) and false alarms (plain text)"]
    return "\n".join(lines + _errors(name))


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_big_varied_and_balanced(name: str) -> None:
    rows = _rows(name)
    assert len({r["text"] for r in rows}) == len(rows), "duplicate texts"
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    assert all(set(r["rules"]) <= set(COPY_RULES) for r in rows)
    negatives = [r for r in rows if not r["rules"]]
    assert len(negatives) >= SETS[name][0]
    assert {r["lang"] for r in negatives} == set(LANGUAGES)
    for rule in COPY_RULES:
        positives = [r for r in rows if rule in r["rules"]]
        assert len(positives) >= 40, rule
        for lang in LANGUAGES:
            assert sum(r["lang"] == lang for r in positives) >= 6, (rule, lang)


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("rule", COPY_RULES)
def test_precision_and_recall_floor(name: str, rule: str) -> None:
    if rule == COPY_RULES[0]:
        print(_table(name))
    precision, recall = _pr(_counts(name)[(rule, "all")])
    floor = SETS[name][2] if rule == TRICK else RECALL_FLOOR
    assert precision >= PRECISION_FLOOR, f"{rule}: precision {precision:.2f} < {PRECISION_FLOOR}"
    assert recall >= floor, f"{rule}: recall {recall:.2f} < {floor}"


@pytest.mark.parametrize("name", SETS)
def test_trick_questions_read_as_checkbox_labels(name: str) -> None:
    floor = SETS[name][1]
    precision, recall = _pr(_counts(name, labels=True)[(TRICK, "all")])
    assert precision >= PRECISION_FLOOR, f"as labels: precision {precision:.2f}"
    assert recall >= floor, f"as labels: recall {recall:.2f} < {floor}"


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_recall_floor_per_language(name: str, lang: str) -> None:
    low = {}
    for rule in COPY_RULES:
        recall = _pr(_counts(name, labels=rule == TRICK)[(rule, lang)])[1]
        if recall < LANGUAGE_RECALL_FLOOR:
            low[rule] = round(recall, 2)
    assert not low, f"{lang}: recall below {LANGUAGE_RECALL_FLOOR}: {low}"


@pytest.mark.parametrize("name", SETS)
def test_no_false_positive_on_the_negatives(name: str) -> None:
    """Look-alike negatives: at most two stray findings over the whole negative half."""
    stray = [(r["text"], sorted(_found(r["text"], False))) for r in _rows(name)
             if not r["rules"] and _found(r["text"], False)]
    assert len(stray) <= 2, stray

"""Precision and recall per copy rule on a held-out set written apart from the lexicons.

``tests/data/copy_heldout.jsonl`` was committed before the lexicons were tuned against
it: positives per rule in six languages and look-alike negatives (a bakery blog about
cookies, "remember me", opening hours, "No thanks" alone). Run with ``-s`` to see the
table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from companion.copy import COPY_RULES, match_copy
from companion.lexicon import LANGUAGES

DATA = Path(__file__).resolve().parent.parent / "data" / "copy_heldout.jsonl"
FLOOR = 0.85


def _rows() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line]


def _scores() -> dict[str, tuple[float, float, int, int, int]]:
    tp = dict.fromkeys(COPY_RULES, 0)
    fp, fn = dict(tp), dict(tp)
    for row in _rows():
        got = {m.rule for m in match_copy(row["text"])}
        expected = set(row["rules"])
        for rule in COPY_RULES:
            if rule in got and rule in expected:
                tp[rule] += 1
            elif rule in got:
                fp[rule] += 1
            elif rule in expected:
                fn[rule] += 1
    out = {}
    for rule in COPY_RULES:
        precision = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        recall = tp[rule] / (tp[rule] + fn[rule]) if tp[rule] + fn[rule] else 1.0
        out[rule] = (precision, recall, tp[rule], fp[rule], fn[rule])
    return out


def test_the_set_is_big_varied_and_balanced() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert {r["lang"] for r in rows} == set(LANGUAGES)
    negatives = [r for r in rows if not r["rules"]]
    assert len(negatives) >= 50
    for rule in COPY_RULES:
        positives = [r for r in rows if rule in r["rules"]]
        assert len(positives) >= 8, rule
        assert len({r["lang"] for r in positives}) >= 4, rule


@pytest.mark.parametrize("rule", COPY_RULES)
def test_precision_and_recall_floor(rule: str) -> None:
    scores = _scores()
    print("\nrule                          precision recall  tp fp fn")
    for name, (p, r, tp, fp, fn) in scores.items():
        print(f"{name:30s} {p:9.2f} {r:6.2f} {tp:3d} {fp:2d} {fn:2d}")
    precision, recall, *_ = scores[rule]
    assert precision >= FLOOR, f"{rule}: precision {precision:.2f} < {FLOOR}"
    assert recall >= FLOOR, f"{rule}: recall {recall:.2f} < {FLOOR}"

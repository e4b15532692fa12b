"""Precision and recall of rules over a held-out set of labelled cases, and their table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

Labels = Callable[[str], dict[str, Any]]  # case -> {"present": [rule ids], "absent": [...]}
Found = Callable[[str], frozenset[str]]  # case -> rule ids the analyzer reported


def outcomes(cases: Iterable[str], rule: str, labels: Labels, found: Found) -> dict[str, list[str]]:
    """Cases per outcome (tp, fp, fn, tn) for one rule, over the cases that judge it."""
    out: dict[str, list[str]] = {"tp": [], "fp": [], "fn": [], "tn": []}
    for case in cases:
        expected, reported = labels(case), found(case)
        if rule in expected["present"]:
            out["tp" if rule in reported else "fn"].append(case)
        elif rule in expected["absent"]:
            out["fp" if rule in reported else "tn"].append(case)
    return out


def scores(cases: list[str], rules: Iterable[str], labels: Labels, found: Found) -> dict[str, dict[str, Any]]:
    table = {}
    for rule in rules:
        out = outcomes(cases, rule, labels, found)
        tp, fp, fn = len(out["tp"]), len(out["fp"]), len(out["fn"])
        table[rule] = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
                       "tp": tp, "fp": fp, "fn": fn, "tn": len(out["tn"]),
                       "misses": out["fn"], "false_alarms": out["fp"]}
    return table


def print_table(title: str, table: dict[str, dict[str, Any]]) -> None:
    width = max(len(rule) for rule in table) + 2
    print(f"\n{title}")
    print(f"{'rule':{width}s} {'precision':>9s} {'recall':>6s} {'tp':>3s} {'fp':>3s} {'fn':>3s} {'tn':>3s}")
    for rule, s in table.items():
        print(f"{rule:{width}s} {s['precision']:9.2f} {s['recall']:6.2f} "
              f"{s['tp']:3d} {s['fp']:3d} {s['fn']:3d} {s['tn']:3d}")
        for case in s["misses"]:
            print(f"    missed: {case}")
        for case in s["false_alarms"]:
            print(f"    false alarm: {case}")


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0

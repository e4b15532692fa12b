"""Precision and recall of rules over a held-out set of labelled cases, and their table."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


@dataclass
class Tally:
    """Counts for a yes/no label (is it a tracker? an identifier?) and, on the true
    positives the auditor named, whether the organisation was right."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    org_ok: int = 0
    org_scored: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def org_accuracy(self) -> float:
        return _ratio(self.org_ok, self.org_scored)

    def add(self, expected: bool, found: bool, where: str, *, org: str | None = None,
            org_right: bool = False, got: str = "") -> None:
        """One case: ``where`` names it in errors, ``got`` says what the analyzer reported."""
        if expected and not found:
            self.fn += 1
            self.errors.append(f"MISS  {where}")
        elif expected:
            self.tp += 1
            if org is not None:
                self.org_scored += 1
                self.org_ok += org_right
                if not org_right:
                    self.errors.append(f"ORG   {org!r} got {got}: {where}")
        elif found:
            self.fp += 1
            self.errors.append(f"FALSE {where} ({got})")
        else:
            self.tn += 1


def tally_table(result: dict[str, Tally], positives: str = "trackers") -> str:
    width = max(len(positives), 8)
    lines = [f"{'subset':<12} {positives:>{width}} {'others':>6} {'precision':>9} {'recall':>6} "
             f"{'org acc':>7}  tp/fp/fn, org ok/scored"]
    for name, s in result.items():
        lines.append(f"{name:<12} {s.tp + s.fn:>{width}} {s.fp + s.tn:>6} {s.precision:>9.3f} "
                     f"{s.recall:>6.3f} {s.org_accuracy:>7.3f}  "
                     f"{s.tp}/{s.fp}/{s.fn}, {s.org_ok}/{s.org_scored}")
    return "\n".join(lines)

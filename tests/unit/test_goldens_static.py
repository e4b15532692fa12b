"""Static golden cases: saved pages in the markup of commercial consent platforms and shops.

Each ``tests/fixtures/static/<case>/`` holds ``page.html`` (the rendered DOM as "Save page
as…" stores it, with the page's own CSS) and ``expected.json``
(``{"url": …, "present": [rule ids], "absent": [rule ids]}``), written as what a correct
auditor would report. Every ``present`` rule must be found and no ``absent`` rule may be.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

STATIC = Path(__file__).resolve().parent.parent / "fixtures" / "static"
CASES = sorted(p.name for p in STATIC.iterdir() if (p / "expected.json").is_file())


def _expected(case: str) -> dict[str, Any]:
    return json.loads((STATIC / case / "expected.json").read_text(encoding="utf-8"))


@cache
def _found(case: str) -> tuple[frozenset[str], str]:
    # Imported here so that collection works before `check` lands; a missing module fails.
    from companion.commands.check import analyze_file

    analysis = analyze_file(STATIC / case / "page.html", url=_expected(case)["url"])
    rules = frozenset(f.rule for f in analysis.findings)
    summary = "; ".join(f"{f.rule}: {f.message[:120]}" for f in analysis.findings) or "no findings"
    if analysis.errors:
        summary += f" | detector errors: {analysis.errors}"
    return rules, summary


def test_there_are_cases_in_every_language() -> None:
    langs = set()
    for case in CASES:
        head = (STATIC / case / "page.html").read_text(encoding="utf-8")[:400]
        marker = head.split('<html lang="', 1)[1][:2] if '<html lang="' in head else ""
        langs.add(marker)
    assert {"en", "de", "fr", "es", "it", "nl"} <= langs


@pytest.mark.parametrize("case", CASES)
def test_expected_rules_are_present(case: str) -> None:
    expected = _expected(case)
    rules, summary = _found(case)
    missing = sorted(set(expected["present"]) - rules)
    assert not missing, f"{case}: expected {missing} but found: {summary}"


@pytest.mark.parametrize("case", CASES)
def test_absent_rules_are_not_reported(case: str) -> None:
    expected = _expected(case)
    rules, summary = _found(case)
    wrong = sorted(set(expected["absent"]) & rules)
    assert not wrong, f"{case}: must not report {wrong}; found: {summary}"

"""The rule catalog: one machine-readable list read by the analyzer, the popup, reports and SARIF."""

from __future__ import annotations

import json
from functools import cache

import msgspec

from companion.models import Severity
from companion.resources import data_path


class Reference(msgspec.Struct, frozen=True):
    id: str
    title: str
    url: str


class Rule(msgspec.Struct, frozen=True):
    id: str
    severity: Severity
    concern: str
    title: str
    why: str
    references: tuple[Reference, ...]


@cache
def rules() -> dict[str, Rule]:
    raw = json.loads(data_path("rules.json").read_text(encoding="utf-8"))
    refs = {key: Reference(id=key, **val) for key, val in raw["references"].items()}
    catalog: dict[str, Rule] = {}
    for entry in raw["rules"]:
        missing = [r for r in entry["references"] if r not in refs]
        if missing:
            raise ValueError(f"rules.json: rule {entry['id']} cites unknown references {missing}")
        catalog[entry["id"]] = Rule(
            id=entry["id"],
            severity=entry["severity"],
            concern=entry["concern"],
            title=entry["title"],
            why=entry["why"],
            references=tuple(refs[r] for r in entry["references"]),
        )
    return catalog


def rule(rule_id: str) -> Rule:
    try:
        return rules()[rule_id]
    except KeyError:
        raise KeyError(f"unknown rule id {rule_id!r}") from None


def as_json() -> list[dict]:
    return [msgspec.to_builtins(r) for r in rules().values()]

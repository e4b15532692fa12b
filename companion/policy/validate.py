"""From parsed TOML to a :class:`Policy`, or a :class:`PolicyError` naming the file and line."""

from __future__ import annotations

import difflib
import json
import re
from datetime import date, datetime
from functools import cache
from typing import Any

from companion.catalog import rules
from companion.errors import BrightlineError
from companion.models import SEVERITIES
from companion.policy.locate import KeyPath, LineIndex
from companion.policy.model import Allow, Ignore, Policy
from companion.resources import data_path

FAIL_ON_VALUES = (*SEVERITIES, "none")
TOP_KEYS = ("fail-on", "severity", "ignore", "allow")
IGNORE_KEYS = ("rule", "pages", "reason", "expires")
ALLOW_KEYS = ("vendors", "hosts")
_HOST = re.compile(r"^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class PolicyError(BrightlineError):
    """A mistake in a policy file. The message starts with ``FILE:LINE:``."""


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class Validator:
    def __init__(self, file: str, index: LineIndex, prefix: KeyPath = ()) -> None:
        self.file = file
        self.index = index
        self.prefix = prefix  # ("tool", "brightline") inside pyproject.toml

    def line(self, *path: str | int) -> int:
        return self.index.line((*self.prefix, *path))

    def error(self, path: tuple[str | int, ...], message: str) -> PolicyError:
        return PolicyError(f"{self.file}:{self.line(*path)}: {message}")

    def policy(self, data: dict[str, Any]) -> Policy:
        self._known_keys(data, TOP_KEYS, (), "at the top level")
        return Policy(
            file=self.file,
            fail_on=self._fail_on(data),
            severity=self._severity(data.get("severity", {})),
            ignores=self._ignores(data.get("ignore", [])),
            allow=self._allow(data.get("allow", {})),
        )

    # -- sections -------------------------------------------------------------------------
    def _fail_on(self, data: dict[str, Any]) -> str | None:
        if "fail-on" not in data:
            return None
        value = data["fail-on"]
        if not isinstance(value, str) or value not in FAIL_ON_VALUES:
            hint = did_you_mean(value, FAIL_ON_VALUES) if isinstance(value, str) else ""
            raise self.error(
                ("fail-on",), f"fail-on must be one of {', '.join(FAIL_ON_VALUES)}, not {value!r}{hint}"
            )
        return value

    def _severity(self, table: Any) -> dict[str, str]:
        if not isinstance(table, dict):
            raise self.error(("severity",), '[severity] must be a table of "rule.id" = "severity"')
        out: dict[str, str] = {}
        for rule_id, value in table.items():
            self._rule_id(rule_id, ("severity", rule_id))
            if not isinstance(value, str) or value not in SEVERITIES:
                hint = did_you_mean(value, SEVERITIES) if isinstance(value, str) else ""
                raise self.error(
                    ("severity", rule_id),
                    f"severity of {rule_id} must be one of {', '.join(SEVERITIES)}, not {value!r}{hint}",
                )
            out[rule_id] = value
        return out

    def _ignores(self, entries: Any) -> tuple[Ignore, ...]:
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise self.error(("ignore",), "ignore must be a list of [[ignore]] tables")
        return tuple(self._ignore(n, entry) for n, entry in enumerate(entries))

    def _ignore(self, n: int, entry: dict[str, Any]) -> Ignore:
        name = f"[[ignore]] #{n + 1}"
        self._known_keys(entry, IGNORE_KEYS, ("ignore", n), f"in {name}")
        self._require(entry, "rule", n, f'{name} has no rule: name the one to ignore, e.g. rule = "pressure.countdown"')
        rule_id = self._string(entry["rule"], ("ignore", n, "rule"), f"{name}: rule")
        self._rule_id(rule_id, ("ignore", n, "rule"))
        name = f"{name} ({rule_id})"
        self._require(entry, "reason", n, f'{name} has no reason: say why it is accepted, e.g. reason = "LEG-42"')
        reason = self._string(entry["reason"], ("ignore", n, "reason"), f"{name}: reason")
        self._require(entry, "expires", n, f"{name} has no expires: the last day it applies, e.g. expires = 2026-12-31")
        expires = entry["expires"]
        if isinstance(expires, datetime) or not isinstance(expires, date):
            raise self.error(
                ("ignore", n, "expires"),
                f"{name}: expires must be a TOML date without quotes, e.g. expires = 2026-12-31, not {expires!r}",
            )
        pages = entry.get("pages", ())
        if isinstance(pages, str):
            pages = [pages]
        if not isinstance(pages, (list, tuple)) or not all(isinstance(p, str) and p.strip() for p in pages):
            raise self.error(
                ("ignore", n, "pages"),
                f'{name}: pages must be a glob or a list of globs on the URL path, e.g. pages = "/checkout/*"',
            )
        return Ignore(rule_id, reason, expires, tuple(pages), self.line("ignore", n))

    def _allow(self, table: Any) -> Allow:
        if not isinstance(table, dict):
            raise self.error(("allow",), "[allow] must be a table with vendors and hosts")
        self._known_keys(table, ALLOW_KEYS, ("allow",), "in [allow]")
        vendors = self._string_list(table.get("vendors", []), ("allow", "vendors"), "allow.vendors")
        known = _vendor_names()
        for vendor in vendors:
            if vendor.casefold() not in known:
                raise self.error(
                    ("allow", "vendors"),
                    f"allow.vendors: {vendor!r} is not an organization in Brightline's tracker map"
                    f"{did_you_mean(vendor, sorted(known.values()))} (allow other trackers by host: hosts = [...])",
                )
        hosts = self._string_list(table.get("hosts", []), ("allow", "hosts"), "allow.hosts")
        for host in hosts:
            if not _HOST.match(host):
                raise self.error(
                    ("allow", "hosts"),
                    f"allow.hosts: {host!r} is not a host name or *.domain pattern (no scheme, path or port)",
                )
        return Allow(frozenset(v.casefold() for v in vendors), tuple(hosts), self.line("allow"))

    # -- helpers --------------------------------------------------------------------------
    def _require(self, entry: dict[str, Any], key: str, n: int, message: str) -> None:
        if key not in entry:
            raise self.error(("ignore", n), message)

    def _known_keys(self, table: dict[str, Any], allowed: tuple[str, ...], where: KeyPath, place: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.error(
                    (*where, key),
                    f"unknown key {key!r} {place}{did_you_mean(key, allowed)} (known: {', '.join(allowed)})",
                )

    def _rule_id(self, rule_id: str, path: KeyPath) -> None:
        if rule_id not in rules():
            raise self.error(path, f"unknown rule id {rule_id!r}{did_you_mean(rule_id, list(rules()))}")

    def _string(self, value: Any, path: KeyPath, what: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.error(path, f"{what} must be a non-empty string, not {value!r}")
        return value

    def _string_list(self, value: Any, path: KeyPath, what: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(path, f"{what} must be a list of strings, not {value!r}")
        return value


@cache
def _vendor_names() -> dict[str, str]:
    """Organization names in the tracker entity map, casefolded -> as written."""
    raw = json.loads(data_path("trackers", "entities.json").read_text(encoding="utf-8"))
    return {org["name"].casefold(): org["name"] for org in raw["organizations"].values()}

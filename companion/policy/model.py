"""The typed policy: what a loaded, validated ``brightline.toml`` says."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fnmatch import fnmatchcase
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Ignore:
    """One ``[[ignore]]`` entry: findings of ``rule`` on matching pages do not count until ``expires``."""

    rule: str
    reason: str
    expires: date
    pages: tuple[str, ...] = ()  # globs on the URL path, or on the full URL when they contain "://"
    line: int = 0

    def active(self, today: date) -> bool:
        """The expiry date is the last day the ignore applies."""
        return today <= self.expires

    def matches(self, rule: str, urls: list[str]) -> bool:
        if rule != self.rule:
            return False
        if not self.pages:
            return True
        return any(_page_matches(pattern, url) for pattern in self.pages for url in urls)


@dataclass(frozen=True)
class Allow:
    """``[allow]``: trackers a team has accepted, by organization or by host."""

    vendors: frozenset[str] = frozenset()  # casefolded organization names
    hosts: tuple[str, ...] = ()  # "stats.example.com" or "*.example-cdn.net"
    line: int = 0

    def __bool__(self) -> bool:
        return bool(self.vendors or self.hosts)

    def vendor(self, organization: str | None) -> bool:
        return bool(organization) and organization.casefold() in self.vendors  # type: ignore[union-attr]

    def host(self, host: str | None) -> bool:
        if not host:
            return False
        host = host.lower().rstrip(".")
        for pattern in self.hosts:
            if pattern.startswith("*."):
                if host.endswith(pattern[1:]):
                    return True
            elif host == pattern:
                return True
        return False


@dataclass(frozen=True)
class Policy:
    file: str
    fail_on: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    ignores: tuple[Ignore, ...] = ()
    allow: Allow = field(default_factory=Allow)

    def where(self, line: int) -> str:
        return f"{self.file}:{line}"


def _page_matches(pattern: str, url: str) -> bool:
    if "://" in pattern:
        return fnmatchcase(url, pattern)
    try:
        path = urlsplit(url).path or "/"
    except ValueError:
        return False
    return fnmatchcase(path, pattern)

"""Cookie and storage-key names → platform, purpose and data controller (Open Cookie Database).

Many database names are short and generic (``A``, ``s``, ``uid``, ``token``) and only mean
something on the domain the database records for them (``facebook.com``). A name with a
recorded domain therefore matches anywhere only when it is distinctive (``_fbp``,
``AMCV_``, ``_hjSessionUser``); otherwise the cookie must sit on that domain. Wildcard
entries match as prefixes (``_ga_`` matches ``_ga_ABC123``), but not as the start of a longer
lower-case word (``_gat`` does not match ``_gateway_session``).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache

from companion.resources import data_path
from companion.sites import registrable_domain

CATEGORIES = frozenset({
    "Functional", "Marketing", "Analytics", "Security", "Necessary", "Personalization",
})
#: Purposes that need consent: the cookie identifies or profiles the person.
TRACKING_PURPOSES = frozenset({"Marketing", "Analytics", "Personalization"})
#: Open Cookie Database category → Brightline tracker category.
CATEGORY_MAP = {"Marketing": "advertising", "Analytics": "analytics",
                "Personalization": "personalization"}

COLUMNS = ("ID", "Platform", "Category", "Cookie / Data Key name", "Domain", "Description",
           "Retention period", "Data Controller", "User Privacy & GDPR Rights Portals",
           "Wildcard match")
_DOMAIN_TOKEN = re.compile(r"[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)+")
#: Entries whose names record a state, not a person: an opt-out, a test, a debug switch.
_NOT_AN_IDENTIFIER = re.compile(r"opt_?out|opout|test|debug|disabled", re.I)
#: Recorded without a domain, yet ordinary words any site might use for its own cookies or
#: storage keys; they only count on a domain the database names.
GENERIC_NAMES = frozenset({
    "europe", "searchterm", "pagereferrer", "sitereferrer", "querystring", "currentcontact",
    "visitorstatus", "focustime", "blurtime", "calviewstate", "sidebarpinned", "lantern",
    "cmslandingpageloaded", "cmsuserpage", "tareturnto", "tatravelinfo",
})


class CookieDataError(ValueError):
    """The cookie database does not have the expected shape."""


@dataclass(frozen=True, slots=True)
class CookieInfo:
    name: str  # the database entry (a prefix for wildcard entries)
    platform: str
    category: str  # Open Cookie Database category
    controller: str
    domains: tuple[str, ...]  # registrable domains the entry is recorded for, if any
    wildcard: bool

    @property
    def tracking(self) -> bool:
        return self.category in TRACKING_PURPOSES


def distinctive(name: str) -> bool:
    """Names unlikely to be chosen by chance for another purpose."""
    return len(name) >= 4 and (any(c in name for c in "_-") or len(name) >= 7)


class CookieDatabase:
    def __init__(self, entries: list[CookieInfo]) -> None:
        self.entries = entries
        self._exact: dict[str, list[CookieInfo]] = {}
        self._folded: dict[str, list[CookieInfo]] = {}
        self._prefixes: list[CookieInfo] = []
        for e in entries:
            if e.wildcard:
                self._prefixes.append(e)
            else:
                self._exact.setdefault(e.name, []).append(e)
                self._folded.setdefault(e.name.lower(), []).append(e)
        self._prefixes.sort(key=lambda e: -len(e.name))

    def __len__(self) -> int:
        return len(self.entries)

    def lookup(self, name: str, domain: str = "") -> CookieInfo | None:
        """The entry for a cookie (or storage key) ``name`` set on ``domain`` (may be empty)."""
        site = registrable_domain(domain.lstrip(".")) if domain else ""
        for candidates in (self._exact.get(name), self._folded.get(name.lower())):
            found = _pick(candidates, name, site)
            if found is not None:
                return found
        for e in self._prefixes:
            if _extends(name, e.name) and _applies(e, e.name, site):
                return e
        return None


def _extends(name: str, prefix: str) -> bool:
    """``name`` is ``prefix`` plus an id, not a longer word (``_gat`` is no prefix of ``_gateway``)."""
    if not name.startswith(prefix) or len(name) == len(prefix):
        return name == prefix
    last, following = prefix[-1], name[len(prefix)]
    return not (last.islower() and following.islower())


def _pick(candidates: list[CookieInfo] | None, name: str, site: str) -> CookieInfo | None:
    if not candidates:
        return None
    on_domain = [e for e in candidates if site and site in e.domains]
    if on_domain:
        return on_domain[0]
    for e in candidates:
        if _applies(e, name, site):
            return e
    return None


def _applies(entry: CookieInfo, name: str, site: str) -> bool:
    if not entry.domains:
        return (len(name) >= 4 or "_" in name) and entry.name.lower() not in GENERIC_NAMES
    if site and site in entry.domains:
        return True
    return distinctive(name)


def parse_database(text: str, origin: str = "open-cookie-database.csv") -> CookieDatabase:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header[: len(COLUMNS)]) != COLUMNS:
        raise CookieDataError(f"{origin}: unexpected header {header!r}; expected {COLUMNS}")
    entries: list[CookieInfo] = []
    for lineno, row in enumerate(reader, start=2):
        if not row or not any(row):
            continue
        if len(row) < len(COLUMNS):
            raise CookieDataError(f"{origin}:{lineno}: {len(row)} columns, need {len(COLUMNS)}")
        name, category, wildcard = row[3].strip(), row[2].strip(), row[9].strip()
        if not name:
            raise CookieDataError(f"{origin}:{lineno}: empty cookie name")
        if category not in CATEGORIES:
            raise CookieDataError(f"{origin}:{lineno}: unknown category {category!r}")
        if wildcard not in ("0", "1"):
            raise CookieDataError(f"{origin}:{lineno}: wildcard flag must be 0 or 1")
        is_wild = wildcard == "1"
        if is_wild and len(name) < 4 and "_" not in name:
            continue  # "cap" or "NPA" as a prefix would match other people's cookies
        domains = tuple(dict.fromkeys(
            registrable_domain(d.strip(".")) for d in _DOMAIN_TOKEN.findall(row[4].lower())
        ))
        if category in TRACKING_PURPOSES and _NOT_AN_IDENTIFIER.search(name):
            category = "Functional"
        entries.append(CookieInfo(name=name, platform=row[1].strip(), category=category,
                                  controller=row[7].strip() or row[1].strip(),
                                  domains=domains, wildcard=is_wild))
    return CookieDatabase(entries)


@cache
def cookie_database() -> CookieDatabase:
    path = data_path("trackers", "open-cookie-database.csv")
    return parse_database(path.read_text(encoding="utf-8"), origin=str(path))

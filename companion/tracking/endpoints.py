"""Tracker endpoints recognised by the shape of the request, whatever host serves them.

Server-side tagging and reverse proxies move trackers onto the site's own domain
(``metrics.shop.example/g/collect?v=2&tid=G-…``), and self-hosted analytics never had a
third-party host at all (``/matomo.php?idsite=1&rec=1``). The host says nothing there; the
protocol still does: a GA4 measurement id with ``v=2``, a Meta pixel id with an event name,
Adobe's ``/b/ss/`` report suite path. Each endpoint in ``entities.json`` names such a shape:

- ``path``: a regular expression searched in the URL path (case-insensitive);
- ``query``: parameters that must all be present, each value matching a regular expression;
- ``hosts``: optionally, the only domains (and their subdomains) the shape applies to;
- ``host_label``: a regular expression for the first label of a sub-domain. Self-hosted
  tools usually live on a sub-domain named after the product (``umami.blog.example``),
  and their own URLs (``/api/send``, ``/script.js``) are too generic to recognise;
- ``bare``: the request carries no query at all. Plausible's event call is a bare POST to
  ``/api/event``; the site's own ``/api/event?id=4821`` is an ordinary lookup.

An endpoint without ``org`` is self-hosted software: the site itself runs it and is the
organization behind it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl

from companion.sites import registrable_domain

#: Requests that carry content or the page itself, never a measurement: skipped before
#: any regex runs.
NEVER_ENDPOINT_TYPES = frozenset({"stylesheet", "font", "media", "document"})


class EndpointDataError(ValueError):
    """An endpoint in entities.json does not follow its schema."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    service: str
    org_id: str | None  # None: self-hosted software, the site is the organization
    organization: str | None
    category: str
    path: re.Pattern[str] | None
    query: tuple[tuple[str, re.Pattern[str]], ...]
    hosts: tuple[str, ...]
    cookieless: bool = False
    host_label: re.Pattern[str] | None = None
    bare: bool = False  # only a request without a query

    def matches(self, host: str, path: str, params: dict[str, str]) -> bool:
        if self.bare and params:
            return False
        if self.hosts and not any(host == d or host.endswith("." + d) for d in self.hosts):
            return False
        if self.path is not None and self.path.search(path) is None:
            return False
        if self.host_label is not None and not _product_subdomain(self.host_label, host):
            return False
        for key, value in self.query:
            got = params.get(key)
            if got is None or value.search(got) is None:
                return False
        return True


def _product_subdomain(label: re.Pattern[str], host: str) -> bool:
    """``umami.blog.example`` is a self-hosted Umami; ``umami.is`` is the vendor's own site."""
    return label.fullmatch(host.partition(".")[0]) is not None and \
        host != registrable_domain(host)


def split_target(rest: str) -> tuple[str, str]:
    """``[:port]/path?query#fragment`` (a URL after its host) → (path, query)."""
    hash_at = rest.find("#")
    if hash_at >= 0:
        rest = rest[:hash_at]
    if rest.startswith(":"):  # a port
        slash = rest.find("/")
        rest = rest[slash:] if slash >= 0 else ""
    query_at = rest.find("?")
    if query_at >= 0:
        return rest[:query_at] or "/", rest[query_at + 1:]
    return rest or "/", ""


class EndpointIndex:
    """All endpoints behind one cheap gate, a regex over the raw ``path?query``."""

    def __init__(self, endpoints: list[Endpoint]) -> None:
        self.endpoints = endpoints
        self._shaped = [e for e in endpoints if e.host_label is None]
        self._labelled = [e for e in endpoints if e.host_label is not None]
        self._gate = _gate(self._shaped)
        self._label_gate = _label_gate(self._labelled)
        # a page asks about the same few host labels again and again
        self._labelled_host = lru_cache(maxsize=4096)(self._label_match)

    def __len__(self) -> int:
        return len(self.endpoints)

    def _label_match(self, label: str) -> bool:
        return self._label_gate.fullmatch(label) is not None

    def match(self, host: str, rest: str, req_type: str = "other") -> Endpoint | None:
        """The endpoint a request to ``host`` with ``rest`` (URL after the host) calls.

        A request shape wins over a host label: ``matomo.php`` on ``umami.site.example``
        is Matomo.
        """
        if req_type in NEVER_ENDPOINT_TYPES:
            return None
        candidates = self._shaped if self._gate.search(rest) is not None else []
        if self._labelled_host(host.partition(".")[0]):
            candidates = candidates + self._labelled
        if not candidates:
            return None
        path, query = split_target(rest)
        params = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
        for endpoint in candidates:
            if endpoint.matches(host, path, params):
                return endpoint
        return None


def _gate(endpoints: list[Endpoint]) -> re.Pattern[str]:
    """One regex that matches wherever any endpoint might: a prefilter, not a verdict.

    Path patterns all start at a slash, so the slash is factored out and the engine jumps
    from slash to slash instead of trying every alternative at every character. The ``^``
    is dropped (the gate only gets wider) and ``$``, the end of the path, becomes "before
    the query or the end". Query-only endpoints are gated on their first parameter name.
    Bodies that start with a plain letter are grouped behind a look-ahead for it, so at
    each slash the engine tries only the few alternatives that can start there.
    """
    bodies = [_END_OF_PATH.sub(r"(?=[?#]|$)", _PATH_START.sub("", e.path.pattern))
              for e in endpoints if e.path is not None]
    keys = sorted({re.escape(e.query[0][0]) for e in endpoints if e.path is None})
    parts = []
    if bodies:
        by_first: dict[str, list[str]] = {}
        others: list[str] = []
        for body in bodies:
            if _PLAIN_START.match(body):
                by_first.setdefault(body[0].lower(), []).append(body)
            else:
                others.append(body)
        branches = [f"(?={re.escape(first)})(?:" + "|".join(f"(?:{b})" for b in group) + ")"
                    for first, group in sorted(by_first.items())]
        branches += [f"(?:{b})" for b in others]
        parts.append("/(?:" + "|".join(branches) + ")")
    if keys:
        parts.append("[?&](?:" + "|".join(keys) + ")=")
    return re.compile("|".join(parts) or r"(?!)", re.I)


def _label_gate(endpoints: list[Endpoint]) -> re.Pattern[str]:
    """One regex over a host's first label, for the endpoints recognised by it."""
    patterns = list(dict.fromkeys(e.host_label.pattern for e in endpoints
                                  if e.host_label is not None))
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.I)


_PATH_START = re.compile(r"^\^?/")
#: A body whose first character is a plain literal, not quantified: ``umami…``, not ``e?…``.
_PLAIN_START = re.compile(r"^[A-Za-z0-9_@-](?![?*+{])")
_END_OF_PATH = re.compile(r"(?<!\\)\$")


_KEYS = {"service", "org", "category", "path", "query", "hosts", "host_label", "cookieless",
         "bare", "note"}


def parse_endpoints(raw: Any, org_names: dict[str, str], categories: frozenset[str],
                    origin: str) -> EndpointIndex:
    """Validate and compile the ``endpoints`` list. Errors name the offending entry."""
    if raw is None:
        return EndpointIndex([])
    if not isinstance(raw, list):
        raise EndpointDataError(f"{origin}: 'endpoints' must be a list")
    return EndpointIndex([_endpoint(item, org_names, categories, f"{origin}: endpoints[{i}]")
                          for i, item in enumerate(raw)])


def _endpoint(item: Any, org_names: dict[str, str], categories: frozenset[str],
              where: str) -> Endpoint:
    if not isinstance(item, dict) or set(item) - _KEYS:
        raise EndpointDataError(f"{where} must be an object with only {sorted(_KEYS)}")
    service = item.get("service")
    if not isinstance(service, str) or not service.strip():
        raise EndpointDataError(f"{where}.service must be a non-empty string")
    org_id = item.get("org")
    if org_id is not None and org_id not in org_names:
        raise EndpointDataError(f"{where}.org {org_id!r} is not an organization id")
    category = item.get("category")
    if category not in categories:
        raise EndpointDataError(f"{where}.category {category!r} is not one of "
                                f"{sorted(categories)}")
    path = _regex(item.get("path"), f"{where}.path", re.I) if "path" in item else None
    if path is not None and not _PATH_START.match(path.pattern):
        raise EndpointDataError(f"{where}.path must start with / or ^/")
    query = item.get("query", {})
    if not isinstance(query, dict):
        raise EndpointDataError(f"{where}.query must be an object of parameter: regex")
    host_label = _regex(item["host_label"], f"{where}.host_label", re.I) \
        if "host_label" in item else None
    if path is None and not query and host_label is None:
        raise EndpointDataError(f"{where} needs a path, a query, a host_label, or several")
    hosts = item.get("hosts", [])
    if not isinstance(hosts, list) or not all(isinstance(h, str) and h for h in hosts):
        raise EndpointDataError(f"{where}.hosts must be a list of host names")
    cookieless = item.get("cookieless", False)
    bare = item.get("bare", False)
    if not isinstance(cookieless, bool) or not isinstance(bare, bool):
        raise EndpointDataError(f"{where}.cookieless and .bare must be true or false")
    if bare and query:
        raise EndpointDataError(f"{where} cannot be bare and require query parameters")
    return Endpoint(
        service=service, org_id=org_id,
        organization=org_names[org_id] if org_id is not None else None,
        category=category, path=path,
        query=tuple((k, _regex(v, f"{where}.query.{k}", 0)) for k, v in query.items()),
        hosts=tuple(hosts), cookieless=cookieless, host_label=host_label, bare=bare)


def _regex(value: Any, where: str, flags: int) -> re.Pattern[str]:
    if not isinstance(value, str) or not value:
        raise EndpointDataError(f"{where} must be a non-empty regular expression")
    try:
        return re.compile(value, flags)
    except re.error as exc:
        raise EndpointDataError(f"{where}: {exc}") from None

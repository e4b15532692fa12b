"""A small Adblock Plus filter engine for request rules (EasyPrivacy), written for Brightline.

Supported: ``||host^`` anchors (answered from a host dictionary), ``|`` start/end anchors,
``*`` and ``^`` in patterns, ``/regex/`` rules, ``@@`` exceptions, and the options
``third-party``/``~third-party`` (``3p``/``1p``), resource types and their negations,
``domain=a|~b`` and ``match-case``. Cosmetic rules are ignored, and so is every rule with an
option this engine does not understand (``csp``, ``redirect``, ``popup``, …): a rule that
cannot be honoured exactly is better skipped than half-applied.

Generic rules are found through a token index, as adblock engines do: each rule is filed
under one alphanumeric token that every URL it matches must contain (the rarest one), and
a URL only tests the rules filed under its own tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

import msgspec

#: Resource types as filter options name them.
TYPES: frozenset[str] = frozenset({
    "script", "image", "stylesheet", "object", "xmlhttprequest", "subdocument", "ping",
    "websocket", "webrtc", "document", "font", "media", "other",
})
_TYPE_ALIASES = {
    "xhr": "xmlhttprequest", "fetch": "xmlhttprequest", "xmlhttprequest": "xmlhttprequest",
    "sub_frame": "subdocument", "subdocument": "subdocument", "frame": "subdocument",
    "iframe": "subdocument", "main_frame": "document", "document": "document",
    "beacon": "ping", "ping": "ping", "csp_report": "ping", "img": "image",
    "imageset": "image", "image": "image", "css": "stylesheet", "stylesheet": "stylesheet",
    "script": "script", "font": "font", "media": "media", "object": "object",
    "object_subrequest": "object", "websocket": "websocket", "eventsource": "xmlhttprequest",
}
_IGNORED_OPTIONS = frozenset({"important", "all"})
_OPTION_ALIASES = {"xhr": "xmlhttprequest", "frame": "subdocument", "css": "stylesheet",
                   "beacon": "ping"}
_TOKEN = re.compile(r"[a-z0-9%]{2,}")
_HOST_ONLY = re.compile(r"^\|\|([a-z0-9.-]+)\^?$")
_OPTIONS = re.compile(r"^~?[a-z0-9_-]+(?:[=,]|$)")
_COMMON_TOKENS = frozenset({"http", "https", "www", "com", "js", "net", "org"})


def normalize_type(resource_type: str | None) -> str:
    """Map Playwright, webRequest and static-builder types onto filter-option types."""
    if not resource_type:
        return "other"
    return _TYPE_ALIASES.get(resource_type.lower(), "other")


class Filter(msgspec.Struct, array_like=True, omit_defaults=True):
    raw: str
    exception: bool = False
    host: str | None = None  # a pure ``||host^`` rule
    substring: str | None = None  # a plain pattern, no wildcards or anchors
    pattern: str | None = None  # filter pattern (or regex source), compiled on first use
    is_regex: bool = False
    match_case: bool = False
    third_party: bool | None = None
    types: frozenset[str] | None = None
    not_types: frozenset[str] = frozenset()
    domains: tuple[str, ...] = ()
    not_domains: tuple[str, ...] = ()

    def options_match(self, req_type: str, third_party: bool, source_host: str) -> bool:
        if self.third_party is not None and self.third_party != third_party:
            return False
        if self.types is not None and req_type not in self.types:
            return False
        if req_type in self.not_types:
            return False
        if self.not_domains and _host_in(source_host, self.not_domains):
            return False
        if self.domains and not _host_in(source_host, self.domains):
            return False
        return True

    def pattern_match(self, url: str, url_lower: str) -> bool:
        target = url if self.match_case else url_lower
        if self.substring is not None:
            return self.substring in target
        if self.pattern is None:
            return True  # a host rule, already matched through the dictionary
        return _compiled(self.pattern, self.is_regex, self.match_case).search(target) is not None


@cache
def _compiled(pattern: str, is_regex: bool, match_case: bool) -> re.Pattern[str]:
    return re.compile(pattern if is_regex else _to_regex(pattern), 0 if match_case else re.I)


def _host_in(host: str, domains: tuple[str, ...]) -> bool:
    for d in domains:
        if host == d or host.endswith("." + d):
            return True
    return False


def parse_filter(line: str) -> Filter | None:
    """One filter-list line → a request ``Filter``, or None (comment, cosmetic, unsupported)."""
    line = line.strip()
    if not line or line[0] in "![" or "##" in line or "#@#" in line or "#?#" in line \
            or "#$#" in line or "#%#" in line:
        return None
    f = Filter(raw=line)
    if line.startswith("@@"):
        f.exception = True
        line = line[2:]
    pattern, options = line, ""
    dollar = line.rfind("$")
    if dollar >= 0 and not (line.startswith("/") and line.endswith("/")):
        candidate = line[dollar + 1:]
        if _OPTIONS.match(candidate):
            pattern, options = line[:dollar], candidate
    if options and not _apply_options(f, options):
        return None
    if not f.match_case:
        pattern = pattern.lower()
    if not pattern or pattern in ("*", "|", "||"):
        return None if not (f.domains or f.types) else _generic_all(f)
    if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
        f.pattern = pattern[1:-1]
        f.is_regex = True
        try:
            re.compile(f.pattern)
        except re.error:
            return None
        return f
    host = _HOST_ONLY.match(pattern)
    if host:
        f.host = host.group(1)
        return f
    stripped = pattern.strip("*")
    if stripped and not any(c in stripped for c in "*^|"):
        f.substring = stripped
        return f
    f.pattern = pattern
    return f


def _generic_all(f: Filter) -> Filter:
    f.pattern = None
    f.substring = ""
    return f


def _apply_options(f: Filter, options: str) -> bool:
    types: set[str] = set()
    not_types: set[str] = set()
    for opt in options.split(","):
        opt = opt.strip()
        if not opt:
            continue
        negated = opt.startswith("~")
        name = opt[1:] if negated else opt
        if name in ("third-party", "3p"):
            f.third_party = not negated
        elif name in ("first-party", "1p"):
            f.third_party = negated
        elif name == "match-case":
            f.match_case = True
        elif name in TYPES or name in _OPTION_ALIASES:
            (not_types if negated else types).add(_OPTION_ALIASES.get(name, name))
        elif name.startswith("domain=") and not negated:
            incl, excl = [], []
            for d in name[7:].split("|"):
                d = d.strip().lower()
                if not d:
                    continue
                if d.startswith("~"):
                    excl.append(d[1:])
                else:
                    incl.append(d)
            f.domains, f.not_domains = tuple(incl), tuple(excl)
        elif name in _IGNORED_OPTIONS:
            continue
        else:
            return False  # csp, redirect, popup, document, elemhide, badfilter …
    if types:
        f.types = frozenset(types)
    f.not_types = frozenset(not_types)
    return True


def _to_regex(pattern: str) -> str:
    out: list[str] = []
    i = 0
    if pattern.startswith("||"):
        out.append(r"^[a-z][a-z0-9+.-]*:/+(?:[^/?#]*\.)?")
        i = 2
    elif pattern.startswith("|"):
        out.append("^")
        i = 1
    end_anchor = pattern.endswith("|") and len(pattern) > i
    body = pattern[i:-1] if end_anchor else pattern[i:]
    for ch in body:
        if ch == "*":
            out.append(".*")
        elif ch == "^":
            out.append(r"(?:[^\w\-.%]|$)")
        else:
            out.append(re.escape(ch))
    if end_anchor:
        out.append("$")
    return "".join(out)


def _tokens(f: Filter) -> list[str]:
    """Tokens a matching URL must contain whole (bounded by separators, not wildcards)."""
    if f.host is not None:
        return []
    if f.substring is not None:
        text, left_anchored, right_anchored = f.substring, False, False
    elif f.pattern is not None and not f.is_regex:
        text = f.pattern
        left_anchored = text.startswith("|")
        right_anchored = text.endswith("|")
        text = text.lstrip("|").rstrip("|")
    else:
        return []
    found = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        before = text[start - 1] if start > 0 else None
        after = text[end] if end < len(text) else None
        if before == "*" or after == "*":
            continue
        if before is None and not left_anchored:
            continue
        if after is None and not right_anchored:
            continue
        found.append(m.group())
    return found


_FAST_HOST = re.compile(r"^\|\|([a-z0-9.-]+)\^(?:\$([a-z0-9~_=|.,\-]+))?\r?$", re.M)


class FilterEngine:
    """Request filters indexed for fast matching. Build once, match many.

    Most of a list is ``||host^`` rules. ``from_text`` files them by host as raw option
    strings and only parses one into a ``Filter`` when a request reaches that host, which
    keeps the cold load short.
    """

    def __init__(self, filters: Iterable[Filter] = (), *, lazy_hosts: dict[str, str]
                 | None = None) -> None:
        # host -> option strings of its ``||host^`` rules, one per line
        self._lazy_hosts: dict[str, str] = lazy_hosts or {}
        self._host_filters: dict[str, list[Filter]] = {}
        self.allow_hosts: dict[str, list[Filter]] = {}
        self.block_tokens: dict[str, list[Filter]] = {}
        self.allow_tokens: dict[str, list[Filter]] = {}
        self.block_generic: list[Filter] = []
        self.allow_generic: list[Filter] = []
        pending: list[tuple[Filter, list[str]]] = []
        freq: Counter[str] = Counter()
        self.size = sum(v.count("\n") + 1 for v in self._lazy_hosts.values())
        for f in filters:
            self.size += 1
            if f.host is not None:
                table = self.allow_hosts if f.exception else self._host_filters
                table.setdefault(f.host, []).append(f)
                continue
            toks = _tokens(f)
            freq.update(toks)
            pending.append((f, toks))
        for f, toks in pending:
            useful = [t for t in toks if t not in _COMMON_TOKENS] or toks
            if useful:
                best = min(useful, key=lambda t: (freq[t], -len(t)))
                table = self.allow_tokens if f.exception else self.block_tokens
                table.setdefault(best, []).append(f)
            else:
                (self.allow_generic if f.exception else self.block_generic).append(f)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> FilterEngine:
        return cls(f for f in (parse_filter(line) for line in lines) if f is not None)

    @classmethod
    def from_text(cls, text: str) -> FilterEngine:
        lazy: dict[str, str] = {}
        for host, opts in _FAST_HOST.findall(text):
            lazy[host] = f"{lazy[host]}\n{opts}" if host in lazy else opts
        rest = [parse_filter(line) for line in _FAST_HOST.sub("", text).splitlines() if line]
        return cls([f for f in rest if f is not None], lazy_hosts=lazy)

    def _block_host(self, host: str) -> list[Filter]:
        parsed = self._host_filters.get(host)
        opts = self._lazy_hosts.pop(host, None)
        if opts is not None:
            fresh = [parse_filter(f"||{host}^" + (f"${o}" if o else ""))
                     for o in opts.split("\n")]
            parsed = (parsed or []) + [f for f in fresh if f is not None]
            self._host_filters[host] = parsed
        return parsed or []

    def match(
        self, url: str, host: str, req_type: str, *, third_party: bool, source_host: str = ""
    ) -> Filter | None:
        """The blocking rule that matches the request, unless an exception rule covers it."""
        url_lower = url.lower()
        tokens: set[str] | None = None
        hit = self._find_block_host(host, req_type, third_party, source_host)
        if hit is None:
            tokens = set(_TOKEN.findall(url_lower))
            hit = self._scan(self.block_tokens, self.block_generic, tokens, url, url_lower,
                             req_type, third_party, source_host)
        if hit is None:
            return None
        if self._find(self.allow_hosts, host, req_type, third_party, source_host) is not None:
            return None
        if tokens is None:
            tokens = set(_TOKEN.findall(url_lower))
        if self._scan(self.allow_tokens, self.allow_generic, tokens, url, url_lower, req_type,
                      third_party, source_host) is not None:
            return None
        return hit

    def _find_block_host(self, host: str, req_type: str, third_party: bool,
                         source_host: str) -> Filter | None:
        h = host
        lazy, parsed = self._lazy_hosts, self._host_filters
        while h:
            if h in lazy or h in parsed:
                for f in self._block_host(h):
                    if f.options_match(req_type, third_party, source_host):
                        return f
            dot = h.find(".")
            if dot < 0:
                break
            h = h[dot + 1:]
        return None

    @staticmethod
    def _find(table: dict[str, list[Filter]], host: str, req_type: str, third_party: bool,
              source_host: str) -> Filter | None:
        h = host
        while h:
            for f in table.get(h, ()):
                if f.options_match(req_type, third_party, source_host):
                    return f
            dot = h.find(".")
            if dot < 0:
                break
            h = h[dot + 1:]
        return None

    @staticmethod
    def _scan(index: dict[str, list[Filter]], generic: list[Filter], tokens: set[str],
              url: str, url_lower: str, req_type: str, third_party: bool,
              source_host: str) -> Filter | None:
        for token in tokens:
            for f in index.get(token, ()):
                if f.options_match(req_type, third_party, source_host) and \
                        f.pattern_match(url, url_lower):
                    return f
        for f in generic:
            if f.options_match(req_type, third_party, source_host) and \
                    f.pattern_match(url, url_lower):
                return f
        return None


class EngineState(msgspec.Struct, array_like=True):
    """An indexed engine as plain data, so a parsed list can be cached on disk."""

    lazy_hosts: dict[str, str]
    host_filters: dict[str, list[Filter]]
    allow_hosts: dict[str, list[Filter]]
    block_tokens: dict[str, list[Filter]]
    allow_tokens: dict[str, list[Filter]]
    block_generic: list[Filter]
    allow_generic: list[Filter]
    size: int


def dump_engine(engine: FilterEngine) -> bytes:
    return msgspec.msgpack.encode(EngineState(
        engine._lazy_hosts, engine._host_filters, engine.allow_hosts, engine.block_tokens,
        engine.allow_tokens, engine.block_generic, engine.allow_generic, engine.size,
    ))


_STATE_DECODER = msgspec.msgpack.Decoder(EngineState)


def load_engine(blob: bytes) -> FilterEngine:
    """Rebuild an engine from ``dump_engine`` output (raises ``msgspec.DecodeError`` if corrupt)."""
    state = _STATE_DECODER.decode(blob)
    engine = FilterEngine.__new__(FilterEngine)
    engine._lazy_hosts = state.lazy_hosts
    engine._host_filters = state.host_filters
    engine.allow_hosts = state.allow_hosts
    engine.block_tokens = state.block_tokens
    engine.allow_tokens = state.allow_tokens
    engine.block_generic = state.block_generic
    engine.allow_generic = state.allow_generic
    engine.size = state.size
    return engine

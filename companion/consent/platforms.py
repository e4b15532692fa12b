"""Consent-platform signatures (data in ``companion/data/cmp.json``) matched against a page."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import urlsplit

from lxml import etree

from companion.page_index import PageIndex
from companion.resources import data_path
from companion.static.selectors import compound_predicate


@dataclass(frozen=True)
class Platform:
    name: str
    selectors: tuple[str, ...]
    hosts: tuple[str, ...]
    frame_hosts: tuple[str, ...]
    match_self: etree.XPath
    # Path fragments of the platform's own files, wherever they are served from: a
    # WordPress plugin's folder on the site itself, a library's file on a public CDN.
    assets: tuple[str, ...] = ()
    control_roles: tuple[tuple[str, etree.XPath], ...] = ()

    def role_of(self, node: etree._Element) -> str | None:
        """The role this platform's own markup gives a control, if it marks it."""
        for role, matcher in self.control_roles:
            if matcher(node):
                return role
        return None


@dataclass(frozen=True)
class Signatures:
    platforms: tuple[Platform, ...]
    find_all: etree.XPath  # one pass over the document for every platform

    def named(self, name: str) -> Platform | None:
        return next((p for p in self.platforms if p.name == name), None)

    def platform_of(self, node: etree._Element) -> Platform | None:
        for platform in self.platforms:
            if platform.match_self(node):
                return platform
        return None

    def platform_for_host(self, host: str) -> Platform | None:
        by_host = self._by_host
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = by_host.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def platform_for_url(self, url: str) -> Platform | None:
        """The platform whose host serves ``url``, or whose own files it names."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return None
        return self.platform_for_host(host) or self.platform_for_files([url])

    def platform_for_files(self, urls: list[str]) -> Platform | None:
        """The platform whose own files (``assets``) the first of ``urls`` to name one names."""
        if not urls:
            return None
        paths = "\n".join(u.split("?", 1)[0].split("#", 1)[0].lower() for u in urls)
        found = self._assets.search(paths)
        return self._by_asset[found.group(0)] if found is not None else None

    @cached_property
    def _by_asset(self) -> dict[str, Platform]:
        return {a: p for p in self.platforms for a in p.assets}

    @cached_property
    def _assets(self) -> re.Pattern[str]:
        # One C-level search over all the page's file paths; the longest asset wins a tie.
        names = sorted(self._by_asset, key=len, reverse=True)
        return re.compile("|".join(map(re.escape, names)) or r"(?!x)x")

    @cached_property
    def ids(self) -> frozenset[str]:
        return frozenset(i for p in self.platforms for s in p.selectors for i in _ids(s))

    @cached_property
    def classes(self) -> frozenset[str]:
        return frozenset(c for p in self.platforms for s in p.selectors for c in _classes(s))

    @cached_property
    def tags(self) -> frozenset[str]:
        return frozenset(s for p in self.platforms for s in p.selectors if re.fullmatch(r"[a-z][\w-]*", s))

    @cached_property
    def attribute_selectors(self) -> tuple[tuple[tuple[str, ...], etree.XPath], ...]:
        """Signatures that are neither an id, a class nor a tag (``[fs-cc='banner']``, id
        prefixes), each with the names and values the page's source must hold for it."""
        odd = [s for p in self.platforms for s in p.selectors
               if not _ids(s) and not _classes(s) and not re.fullmatch(r"[a-z][\w-]*", s)]
        # The rarest literal first, so that an absent one ends the test after one search: a
        # custom attribute's name ("fs-cc"), else the value of an id or class.
        return tuple((_rarest_first(_literals(s)), etree.XPath(f"//*[{compound_predicate(s)}]"))
                     for s in odd)

    def candidates(self, index: PageIndex, root: etree._Element, markup: str | None = None
                   ) -> list[etree._Element]:
        """Elements that may carry a signature, from the page index; verified by caller.

        An attribute signature costs a pass over the document, so it is looked for only
        when the page's source (``markup``, when known) holds its names and values."""
        found = [index.by_id[i] for i in self.ids if i in index.by_id]
        for cls in self.classes:
            found.extend(index.with_class(cls))
        for tag in self.tags:
            found.extend(root.iter(tag))
        present: dict[str, bool] = {}  # each literal is searched for once
        for literals, xpath in self.attribute_selectors:
            if markup is None or all(
                present[lit] if lit in present else present.setdefault(lit, lit in markup)
                for lit in literals
            ):
                found.extend(xpath(root))
        return found

    @cached_property
    def _by_host(self) -> dict[str, Platform]:
        return {h: p for p in self.platforms for h in p.hosts + p.frame_hosts}


def _ids(selector: str) -> list[str]:
    return re.findall(r"#([\w-]+)", _outer(selector))


def _classes(selector: str) -> list[str]:
    return re.findall(r"\.([\w-]+)", _outer(selector))


def _literals(selector: str) -> tuple[str, ...]:
    """The attribute names and values written in a compound selector (its own part)."""
    return tuple(x for name, value in re.findall(r"\[([\w-]+)(?:[~^$*|]?=['\"]?([^'\"\]]*))?", _outer(selector))
                 for x in (name, value) if x)


def _rarest_first(literals: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(literals, key=lambda lit: lit in ("id", "class")))


def _outer(selector: str) -> str:
    """The element's own part of ``x:has(y)``: what the page index can look up."""
    return selector.split(":has(", 1)[0]


@cache
def signatures() -> Signatures:
    raw = json.loads(data_path("cmp.json").read_text(encoding="utf-8"))
    platforms = []
    all_predicates = []
    for entry in raw["platforms"]:
        selectors = tuple(entry["selectors"])
        predicates = [f"({compound_predicate(s)})" for s in selectors] or ["false()"]
        all_predicates.extend(predicates)
        platforms.append(
            Platform(
                name=entry["name"],
                selectors=selectors,
                hosts=tuple(entry.get("hosts", ())),
                frame_hosts=tuple(entry.get("frame_hosts", ())),
                assets=tuple(a.lower() for a in entry.get("assets", ())),
                match_self=etree.XPath("boolean(self::*[" + " or ".join(predicates) + "])"),
                control_roles=tuple(
                    (role, etree.XPath("boolean(self::*[" + " or ".join(
                        f"({compound_predicate(s)})" for s in sels) + "])"))
                    for role, sels in entry.get("controls", {}).items() if sels
                ),
            )
        )
    # One pass over the document for every platform at once.
    find_all = etree.XPath("//*[" + " or ".join(all_predicates) + "]")
    return Signatures(platforms=tuple(platforms), find_all=find_all)

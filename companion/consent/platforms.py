"""Consent-platform signatures (data in ``companion/data/cmp.json``) matched against a page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from cssselect import GenericTranslator
from lxml import etree

from companion.resources import data_path

_translator = GenericTranslator()


@dataclass(frozen=True)
class Platform:
    name: str
    selectors: tuple[str, ...]
    hosts: tuple[str, ...]
    frame_hosts: tuple[str, ...]
    match_self: etree.XPath


@dataclass(frozen=True)
class Signatures:
    platforms: tuple[Platform, ...]
    find_all: etree.XPath  # one pass over the document for every platform

    def platform_of(self, node: etree._Element) -> Platform | None:
        for platform in self.platforms:
            if platform.match_self(node):
                return platform
        return None

    def platform_for_host(self, host: str) -> Platform | None:
        for platform in self.platforms:
            for h in platform.hosts + platform.frame_hosts:
                if host == h or host.endswith("." + h):
                    return platform
        return None


@cache
def signatures() -> Signatures:
    raw = json.loads(data_path("cmp.json").read_text(encoding="utf-8"))
    platforms = []
    all_paths = []
    for entry in raw["platforms"]:
        selectors = tuple(entry["selectors"])
        self_paths = [_translator.css_to_xpath(s, prefix="self::") for s in selectors]
        all_paths.extend(_translator.css_to_xpath(s, prefix="descendant-or-self::") for s in selectors)
        platforms.append(
            Platform(
                name=entry["name"],
                selectors=selectors,
                hosts=tuple(entry.get("hosts", ())),
                frame_hosts=tuple(entry.get("frame_hosts", ())),
                match_self=etree.XPath("boolean(" + " | ".join(self_paths) + ")"),
            )
        )
    return Signatures(platforms=tuple(platforms), find_all=etree.XPath(" | ".join(all_paths)))

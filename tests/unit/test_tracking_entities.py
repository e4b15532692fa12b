"""The entity map: schema checks on load, and host lookup by longest matching domain."""

from __future__ import annotations

import copy
import json

import pytest

from companion.resources import data_path
from companion.tracking.entities import (
    CATEGORIES,
    TRACKING_CATEGORIES,
    EntityDataError,
    entity_map,
    parse_entities,
)

MINIMAL = {
    "schema": "brightline.entities/1",
    "library_cdns": ["cdn.libs.example"],
    "organizations": {
        "acme": {
            "name": "Acme", "category": "advertising", "domains": ["acme-ads.example"],
            "services": [
                {"name": "Acme Analytics", "category": "analytics",
                 "domains": ["stats.acme-ads.example"]},
                {"name": "Acme CDN", "category": "cdn", "domains": ["acmecdn.example"]},
            ],
        }
    },
}


def test_bundled_map_loads_and_is_large_enough() -> None:
    emap = entity_map()
    tracking = [d for d in emap._by_domain.values() if d.category in TRACKING_CATEGORIES]
    assert len(tracking) >= 300
    assert {e.category for e in emap._by_domain.values()} <= CATEGORIES


def test_bundled_file_is_the_one_loaded() -> None:
    raw = json.loads(data_path("trackers", "entities.json").read_text(encoding="utf-8"))
    assert len(parse_entities(raw)) == len(entity_map())


@pytest.mark.parametrize(("host", "org", "category"), [
    ("www.google-analytics.com", "Google", "analytics"),
    ("securepubads.g.doubleclick.net", "Google", "advertising"),
    ("www.googletagmanager.com", "Google", "tag-manager"),
    ("connect.facebook.net", "Meta", "advertising"),
    ("static.xx.fbcdn.net", "Meta", "cdn"),
    ("bat.bing.com", "Microsoft", "advertising"),
    ("www.clarity.ms", "Microsoft", "session-replay"),
    ("static.hotjar.com", "Contentsquare", "session-replay"),
    ("cdn.cookielaw.org", "OneTrust", "consent"),
    ("sb.scorecardresearch.com", "Comscore", "audience-measurement"),
    ("widget.intercom.io", "Intercom", "customer-interaction"),
])
def test_well_known_hosts(host: str, org: str, category: str) -> None:
    hit = entity_map().lookup(host)
    assert hit is not None
    assert (hit.organization, hit.category) == (org, category)


def test_longest_domain_wins_and_unknown_is_none() -> None:
    emap = parse_entities(MINIMAL)
    assert emap.lookup("x.stats.acme-ads.example").category == "analytics"
    assert emap.lookup("pixel.acme-ads.example").category == "advertising"
    assert emap.lookup("ACMECDN.example.").category == "cdn"
    assert emap.lookup("acme-ads.example.evil.test") is None
    assert emap.lookup("notacme-ads.example") is None


def test_library_cdns_match_subdomains_only() -> None:
    emap = entity_map()
    assert emap.is_library_cdn("cdn.jsdelivr.net")
    assert emap.is_library_cdn("fonts.gstatic.com")
    assert not emap.is_library_cdn("jsdelivr.net.attacker.example")
    assert not emap.is_library_cdn("www.google-analytics.com")


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.update(schema="other/1"), "schema"),
    (lambda d: d["organizations"]["acme"].update(category="spyware"), "category"),
    (lambda d: d["organizations"]["acme"].update(domains=[]), "non-empty list"),
    (lambda d: d["organizations"]["acme"].update(domains=["Not A Host"]), "host name"),
    (lambda d: d["organizations"]["acme"].update(colour="red"), "unknown keys"),
    (lambda d: d["organizations"]["acme"]["services"][0].update(
        domains=["acme-ads.example"]), "already listed"),
    (lambda d: d.update(library_cdns="cdn.example"), "library_cdns"),
])
def test_schema_errors_name_the_problem(mutate, message: str) -> None:
    data = copy.deepcopy(MINIMAL)
    mutate(data)
    with pytest.raises(EntityDataError, match=message):
        parse_entities(data)


def test_cookieless_flag() -> None:
    assert entity_map().lookup("plausible.io").cookieless
    assert not entity_map().lookup("www.google-analytics.com").cookieless
    data = copy.deepcopy(MINIMAL)
    data["organizations"]["acme"]["cookieless"] = "yes"
    with pytest.raises(EntityDataError, match="cookieless"):
        parse_entities(data)

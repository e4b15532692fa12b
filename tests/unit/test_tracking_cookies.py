"""Cookie database: loader checks and name lookups (exact, wildcard, domain-scoped)."""

from __future__ import annotations

import pytest

from companion.tracking.cookies import (
    COLUMNS,
    CookieDataError,
    cookie_database,
    distinctive,
    parse_database,
)

HEADER = ",".join(f'"{c}"' if " " in c else c for c in COLUMNS)


def row(name: str, category: str = "Marketing", domain: str = "", wildcard: str = "0",
        platform: str = "Acme") -> str:
    return f"id-{name},{platform},{category},{name},{domain},desc,1 year,Acme Inc,https://x,{wildcard}"


def test_bundled_database_loads() -> None:
    db = cookie_database()
    assert len(db) > 2000


@pytest.mark.parametrize(("name", "domain", "platform", "category"), [
    ("_ga", ".shop.example", "Google Analytics", "Analytics"),
    ("_ga_ABC123XYZ", ".shop.example", "Google Analytics", "Analytics"),
    ("_fbp", ".shop.example", "Facebook", "Marketing"),
    ("_gcl_au", ".shop.example", "Google", "Marketing"),
    ("IDE", ".doubleclick.net", "DoubleClick/Google Marketing", "Marketing"),
    ("fr", ".facebook.com", "Facebook", "Marketing"),
    ("_hjSessionUser_123456", "www.shop.example", "Hotjar", "Functional"),
])
def test_known_names(name: str, domain: str, platform: str, category: str) -> None:
    info = cookie_database().lookup(name, domain)
    assert info is not None
    assert (info.platform, info.category) == (platform, category)


@pytest.mark.parametrize(("name", "domain"), [
    ("fr", ".shop.example"),  # Facebook's "fr" means nothing on another site
    ("uid", "www.shop.example"),
    ("token", "www.shop.example"),
    ("s", "www.shop.example"),
    ("lang", "www.shop.example"),
])
def test_generic_names_only_match_on_their_recorded_domain(name: str, domain: str) -> None:
    info = cookie_database().lookup(name, domain)
    assert info is None or not info.tracking


def test_wildcards_are_prefixes_and_longest_wins() -> None:
    db = parse_database("\n".join([
        HEADER, row("_ab_", wildcard="1", platform="Short"),
        row("_ab_long_", wildcard="1", platform="Long"), row("x", wildcard="1"),
    ]))
    assert db.lookup("_ab_long_123").platform == "Long"
    assert db.lookup("_ab_9").platform == "Short"
    assert db.lookup("xyz") is None  # one-letter wildcard entries are dropped


def test_distinctive() -> None:
    assert distinctive("_fbp") and distinctive("AMCV_") and distinctive("sessionid")
    assert not distinctive("uid") and not distinctive("datr") and not distinctive("token")


@pytest.mark.parametrize(("text", "message"), [
    ("a,b,c\n", "unexpected header"),
    (HEADER + "\n" + row("x", category="Evil"), "unknown category"),
    (HEADER + "\n" + row("x", wildcard="yes"), "wildcard"),
    (HEADER + "\n" + row(""), "empty cookie name"),
    (HEADER + "\nonly,three,columns", "columns"),
])
def test_loader_errors(text: str, message: str) -> None:
    with pytest.raises(CookieDataError, match=message):
        parse_database(text)


@pytest.mark.parametrize("name", ["europe", "SearchTerm", "queryString", "sidebarPinned"])
def test_ordinary_words_are_not_tracker_names_off_their_domain(name: str) -> None:
    info = cookie_database().lookup(name, "www.shop.example")
    assert info is None or not info.tracking


def test_opt_out_and_test_cookies_are_not_identifiers() -> None:
    db = parse_database("\n".join([HEADER, row("acmeOptOut"), row("acme_test_cookie"),
                                   row("acme_uid")]))
    assert not db.lookup("acmeOptOut").tracking
    assert not db.lookup("acme_test_cookie").tracking
    assert db.lookup("acme_uid").tracking


def test_short_prefixes_without_underscore_are_dropped() -> None:
    db = parse_database("\n".join([HEADER, row("cap", wildcard="1"), row("mp_", wildcard="1")]))
    assert db.lookup("captcha_token") is None
    assert db.lookup("mp_abc_mixpanel") is not None

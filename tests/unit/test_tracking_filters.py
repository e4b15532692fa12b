"""The filter engine: anchors, options, exceptions, and the token index against brute force."""

from __future__ import annotations

import pytest

from companion.tracking.filters import (
    FilterEngine,
    dump_engine,
    load_engine,
    normalize_type,
    parse_filter,
)

RULES = """\
! comment
[Adblock Plus 2.0]
||tracker.example^
||thirdonly.example^$third-party
||firstonly.example^$~third-party
||imgs.example^$image
||noscript.example^$~script
||pathy.example/collect/
/pixel.gif?
&event=pageview&
|https://start.example/beacon
/end-anchored.js|
/hit/*/track^
||scoped.example^$domain=news.example|~sports.news.example
/^https?:\\/\\/[a-z]+\\.regex\\.example\\/r\\d+/
@@||tracker.example/allowed/
@@/pixel.gif?ok=1
example.com##.ad-banner
||csp.example^$csp=script-src 'none'
/MixedCase/$match-case
"""


@pytest.fixture(scope="module")
def engine() -> FilterEngine:
    return FilterEngine.from_text(RULES)


def m(engine: FilterEngine, url: str, req_type: str = "script", third_party: bool = True,
      source: str = "site.example") -> str | None:
    host = url.split("/")[2].split(":")[0]
    rule = engine.match(url, host, normalize_type(req_type), third_party=third_party,
                        source_host=source)
    return rule.raw if rule else None


def test_host_anchor_matches_domain_and_subdomains_only(engine) -> None:
    assert m(engine, "https://tracker.example/x.js") == "||tracker.example^"
    assert m(engine, "https://a.b.tracker.example/x.js") == "||tracker.example^"
    assert m(engine, "https://nottracker.example/x.js") is None
    assert m(engine, "https://tracker.example.org/x.js") is None


def test_party_options(engine) -> None:
    assert m(engine, "https://thirdonly.example/a", third_party=True)
    assert m(engine, "https://thirdonly.example/a", third_party=False) is None
    assert m(engine, "https://firstonly.example/a", third_party=False)
    assert m(engine, "https://firstonly.example/a", third_party=True) is None


def test_type_options(engine) -> None:
    assert m(engine, "https://imgs.example/a", "image")
    assert m(engine, "https://imgs.example/a", "script") is None
    assert m(engine, "https://noscript.example/a", "script") is None
    assert m(engine, "https://noscript.example/a", "xhr")


def test_generic_patterns_and_anchors(engine) -> None:
    assert m(engine, "https://pathy.example/collect/v1") == "||pathy.example/collect/"
    assert m(engine, "https://cdn.any.example/img/pixel.gif?id=1") == "/pixel.gif?"
    assert m(engine, "https://x.example/a?b=1&event=pageview&c=2") == "&event=pageview&"
    assert m(engine, "https://start.example/beacon?x") == "|https://start.example/beacon"
    assert m(engine, "https://other.example/?u=https://start.example/beacon") is None
    assert m(engine, "https://x.example/lib/end-anchored.js") == "/end-anchored.js|"
    assert m(engine, "https://x.example/lib/end-anchored.js?v=2") is None
    assert m(engine, "https://x.example/hit/abc/track?x") == "/hit/*/track^"
    assert m(engine, "https://x.example/hit/abc/tracker") is None


def test_domain_option_uses_the_source_page(engine) -> None:
    url = "https://scoped.example/x"
    assert m(engine, url, source="www.news.example")
    assert m(engine, url, source="sports.news.example") is None
    assert m(engine, url, source="elsewhere.example") is None


def test_regex_rules(engine) -> None:
    assert m(engine, "https://abc.regex.example/r42") is not None
    assert m(engine, "https://abc.regex.example/rx") is None


def test_exceptions_override_blocks(engine) -> None:
    assert m(engine, "https://tracker.example/allowed/x.js") is None
    assert m(engine, "https://cdn.any.example/pixel.gif?ok=1") is None


def test_cosmetic_and_unsupported_rules_are_skipped(engine) -> None:
    assert parse_filter("example.com##.ad-banner") is None
    assert parse_filter("||csp.example^$csp=script-src 'none'") is None
    assert m(engine, "https://csp.example/x") is None


def test_match_case(engine) -> None:
    assert m(engine, "https://x.example/MixedCase/a") is not None
    assert m(engine, "https://x.example/mixedcase/a") is None


@pytest.mark.parametrize(("given", "expected"), [
    ("xhr", "xmlhttprequest"), ("fetch", "xmlhttprequest"), ("sub_frame", "subdocument"),
    ("beacon", "ping"), ("img", "image"), (None, "other"), ("weird", "other"),
])
def test_normalize_type(given, expected) -> None:
    assert normalize_type(given) == expected


def test_dump_and_load_round_trip(engine) -> None:
    again = load_engine(dump_engine(engine))
    for url in ("https://tracker.example/x.js", "https://x.example/hit/abc/track?x",
                "https://tracker.example/allowed/x.js", "https://clean.example/app.js"):
        assert m(again, url) == m(engine, url)


def test_token_index_agrees_with_brute_force() -> None:
    from companion.resources import data_path

    text = data_path("trackers", "easyprivacy.txt").read_text(encoding="utf-8")
    lines = text.splitlines()[::7]  # a deterministic sample keeps this test quick
    indexed = FilterEngine.from_text("\n".join(lines))
    filters = [f for f in (parse_filter(line) for line in lines) if f is not None]
    urls = [
        "https://www.google-analytics.com/analytics.js",
        "https://example.org/wp-content/plugins/stats/track.php?u=1",
        "https://cdn.example.net/js/app.3f9a.js",
        "https://metrics.shop.example/b/ss/acct/1/JS-2.0/s1234?AQB=1&pageName=home",
        "https://px.example.io/pixel.gif?event=view&uid=abc",
        "https://api.example.com/v1/collect?tid=UA-1&cid=1",
        "https://static.example.com/img/logo.png",
        "https://www.example.com/__utm.gif?utmwv=5",
    ]
    for url in urls:
        low = url.lower()
        host = url.split("/")[2]
        for third in (True, False):
            brute = [f for f in filters if not f.exception
                     and (f.host is None or host == f.host or host.endswith("." + f.host))
                     and f.options_match("script", third, "site.example")
                     and f.pattern_match(url, low)]
            allowed = [f for f in filters if f.exception
                       and (f.host is None or host == f.host or host.endswith("." + f.host))
                       and f.options_match("script", third, "site.example")
                       and f.pattern_match(url, low)]
            got = indexed.match(url, host, "script", third_party=third,
                                source_host="site.example")
            assert (got is not None) == (bool(brute) and not allowed), (url, third)


def test_option_aliases() -> None:
    f = parse_filter("||alias.example^$xhr,~css")
    assert f is not None
    assert f.types == frozenset({"xmlhttprequest"}) and f.not_types == frozenset({"stylesheet"})

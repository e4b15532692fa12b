from datetime import date

import pytest

from crawler.urls import is_page_like, normalise, template, trap_reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTPS://WWW.Example.COM:443/a#frag", "https://www.example.com/a"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        ("https://example.com/p?b=2&a=1", "https://example.com/p?a=1&b=2"),
        (
            "https://example.com/p?utm_source=x&id=3&gclid=abc&fbclid=q",
            "https://example.com/p?id=3",
        ),
        ("https://example.com/p?PHPSESSID=deadbeef&q=1", "https://example.com/p?q=1"),
        ("https://example.com/p;jsessionid=ABC123?x=1", "https://example.com/p?x=1"),
        ("https://example.com/a%7Eb/c d", "https://example.com/a~b/c%20d"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_joins_relative_and_rejects_non_web() -> None:
    assert normalise("../x?b=1#t", "https://a.example/dir/page") == "https://a.example/x?b=1"
    assert normalise("mailto:me@example.com") is None
    assert normalise("javascript:void(0)") is None
    assert normalise("tel:+4912345") is None
    assert normalise("") is None
    assert normalise("http://[::1]:99999/") is None  # bad port


def test_equivalent_urls_collapse() -> None:
    variants = [
        "https://shop.example/list?page=2&sort=asc",
        "https://shop.example:443/list?sort=asc&page=2#top",
        "https://SHOP.example/list?sort=asc&page=2&utm_campaign=spring",
    ]
    assert len({normalise(v) for v in variants}) == 1


def test_page_like() -> None:
    assert is_page_like("https://a.example/about")
    assert is_page_like("https://a.example/index.php?id=1")
    assert not is_page_like("https://a.example/logo.PNG")
    assert not is_page_like("https://a.example/files/report.pdf")


def test_traps() -> None:
    today = date(2026, 11, 22)
    assert trap_reason("https://a.example/events/2026/11", today=today) is None
    assert "calendar" in (trap_reason("https://a.example/events/2391/04", today=today) or "")
    assert "calendar" in (trap_reason("https://a.example/cal?year=1802&month=1", today=today) or "")
    assert "repeats" in (trap_reason("https://a.example/a/b/a/b/a/b/a/b", today=today) or "")
    assert "deeper" in (trap_reason("https://a.example/" + "/".join(f"s{i}" for i in range(30))) or "")
    assert "longer" in (trap_reason("https://a.example/?q=" + "x" * 2000) or "")
    assert trap_reason("https://a.example/products/12345") is None


def test_calendar_template_groups_months_only() -> None:
    assert template("https://a.example/events/2026/01") == template("https://a.example/events/2026/02")
    assert template("https://a.example/cal?year=2026&month=3") == template("https://a.example/cal?month=4&year=2026")
    assert template("https://a.example/products/12345") is None

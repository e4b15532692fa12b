import copy

import pytest

from companion.catalog import rules
from companion.fingerprint import IDENTITIES, changes, fingerprint, location, normalise_selector, page_template
from tests.unit.report_builders import SHAMING_PAGE, TRACKERS_PAGE, fixture_html, page

URL = "https://www.shop.example/product/12345"


@pytest.mark.parametrize(
    "a,b",
    [
        ("https://www.shop.example/product/12345", "https://shop.example/product/67890/"),
        ("https://Shop.example/p/blue-boots-12345.html?ref=nav#top", "https://shop.example/p/red-hat-998.html"),
        ("https://shop.example/order/550e8400-e29b-41d4-a716-446655440000", "https://shop.example/order/123e4567-e89b-12d3-a456-426614174000"),
        ("https://shop.example/news/2024-01-05/sale", "https://shop.example/news/2025-11-30/sale"),
        ("https://shop.example/t/aGVsbG8gV29ybGQ9PTEyMw", "https://shop.example/t/Zm9vYmFyYmF6cXV4MTIz"),
        ("https://shop.example/c/deadbeef0123", "https://shop.example/c/0badc0ffee99"),
        ("https://shop.example/", "https://www.shop.example"),
    ],
)
def test_same_page_template(a: str, b: str) -> None:
    assert page_template(a) == page_template(b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("https://shop.example/product/1", "https://shop.example/basket/1"),
        ("https://shop.example/blog/how-to-lace-boots", "https://shop.example/blog/caring-for-leather"),
        ("https://shop.example/de/cart", "https://shop.example/fr/cart"),
        ("https://shop.example/", "https://other.example/"),
    ],
)
def test_different_page_template(a: str, b: str) -> None:
    assert page_template(a) != page_template(b)


def test_selectors_lose_sibling_indexes_and_generated_names() -> None:
    assert normalise_selector("body > div:nth-of-type(3) > div > button:nth-of-type(2)") == "body > div > div > button"
    assert normalise_selector("#ember1234 > div.css-1a2b3c.banner > a:nth-child(4)") == "#~ > div.banner > a"
    assert normalise_selector("#cb-reject") == "#cb-reject"
    assert normalise_selector("cmp-root >>> div:nth-of-type(2) > button") == "cmp-root >>> div > button"


def test_every_catalog_rule_has_an_identity() -> None:
    assert set(rules()) <= set(IDENTITIES)


# -- realistic findings from the analyzer --------------------------------------------------------

@pytest.fixture(scope="module")
def trackers_page() -> dict:
    return page(URL, fixture_html(TRACKERS_PAGE))


def _one(page_entry: dict, rule: str, **evidence) -> dict:
    for f in page_entry["findings"]:
        if f["rule"] == rule and all(f["evidence"].get(k) == v for k, v in evidence.items()):
            return copy.deepcopy(f)
    raise AssertionError(f"no {rule} {evidence} among {[f['rule'] for f in page_entry['findings']]}")


def test_tracker_survives_query_strings_and_counts(trackers_page: dict) -> None:
    f = _one(trackers_page, "tracker.third-party", host="static.hotjar.com")
    g = copy.deepcopy(f)
    g["evidence"]["url"] = "https://static.hotjar.com/c/hotjar-3301122.js?sv=7&cb=1700000000"
    g["evidence"]["requests"] = 9
    g["message"] = "reworded"
    assert fingerprint(URL, f) == fingerprint("https://shop.example/product/777?utm=x", g)


def test_new_tracker_host_is_a_new_location(trackers_page: dict) -> None:
    f = _one(trackers_page, "tracker.third-party", host="static.hotjar.com")
    g = copy.deepcopy(f)
    g["evidence"]["host"] = "static.ads-twitter.com"
    assert location(URL, f) != location(URL, g)
    assert fingerprint(URL, f) != fingerprint(URL, g)


def test_tracking_before_consent_changes_with_a_new_host_or_cookie(trackers_page: dict) -> None:
    f = _one(trackers_page, "consent.tracking-before-consent")
    reordered = copy.deepcopy(f)
    reordered["evidence"]["hosts"] = list(reversed(f["evidence"]["hosts"]))
    reordered["message"] = "Before any choice: 2 trackers contacted (in another words)."
    assert fingerprint(URL, f) == fingerprint(URL, reordered)
    more_hosts = copy.deepcopy(f)
    more_hosts["evidence"]["hosts"].append("static.ads-twitter.com")
    more_cookies = copy.deepcopy(f)
    more_cookies["evidence"]["cookies"] = [*f["evidence"].get("cookies", []), "_fbp"]
    for changed in (more_hosts, more_cookies):
        assert location(URL, changed) == location(URL, f)
        assert fingerprint(URL, changed) != fingerprint(URL, f)


def test_banner_wording_is_noise_but_control_roles_are_not(trackers_page: dict) -> None:
    f = _one(trackers_page, "consent.banner")
    reworded = copy.deepcopy(f)
    reworded["evidence"]["text"] = "we use cookies, completely new wording"
    for control in reworded["evidence"]["controls"]:
        control["text"] = control["text"].upper() + " !"
    assert fingerprint(URL, reworded) == fingerprint(URL, f)
    moved = copy.deepcopy(f)
    reject = next(c for c in moved["evidence"]["controls"] if c["role"] == "reject")
    reject["first_layer"] = False  # moved into the settings layer
    assert fingerprint(URL, moved) != fingerprint(URL, f)


def test_asymmetric_choice_figures_are_noise_but_kinds_of_weakness_are_not() -> None:
    f = {"rule": "consent.asymmetric-choice", "severity": "medium", "message": "m", "evidence": {
        "selector": "#cmp > div:nth-of-type(2) > button:nth-of-type(1)", "text": "Reject",
        "accept_selector": "#cmp > div:nth-of-type(2) > button:nth-of-type(2)", "accept_text": "Accept",
        "reasons": ["reject text has low contrast (2.1:1 against 15.9:1 for accept)",
                    "reject text is smaller (11px against 17px)"], "measured": True}}
    figures = copy.deepcopy(f)
    figures["evidence"]["reasons"] = ["reject text is smaller (12px against 16px)",
                                      "reject text has low contrast (2.4:1 against 12.0:1 for accept)"]
    figures["evidence"]["selector"] = "#cmp > div:nth-of-type(3) > button:nth-of-type(1)"
    assert fingerprint(URL, figures) == fingerprint(URL, f)
    link = copy.deepcopy(f)
    link["evidence"]["reasons"].append("reject is plain text or a link while accept is a filled button")
    assert fingerprint(URL, link) != fingerprint(URL, f)


def test_copy_findings_survive_shifted_positions_and_counts() -> None:
    shaming = page(URL, fixture_html(SHAMING_PAGE))
    f = _one(shaming, "consent.confirmshaming")
    shifted = copy.deepcopy(f)
    shifted["evidence"]["selector"] = f["evidence"]["selector"].replace("body > div", "body > div:nth-of-type(3)", 1)
    shifted["evidence"]["text"] = "No thanks, I prefer paying full price"
    assert shifted["evidence"]["selector"] != f["evidence"]["selector"]
    assert fingerprint(URL, shifted) == fingerprint(URL, f)
    elsewhere = copy.deepcopy(f)
    elsewhere["evidence"]["selector"] = "body > footer > a"
    assert fingerprint(URL, elsewhere) != fingerprint(URL, f)


def test_phase_and_rule_are_part_of_the_identity(trackers_page: dict) -> None:
    f = _one(trackers_page, "tracker.third-party", host="static.hotjar.com")
    after_reject = {**f, "phase": "after-reject"}
    assert fingerprint(URL, {**f, "phase": "initial"}) != fingerprint(URL, after_reject)
    assert fingerprint(URL, f) != fingerprint(URL, {**f, "rule": "tracker.other"})


def test_unknown_rules_use_every_evidence_field_but_noise() -> None:
    f = {"rule": "future.rule", "severity": "low", "message": "m",
         "evidence": {"selector": "#x", "kind": "a", "count": 3, "text": "hello"}}
    same = {**f, "evidence": {**f["evidence"], "count": 4, "text": "bye"}}
    other = {**f, "evidence": {**f["evidence"], "kind": "b"}}
    assert fingerprint(URL, f) == fingerprint(URL, same)
    assert fingerprint(URL, f) != fingerprint(URL, other)
    assert location(URL, f) == location(URL, other)


def test_fingerprint_is_short_hex(trackers_page: dict) -> None:
    for f in trackers_page["findings"]:
        fp = fingerprint(URL, f)
        assert len(fp) == 16 and int(fp, 16) >= 0


def test_changes_name_the_evidence_that_moved() -> None:
    before = {"rule": "consent.asymmetric-choice", "evidence": {
        "selector": "#reject", "reasons": ["reject text is smaller (11px against 17px)"], "frame": "https://cmp.example/1"}}
    now = {"rule": "consent.asymmetric-choice", "evidence": {
        "selector": "#reject", "frame": "https://cmp.example/2",
        "reasons": ["reject text is smaller (12px against 17px)", "reject looks disabled"]}}
    assert changes(before, now) == ["reasons: +disabled-look"]
    assert changes(before, before) == []
    wall = {"rule": "consent.cookie-wall", "evidence": {"selector": "#w", "pay_option": "Subscribe"}}
    assert changes(wall, {**wall, "evidence": {"selector": "#w"}}) == ["pay_option: True -> None"]

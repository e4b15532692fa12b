"""Cookie and storage identifiers: curated name families, necessary look-alikes, behaviour.

The mechanisms ``tests/unit/test_cookies_heldout.py`` needed, tested one by one.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion.analyzer import analyze
from companion.models import Cookie, Snapshot, StorageKey
from companion.page import Page
from companion.tracking.classify import classify_page
from companion.tracking.cookies import cookie_database
from companion.tracking.entities import entity_map
from companion.tracking.families import FamilyDataError, cookie_families, parse_families

PAGE = "https://www.shop.example/"
TAKEN = 1_780_000_000.0  # when the snapshot was taken
DAY = 86400.0


def _snapshot(cookies: list[Cookie], storage: list[StorageKey] | None = None) -> Snapshot:
    return Snapshot(url=PAGE, timestamp=datetime.fromtimestamp(TAKEN, UTC).isoformat(),
                    cookies=cookies, storage=storage or [])


def _cookie(name: str, days: float | None = 365, length: int = 36, entropy: float = 3.9,
            domain: str = ".shop.example") -> Cookie:
    return Cookie(name=name, domain=domain, value_length=length, entropy=entropy,
                  session=days is None, expires=None if days is None else TAKEN + days * DAY)


def _identified(*cookies: Cookie, storage: tuple[StorageKey, ...] = ()) -> dict[str, object]:
    report = classify_page(Page(_snapshot(list(cookies), list(storage))))
    return {c.name: c for c in report.cookies}


# -- families ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "service", "organization"), [
    ("_ga_Q3N8ZK2L1P", "Google Analytics", "Google"),
    ("_hjSessionUser_3345678", "Hotjar", "Contentsquare"),
    ("mp_0a1b2c3d4e5f60718293a4b5c6d7e8f9_mixpanel", "Mixpanel", "Mixpanel"),
    ("_pk_id.12.9c4e", "Matomo", "Matomo"),
    ("AMCV_98765ABC54321DEF0A495E5C%40AdobeOrg", "Adobe Analytics", "Adobe"),
    ("visitor_id654321-hash", "Pardot", "Salesforce"),
    ("AMP_TOKEN", "Google Analytics", "Google"),  # the exact name wins over Amplitude's AMP_*
    ("_fbp", "Meta Pixel", "Meta"),
])
def test_families_cover_every_id_a_vendor_appends(name: str, service: str,
                                                  organization: str) -> None:
    match = cookie_families().tracker(name, None)
    assert match is not None
    family, _ = match
    assert (family.service, family.organization) == (service, organization)


def test_generic_names_count_only_on_their_owners_domains() -> None:
    families = cookie_families()
    assert families.tracker("IDE", None) is None
    assert families.tracker("IDE", "google") is not None
    assert families.tracker("uid", "criteo") is not None and families.tracker("uid", None) is None


def test_a_pattern_never_matches_a_test_or_opt_out_name() -> None:
    assert cookie_families().tracker("AMP_TEST", None) is None
    assert cookie_families().tracker("AMP_1a2b3c4d5e", None) is not None


@pytest.mark.parametrize("name", [
    "PHPSESSID", "csrftoken", "visid_incap_567890", "_pxvid", "OptanonConsent", "didomi_token",
    "consentUUID", "__stripe_mid", "private_content_version", "SESS1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
    "wp-settings-1", "_cs_c", "pi_opt_in123456",
])
def test_necessary_look_alikes_are_known(name: str) -> None:
    assert cookie_families().necessary(name) is not None


def test_necessary_names_beat_a_database_that_calls_them_marketing() -> None:
    # the Open Cookie Database records Instagram's "sessionid" and Shopify's consent cookie
    # as marketing; on another site they are a session and a consent record
    found = _identified(_cookie("sessionid", days=14, length=32, entropy=4.5),
                        _cookie("_tracking_consent", length=200, entropy=4.7))
    assert found == {}


def test_family_data_is_validated() -> None:
    base = {"schema": "brightline.cookie-families/1",
            "necessary": [{"purpose": "session", "names": ["sid"]}]}
    good = {"service": "Acme", "org": "google", "category": "analytics", "names": ["_acme_*"]}
    assert parse_families({**base, "trackers": [good]}, entity_map()).tracker("_acme_1", None)
    for bad, message in [({"org": "nobody"}, "organization id"),
                         ({"category": "spyware"}, "tracking category"),
                         ({"names": []}, "needs 'names'"),
                         ({"names": [" _x"]}, "without spaces"),
                         ({"colour": "red"}, "only")]:
        with pytest.raises(FamilyDataError, match=message):
            parse_families({**base, "trackers": [{**good, **bad}]}, entity_map())
    orphan = {"service": "Acme", "organization": "Acme", "category": "analytics",
              "on_own_domains": ["id"]}
    with pytest.raises(FamilyDataError, match="needs an 'org'"):
        parse_families({**base, "trackers": [orphan]}, entity_map())


def test_two_letter_names_need_an_identifier_value() -> None:
    assert "_y" in _identified(_cookie("_y", length=36, entropy=3.9))
    assert _identified(_cookie("_y", length=1, entropy=0.0)) == {}


# -- the Open Cookie Database -------------------------------------------------------------

def test_a_database_prefix_does_not_start_a_longer_word() -> None:
    db = cookie_database()
    assert db.lookup("_gat_UA-1234567-1", ".shop.example") is not None
    assert db.lookup("_gateway_session", ".shop.example") is None


def test_a_functional_label_is_reconsidered_on_a_trackers_domain() -> None:
    # "YSC" is recorded as functional; set by an embedded player it is Google's identifier
    found = _identified(_cookie("VISITOR_INFO1_LIVE", length=11, entropy=3.4,
                                domain=".youtube.com"),
                        _cookie("SRM_B", length=32, entropy=3.8, domain=".c.bing.com"))
    assert set(found) == {"VISITOR_INFO1_LIVE", "SRM_B"}


# -- behaviour -----------------------------------------------------------------------------

def test_a_home_made_long_lived_random_id_is_an_identifier() -> None:
    found = _identified(_cookie("visitor_uid", days=730, length=24, entropy=4.4))
    assert found["visitor_uid"].organization == "shop.example"


@pytest.mark.parametrize(("cookie", "why"), [
    (_cookie("session", days=None, length=32, entropy=4.7), "a session cookie"),
    (_cookie("app_prefs", days=365, length=40, entropy=4.0), "preferences"),
    (_cookie("basket_id", days=60, length=36, entropy=3.9), "a basket"),
    (_cookie("promo_seen", days=7, length=24, entropy=4.4), "short-lived"),
    (_cookie("layout", days=365, length=300, entropy=5.6), "long structured state"),
    (_cookie("first_visit", days=365, length=10, entropy=2.9), "a timestamp"),
    # URL-encoded JSON of purposes is as varied as a UUID: only the name tells them apart
    (_cookie("bannerchoice", days=365, length=39, entropy=4.1), "a consent record"),
])
def test_necessary_home_made_cookies_are_not(cookie: Cookie, why: str) -> None:
    assert _identified(cookie) == {}, why


def test_a_person_word_outweighs_a_state_word() -> None:
    assert "_visitor_token" in _identified(_cookie("_visitor_token", length=32, entropy=4.7))
    assert _identified(_cookie("api_token", length=32, entropy=4.7)) == {}


def test_unknown_expiry_needs_an_id_name() -> None:
    # document.cookie gives no expiry: the name must say it is an id
    unknown = Cookie(name="anon_id", domain="www.shop.example", value_length=36, entropy=3.9)
    plain = Cookie(name="layout_hash", domain="www.shop.example", value_length=36, entropy=3.9)
    assert set(_identified(unknown, plain)) == {"anon_id"}


def test_local_storage_ids_need_an_id_name_and_local_area() -> None:
    origin = "https://www.shop.example"
    keys = (StorageKey(key="visitorId", origin=origin, value_length=36, entropy=3.9),
            StorageKey(key="tabId", area="session", origin=origin, value_length=36, entropy=3.9),
            StorageKey(key="recentSearches", origin=origin, value_length=36, entropy=4.0),
            StorageKey(key="_hjid", origin=origin))  # empty: nothing stored
    assert set(_identified(storage=keys)) == {"visitorId"}


def test_the_finding_names_services_behind_organizations() -> None:
    analysis = analyze(_snapshot([_cookie("_hjSessionUser_1234567", length=100, entropy=5.0)]))
    [finding] = [f for f in analysis.findings if f.rule == "consent.tracking-before-consent"]
    assert finding.evidence["organizations"] == ["Contentsquare"]
    assert finding.evidence["services"] == ["Hotjar"]

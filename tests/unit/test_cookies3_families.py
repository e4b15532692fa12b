"""Cookie and storage identifiers: the mechanisms the second cookie held-out set needed.

None of these cases comes from ``tests/data/cookies_heldout_2.jsonl``: other names of the
same vendor families, other sites, other values, and look-alikes that must stay clean.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime

import pytest

from companion.models import Cookie, Snapshot, StorageKey
from companion.page import Page
from companion.resources import data_path
from companion.tracking import behaviour
from companion.tracking.classify import CookieHit, classify_page
from companion.tracking.entities import entity_map
from companion.tracking.families import FamilyDataError, cookie_families, parse_families

PAGE = "https://www.laden.example/"
TAKEN = 1_780_000_000.0
DAY = 86400.0


def _cookie(name: str, days: float | None = 365, length: int = 36, entropy: float = 3.8,
            domain: str = ".laden.example") -> Cookie:
    return Cookie(name=name, domain=domain, value_length=length, entropy=entropy,
                  session=days is None, expires=None if days is None else TAKEN + days * DAY)


def _found(*cookies: Cookie, storage: tuple[StorageKey, ...] = (),
           page: str = PAGE) -> dict[str, CookieHit]:
    snap = Snapshot(url=page, timestamp=datetime.fromtimestamp(TAKEN, UTC).isoformat(),
                    cookies=list(cookies), storage=list(storage))
    return {c.name: c for c in classify_page(Page(snap)).cookies}


# -- vendor families of less listed vendors ----------------------------------------------

@pytest.mark.parametrize(("name", "domain", "organization"), [
    ("_snrs_puuid", ".laden.example", "Synerise"),
    ("SL_L_9f8e7d6c5b4a_VID", ".laden.example", "Smartlook"),
    ("__lt__cid.a1b2c3d4", ".laden.example", "LY Corporation (Yahoo! JAPAN, LINE)"),
    ("_ycl_yjad", ".laden.example", "LY Corporation (Yahoo! JAPAN, LINE)"),
    ("XB", ".yahoo.co.jp", "LY Corporation (Yahoo! JAPAN, LINE)"),
    ("pt_s_0a1b2c3d", ".laden.example", "Ptengine"),
    ("_ACU77120", ".laden.example", "AceCounter (NHN DATA)"),
    ("WZRK_S_W88-ABC-123Z", ".laden.example", "CleverTap"),
    ("_lr_hb_-shop", ".laden.example", "LogRocket"),
    ("mprtcl-prodv4", ".laden.example", "mParticle (Rokt)"),
    ("IR_14523", ".laden.example", "Impact.com"),
    ("_aw_sn_10422", ".laden.example", "Awin"),
    ("wteid_123456789012345", ".laden.example", "Mapp (Webtrekk)"),
    ("BIDUPSID", ".baidu.com", "Baidu"),
    ("_pk_id.0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b.9a8b", ".laden.example", "Piwik PRO"),
    ("_pk_id.7.9a8b", ".laden.example", "Matomo"),
])
def test_families_name_the_vendor(name: str, domain: str, organization: str) -> None:
    hit = _found(_cookie(name, domain=domain))[name]
    assert hit.organization == organization


def test_a_vendor_name_on_its_own_domain_beats_a_generic_necessary_name() -> None:
    """``sid`` is a site's session anywhere, but Seznam's identifier on seznam.cz."""
    assert "sid" in _found(_cookie("sid", days=30, length=90, entropy=4.4, domain=".seznam.cz"))
    assert "sid" not in _found(_cookie("sid", days=30, length=90, entropy=4.4))


# -- vendor state: no identifier in it ----------------------------------------------------

@pytest.mark.parametrize(("name", "length", "entropy"), [
    ("tmr_lvidTS", 10, 2.7),  # Top.Mail.Ru first-visit timestamp
    ("Hm_lpvt_0a1b2c3d4e5f60718293a4b5c6d7e8f9", 10, 2.9),  # Baidu last page view time
    ("_dy_c_exps", 40, 3.6),  # Dynamic Yield experiments
    ("s_ppv", 60, 4.0),  # Adobe percent of page viewed
    ("__insp_nv", 5, 2.1),
    ("_papns", 80, 3.4),  # Permutive cohorts
    ("rl_page_init_referring_domain", 70, 5.0),
    ("smevent", 30, 3.8),
    ("_ym_visorc", 1, 0.0),
    ("kndctr_0A1B2C3D4E5F6A7B8C9D0E1F_AdobeOrg_cluster", 4, 2.0),
    ("lastExternalReferrerTime", 13, 2.9),
])
def test_vendor_state_is_no_identifier(name: str, length: int, entropy: float) -> None:
    assert cookie_families().state(name) is not None
    assert _found(_cookie(name, length=length, entropy=entropy)) == {}


def test_state_is_checked_before_the_vendor_pattern() -> None:
    assert cookie_families().tracker("_ym_hostIndex", None) is not None  # _ym_* would match
    assert _found(_cookie("_ym_hostIndex", length=20, entropy=3.2)) == {}


@pytest.mark.parametrize("length", [1, 2, 4])
def test_a_listed_name_holding_a_flag_is_no_identifier(length: int) -> None:
    assert _found(_cookie("_uetsid", days=1, length=length, entropy=1.0)) == {}
    assert _found(_cookie("_uetsid", days=1, length=32, entropy=3.7)) != {}


@pytest.mark.parametrize("name", [
    "mtm_cookie_consent", "TC_PRIVACY_CENTER", "kndctr_0A1B2C3D4E5F6A7B8C9D0E1F_AdobeOrg_consent",
    "ppms_privacy_0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b", "NSC_xxx_yyy_zzz", "X-Mapping-abcdefgh",
])
def test_consent_and_routing_cookies_are_necessary(name: str) -> None:
    assert cookie_families().necessary(name) is not None
    assert _found(_cookie(name, length=80, entropy=4.5)) == {}


def test_state_only_family_is_valid_and_needs_some_names() -> None:
    raw = json.loads(data_path("trackers", "cookie_families.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(raw)
    broken["trackers"].append({"service": "X", "org": "google", "category": "analytics"})
    with pytest.raises(FamilyDataError, match="'names', 'on_own_domains' or 'state'"):
        parse_families(broken, entity_map())
    ok = copy.deepcopy(raw)
    ok["trackers"].append({"service": "X", "org": "google", "category": "monitoring",
                           "state": ["x_state_only"]})
    assert parse_families(ok, entity_map()).state("x_state_only") is not None


# -- home-made identifiers ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "days", "length", "entropy"), [
    ("shop_vid", 365, 32, 3.7),
    ("app_did", 730, 36, 3.8),
    ("site_fp", 400, 128, 4.0),  # a SHA-512 fingerprint, longer than 64 characters
    ("ns_tid", 365, 36, 3.9),
    ("pl_device", 730, 22, 4.3),
    ("gr_shopper", 365, 26, 4.1),
    ("fm_listener", 365, 36, 3.7),
    ("mag_reader", 365, 24, 3.6),
    ("member_visitor_jwt", 365, 200, 5.7),  # a signed token carrying a visitor id
    ("trk_sess", None, 32, 3.5),  # an analytics session: session-only, still an id
])
def test_home_made_identifier_cookies(name: str, days: float | None, length: int,
                                      entropy: float) -> None:
    hit = _found(_cookie(name, days=days, length=length, entropy=entropy))[name]
    assert hit.organization == "laden.example" and not hit.third_party


@pytest.mark.parametrize(("name", "days", "length", "entropy"), [
    ("basket_vid", 365, 32, 3.7),  # a basket
    ("shipment_tracking", 365, 32, 3.7),  # a parcel, not a person
    ("fp_session", 365, 32, 3.7),  # a session word without a person word
    ("device_type", 365, 6, 2.5),  # "mobile": too short
    ("shop_vid", 365, 32, 2.2),  # low entropy: a bucket or a counter
    ("ns_tid", None, 36, 3.9),  # a session cookie that does not say analytics
    ("ns_tid", 7, 36, 3.9),  # short-lived
    ("visitor_prefs", 365, 300, 4.8),  # too long to be an id: structured state
])
def test_home_made_look_alikes(name: str, days: float | None, length: int,
                               entropy: float) -> None:
    assert _found(_cookie(name, days=days, length=length, entropy=entropy)) == {}


def test_session_storage_counts_only_for_analytics_names() -> None:
    def key(name: str) -> StorageKey:
        return StorageKey(key=name, area="session", origin="https://www.laden.example",
                          value_length=36, entropy=3.7)
    assert "analytics_sid" in _found(storage=(key("analytics_sid"),))
    assert _found(storage=(key("device_id"),)) == {}
    assert behaviour.storage_identifier(StorageKey(key="device_id", area="local",
                                                   value_length=36, entropy=3.7))


@pytest.mark.parametrize(("key", "length"), [
    ("device", 48),  # a bare word: a JSON of the device's traits, not an id
    ("lv_device", 120),  # stored JSON under an id name: too long for an id in storage
])
def test_stored_look_alikes(key: str, length: int) -> None:
    stored = StorageKey(key=key, area="local", origin="https://www.laden.example",
                        value_length=length, entropy=4.4)
    assert _found(storage=(stored,)) == {}

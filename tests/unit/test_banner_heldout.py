"""Precision and recall of the consent-banner rules on held-out saved pages.

Each set, ``tests/fixtures/<set>/<case>/``, holds ``page.html`` and ``expected.json`` in the
format of ``tests/fixtures/static`` (``{"url", "description", "present", "absent"}``) plus
``"platform"`` (the consent platform's name, or null for a home-made banner or no banner).
Expectations were written before the analyzer was run on them; the ``fresh-*`` cases of a
set were written after its first round of fixes, as a check that the fixes generalise.

- ``heldout_banners``: consent platforms the static goldens do not cover (Axeptio,
  Borlabs, CookieFirst, Termly, Ketch, consentmanager, Civic, Cookie-Script,
  TrustCommander, Piwik PRO, HubSpot, Shopify, Real Cookie Banner, Moove, Cookie Notice,
  Evidon, Sourcepoint, CookieHub, Osano, Klaro, tarteaucitron, CookieConsent…), home-made
  banners, and look-alike pages with no banner.
- ``heldout_banners_2``, written blind after the first: platforms and variants the first
  covers less well or not at all (LiveRamp, Sirdata, Admiral, Pandectes, Cookie
  Information, Securiti, WPConsent, WP DSGVO Tools, GDPR Cookie Compliance, contentpass,
  newer OneTrust and Didomi layouts, Cookiebot "swift", iubenda variants, Usercentrics
  saved as declarative shadow DOM, consent inside ``<iframe srcdoc>``), home-made banners
  and look-alikes.
- ``heldout_banners_3``, written blind after the second (56 pages): Funding Choices in three
  languages, InMobi, TrustArc, Didomi popup, Cookiebot Swift, Usercentrics v2 in the light
  DOM, CookieYes, Complianz, Osano, iubenda, Termly, Cookie Law Info, Borlabs 3, Real Cookie
  Banner, consentmanager, Commanders Act, Axeptio, Wix, Squarespace, Cookie-Script, Clickio,
  Ezoic, Finsweet, CCM19; 19 home-made banners and 8 look-alikes.
- ``heldout_banners_5``, written blind (47 pages, 37 in the six languages and 10 in Portuguese,
  Polish, Swedish and Czech): 24 platforms (OneTrust flat banner and centre popup, Cookiebot
  legacy dialog, Didomi notice, Usercentrics v2 light DOM, Sourcepoint srcdoc pay-or-accept,
  InMobi Choice, TrustArc, CookieYes, iubenda, Osano, Termly, consentmanager PUR, Klaro,
  tarteaucitron, Borlabs, Cookie-Script, CookieHub, Ketch, Shopify, Funding Choices, Cookie
  Notice, GDPR Cookie Consent, Sirdata), 15 home-made banners with unusual structure (first
  block of the body, div bottom sheet, ``<a>``/``<span onclick>``/``role=button`` choices,
  ``aria-checked`` switches, split text, a notice inside the footer) and 8 look-alikes.
- ``heldout_banners_6``, written blind and committed before its first run (44 pages in twelve
  languages: the six plus Portuguese, Polish, Swedish, Danish, Czech and Finnish): 19
  platform banners, mostly little covered before (Transcend in declarative shadow DOM,
  HubSpot, Civic, CookieFirst, Piwik PRO, Evidon, GDPR Cookie Compliance, CookieAdmin, Cookie
  Information, OneTrust floating corner, Cookiebot Swift, iubenda, Complianz, TermsFeed,
  Tealium, Wix, Squarespace, Didomi pay-or-accept and notice), 17 home-made banners and 8
  look-alikes. First run: cookie wall recall 0.60, confirmshaming 0.40, three false alarms,
  platforms named on 15/19; all 1.00 and 19/19 since its fixes.
- ``heldout_banners_7``, written blind and committed before its first run (46 pages in fifteen
  languages: the six plus Portuguese, Polish, Swedish, Danish, Finnish, Czech, Romanian,
  Hungarian and Greek): 22 platform banners (Usercentrics v3 in declarative shadow DOM, the
  inner document of a Sourcepoint message iframe, InMobi, TrustArc, Osano, Ketch, Cookie-Script,
  CookieHub, consentmanager, Axeptio, Sirdata, Commanders Act, Civic v9, Funding Choices,
  Shopify, Drupal EU Cookie Compliance, Joomla CookieHint, PrestaShop lgcookieslaw, Magento
  Amasty, OneTrust, CookieYes, Cookiebot), 16 home-made banners and 8 look-alikes. First run:
  no-reject recall 0.90, implied consent recall 0.80, confirmshaming 0.67/0.40, platforms
  named on 18/22; all 1.00 and 22/22 since its fixes (one label corrected: the Klaviyo
  pop-up's "No thanks, I'd rather pay full price" is DESIGN.md's own confirmshaming example).
- ``heldout_banners_8``, written blind and committed before its first run (38 pages in the
  same fifteen languages), leaning on home-made banners: 26 of them (bottom bars, corner
  boxes, full-screen interstitials, a two-step banner, ``<iframe srcdoc>``, open shadow roots
  of custom elements, ``<a>``/``<div onclick>``/``<span role=button>`` choices, faint rejects
  set by page classes, legitimate interest switched on, pay-or-accept news walls, implied
  consent and shaming declines), 4 rare platforms (Cookie Information, Termly without its
  Decline button, CookieFirst, consentmanager in a ``#cmpwrapper`` shadow root) and 8
  look-alikes. First run: no-reject precision 0.90 (a Czech shaming decline not taken for a
  refusal), confirmshaming recall 0.80 (a Polish "don't care about saving" decline missed),
  every other rule 1.00/1.00, platforms named on 4/4; its floors are those figures.

A rule in neither list is not judged for that case. Run with ``-s`` to see the tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from tests.unit import heldout_scores

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
RULES = (
    "consent.banner",
    "consent.no-reject-first-layer",
    "consent.asymmetric-choice",
    "consent.implied-consent",
    "consent.cookie-wall",
    "consent.preticked-purpose",
    "consent.confirmshaming",
)
FLOOR = 0.85
PLATFORM_FLOOR = 0.85
MIN_POSITIVES = 5
LANGUAGES = {"en", "de", "fr", "es", "it", "nl"}


NEW_LANGUAGES = {"pt", "pl", "sv", "da", "nb", "fi", "cs", "ro", "hu", "el"}


@dataclass(frozen=True)
class HeldOutSet:
    name: str
    min_cases: int
    min_home_made: int
    min_cases_per_language: int = 1
    languages: frozenset[str] = frozenset(LANGUAGES)
    min_negatives: int = 6
    # (rule, precision floor, recall floor) where a set's floors are not FLOOR: its first
    # run's figures, rounded down to two decimals.
    floors: tuple[tuple[str, float, float], ...] = ()
    platform_floor: float = PLATFORM_FLOOR

    def floor(self, rule: str) -> tuple[float, float]:
        return next(((p, r) for name, p, r in self.floors if name == rule), (FLOOR, FLOOR))


SETS = (HeldOutSet("heldout_banners", 30, 8), HeldOutSet("heldout_banners_2", 40, 10, 5),
        HeldOutSet("heldout_banners_3", 50, 15, 5),
        # 22 of its 32 pages are in the ten languages banners are read in beyond the six.
        HeldOutSet("heldout_banners_4", 30, 12, 1, frozenset(LANGUAGES | NEW_LANGUAGES), min_negatives=5),
        HeldOutSet("heldout_banners_5", 47, 15, 1, frozenset(LANGUAGES | {"pt", "pl", "sv", "cs"}), min_negatives=8),
        # Floors at its first run's figures (written blind, committed before that run).
        HeldOutSet("heldout_banners_6", 44, 17, 1, frozenset(LANGUAGES | {"pt", "pl", "sv", "da", "cs", "fi"}),
                   min_negatives=8,
                   # First run: banner 0.97/0.97, asymmetric 0.83/1.00, implied 0.86/1.00, cookie
                   # wall 1.00/0.60, confirmshaming 1.00/0.40, platform 15/19; every rule is 1.00/1.00
                   # and 19/19 are named since its fixes, and FLOOR guards it like the other sets.
                   platform_floor=0.94),
        # Written blind, committed before its first run: 46 pages in fifteen languages, 22
        # platform banners, 16 home-made, 8 look-alikes. First run: no-reject recall 0.90,
        # implied 0.80, confirmshaming 0.67/0.40, 18/22 named; every rule 1.00/1.00 and 22/22
        # named since its fixes, so FLOOR guards it like the other sets.
        HeldOutSet("heldout_banners_7", 46, 16, 1,
                   frozenset(LANGUAGES | {"pt", "pl", "sv", "da", "fi", "cs", "ro", "hu", "el"}), min_negatives=8,
                   platform_floor=0.95),
        # Written blind, committed before its first run: 38 pages in fifteen languages, 26
        # home-made banners, 4 rare platforms, 8 look-alikes. First run: no-reject precision
        # 0.90, confirmshaming recall 0.80, everything else 1.00, 4/4 named; all 1.00 since
        # its fixes, so FLOOR guards it like the other sets.
        HeldOutSet("heldout_banners_8", 38, 26, 1,
                   frozenset(LANGUAGES | {"pt", "pl", "sv", "da", "fi", "cs", "ro", "hu", "el"}), min_negatives=8,
                   platform_floor=1.00))
SET_NAMES = [s.name for s in SETS]
SETS_BY_NAME = {s.name: s for s in SETS}


@cache
def _cases(set_name: str) -> list[str]:
    return sorted(p.name for p in (FIXTURES / set_name).iterdir() if (p / "expected.json").is_file())


@cache
def _expected(path: str) -> dict[str, Any]:
    return json.loads((FIXTURES / path / "expected.json").read_text(encoding="utf-8"))


@cache
def _analysis(path: str):
    from companion.commands.check import analyze_file

    return analyze_file(FIXTURES / path / "page.html", url=_expected(path)["url"])


def _found(path: str) -> frozenset[str]:
    return frozenset(f.rule for f in _analysis(path).findings)


def _paths(set_name: str) -> list[str]:
    return [f"{set_name}/{case}" for case in _cases(set_name)]


def _language(path: str) -> str:
    head = (FIXTURES / path / "page.html").read_text(encoding="utf-8")[:300]
    return head.split('<html lang="', 1)[1][:2] if '<html lang="' in head else ""


def _platform_named(path: str) -> str | None:
    return (_analysis(path).banner or {}).get("platform")


@cache
def _scores(set_name: str) -> dict[str, dict[str, Any]]:
    table = heldout_scores.scores(_paths(set_name), RULES, _expected, _found)
    heldout_scores.print_table(f"{set_name}: {len(_cases(set_name))} cases", table)
    platform_cases = [p for p in _paths(set_name) if _expected(p).get("platform")]
    named = [p for p in platform_cases if _platform_named(p)]
    print(f"platform named on {len(named)}/{len(platform_cases)} platform banners; not named: "
          + ", ".join(p for p in platform_cases if p not in named))
    return table


@pytest.mark.parametrize("held_out", SETS, ids=SET_NAMES)
def test_the_set_is_big_varied_and_balanced(held_out: HeldOutSet) -> None:
    paths = _paths(held_out.name)
    assert len(paths) >= held_out.min_cases
    languages = [_language(p) for p in paths]
    assert set(languages) == held_out.languages
    assert all(languages.count(lang) >= held_out.min_cases_per_language for lang in held_out.languages)
    negatives = [p for p in paths if "consent.banner" in _expected(p)["absent"]]
    home_made = [p for p in paths if _expected(p).get("platform") is None and p not in negatives]
    assert len(negatives) >= held_out.min_negatives
    assert len(home_made) >= held_out.min_home_made
    for rule in RULES:
        positives = [p for p in paths if rule in _expected(p)["present"]]
        assert len(positives) >= MIN_POSITIVES, rule
        assert len({_language(p) for p in positives}) >= 3, rule


@pytest.mark.parametrize("path", [p for s in SET_NAMES for p in _paths(s)])
def test_the_analyzer_runs_cleanly(path: str) -> None:
    assert not _analysis(path).errors, f"{path}: detector errors {_analysis(path).errors}"


@pytest.mark.parametrize("held_out", SETS, ids=SET_NAMES)
@pytest.mark.parametrize("rule", RULES)
def test_precision_and_recall_floor(held_out: HeldOutSet, rule: str) -> None:
    s = _scores(held_out.name)[rule]
    floor_p, floor_r = held_out.floor(rule)
    assert s["precision"] >= floor_p, f"{rule}: precision {s['precision']:.2f}; false alarms {s['false_alarms']}"
    assert s["recall"] >= floor_r, f"{rule}: recall {s['recall']:.2f}; missed {s['misses']}"


def _same_platform(expected: str, named: str | None) -> bool:
    """The expected name's first word is in the name given ("Commanders Act" names
    "Commanders Act TrustCommander", "consentmanager" names "consentmanager.net")."""
    if not named:
        return False
    first = "".join(ch for ch in expected.lower().split()[0] if ch.isalnum())
    return first in "".join(ch for ch in named.lower() if ch.isalnum())


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_platform_banners_are_named(set_name: str) -> None:
    cases = [p for p in _paths(set_name) if _expected(p).get("platform")]
    wrong = {p: _platform_named(p) for p in cases if not _same_platform(_expected(p)["platform"], _platform_named(p))}
    assert 1 - len(wrong) / len(cases) >= SETS_BY_NAME[set_name].platform_floor, wrong


@pytest.mark.parametrize("set_name", SET_NAMES)
def test_home_made_banners_are_not_given_a_platform_name(set_name: str) -> None:
    wrongly_named = {p: _platform_named(p) for p in _paths(set_name)
                     if _expected(p).get("platform") is None and _platform_named(p)}
    assert not wrongly_named

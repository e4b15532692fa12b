import re
from pathlib import Path

from companion.catalog import as_json, rules
from companion.detectors import DETECTORS

DESIGN_RULES = {
    "consent.banner", "consent.no-reject-first-layer", "consent.asymmetric-choice",
    "consent.preticked-purpose", "consent.cookie-wall", "consent.implied-consent",
    "consent.confirmshaming", "consent.tracking-before-consent", "consent.choice-not-respected",
    "tracker.third-party", "sharing.prechecked-optin", "sharing.trick-question",
    "pressure.countdown", "pressure.scarcity", "pressure.social-proof", "pressure.sneak-into-basket",
}


def test_catalog_has_every_public_rule_with_explanations_and_references():
    catalog = rules()
    assert DESIGN_RULES <= set(catalog)
    for rule in catalog.values():
        assert rule.severity in ("high", "medium", "low", "info")
        assert len(rule.why) > 60 and rule.title
        assert rule.references, rule.id
        assert all(ref.url.startswith("https://") for ref in rule.references)
    assert catalog["consent.banner"].severity == "info"


def test_catalog_cites_the_required_sources():
    titles = " ".join(ref.title for rule in rules().values() for ref in rule.references)
    for needle in ("GDPR Art. 7", "ePrivacy", "Planet49", "EDPB Guidelines 03/2022", "§7004",
                   "DETOUR", "Consumer Rights Directive"):
        assert needle in titles


def test_every_rule_has_exactly_one_detector():
    owners: dict[str, str] = {}
    for module in DETECTORS:
        for rule_id in module.RULES:
            assert rule_id not in owners, f"{rule_id} claimed twice"
            owners[rule_id] = module.__name__
    assert set(owners) == set(rules())


def test_catalog_json_is_serialisable():
    assert {r["id"] for r in as_json()} == set(rules())


def test_design_doc_rule_table_matches(tmp_path):
    design = Path(__file__).resolve().parents[3] / "shared" / "DESIGN.md"
    if design.exists():
        ids = set(re.findall(r"^\| `([a-z-]+\.[a-z-]+)`", design.read_text(), re.M))
        assert ids == DESIGN_RULES

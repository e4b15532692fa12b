from companion.consent.platforms import signatures
from companion.page import parse_html

REQUIRED = ["OneTrust", "Cookiebot", "Didomi", "Quantcast / InMobi Choice", "TrustArc", "Usercentrics",
            "Sourcepoint", "CookieYes", "Complianz", "Osano", "Klaro", "tarteaucitron",
            "vanilla-cookieconsent", "Google Funding Choices", "Iubenda"]


def test_signature_data_loads_and_covers_the_major_platforms():
    sig = signatures()
    names = {p.name for p in sig.platforms}
    assert set(REQUIRED) <= names
    assert len(names) >= 30
    for platform in sig.platforms:
        assert platform.selectors, platform.name


def test_each_platform_matches_its_own_markup():
    for platform in signatures().platforms:
        for selector in platform.selectors:
            html = _markup_for(selector)
            if html is None:
                continue
            root = parse_html(html)
            hits = [signatures().platform_of(n) for n in signatures().candidates(_index(root), root)]
            assert platform in hits or any(signatures().platform_of(n) == platform for n in root.iter()), selector


def test_control_hints_settle_unrecognised_wording():
    vcc = signatures().named("vanilla-cookieconsent")
    root = parse_html('<div id="cc-main"><button data-role="all">Yes, support us</button></div>')
    assert vcc.role_of(root.find(".//button")) == "accept"


def test_platform_by_host():
    assert signatures().platform_for_host("cdn.cookielaw.org").name == "OneTrust"
    assert signatures().platform_for_host("sdk.privacy-center.org").name == "Didomi"
    assert signatures().platform_for_host("example.org") is None


def _index(root):
    from companion.page_index import build_index

    return build_index(root, signatures().classes)


def _markup_for(selector: str) -> str | None:
    import re

    m = re.fullmatch(r"#([\w-]+)", selector)
    if m:
        return f'<div id="{m.group(1)}">x</div>'
    m = re.fullmatch(r"((?:\.[\w-]+)+)", selector)
    if m:
        return f'<div class="{" ".join(m.group(1).split(".")[1:])}">x</div>'
    return None

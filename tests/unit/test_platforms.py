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
        assert platform.selectors or platform.hosts or platform.assets, platform.name


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


def test_platform_by_its_own_files():
    sig = signatures()
    plugin = "https://www.gasthof-linde.de/wp-content/plugins/real-cookie-banner-pro/public/dist/banner.pro.js?ver=5"
    assert sig.platform_for_url(plugin).name == "Real Cookie Banner"
    assert sig.platform_for_url("https://cdn.jsdelivr.net/npm/klaro@0.7/dist/klaro.js").name == "Klaro"
    assert sig.platform_for_url("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js").name == "OneTrust"
    assert sig.platform_for_url("https://www.example.org/wp-content/plugins/woocommerce/x.js") is None
    assert sig.platform_for_url("http://[broken/x.js") is None


_BAR = ('<div style="position:fixed;bottom:0;left:0;right:0"><p>Wir verwenden Cookies für Statistik '
        'und Marketing.</p><button>Alle akzeptieren</button><button>Ablehnen</button></div>')


def test_a_banner_without_a_signature_is_named_by_the_platform_files_the_page_loads():
    from tests.unit.consent_helpers import analyze_html, page

    plain = analyze_html(page(_BAR))
    assert plain.banner is not None and plain.banner["platform"] is None
    wordpress = page('<script src="/wp-content/plugins/borlabs-cookie/assets/javascript/borlabs-cookie.min.js">'
                     f"</script>{_BAR}")
    assert analyze_html(wordpress).banner["platform"] == "Borlabs Cookie"
    hosted = page(f'<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"></script>{_BAR}')
    assert analyze_html(hosted).banner["platform"] == "OneTrust"


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


# Libraries served from a generic CDN, recognised by their own markup.
LIBRARY_MARKUP = {
    "Cookies EU banner": '<div id="cookies-eu-banner">x</div>',
    "GDPR Cookie Notice": '<div class="gdpr-cookie-notice-modal">x</div>',
    "CookieNoticeJS": '<div id="cookieNotice"><span>x</span><a href="#" class="confirm">Ok</a></div>',
    "Cookie Though": '<aside class="cookie-though visible">x</aside>',
    "cookieBAR": '<div id="cookie-bar-prompt">x</div>',
    "Porsche cookie-consent-banner": '<cookie-consent-banner class="hydrated">x</cookie-consent-banner>',
    "Beyonk GDPR Cookie Consent Banner": '<div class="cookieConsentWrapper">x</div>',
}


def test_small_consent_libraries_are_named_by_their_markup():
    sig = signatures()
    for name, html in LIBRARY_MARKUP.items():
        root = parse_html(html)
        found = {p.name for n in sig.candidates(_index(root), root) if (p := sig.platform_of(n))}
        assert found == {name}, (name, found)


def test_two_libraries_with_one_tag_name_are_told_apart():
    # Porsche's (Stencil, marked "hydrated") and Beyonk's (Svelte) both define <cookie-consent-banner>.
    root = parse_html('<cookie-consent-banner cookie-name="x">x</cookie-consent-banner>')
    assert not any(signatures().platform_of(n) for n in root.iter())
    root = parse_html('<div class="cc_body" part="body">x</div><div class="cc_body">y</div>')
    named = [signatures().platform_of(n) for n in root.iter() if n.get("class") == "cc_body"]
    assert [p.name if p else None for p in named] == ["Porsche cookie-consent-banner", None]


def test_a_common_id_names_a_library_only_with_the_library_s_own_button_inside():
    # "#cookieNotice" is also what people call a hand-written notice.
    hand_written = parse_html('<div id="cookieNotice"><p>We use cookies.</p><button>Close</button></div>')
    assert not any(signatures().platform_of(n) for n in hand_written.iter())
    library = parse_html('<div id="cookieNotice"><span>We use cookies.</span><a href="#" class="confirm">Ok</a></div>')
    named = [p.name for n in library.iter() if (p := signatures().platform_of(n))]
    assert named == ["CookieNoticeJS"]


def test_attribute_signatures_name_banners_when_the_page_holds_them():
    from tests.unit.consent_helpers import analyze_html, page

    bar = ('<div {attr} style="position:fixed;bottom:0;left:0;right:0"><p>Ce site utilise des cookies '
           "pour la mesure d'audience et la publicité.</p><button {deny}>Refuser</button>"
           "<button {allow}>Accepter</button></div>")
    wix = analyze_html(page(bar.format(attr='data-hook="consent-banner-root"', deny="", allow="")))
    assert wix.banner["platform"] == "Wix cookie banner"
    finsweet = analyze_html(page(bar.format(attr='fs-cc="banner"', deny='fs-cc="deny"', allow='fs-cc="allow"')))
    assert finsweet.banner["platform"] == "Finsweet Cookie Consent"
    assert {c["role"] for c in finsweet.banner["controls"]} >= {"accept", "reject"}
    assert analyze_html(page(bar.format(attr='data-hook="footer"', deny="", allow=""))).banner["platform"] is None


def test_an_attribute_signature_is_searched_only_when_the_source_names_it():
    sig = signatures()
    root = parse_html('<div fs-cc="banner">x</div>')
    assert sig.candidates(_index(root), root, markup="<p>no such attribute</p>") == []
    assert [n.get("fs-cc") for n in sig.candidates(_index(root), root, markup='<div fs-cc="banner">')] == ["banner"]

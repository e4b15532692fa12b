"""Confirmshaming in the banner languages (pt, pl, sv, da, nb, fi, cs, ro, hu, el).

Consent banners are read in these languages (controls.json, implied consent); the shaming
composite reads them too, so a reject button worded to shame ("Nie, wolę oglądać nietrafione
reklamy") is found, while a plain decline ("Nie, dziękuję") stays clean. The sentences here
are written for these tests.
"""

from __future__ import annotations

import pytest

from companion.copy import classify_copy, patterns
from companion.lexicon import BANNER_LANGUAGES, LANGUAGES, lexicon

from .consent_helpers import analyze_html, page, rules_of

CS = "consent.confirmshaming"

# Danish and Norwegian share words ("jeg vil ikke spare"): either name is right there.
_SAME = {"da": {"da", "nb"}, "nb": {"da", "nb"}}

POSITIVES: dict[str, list[str]] = {
    "pt": [
        "Não, obrigado, prefiro pagar o preço cheio",
        "Nao obrigada, prefiro continuar desinformada",
        "Não me importo com a minha privacidade",
        "Eu não quero poupar dinheiro",
        "Prefiro ver anúncios irrelevantes",
        "Não, prefiro perder as promoções",
        "Não, muito obrigado, prefiro continuar desinformado",
    ],
    "pl": [
        "Nie, wolę płacić pełną cenę",
        "Nie dziekuje, wole placic wiecej",
        "Nie dbam o swoją prywatność",
        "Nie chcę oszczędzać pieniędzy",
        "Wolałabym pozostać niedoinformowana",
        "Nie, wolę dalej oglądać przypadkowe reklamy",
        "Rabaty mnie nie interesują",
    ],
    "sv": [
        "Nej tack, jag betalar hellre fullt pris",
        "Jag vill hellre förbli oinformerad",
        "Jag bryr mig inte om min integritet",
        "Jag vill inte spara pengar",
        "Nej, jag föredrar att se irrelevanta annonser",
        "Nej tack, jag vill hellre missa alla erbjudanden",
        "Jag går hellre miste om erbjudandena",
    ],
    "da": [
        "Nej tak, jeg betaler hellere fuld pris",
        "Jeg er ligeglad med mit privatliv",
        "Jeg vil hellere forblive uinformeret",
        "Nej tak, jeg foretraekker at se irrelevante reklamer",
        "Nej, jeg går hellere glip af gode tilbud",
    ],
    "nb": [
        "Nei takk, jeg betaler heller full pris",
        "Jeg bryr meg ikke om personvern",
        "Jeg vil heller forbli uinformert",
        "Nei, jeg foretrekker å se irrelevante annonser",
        "Nei takk, jeg går gjerne glipp av rabattene",
    ],
    "fi": [
        "Ei kiitos, maksan mieluummin täyden hinnan",
        "Ei kiitos, maksan mieluummin taytta hintaa",
        "En välitä yksityisyydestäni",
        "En halua säästää rahaa",
        "Jään mieluummin tietämättömäksi",
        "Katson mieluummin epäolennaisia mainoksia",
    ],
    "cs": [
        "Ne, děkuji, radši zaplatím plnou cenu",
        "Ne diky, radeji zustanu neinformovany",
        "Nezáleží mi na mém soukromí",
        "Nechci ušetřit peníze",
        "Ne, raději budu sledovat nerelevantní reklamy",
        "Radši přijdu o všechny slevy",
        "Kvalitní žurnalistika mě nezajímá",
        "Ne, děkujeme, radši zaplatíme víc",
    ],
    "ro": [
        "Nu, mulțumesc, prefer să plătesc prețul întreg",
        "Nu multumesc, prefer sa raman neinformat",
        "Nu îmi pasă de confidențialitatea mea",
        "Nu vreau să economisesc bani",
        "Prefer reclame irelevante",
        "Nu, prefer să ratez toate ofertele",
        "Nu, vă mulțumesc, prefer să plătesc prețul întreg",
    ],
    "hu": [
        "Nem, köszönöm, inkább teljes árat fizetek",
        "Nem koszonom, inkabb tajekozatlan maradok",
        "Nem érdekel a magánszférám",
        "Nem akarok spórolni",
        "Inkább irreleváns hirdetéseket nézek",
        "Köszönöm, nem, inkább lemaradok a kedvezményekről",
        "Nem kérem, inkább teljes árat fizetek",
    ],
    "el": [
        "Όχι, δεν με ενδιαφέρει να γλιτώνω χρήματα",
        "Οχι ευχαριστω, προτιμω να μενω απληροφορητος",
        "Προτιμώ να πληρώνω την πλήρη τιμή",
        "Δεν με νοιάζει η ιδιωτικότητά μου",
        "Όχι, προτιμώ να βλέπω άσχετες διαφημίσεις",
        "Οχι, προτιμω να χασω τις προσφορες",
        "Προτιμώ να μείνω ανημέρωτος",
        "Όχι, σας ευχαριστώ, προτιμώ να πληρώνω περισσότερα",
    ],
}

# Neutral declines and banner wording: no shaming.
NEGATIVES: dict[str, list[str]] = {
    "pt": ["Não, obrigado", "Nao obrigada", "Agora não", "Talvez mais tarde", "Rejeitar tudo",
           "Continuar sem aceitar", "Prefiro não pagar mais", "Não, muito obrigado",
           "Prefiro não perder a oportunidade", "Não quero receber a newsletter"],
    "pl": ["Nie, dziękuję", "Nie dziekuje", "Nie teraz", "Może później", "Odrzuć wszystkie",
           "Kontynuuj bez akceptacji", "Nie chcę otrzymywać newslettera",
           "Polityka prywatności"],
    "sv": ["Nej tack", "Inte nu", "Kanske senare", "Avvisa alla", "Fortsätt utan att acceptera",
           "Jag vill inte ha nyhetsbrevet", "Jag betalar hellre inte mer"],
    "da": ["Nej tak", "Ikke nu", "Måske senere", "Maaske senere", "Afvis alle",
           "Fortsæt uden at acceptere", "Jeg vil ikke modtage nyhedsbrevet"],
    "nb": ["Nei takk", "Ikke nå", "Kanskje senere", "Avvis alle", "Fortsett uten å godta",
           "Jeg vil ikke motta nyhetsbrev"],
    "fi": ["Ei kiitos", "Ei nyt", "Ehkä myöhemmin", "Ehka myohemmin", "Hylkää kaikki",
           "Jatka hyväksymättä", "Ei kiinnosta", "En halua uutiskirjettä"],
    "cs": ["Ne, děkuji", "Ne dekuji", "Teď ne", "Možná později", "Odmítnout vše",
           "Pokračovat bez přijetí", "Nechci dostávat newsletter", "Newsletter mě nezajímá"],
    "ro": ["Nu, mulțumesc", "Nu multumesc", "Nu acum", "Poate mai târziu", "Respinge tot",
           "Continuă fără a accepta", "Nu vreau să primesc newsletterul",
           "Politica de confidențialitate", "Nu, vă mulțumesc"],
    "hu": ["Nem, köszönöm", "Most nem", "Talán később", "Talan kesobb", "Összes elutasítása",
           "Folytatás elfogadás nélkül", "Nem érdekel", "Adatvédelmi tájékoztató", "Nem kérem"],
    "el": ["Όχι, ευχαριστώ", "Οχι ευχαριστω", "Όχι τώρα", "Ίσως αργότερα", "Απόρριψη όλων",
           "Συνέχεια χωρίς αποδοχή", "Δεν θέλω να λαμβάνω ενημερωτικό δελτίο", "Όχι, σας ευχαριστώ"],
}

# A banner per language: its notice, an accept button and a reject button worded to shame.
BANNERS: dict[str, tuple[str, str, str]] = {
    "pt": ("Utilizamos cookies para lhe mostrar ofertas personalizadas.", "Aceitar",
           "Não, obrigado, prefiro pagar mais"),
    "pl": ("Używamy plików cookie, aby dopasować reklamy.", "Akceptuję",
           "Nie, wolę oglądać nietrafione reklamy"),
    "sv": ("Vi använder cookies för att visa relevanta erbjudanden.", "Godkänn",
           "Nej tack, jag betalar hellre mer"),
    "da": ("Vi bruger cookies til at vise dig relevante tilbud.", "Accepter",
           "Nej tak, jeg vil hellere se irrelevante annoncer"),
    "nb": ("Vi bruker informasjonskapsler for å vise relevante tilbud.", "Godta",
           "Nei takk, jeg går heller glipp av tilbudene"),
    "fi": ("Käytämme evästeitä näyttääksemme sinulle osuvia tarjouksia.", "Hyväksy",
           "Ei kiitos, maksan mieluummin täyden hinnan"),
    "cs": ("Používáme cookies, abychom vám ukázali relevantní nabídky.", "Přijmout",
           "Ne, děkuji, radši zaplatím víc"),
    "ro": ("Folosim cookie-uri pentru a vă arăta oferte relevante.", "Accept",
           "Nu, mulțumesc, prefer să plătesc mai mult"),
    "hu": ("Sütiket használunk, hogy releváns ajánlatokat mutassunk.", "Elfogadom",
           "Nem, köszönöm, inkább lemaradok az akciókról"),
    "el": ("Χρησιμοποιούμε cookies για να σας δείχνουμε σχετικές προσφορές.", "Αποδοχή",
           "Όχι, δεν με ενδιαφέρει να γλιτώνω χρήματα"),
}


def _shaming(text: str) -> list:
    return [f for f in classify_copy(text) if f.rule == CS]


def test_every_banner_language_is_covered() -> None:
    assert set(POSITIVES) == set(NEGATIVES) == set(BANNERS) == set(BANNER_LANGUAGES)
    for category in ("decline", "pos_frame", "neg_frame", "good", "bad"):
        assert set(BANNER_LANGUAGES) <= set(lexicon("shaming").categories[category]), category
    for lang in BANNER_LANGUAGES:
        assert len(POSITIVES[lang]) >= 3 and len(NEGATIVES[lang]) >= 4, lang


def test_the_shaming_composite_reads_the_banner_languages() -> None:
    names = {h.split("__")[0] for h in patterns.shaming().pattern.groupindex}
    assert names == set(LANGUAGES) | set(BANNER_LANGUAGES)


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, ts in POSITIVES.items() for t in ts])
def test_shaming_decline_is_found(lang: str, text: str) -> None:
    found = _shaming(text)
    assert found, text
    assert found[0].evidence["lang"] in _SAME.get(lang, {lang}), (text, found[0].evidence["lang"])


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, ts in NEGATIVES.items() for t in ts])
def test_neutral_decline_is_not_shaming(lang: str, text: str) -> None:
    assert not _shaming(text), text


@pytest.mark.parametrize("lang", BANNER_LANGUAGES)
def test_banner_with_a_shaming_reject_button(lang: str) -> None:
    notice, accept, reject = BANNERS[lang]
    html = page(
        '<div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="Cookies">'
        f"<p>{notice}</p><button>{accept}</button><button>{reject}</button></div>"
        "<main><p>Lorem ipsum.</p></main>"
    )
    assert CS in rules_of(analyze_html(html))

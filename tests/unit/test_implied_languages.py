"""Implied consent in the banner languages (pt, pl, sv, da, nb, fi, cs, ro, hu, el).

Controls of consent banners are read in these languages (controls.json); the implied
consent composite reads them too (``companion.lexicon.BANNER_LANGUAGES``). The sentences
here are written for these tests.
"""

from __future__ import annotations

import pytest

from companion.copy import classify_copy, patterns
from companion.lexicon import BANNER_LANGUAGES, LANGUAGES, lexicon

from .consent_helpers import analyze_html, page, rules_of

IC = "consent.implied-consent"

POSITIVES: dict[str, list[str]] = {
    "pt": [
        "Utilizamos cookies. Ao continuar a navegar neste site, está a concordar com a sua utilização.",
        "Usamos cookies para melhorar sua experiência. Ao continuar navegando, você concorda com o uso de cookies.",
        "Este site utiliza cookies. Se continuar a utilizar o site, consideramos que aceita a sua utilização.",
        "Ao utilizar o nosso website, voce concorda com a utilizacao de cookies.",
        "Utilizamos cookies. A continuação da sua navegação implica a aceitação da nossa política de cookies.",
        "Ao fechar este aviso, você concorda com o uso de cookies.",
        "Você concorda com o uso de cookies ao continuar a navegar no site.",
    ],
    "pl": [
        "Ta strona używa plików cookies. Korzystając ze strony wyrażasz zgodę na ich używanie.",
        "Kontynuując przeglądanie serwisu, zgadzasz się na wykorzystanie plików cookie.",
        "Dalsze korzystanie z witryny oznacza zgodę na zapisywanie plików cookies na Twoim urządzeniu.",
        "Korzystanie z serwisu bez zmiany ustawień przeglądarki oznacza, że będą one zapisane w pamięci urządzenia.",
        "Korzystajac z naszej strony wyrazasz zgode na uzywanie ciasteczek.",
        "Zamykając ten komunikat, wyrażasz zgodę na używanie plików cookies.",
        "Jeżeli będziesz nadal korzystać ze strony, zgadzasz się na użycie ciasteczek.",
    ],
    "sv": [
        "Vi använder cookies. Genom att fortsätta använda webbplatsen godkänner du detta.",
        "Om du fortsätter att surfa på sajten accepterar du att vi använder kakor.",
        "Vi använder kakor. Fortsatt användning av webbplatsen innebär att du samtycker till det.",
        "Genom att anvanda var webbplats godkanner du att vi anvander cookies.",
        "Genom att stänga denna ruta godkänner du kakor.",
        "Du godkänner användningen av kakor om du fortsätter att surfa på sidan.",
    ],
    "da": [
        "Vi bruger cookies. Ved at fortsætte med at bruge hjemmesiden accepterer du vores brug af cookies.",
        "Hvis du fortsætter på siden, giver du samtykke til cookies.",
        "Vi anvender cookies. Fortsat brug af websitet betyder, at du accepterer dette.",
        "Ved at fortsaette med at bruge siden accepterer du cookies.",
        "Ved at lukke denne meddelelse accepterer du cookies.",
        "Fortsætter du med at bruge siden, går vi ud fra, at du accepterer cookies.",
    ],
    "nb": [
        "Ved å fortsette å bruke nettstedet godtar du at vi bruker informasjonskapsler.",
        "Vi bruker cookies. Hvis du fortsetter å surfe på siden, aksepterer du dette.",
        "Fortsatt bruk av nettsiden betyr at du samtykker til bruk av informasjonskapsler.",
        "Ved a fortsette a bruke siden godtar du bruk av cookies.",
        "Ved å lukke denne meldingen godtar du informasjonskapsler.",
        "Fortsetter du å bruke nettsiden, går vi ut fra at du godtar cookies.",
    ],
    "fi": [
        "Käytämme evästeitä. Jatkamalla sivuston käyttöä hyväksyt evästeiden käytön.",
        "Käyttämällä sivustoamme hyväksyt evästeet.",
        "Sivustomme käyttää evästeitä. Jatkamalla selaamista annat suostumuksesi niiden käyttöön.",
        "Jatkamalla sivuston kayttoa hyvaksyt evasteiden kayton.",
        "Sulkemalla tämän ilmoituksen hyväksyt evästeet.",
        "Jos jatkat sivuston selaamista, oletamme että hyväksyt evästeet.",
    ],
    "cs": [
        "Tento web používá soubory cookie. Pokračováním v prohlížení souhlasíte s jejich používáním.",
        "Používáním tohoto webu souhlasíte s ukládáním cookies.",
        "Pokud budete pokračovat v procházení stránek, předpokládáme, že souhlasíte s použitím cookies.",
        "Pouzivanim techto stranek souhlasite s pouzitim cookies.",
        "Zavřením této lišty souhlasíte s používáním cookies.",
        "Pokud budete nadále používat naše stránky, souhlasíte s ukládáním souborů cookie.",
    ],
    "ro": [
        "Acest site folosește cookie-uri. Prin continuarea navigării pe site sunteți de acord cu utilizarea lor.",
        "Continuând navigarea pe acest site, vă exprimați acordul asupra folosirii cookie-urilor.",
        "Dacă continuați să utilizați site-ul, considerăm că acceptați utilizarea cookie-urilor.",
        "Prin continuarea navigarii pe site sunteti de acord cu folosirea cookie-urilor.",
        "Utilizăm cookie-uri. Navigând pe site-ul nostru, ești de acord cu politica noastră de cookie-uri.",
        "Prin închiderea acestui mesaj, sunteți de acord cu folosirea cookie-urilor.",
        "Dacă veți continua să navigați pe site, considerăm că sunteți de acord cu utilizarea cookie-urilor.",
    ],
    "hu": [
        "A weboldal sütiket használ. Az oldal további használatával elfogadja a sütik használatát.",
        "Weboldalunk használatával hozzájárul a cookie-k alkalmazásához.",
        "Ha továbbra is használja a honlapot, úgy tekintjük, hogy elfogadja a sütiket.",
        "A bongeszes folytatasaval hozzajarul a sutik hasznalatahoz.",
        "Az értesítés bezárásával elfogadja a sütik használatát.",
        "Amennyiben továbbra is böngészi oldalunkat, hozzájárul a cookie-k használatához.",
    ],
    "el": [
        "Χρησιμοποιούμε cookies. Συνεχίζοντας την περιήγηση στον ιστότοπο, αποδέχεστε τη χρήση τους.",
        "Αν συνεχίσετε να χρησιμοποιείτε την ιστοσελίδα, θεωρούμε ότι συμφωνείτε με τη χρήση cookies.",
        "Χρησιμοποιώντας αυτόν τον ιστότοπο, συναινείτε στη χρήση cookies.",
        "Συνεχιζοντας την περιηγηση στον ιστοτοπο, αποδεχεστε τη χρηση των cookies.",
        "ΣΥΝΕΧΙΖΟΝΤΑΣ ΤΗΝ ΠΕΡΙΗΓΗΣΗ ΣΤΟΝ ΙΣΤΟΤΟΠΟ ΑΠΟΔΕΧΕΣΤΕ ΤΑ COOKIES.",
        "Κλείνοντας αυτό το μήνυμα, αποδέχεστε τη χρήση cookies.",
        "Αποδέχεστε τη χρήση cookies αν συνεχίσετε την περιήγηση στον ιστότοπο.",
    ],
}

NEGATIVES: dict[str, list[str]] = {
    "pt": [
        "Utilizamos cookies para melhorar a sua experiência. Pode aceitar ou recusar a sua utilização.",
        "Ao clicar em \"Aceitar todos\", você concorda com o armazenamento de cookies no seu dispositivo.",
        "Saiba mais sobre como tratamos os seus dados pessoais na nossa Política de Privacidade.",
        "Continuar sem aceitar",
        "Ao continuar, você aceita os Termos de Venda da loja.",
    ],
    "pl": [
        "Używamy plików cookies. Możesz je zaakceptować lub odrzucić w ustawieniach.",
        "Klikając \"Akceptuję wszystkie\", wyrażasz zgodę na przechowywanie plików cookie.",
        "Szczegóły dotyczące przetwarzania danych znajdziesz w naszej polityce prywatności.",
        "Jeśli nie wyrażasz zgody na pliki cookies, możesz zmienić ustawienia przeglądarki.",
    ],
    "sv": [
        "Vi använder cookies för att förbättra webbplatsen. Du kan acceptera eller neka dem.",
        "Genom att klicka på \"Acceptera alla\" godkänner du att cookies lagras på din enhet.",
        "Läs mer om hur vi behandlar personuppgifter i vår integritetspolicy.",
        "Fortsätt utan att acceptera",
    ],
    "da": [
        "Vi bruger cookies til statistik. Du kan acceptere eller afvise dem.",
        "Ved at klikke på \"Accepter alle\" accepterer du brugen af cookies.",
        "Du kan læse mere om vores behandling af personoplysninger i privatlivspolitikken.",
        "Vi bruger i samarbejde med partnere cookies på siden, hvis du accepterer dem.",
    ],
    "nb": [
        "Vi bruker informasjonskapsler. Du kan godta eller avslå dem.",
        "Ved å klikke på \"Godta alle\" godtar du at vi lagrer informasjonskapsler.",
        "Les mer om hvordan vi behandler personopplysninger i vår personvernerklæring.",
    ],
    "fi": [
        "Käytämme evästeitä. Voit hyväksyä tai hylätä ne.",
        "Klikkaamalla \"Hyväksy kaikki\" hyväksyt evästeiden tallentamisen laitteellesi.",
        "Lue lisää henkilötietojen käsittelystä tietosuojaselosteestamme.",
        "Hyväksyn evästeet",
    ],
    "cs": [
        "Používáme soubory cookie. Můžete je přijmout nebo odmítnout.",
        "Kliknutím na \"Přijmout vše\" souhlasíte s ukládáním cookies.",
        "Podrobnosti o zpracování osobních údajů najdete v zásadách ochrany soukromí.",
    ],
    "ro": [
        "Folosim cookie-uri. Puteți accepta sau refuza utilizarea lor.",
        "Făcând clic pe \"Accept toate\", sunteți de acord cu stocarea cookie-urilor.",
        "Aflați mai multe despre prelucrarea datelor în Politica de confidențialitate.",
        "Când utilizați site-ul nostru, puteți să acceptați sau să refuzați cookie-urile.",
    ],
    "hu": [
        "Sütiket használunk. Elfogadhatja vagy elutasíthatja őket.",
        "Az \"Összes elfogadása\" gombra kattintva hozzájárul a sütik tárolásához.",
        "A személyes adatok kezeléséről az adatvédelmi tájékoztatóban olvashat.",
        "A weboldal használata közben sütiket helyezünk el, ha elfogadja, kattintson az Elfogadom gombra.",
    ],
    "el": [
        "Χρησιμοποιούμε cookies. Μπορείτε να τα αποδεχτείτε ή να τα απορρίψετε.",
        "Κάνοντας κλικ στο \"Αποδοχή όλων\", αποδέχεστε την αποθήκευση cookies.",
        "Διαβάστε περισσότερα στην Πολιτική Απορρήτου για τα προσωπικά σας δεδομένα.",
    ],
}

# A banner with implied wording and only an "OK" button, per language.
BANNERS: dict[str, str] = {
    "pt": "Este site usa cookies. Ao continuar navegando, você concorda com o uso de cookies.",
    "pl": "Ta strona używa plików cookies. Kontynuując przeglądanie strony, wyrażasz zgodę na ich użycie.",
    "sv": "Vi använder cookies. Genom att fortsätta använda sajten godkänner du detta.",
    "da": "Vi bruger cookies. Ved at fortsætte med at bruge siden accepterer du dette.",
    "nb": "Vi bruker informasjonskapsler. Ved å fortsette å bruke nettstedet godtar du dette.",
    "fi": "Käytämme evästeitä. Jatkamalla sivuston käyttöä hyväksyt evästeet.",
    "cs": "Tento web používá cookies. Pokračováním v prohlížení webu souhlasíte s jejich použitím.",
    "ro": "Acest site folosește cookie-uri. Prin continuarea navigării pe site sunteți de acord.",
    "hu": "Weboldalunk sütiket használ. A weboldal további használatával elfogadja ezeket.",
    "el": "Ο ιστότοπος χρησιμοποιεί cookies. Συνεχίζοντας την περιήγηση, αποδέχεστε τη χρήση τους.",
}


def _rules(text: str) -> set[str]:
    return {f.rule for f in classify_copy(text)}


def test_every_banner_language_is_covered() -> None:
    assert set(POSITIVES) == set(NEGATIVES) == set(BANNERS) == set(BANNER_LANGUAGES)
    assert not set(BANNER_LANGUAGES) & set(LANGUAGES)
    for category in ("continue", "continue_bare", "agree", "context", "inaction", "negator"):
        assert set(BANNER_LANGUAGES) <= set(lexicon("implied").categories[category]), category


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, ts in POSITIVES.items() for t in ts])
def test_implied_consent_is_found(lang: str, text: str) -> None:
    found = [f for f in classify_copy(text) if f.rule == IC]
    assert found, text
    assert found[0].evidence["lang"] == lang


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, ts in NEGATIVES.items() for t in ts])
def test_compliant_and_click_tied_wording_is_not_implied_consent(lang: str, text: str) -> None:
    assert IC not in _rules(text), text


@pytest.mark.parametrize("lang", BANNER_LANGUAGES)
def test_banner_with_only_an_ok_button(lang: str) -> None:
    html = page(
        '<div id="cookie-notice" class="cookie-banner" role="dialog" aria-label="Cookies">'
        f"<p>{BANNERS[lang]}</p><button>OK</button></div><main><p>Lorem ipsum.</p></main>"
    )
    assert IC in rules_of(analyze_html(html))


def test_only_the_banner_rules_read_the_banner_languages() -> None:
    """Implied consent and confirmshaming, which judge banners, read the banner languages;
    the pressure rules keep to the six."""
    every = set(LANGUAGES) | set(BANNER_LANGUAGES)
    assert {h.split("__")[0] for h in patterns.shaming().pattern.groupindex} == every
    for category in ("scarcity", "social_proof"):
        groups = patterns.by_language("pressure", category).pattern.groupindex
        assert {h.split("__")[0] for h in groups} <= set(LANGUAGES)
    assert {h.split("__")[0] for h in patterns.implied().pattern.groupindex} == (
        set(LANGUAGES) | set(BANNER_LANGUAGES)
    )

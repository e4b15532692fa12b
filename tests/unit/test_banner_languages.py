"""Banners in Portuguese (PT and BR), Polish, Swedish, Danish, Norwegian, Finnish, Czech,
Romanian, Hungarian and Greek: found, their controls given the right roles, and the consent
rules judged as in the first six languages. Pages that only talk about cookies (a recipe,
a privacy policy) have no banner.

The wording is the one consent platforms ship (OneTrust, Cookiebot, Didomi, Usercentrics,
CookieYes, Complianz, Klaro, tarteaucitron, orejime, cookie-bar) and local sites use.
"""

from __future__ import annotations

import pytest

from companion.consent.controls import classify, classify_context
from companion.consent.layers import deictic
from companion.lexicon import lexicon, normalise
from tests.unit.consent_helpers import analyze_html, page, rules_of

CONSENT_RULES = {"consent.banner", "consent.no-reject-first-layer", "consent.asymmetric-choice",
                 "consent.cookie-wall", "consent.preticked-purpose"}

CSS = """
.bar{position:fixed;bottom:0;left:0;right:0;background:#fff;color:#222;padding:20px;z-index:1000}
.btn{display:inline-block;padding:10px 20px;background:#0a5cc2;color:#fff;border:0;font-size:15px}
.overlay{position:fixed;inset:0;background:rgba(0,0,0,.7);z-index:1000}
.box{background:#fff;width:480px;margin:80px auto;padding:24px}
"""

# One row per language: what a banner says, its first-layer buttons, its settings layer,
# a pay-or-consent wall, and two pages that talk about cookies without a banner.
LANGS: dict[str, dict] = {
    "pt": dict(
        url="https://www.jornal-exemplo.pt/",
        text="Utilizamos cookies e tecnologias semelhantes para medir o tráfego, personalizar conteúdos e "
             "mostrar publicidade. Pode aceitar, recusar ou escolher as finalidades.",
        accept="Aceitar todos", reject="Rejeitar todos", settings="Definições de cookies",
        accept2="Aceitar e fechar", settings2="Gerir preferências",
        necessary_only="Aceitar apenas os necessários", save="Guardar as minhas escolhas",
        layer_reject="Recusar todos",
        necessary="Cookies estritamente necessários", stats="Cookies analíticos", marketing="Cookies de publicidade",
        wall="Para ler os nossos artigos gratuitamente, aceite os cookies de publicidade ou assine sem anúncios.",
        wall_accept="Aceitar e continuar", pay="Assinar sem anúncios",
        recipe=("Cookies de chocolate e avelã",
                "Estes cookies ficam estaladiços por fora e macios por dentro. Misture a manteiga com o açúcar, "
                "junte os ovos e a farinha e leve ao forno 12 minutos.", "Imprimir receita", "Guardar receita"),
        policy=("Política de privacidade",
                "Os dados pessoais recolhidos são tratados de acordo com o RGPD. Utilizamos cookies analíticos e, "
                "com o seu consentimento, cookies de publicidade dos nossos parceiros. Pode retirar o "
                "consentimento a qualquer momento.", "Contacte-nos", "Imprimir"),
        either_or="Gerir ou recusar cookies",
        pointer=("Para recusar os cookies, clique", "aqui"),
    ),
    "pt-BR": dict(
        url="https://www.portal-exemplo.com.br/",
        text="Usamos cookies para melhorar sua experiência, analisar o tráfego e exibir anúncios personalizados, "
             "conforme a LGPD.",
        accept="Aceitar todos os cookies", reject="Rejeitar cookies", settings="Gerenciar cookies",
        accept2="Concordo", settings2="Configurações de cookies",
        necessary_only="Usar somente cookies necessários", save="Salvar configurações",
        layer_reject="Recusar todos",
        necessary="Cookies necessários", stats="Cookies de desempenho", marketing="Cookies de marketing",
        wall="Para continuar lendo, aceite os cookies ou assine o plano sem anúncios.",
        wall_accept="Aceitar e continuar", pay="Assine agora",
        recipe=("Cookies de chocolate",
                "Esses cookies ficam crocantes por fora e macios por dentro. Misture a manteiga com o açúcar "
                "mascavo, adicione os ovos e a farinha e asse por 12 minutos.", "Imprimir receita", "Salvar receita"),
        policy=("Política de Privacidade",
                "Tratamos seus dados pessoais de acordo com a LGPD. Utilizamos cookies de análise e, com o seu "
                "consentimento, cookies de publicidade de parceiros. Você pode revogar o consentimento a "
                "qualquer momento.", "Fale conosco", "Imprimir"),
        either_or="Gerenciar ou rejeitar cookies",
        pointer=("Para recusar os cookies, clique", "aqui"),
    ),
    "pl": dict(
        url="https://www.gazeta-przyklad.pl/",
        text="Używamy plików cookie i podobnych technologii, aby analizować ruch i wyświetlać spersonalizowane "
             "reklamy. Możesz zaakceptować wszystkie, odrzucić je lub dostosować ustawienia.",
        accept="Akceptuję wszystkie", reject="Odrzuć wszystkie", settings="Ustawienia",
        accept2="Zgadzam się", settings2="Dostosuj",
        necessary_only="Zezwól tylko na niezbędne", save="Zapisz wybór",
        layer_reject="Odrzuć wszystkie",
        necessary="Niezbędne pliki cookie", stats="Analityczne", marketing="Marketingowe",
        wall="Aby czytać za darmo, zaakceptuj pliki cookie lub wykup subskrypcję bez reklam.",
        wall_accept="Akceptuję i przechodzę dalej", pay="Wykup subskrypcję",
        recipe=("Kruche ciasteczka maślane",
                "Te ciasteczka są chrupiące z zewnątrz i miękkie w środku. Utrzyj masło z cukrem, dodaj jajka "
                "i mąkę, a następnie piecz 12 minut.", "Drukuj przepis", "Dodaj do ulubionych"),
        policy=("Polityka prywatności",
                "Administratorem Twoich danych osobowych jest wydawca serwisu. Pliki cookie wykorzystujemy w "
                "celach analitycznych, a za Twoją zgodą również reklamowych. Zgodę możesz wycofać w każdej chwili.",
                "Kontakt", "Drukuj"),
        either_or="Zarządzaj lub odrzuć",
        pointer=("Aby odrzucić pliki cookie, kliknij", "tutaj"),
        native="Ta strona używa ciasteczek do celów statystycznych i reklamowych.",
    ),
    "sv": dict(
        url="https://www.tidning-exempel.se/",
        text="Vi använder kakor (cookies) för att analysera trafiken och visa anpassade annonser. Du kan "
             "godkänna alla, neka eller välja själv.",
        accept="Acceptera alla", reject="Neka alla", settings="Inställningar",
        accept2="Godkänn alla kakor", settings2="Anpassa",
        necessary_only="Endast nödvändiga", save="Spara mina val",
        layer_reject="Avvisa alla",
        necessary="Nödvändiga kakor", stats="Statistik", marketing="Marknadsföring",
        wall="Läs utan reklam genom att bli prenumerant, eller godkänn kakor för annonser.",
        wall_accept="Godkänn och fortsätt", pay="Bli prenumerant",
        recipe=("Chokladkakor med havssalt",
                "De här kakorna blir sega i mitten och frasiga i kanten. Vispa smör och socker, rör ner ägg och "
                "mjöl och grädda i 12 minuter.", "Skriv ut receptet", "Spara receptet"),
        policy=("Integritetspolicy",
                "Vi behandlar dina personuppgifter enligt GDPR. Vi använder kakor för statistik och, med ditt "
                "samtycke, för marknadsföring. Du kan när som helst återkalla ditt samtycke.", "Kontakta oss",
                "Skriv ut"),
        either_or="Hantera eller neka",
        pointer=("För att neka kakor, klicka", "här"),
        native="Vi använder kakor för statistik och marknadsföring.",
    ),
    "da": dict(
        url="https://www.avis-eksempel.dk/",
        text="Vi bruger cookies til at analysere trafikken og vise målrettede annoncer. Du kan acceptere alle, "
             "afvise dem eller vælge selv.",
        accept="Tillad alle", reject="Afvis alle", settings="Vis detaljer",
        accept2="Accepter alle cookies", settings2="Tilpas",
        necessary_only="Kun nødvendige cookies", save="Gem mine valg",
        layer_reject="Afvis alle",
        necessary="Nødvendige", stats="Statistik", marketing="Marketing",
        wall="Læs uden annoncer med et abonnement, eller accepter cookies til annoncer.",
        wall_accept="Accepter og fortsæt", pay="Køb abonnement",
        recipe=("Chocolate chip cookies med havsalt",
                "Disse cookies bliver seje i midten og sprøde i kanten. Pisk smør og sukker, tilsæt æg og mel, "
                "og bag dem i 12 minutter.", "Udskriv opskrift", "Gem opskrift"),
        policy=("Privatlivspolitik",
                "Vi behandler dine personoplysninger i henhold til GDPR. Vi bruger cookies til statistik og, med "
                "dit samtykke, til markedsføring. Du kan altid trække dit samtykke tilbage.", "Kontakt os",
                "Udskriv"),
        either_or="Administrer eller afvis",
        pointer=("For at afvise cookies, klik", "her"),
    ),
    "nb": dict(
        url="https://www.avis-eksempel.no/",
        text="Vi bruker informasjonskapsler til å analysere trafikken og vise tilpassede annonser. Du kan godta "
             "alle, avvise dem eller velge selv.",
        accept="Godta alle", reject="Avvis alle", settings="Innstillinger",
        accept2="Jeg godtar", settings2="Tilpass",
        necessary_only="Bare nødvendige", save="Lagre valg",
        layer_reject="Avslå alle",
        necessary="Strengt nødvendige", stats="Statistikk", marketing="Markedsføring",
        wall="Les uten annonser med et abonnement, eller godta informasjonskapsler for annonser.",
        wall_accept="Godta og fortsett", pay="Kjøp abonnement",
        recipe=("Amerikanske cookies med sjokoladebiter",
                "Disse cookies blir seige i midten og sprø i kanten. Rør smør og sukker, tilsett egg og mel, og "
                "stek dem i 12 minutter.", "Skriv ut oppskriften", "Lagre oppskriften"),
        policy=("Personvernerklæring",
                "Vi behandler personopplysningene dine i samsvar med GDPR. Vi bruker informasjonskapsler til "
                "statistikk og, med ditt samtykke, til markedsføring. Du kan når som helst trekke tilbake "
                "samtykket.", "Kontakt oss", "Skriv ut"),
        either_or="Administrer eller avvis",
        pointer=("For å avvise informasjonskapsler, klikk", "her"),
        native="Vi bruker informasjonskapsler til statistikk og markedsføring.",
    ),
    "fi": dict(
        url="https://www.lehti-esimerkki.fi/",
        text="Käytämme evästeitä liikenteen analysointiin ja kohdennettuun mainontaan. Voit hyväksyä kaikki, "
             "hylätä ne tai valita itse.",
        accept="Hyväksy kaikki", reject="Hylkää kaikki", settings="Evästeasetukset",
        accept2="Hyväksyn", settings2="Muokkaa asetuksia",
        necessary_only="Vain välttämättömät", save="Tallenna valinnat",
        layer_reject="Hylkää kaikki",
        necessary="Välttämättömät evästeet", stats="Tilastointi", marketing="Markkinointi",
        wall="Lue ilman mainoksia tilaajana tai hyväksy mainosevästeet.",
        wall_accept="Hyväksy ja jatka", pay="Ryhdy tilaajaksi",
        recipe=("Amerikkalaiset suklaacookiet",
                "Nämä cookiet ovat sitkeitä keskeltä ja rapeita reunoilta. Vatkaa voi ja sokeri, lisää muna ja "
                "jauhot ja paista 12 minuuttia.", "Tulosta resepti", "Tallenna resepti"),
        policy=("Tietosuojaseloste",
                "Käsittelemme henkilötietojasi tietosuoja-asetuksen mukaisesti. Käytämme evästeitä tilastointiin "
                "ja suostumuksellasi markkinointiin. Voit perua suostumuksesi milloin tahansa.", "Ota yhteyttä",
                "Tulosta"),
        either_or="Muokkaa asetuksia tai hylkää",
        pointer=("Voit hylätä evästeet napsauttamalla", "tästä"),
        native="Käytämme evästeitä analytiikkaan ja mainontaan.",
    ),
    "cs": dict(
        url="https://www.noviny-priklad.cz/",
        text="Používáme soubory cookie k analýze návštěvnosti a k zobrazování personalizované reklamy. Můžete "
             "je přijmout, odmítnout nebo si vybrat.",
        accept="Přijmout vše", reject="Odmítnout vše", settings="Nastavení",
        accept2="Souhlasím", settings2="Přizpůsobit",
        necessary_only="Povolit pouze nezbytné", save="Uložit nastavení",
        layer_reject="Odmítnout vše",
        necessary="Nezbytné", stats="Analytické", marketing="Marketingové",
        wall="Čtěte bez reklam s předplatným, nebo přijměte cookies pro reklamu.",
        wall_accept="Přijmout a pokračovat", pay="Koupit předplatné",
        recipe=("Máslové sušenky s čokoládou",
                "Tyto sušenky jsou uprostřed měkké a na okrajích křupavé. Utřete máslo s cukrem, přidejte vejce "
                "a mouku a pečte 12 minut.", "Vytisknout recept", "Uložit recept"),
        policy=("Zásady ochrany osobních údajů",
                "Vaše osobní údaje zpracováváme v souladu s GDPR. Soubory cookie používáme pro analytické účely "
                "a s vaším souhlasem i pro reklamu. Souhlas můžete kdykoli odvolat.", "Kontaktujte nás",
                "Vytisknout"),
        either_or="Spravovat nebo odmítnout",
        pointer=("Chcete-li cookies odmítnout, klikněte", "zde"),
        native="Tento web používá sušenky pro analýzu návštěvnosti a reklamu.",
    ),
    "ro": dict(
        url="https://www.ziar-exemplu.ro/",
        text="Folosim cookie-uri pentru a analiza traficul și pentru a afișa reclame personalizate. Puteți "
             "accepta toate, le puteți refuza sau puteți alege.",
        accept="Acceptă tot", reject="Respinge tot", settings="Setări cookie-uri",
        accept2="Sunt de acord", settings2="Personalizează",
        necessary_only="Doar cele necesare", save="Salvează preferințele",
        layer_reject="Refuză toate",
        necessary="Strict necesare", stats="Statistici", marketing="Marketing",
        wall="Citiți fără reclame cu un abonament sau acceptați cookie-urile pentru publicitate.",
        wall_accept="Accept și continui", pay="Abonează-te",
        recipe=("Cookies cu ciocolată",
                "Aceste cookies sunt moi la mijloc și crocante pe margini. Amestecați untul cu zahărul, "
                "adăugați ouăle și făina și coaceți 12 minute.", "Printează rețeta", "Trimite unui prieten"),
        policy=("Politica de confidențialitate",
                "Prelucrăm datele dumneavoastră cu caracter personal conform GDPR. Folosim cookie-uri pentru "
                "statistici și, cu acordul dumneavoastră, pentru publicitate. Vă puteți retrage consimțământul "
                "oricând.", "Contactați-ne", "Printează"),
        either_or="Gestionează sau refuză",
        pointer=("Pentru a refuza cookie-urile, dați click", "aici"),
    ),
    "hu": dict(
        url="https://www.hirlap-pelda.hu/",
        text="Sütiket használunk a forgalom elemzéséhez és személyre szabott hirdetések megjelenítéséhez. "
             "Elfogadhatja vagy elutasíthatja őket, illetve módosíthatja a beállításokat.",
        accept="Összes elfogadása", reject="Összes elutasítása", settings="Süti beállítások",
        accept2="Elfogadom", settings2="Testreszabás",
        necessary_only="Csak a szükséges sütik", save="Beállítások mentése",
        layer_reject="Elutasítom",
        necessary="Feltétlenül szükséges sütik", stats="Statisztikai sütik", marketing="Marketing sütik",
        wall="Olvasson reklámmentesen előfizetéssel, vagy fogadja el a hirdetési sütiket.",
        wall_accept="Elfogadom és tovább", pay="Előfizetek",
        recipe=("Puha csokis sütik",
                "Ezek a sütik belül puhák, kívül ropogósak. Keverd ki a vajat a cukorral, add hozzá a tojást és "
                "a lisztet, majd süsd 12 percig.", "Recept nyomtatása", "Kedvencekhez adom"),
        policy=("Adatvédelmi tájékoztató",
                "Személyes adatait a GDPR szerint kezeljük. Sütiket statisztikai célra, hozzájárulása esetén "
                "hirdetési célra használunk. Hozzájárulását bármikor visszavonhatja.", "Kapcsolat", "Nyomtatás"),
        either_or="Beállítások vagy elutasítás",
        pointer=("A sütik elutasításához kattintson", "ide"),
        native="Weboldalunk sütiket használ a látogatottság méréséhez.",
    ),
    "el": dict(
        url="https://www.efimerida-paradeigma.gr/",
        text="Χρησιμοποιούμε cookies για την ανάλυση της επισκεψιμότητας και την προβολή εξατομικευμένων "
             "διαφημίσεων. Μπορείτε να τα αποδεχτείτε, να τα απορρίψετε ή να επιλέξετε.",
        accept="Αποδοχή όλων", reject="Απόρριψη όλων", settings="Ρυθμίσεις cookies",
        accept2="Συμφωνώ", settings2="Διαχείριση προτιμήσεων",
        necessary_only="Μόνο τα απαραίτητα", save="Αποθήκευση επιλογών",
        layer_reject="Απόρριψη όλων",
        necessary="Απολύτως απαραίτητα", stats="Στατιστικά", marketing="Διαφήμιση",
        wall="Διαβάστε χωρίς διαφημίσεις με συνδρομή ή αποδεχτείτε τα cookies διαφήμισης.",
        wall_accept="Αποδοχή και συνέχεια", pay="Γίνετε συνδρομητής",
        recipe=("Μπισκότα βουτύρου με σοκολάτα",
                "Αυτά τα μπισκότα είναι τραγανά απ' έξω και μαλακά μέσα. Χτυπήστε το βούτυρο με τη ζάχαρη, "
                "προσθέστε τα αυγά και το αλεύρι και ψήστε για 12 λεπτά.", "Εκτύπωση συνταγής", "Κοινοποίηση"),
        policy=("Πολιτική απορρήτου",
                "Επεξεργαζόμαστε τα προσωπικά σας δεδομένα σύμφωνα με τον GDPR. Χρησιμοποιούμε cookies για "
                "στατιστικούς σκοπούς και, με τη συγκατάθεσή σας, για διαφήμιση. Μπορείτε να ανακαλέσετε τη "
                "συγκατάθεσή σας οποιαδήποτε στιγμή.", "Επικοινωνία", "Εκτύπωση"),
        either_or="Διαχείριση ή απόρριψη",
        pointer=("Για να απορρίψετε τα cookies, πατήστε", "εδώ"),
        native="Ο ιστότοπος χρησιμοποιεί μπισκότα για στατιστικά και διαφήμιση.",
    ),
}
LANG_IDS = list(LANGS)
NATIVE_IDS = [lang for lang, row in LANGS.items() if "native" in row]


def _consent_rules(analysis) -> set[str]:
    return rules_of(analysis) & CONSENT_RULES


def _roles(analysis) -> list[tuple[str, str, bool]]:
    return [(c["role"], c["text"], c["first_layer"]) for c in analysis.banner["controls"]]


def _bar(row: dict, inner: str) -> str:
    return (f'<main><h1>{row["recipe"][0]}</h1><p>…</p></main>'
            f'<div class="bar" role="dialog"><p>{row["text"]}</p>{inner}</div>')


def _buttons(*labels: str) -> str:
    return "".join(f'<button class="btn">{label}</button>' for label in labels)


@pytest.mark.parametrize("lang", LANG_IDS)
def test_accept_reject_and_settings_on_the_first_layer_is_compliant(lang):
    row = LANGS[lang]
    result = analyze_html(page(_bar(row, _buttons(row["accept"], row["reject"], row["settings"])), CSS), url=row["url"])
    assert result.banner is not None and result.banner["method"] == "heuristic"
    assert _roles(result) == [("accept", row["accept"], True), ("reject", row["reject"], True),
                              ("settings", row["settings"], True)]
    assert _consent_rules(result) == {"consent.banner"}


@pytest.mark.parametrize("lang", LANG_IDS)
def test_accept_and_settings_only_has_no_reject_on_the_first_layer(lang):
    row = LANGS[lang]
    layer = (f'<div class="layer" hidden><label><input type="checkbox"> {row["marketing"]}</label>'
             f'{_buttons(row["layer_reject"], row["save"])}</div>')
    result = analyze_html(page(_bar(row, _buttons(row["accept2"], row["settings2"]) + layer), CSS), url=row["url"])
    assert _roles(result) == [("accept", row["accept2"], True), ("settings", row["settings2"], True),
                              ("reject", row["layer_reject"], False), ("settings", row["save"], False)]
    assert _consent_rules(result) == {"consent.banner", "consent.no-reject-first-layer"}
    finding = next(f for f in result.findings if f.rule == "consent.no-reject-first-layer")
    assert finding.evidence["text"] == row["accept2"]
    assert f"behind another layer ('{row['layer_reject']}')" in finding.message


@pytest.mark.parametrize("lang", LANG_IDS)
def test_only_necessary_is_a_refusal(lang):
    row = LANGS[lang]
    body = _bar(row, _buttons(row["accept"], row["necessary_only"], row["settings2"]))
    result = analyze_html(page(body, CSS), url=row["url"])
    assert _roles(result) == [("accept", row["accept"], True), ("reject", row["necessary_only"], True),
                              ("settings", row["settings2"], True)]
    assert _consent_rules(result) == {"consent.banner"}


def _toggles(row: dict, *, stats: str = "", marketing: str = "", necessary: str = "checked disabled") -> str:
    return (f'<label><input type="checkbox" {necessary}> {row["necessary"]}</label>'
            f'<label><input type="checkbox" {stats}> {row["stats"]}</label>'
            f'<label><input type="checkbox" {marketing}> {row["marketing"]}</label>')


@pytest.mark.parametrize("lang", LANG_IDS)
def test_purposes_left_off_and_a_save_button_are_a_one_click_refusal(lang):
    row = LANGS[lang]
    assert classify(row["save"]) == ("settings", "save")
    body = _bar(row, _toggles(row) + _buttons(row["save"], row["accept"]))
    result = analyze_html(page(body, CSS), url=row["url"])
    assert _roles(result) == [("settings", row["save"], True), ("accept", row["accept"], True)]
    necessary = [t["label"] for t in result.banner["toggles"] if t["checked"]]
    assert necessary == [row["necessary"]]
    assert _consent_rules(result) == {"consent.banner"}


@pytest.mark.parametrize("lang", LANG_IDS)
def test_a_ticked_purpose_is_preticked_but_a_ticked_necessary_one_is_not(lang):
    row = LANGS[lang]
    body = _bar(row, _toggles(row, marketing="checked", necessary="checked") + _buttons(row["save"], row["accept"]))
    result = analyze_html(page(body, CSS), url=row["url"])
    assert _consent_rules(result) == {"consent.banner", "consent.preticked-purpose", "consent.no-reject-first-layer"}
    finding = next(f for f in result.findings if f.rule == "consent.preticked-purpose")
    assert [t["label"] for t in finding.evidence["toggles"]] == [row["marketing"]]


@pytest.mark.parametrize("lang", LANG_IDS)
def test_pay_or_consent_overlay_is_a_cookie_wall(lang):
    row = LANGS[lang]
    wall = (f'<div class="overlay"><div class="box" role="dialog" aria-modal="true"><p>{row["wall"]}</p>'
            f'<button class="btn">{row["wall_accept"]}</button> <a class="btn" href="/subscribe">{row["pay"]}</a>'
            "</div></div>")
    result = analyze_html(page("<main><p>…</p></main>" + wall, CSS), url=row["url"])
    assert [(c["role"], c["text"]) for c in result.banner["controls"]] == [("accept", row["wall_accept"]),
                                                                           ("other", row["pay"])]
    assert _consent_rules(result) == {"consent.banner", "consent.no-reject-first-layer", "consent.cookie-wall"}
    wall_finding = next(f for f in result.findings if f.rule == "consent.cookie-wall")
    assert wall_finding.evidence["pay_option"] == row["pay"]


@pytest.mark.parametrize("lang", LANG_IDS)
def test_a_recipe_about_cookies_has_no_banner(lang):
    row = LANGS[lang]
    title, text, *buttons = row["recipe"]
    body = (f'<header class="bar"><nav><a href="/">Home</a> <a href="/receitas">{title}</a></nav></header>'
            f'<div class="recipe"><h1>{title}</h1><p>{text}</p>{_buttons(*buttons)}</div>')
    result = analyze_html(page(body, CSS), url=row["url"])
    assert result.banner is None
    assert not _consent_rules(result)


@pytest.mark.parametrize("lang", LANG_IDS)
def test_a_privacy_policy_about_cookies_has_no_banner(lang):
    row = LANGS[lang]
    heading, text, link, button = row["policy"]
    body = (f'<section class="policy"><h2>{heading}</h2><p>{text}</p><a href="/contact">{link}</a>'
            f'<button class="btn">{button}</button></section>')
    result = analyze_html(page(body, CSS), url=row["url"])
    assert result.banner is None
    assert not _consent_rules(result)


@pytest.mark.parametrize("lang", NATIVE_IDS)
def test_a_plain_block_is_found_by_its_own_word_for_cookies(lang):
    """No dialog role, no fixed position, no consent class: only the words ("kakor",
    "evästeitä", "sütiket", "μπισκότα"...) lead to it."""
    row = LANGS[lang]
    assert "cookie" not in row["native"].lower()
    notice = f'<div class="notice"><p>{row["native"]}</p>{_buttons(row["accept"], row["reject"])}</div>'
    body = f"<main><p>…</p></main>{notice}"
    result = analyze_html(page(body, CSS), url=row["url"])
    assert result.banner is not None and result.banner["method"] == "heuristic"
    assert _roles(result) == [("accept", row["accept"], True), ("reject", row["reject"], True)]
    assert _consent_rules(result) == {"consent.banner"}


@pytest.mark.parametrize("lang", LANG_IDS)
def test_a_pointer_link_refuses_by_its_sentence(lang):
    row = LANGS[lang]
    before, word = row["pointer"]
    assert deictic(word)
    inner = f'<p>{before} <a href="#" class="refuse">{word}</a>.</p>' + _buttons(row["accept"])
    result = analyze_html(page(_bar(row, inner), CSS), url=row["url"])
    assert _roles(result) == [("reject", word, True), ("accept", row["accept"], True)]
    assert _consent_rules(result) == {"consent.banner", "consent.asymmetric-choice"}  # a plain link beside a button


@pytest.mark.parametrize("lang", LANG_IDS)
def test_manage_or_refuse_opens_the_settings(lang):
    assert classify(LANGS[lang]["either_or"]) == ("settings", "settings")


# accept, reject, settings, save (a settings-layer action), acknowledge, close, and none of these
A, R, S, V, K, C, X = "accept", "reject", "settings", "save", "acknowledge", "close", "other"
EXPECTED = {A: (A, A), R: (R, R), S: (S, S), V: (S, V), K: (K, K), C: (K, C), X: (X, "")}

# Control labels as platforms and sites write them (buttons, with and without "all"/"cookies",
# infinitive, imperative and first person), and what each is.
PHRASES = {
    "pt": [("Aceitar todos", A), ("Aceitar todos os cookies", A), ("Aceito", A), ("Aceito.", A),
           ("OK, aceitar tudo", A), ("Concordo", A), ("Concordar e fechar", A), ("Permitir todos", A),
           ("Permite todos os cookies", A),
           ("Autorizar", A), ("Sim", A), ("Estou de acordo", A), ("Aceite todos", A),
           ("Rejeitar todos", R), ("Rejeitar tudo", R), ("Recusar", R), ("Recusar cookies não essenciais", R),
           ("Negar", R), ("Não aceito", R), ("Não, obrigado", R), ("Apenas necessários", R),
           ("Usar apenas cookies essenciais", R), ("Aceitar apenas os cookies estritamente necessários", R),
           ("Continuar sem aceitar", R), ("Discordar e fechar", R), ("Bloquear cookies", R),
           ("Proíbe todos cookies", R), ("Não", R), ("Rejeite todos", R),
           ("Definições de cookies", S), ("Configurações de cookies", S), ("Gerir preferências", S),
           ("Gerenciar cookies", S), ("Personalizar", S), ("Customizar", S), ("Mais opções", S),
           ("Deixe-me escolher", S), ("Detalhes", S),
           ("Guardar preferências", V), ("Salvar minhas preferências", V), ("Confirmar as minhas escolhas", V),
           ("Confirmar minhas escolhas", V), ("Permitir seleção", V), ("Aceitar selecionados", V), ("Guardar", V),
           ("Entendi", K), ("Ok, entendi", K), ("Fechar", C), ("Política de privacidade", X), ("Saiba mais", X)],
    "pl": [("Akceptuję", A), ("Akceptuj wszystkie", A), ("Zaakceptuj wszystkie", A), ("Akceptuję wszystkie", A),
           ("Zaakceptuj i zamknij", A), ("Zgadzam się", A), ("Zgoda", A), ("Wyrażam zgodę", A),
           ("Zezwól na wszystkie", A), ("Zezwól na wszystkie pliki cookies", A), ("Zezwalaj", A),
           ("OK, akceptuję wszystko", A), ("Tak", A), ("Tak, zgadzam się", A),
           ("Odrzuć wszystkie", R), ("Odrzuć", R), ("Odrzucam", R), ("Odmów", R), ("Odmawiam", R),
           ("Nie zgadzam się", R), ("Nie zezwalaj", R), ("Tylko niezbędne", R), ("Zezwól tylko na niezbędne", R),
           ("Akceptuj tylko niezbędne pliki cookie", R), ("Kontynuuj bez akceptacji", R), ("Nie, dziękuję", R),
           ("Zablokuj wszystkie pliki cookies", R), ("Nie", R),
           ("Ustawienia", S), ("Ustawienia plików cookie", S), ("Dostosuj", S), ("Zarządzaj ustawieniami", S),
           ("Więcej opcji", S), ("Pokaż szczegóły", S), ("Pozwól mi wybrać", S), ("Personalizacja", S),
           ("Preferencje", S),
           ("Zapisz ustawienia", V), ("Zapisz wybór", V), ("Potwierdź moje wybory", V), ("Zezwól na wybór", V),
           ("Zaakceptuj wybrane", V), ("Zapisz", V), ("Zapisz moje preferencje", V),
           ("Rozumiem", K), ("OK", K), ("Przejdź do serwisu", K), ("Zamknij", C), ("Więcej informacji", X),
           ("Polityka prywatności", X)],
    "sv": [("Acceptera alla", A), ("Acceptera alla cookies", A), ("Godkänn alla", A), ("Godkänn", A),
           ("Jag godkänner", A), ("Tillåt alla", A), ("Tillåt alla cookies", A), ("OK, acceptera allt", A),
           ("Ja, jag godkänner", A), ("Godkänn och stäng", A),
           ("Neka alla", R), ("Neka", R), ("Avvisa alla", R), ("Avböj", R), ("Tacka nej till alla", R),
           ("Jag godkänner inte", R), ("Tillåt inte cookies", R), ("Endast nödvändiga", R),
           ("Tillåt endast nödvändiga cookies", R), ("Nej tack", R), ("Fortsätt utan att godkänna", R),
           ("Inställningar", S), ("Cookie-inställningar", S), ("Cookieinställningar", S), ("Anpassa", S),
           ("Hantera cookies", S), ("Fler alternativ", S), ("Visa detaljer", S), ("Konfigurera", S),
           ("Spara", V), ("Spara inställningar", V), ("Spara mina val", V), ("Bekräfta mina val", V),
           ("Tillåt urval", V), ("Acceptera markerat", V),
           ("Jag förstår", K), ("OK", K), ("Stäng", C), ("Läs mer", X), ("Integritetspolicy", X)],
    "da": [("Accepter alle", A), ("Accepter alle cookies", A), ("Tillad alle", A), ("Tillad alle cookies", A),
           ("Jeg accepterer", A), ("Godkend alle", A), ("Ja tak", A), ("OK, accepter alle", A), ("Accepter og luk", A),
           ("Afvis alle", R), ("Afvis", R), ("Afvis alle cookies", R), ("Afslå", R), ("Nej tak", R),
           ("Tillad ikke cookies", R), ("Kun nødvendige", R), ("Tillad kun nødvendige cookies", R),
           ("Accepter kun nødvendige cookies", R),
           ("Indstillinger", S), ("Cookieindstillinger", S), ("Cookie Indstillinger", S), ("Tilpas", S),
           ("Vis detaljer", S), ("Administrer cookies", S), ("Flere muligheder", S),
           ("Gem", V), ("Gem indstillinger", V), ("Gem mine præferencer", V), ("Tillad valg", V),
           ("Tillad udvalgte", V), ("Bekræft mine valg", V),
           ("Jeg forstår", K), ("Forstået", K), ("OK", K), ("Luk", C), ("Læs mere", X), ("Privatlivspolitik", X)],
    "nb": [("Godta alle", A), ("Godta alle informasjonskapsler", A), ("Godtar alle", A), ("Jeg godtar", A),
           ("Tillat alle", A), ("Aksepter alle", A), ("OK, aksepter alt", A), ("Ja takk", A), ("Akseptere", A),
           ("Avvis alle", R), ("Avslå", R), ("Avslå alt", R), ("Nekt alle informasjonskapsler", R),
           ("Forby informasjonskapsler", R), ("Ikke tillat", R), ("Kun nødvendige", R),
           ("Bare nødvendige informasjonskapsler", R), ("Nei takk", R), ("Jeg godtar ikke", R),
           ("Innstillinger", S), ("Innstillinger for informasjonskapsler", S), ("Tilpass", S),
           ("Administrer valg", S), ("Vis detaljer", S), ("Flere alternativer", S), ("Detaljene", S),
           ("Lagre", V), ("Lagre innstillinger", V), ("Lagre mine preferanser", V), ("Bekreft mine valg", V),
           ("Tillat utvalg", V), ("Godtar valgt", V),
           ("Jeg forstår", K), ("OK", K), ("Lukk", C), ("Les mer", X), ("Personvernerklæring", X)],
    "fi": [("Hyväksy kaikki", A), ("Hyväksy kaikki evästeet", A), ("Hyväksy", A), ("Hyväksyn", A),
           ("Salli kaikki", A), ("Salli evästeet", A), ("OK, hyväksy kaikki", A), ("Hyväksyä kaikki", A),
           ("Hyväksy ja sulje", A),
           ("Hylkää kaikki", R), ("Hylkää", R), ("Kiellä", R), ("Kiellä kaikki evästeet", R), ("En hyväksy", R),
           ("Ei kiitos", R), ("Vain välttämättömät", R), ("Salli vain välttämättömät evästeet", R),
           ("Jatka hyväksymättä", R), ("Poista evästeet käytöstä", R),
           ("Evästeasetukset", S), ("Asetukset", S), ("Muokkaa asetuksia", S), ("Mukauta", S), ("Näytä tiedot", S),
           ("Lisää vaihtoehtoja", S), ("Personoi", S),
           ("Tallenna", V), ("Tallenna asetukset", V), ("Vahvista omat valinnat", V), ("Salli valinta", V),
           ("Hyväksy valitut", V),
           ("Selvä", K), ("Ymmärrän", K), ("OK", K), ("Sulje", C), ("Lue lisää", X), ("Tietosuojaseloste", X)],
    "cs": [("Přijmout vše", A), ("Přijmout všechny", A), ("Přijmout všechny soubory cookie", A), ("Souhlasím", A),
           ("Povolit vše", A), ("Povolit cookies", A), ("OK, přijmout vše", A), ("Přijmout cookies", A),
           ("Souhlasím a zavřít", A), ("Ano", A),
           ("Odmítnout vše", R), ("Odmítnout", R), ("Odmítnout všechny cookies", R), ("Nesouhlasím", R),
           ("Zamítnout", R), ("Zakázat cookies", R), ("Pouze nezbytné", R), ("Povolit pouze nezbytné cookies", R),
           ("Pokračovat bez souhlasu", R), ("Ne, děkuji", R), ("Ne", R),
           ("Nastavení", S), ("Nastavení cookies", S), ("Nastavení souborů cookie", S), ("Přizpůsobit", S),
           ("Další možnosti", S), ("Zobrazit podrobnosti", S), ("Spravovat předvolby", S), ("Detaily", S),
           ("Uložit", V), ("Uložit nastavení", V), ("Uložit mé preference", V), ("Potvrdit mé volby", V),
           ("Povolit výběr", V), ("Přijmout vybrané", V),
           ("Rozumím", K), ("OK", K), ("Zavřít", C), ("Více informací", X), ("Zásady ochrany osobních údajů", X)],
    "ro": [("Acceptă tot", A), ("Acceptă toate", A), ("Accept", A), ("Accept toate", A), ("Accept cookie-uri", A),
           ("Acceptați cookie-uri", A), ("OK, acceptați-le pe toate", A), ("Sunt de acord", A), ("Permite toate", A),
           ("Permiteți toate cookie-urile", A), ("Accepta totul", A), ("Accepta toate", A), ("Da", A),
           ("Respinge tot", R), ("Respinge toate cookie-urile", R), ("Refuză", R), ("Refuza", R), ("Refuză toate", R),
           ("Refuz", R), ("Nu accept cookie-uri", R), ("Nu sunt de acord", R), ("Doar cele necesare", R),
           ("Acceptă doar cookie-urile necesare", R), ("Numai cookie-urile esențiale", R),
           ("Continuă fără acceptare", R), ("Renunță", R), ("Respinge", R), ("Nu", R),
           ("Setări", S), ("Setări cookie-uri", S), ("Setari", S), ("Setările cookie", S), ("Personalizează", S),
           ("Personalizați", S), ("Gestionează preferințele", S), ("Mai multe opțiuni", S), ("Detalii", S),
           ("Salvează", V), ("Salvează setările", V), ("Salvați preferințele mele", V), ("Salvare", V),
           ("Confirmă alegerile mele", V), ("Permite selecția", V),
           ("Am înțeles", K), ("OK", K), ("Închide", C), ("Află mai multe", X), ("Politica de confidențialitate", X)],
    "hu": [("Összes elfogadása", A), ("Az összes elfogadása", A), ("Elfogadom", A), ("Elfogadás", A),
           ("Mind elfogad", A), ("Elfogad", A), ("Egyetértek", A), ("Összes engedélyezése", A),
           ("Sütik elfogadása", A), ("Fogadj el mindent", A), ("Elfogadom az öszeset", A),
           ("Az összes süti elfogadása", A), ("Igen", A),
           ("Összes elutasítása", R), ("Az összes elutasítása", R), ("Elutasítom", R), ("Elutasítás", R),
           ("Elutasít minden", R), ("Nem fogadom el", R), ("Csak a szükséges sütik", R),
           ("Csak a szükséges sütik elfogadása", R), ("Megtagadás", R), ("Sütik kikapcsolása", R),
           ("Nem, köszönöm", R), ("Nem", R),
           ("Beállítások", S), ("Süti beállítások", S), ("Sütibeállítások", S), ("Cookie-beállítások", S),
           ("Testreszabás", S), ("Testreszab", S), ("Részletek megjelenítése", S), ("További lehetőségek", S),
           ("Beállítások kezelése", S),
           ("Mentés", V), ("Beállítások mentése", V), ("Választásaim megerősítése", V),
           ("Kiválasztottak engedélyezése", V), ("Kiválasztottat elfogad", V), ("Mentse el a beállításokat", V),
           ("Rendben", K), ("Értem", K), ("OK", K), ("Bezárás", C), ("Bezár", C), ("Tudjon meg többet", X),
           ("Adatvédelmi nyilatkozat", X)],
    "el": [("Αποδοχή όλων", A), ("Αποδοχή όλων των cookies", A), ("ΑΠΟΔΟΧΗ ΟΛΩΝ", A), ("Αποδοχή", A),
           ("Αποδέχομαι", A), ("Συμφωνώ", A), ("ΣΥΜΦΩΝΩ", A), ("Να επιτρέπονται όλα", A), ("OK, αποδοχή όλων", A),
           ("ΝΑΙ στα cookies", A), ("Επέτρεψε όλα τα μπισκότα (cookies)", A), ("Ναι", A),
           ("Απόρριψη όλων", R), ("ΑΠΟΡΡΙΨΗ ΟΛΩΝ", R), ("Απόρριψη", R), ("Άρνηση", R), ("Απορρίπτω", R),
           ("Απόρριπτω", R), ("Διαφωνώ", R), ("ΔΙΑΦΩΝΩ", R), ("Δεν αποδέχομαι", R), ("Μόνο τα απαραίτητα", R),
           ("Αποδοχή μόνο των απαραίτητων", R), ("Αποδέχεστε μόνο τα τεχνικά απαραίτητα cookies", R),
           ("ΟΧΙ στα cookies", R), ("Όχι, ευχαριστώ", R), ("Όχι", R), ("Απόρριψε όλα τα μπισκότα (cookies)", R),
           ("Ρυθμίσεις", S), ("Ρυθμίσεις cookies", S), ("ΡΥΘΜΙΣΕΙΣ", S), ("Προσαρμογή", S),
           ("Διαχείριση προτιμήσεων", S), ("Περισσότερες επιλογές", S), ("Εμφάνιση λεπτομερειών", S),
           ("Λεπτομέρειες", S), ("Εξατομίκευση", S),
           ("Αποθήκευση", V), ("Αποθήκευση ρυθμίσεων", V), ("Αποθήκευση επιλογών", V),
           ("Επιβεβαίωση των επιλογών μου", V), ("Να επιτρέπεται η επιλογή", V),
           ("Αποθηκεύστε τις προτιμήσεις μου", V), ("Αποδοχή επιλεγμένων", V),
           ("Εντάξει", K), ("Κατάλαβα", K), ("OK", K), ("Κλείσιμο", C), ("Διαβάστε περισσότερα", X),
           ("Πολιτική απορρήτου", X)],
}


@pytest.mark.parametrize("lang", list(PHRASES))
def test_control_labels(lang):
    wrong = [(text, kind, classify(text)) for text, kind in PHRASES[lang] if classify(text) != EXPECTED[kind]]
    assert wrong == []


# The first layer of a TCF platform (Quantcast Choice, InMobi): agree, disagree, more
# options, in capitals as the platform styles them.
TCF = {
    "pt": ("CONCORDO", "NÃO CONCORDO", "MAIS OPÇÕES"),
    "pl": ("ZGADZAM SIĘ", "NIE ZGADZAM SIĘ", "WIĘCEJ OPCJI"),
    "sv": ("JAG GODKÄNNER", "JAG GODKÄNNER INTE", "FLER ALTERNATIV"),
    "da": ("JEG ACCEPTERER", "JEG ACCEPTERER IKKE", "FLERE MULIGHEDER"),
    "nb": ("JEG GODTAR", "JEG GODTAR IKKE", "FLERE ALTERNATIVER"),
    "fi": ("HYVÄKSYN", "EN HYVÄKSY", "LISÄÄ VAIHTOEHTOJA"),
    "cs": ("SOUHLASÍM", "NESOUHLASÍM", "DALŠÍ MOŽNOSTI"),
    "ro": ("SUNT DE ACORD", "NU SUNT DE ACORD", "MAI MULTE OPȚIUNI"),
    "hu": ("ELFOGADOM", "NEM FOGADOM EL", "TOVÁBBI LEHETŐSÉGEK"),
    "el": ("ΣΥΜΦΩΝΩ", "ΔΙΑΦΩΝΩ", "ΠΕΡΙΣΣΟΤΕΡΕΣ ΕΠΙΛΟΓΕΣ"),  # capitals drop the accents
}


@pytest.mark.parametrize("lang", list(TCF))
def test_tcf_agree_disagree_and_more_options(lang):
    agree, disagree, more = TCF[lang]
    assert [classify(t) for t in (agree, disagree, more)] == [(A, A), (R, R), (S, S)]


# Cookiebot's "Use necessary cookies only", as the sites translate it.
@pytest.mark.parametrize("text", [
    "Usar apenas cookies necessários", "Użyj tylko niezbędnych plików cookie", "Använd endast nödvändiga cookies",
    "Brug kun nødvendige cookies", "Bruk kun nødvendige informasjonskapsler", "Käytä vain välttämättömiä evästeitä",
    "Použít pouze nezbytné soubory cookie", "Folosește doar cookie-urile necesare", "Csak a szükséges sütik használata",
    "Χρήση μόνο απαραίτητων cookies",
])
def test_use_necessary_cookies_only_is_a_refusal(text):
    assert classify(text) == (R, R)


def test_romanian_written_without_diacritics_or_with_cedillas():
    assert classify("Accepta cookie-urile") == (A, A)
    assert classify("Refuza toate") == (R, R)
    assert classify("Setari cookie") == (S, S)
    assert classify("Salveaza preferintele") == (S, V)
    assert classify("Salvează preferinţele") == (S, V)  # ţ with a cedilla, as older keyboards type it
    assert classify("Inchide") == (K, C)


@pytest.mark.parametrize("lang", list(PHRASES))
def test_every_language_has_every_category(lang):
    for name, by_lang in lexicon("controls").categories.items():
        assert by_lang.get(lang), (name, lang)


@pytest.mark.parametrize(
    "sentence,role",
    [
        ("Aqui pode alterar as suas definições de cookies", "settings"),
        ("Tutaj możesz zmienić ustawienia plików cookie", "settings"),
        ("Här kan du ändra dina inställningar för kakor", "settings"),
        ("Her kan du ændre dine indstillinger", "settings"),
        ("Her kan du endre innstillinger for informasjonskapsler", "settings"),
        ("Täällä voit muuttaa evästeasetukset", "settings"),
        ("Zde můžete změnit nastavení cookies", "settings"),
        ("Aici puteți modifica setările cookie-urilor", "settings"),
        ("Itt módosíthatja a süti beállításokat", "settings"),
        ("Εδώ μπορείτε να αλλάξετε τις ρυθμίσεις cookies", "settings"),
        ("Mais informações sobre cookies aqui", "other"),
        ("Więcej informacji o plikach cookie znajdziesz tutaj", "other"),
        ("Lisätietoja evästeistä löydät tästä", "other"),
    ],
)
def test_pointer_sentences(sentence, role):
    assert classify_context(normalise(sentence))[0] == role


# Words of the first six languages that a new fragment could have taken for something else.
@pytest.mark.parametrize(
    "text,role",
    [
        ("Nu accepteren", "accept"),  # Dutch "now": not the Romanian "no"
        ("Cambio de aceite", "other"),  # Spanish "oil": not the Portuguese "accept"
        ("Este sitio web usa cookies y te permite controlar las que deseas activar", "other"),  # not Romanian "allow"
        ("Modifica consenso", "other"),  # Italian, not the Romanian "modifică" without its object
        ("Privacy Preference Center", "other"),  # English singular, not the Czech "preference"
        ("Tick, tack! Dein Gutschein verfällt", "other"),  # German, not the Swedish "thanks"
        ("Hidden gem", "other"),  # English, not the Danish "save"
        ("Nee, bedankt", "reject"),
        ("Alle akzeptieren", "accept"),
    ],
)
def test_new_words_do_not_take_over_other_languages(text, role):
    assert classify(text)[0] == role


def test_new_vocabulary_does_not_count_in_other_languages():
    lx = lexicon("controls")
    dutch = normalise("Vink dit vakje niet aan als u geen bezwaar wilt maken tegen reclame per post.")
    assert lx.find_all("consent_vocabulary", dutch) == []  # Romanian "reclame" is only counted with its object
    assert lx.search("pay", normalise("Actu Électrique OccasionS'abonner")) is None  # a menu, glued: not Danish
    assert lx.search("necessary", normalise("Calcetines técnicos")) is None  # Spanish socks, not "cookies técnicos"
    assert classify_context(normalise("Solo 2 intentos antes de bloquear el acceso por seguridad")) == ("other", "")

"""The pure copy classifier: each rule in several languages, the negatives that look alike."""

from __future__ import annotations

import pytest

from companion.copy import COPY_RULES, classify_copy, match_copy

CS, IC, TQ = "consent.confirmshaming", "consent.implied-consent", "sharing.trick-question"
CD, SC, SP = "pressure.countdown", "pressure.scarcity", "pressure.social-proof"


def rules_of(text: str, **kw) -> set[str]:
    return {m.rule for m in match_copy(text, **kw)}


@pytest.mark.parametrize(
    ("text", "rule", "lang"),
    [
        ("No thanks, I'd rather pay full price.", CS, "en"),
        ("No, I don't want to save 20% on my order", CS, "en"),
        ("Nein danke, ich will nicht sparen", CS, "de"),
        ("Non merci, je n'ai pas besoin de réductions", CS, "fr"),
        ("No gracias, prefiero seguir desinformado", CS, "es"),
        ("No grazie, non mi piacciono gli sconti", CS, "it"),
        ("Nee bedankt, ik blijf liever onwetend", CS, "nl"),
        ("If you carry on browsing, we will assume that you are happy with cookies.", IC, "en"),
        ("Wenn du weitersurfst, stimmst du der Nutzung von Cookies zu.", IC, "de"),
        ("En continuant à naviguer, vous consentez au dépôt de cookies.", IC, "fr"),
        ("Si sigues navegando, entenderemos que aceptas el uso de cookies.", IC, "es"),
        ("Continuando a navigare accetti l'utilizzo dei cookie.", IC, "it"),
        ("Als je verder surft op onze site, ga je akkoord met cookies.", IC, "nl"),
        ("Tick here if you do not want to stop hearing about our partners' offers", TQ, "en"),
        ("Klicken Sie das Kästchen nicht an, wenn Sie keine Werbung abbestellen möchten", TQ, "de"),
        ("Spring sale: offer ends at midnight", CD, "en"),
        ("Rabattaktion endet heute", CD, "de"),
        ("Les soldes se terminent dimanche", CD, "fr"),
        ("Just 1 seat left at this fare", SC, "en"),
        ("Nur noch 4 Stück auf Lager", SC, "de"),
        ("Quedan 2 habitaciones en este hotel", SC, "es"),
        ("Bijna uitverkocht in jouw maat", SC, "nl"),
        ("31 people are viewing this property", SP, "en"),
        ("5 Kunden haben diesen Artikel im Warenkorb", SP, "de"),
        ("Réservé 12 fois aujourd'hui", SP, "fr"),
        ("Questo hotel è stato prenotato 9 volte oggi", SP, "it"),
        ("Nearly gone - order soon", SC, "en"),
        ("No thanks, I'd rather keep overpaying", CS, "en"),
        ("No thanks, my data isn't worth protecting", CS, "en"),
        ("No gracias, prefiero seguir pagando de más", CS, "es"),
        ("No grazie, preferisco rinunciare allo sconto", CS, "it"),
        ("Nee, mijn gezondheid maakt me niet uit", CS, "nl"),
        ("Continuing means you accept all cookies", IC, "en"),
        ("Weitersurfen bedeutet Zustimmung zu Cookies", IC, "de"),
        ("Proseguire la navigazione equivale al consenso ai cookie", IC, "it"),
        ("Verder surfen betekent dat je cookies accepteert", IC, "nl"),
        ("A customer from Lyon ordered this an hour ago", SP, "en"),
        ("Quelqu'un à Nantes a acheté ce produit il y a 2 minutes", SP, "fr"),
        ("Alguien en Sevilla reservó esta habitación hace 1 hora", SP, "es"),
        ("Qualcuno da Torino ha acquistato questo articolo 10 minuti fa", SP, "it"),
        ("Iemand uit Utrecht kocht dit 8 minuten geleden", SP, "nl"),
    ],
)
def test_positive(text: str, rule: str, lang: str) -> None:
    matches = {m.rule: m for m in match_copy(text)}
    assert rule in matches, f"{text!r} should be {rule}; got {sorted(matches)}"
    assert matches[rule].lang == lang
    assert matches[rule].span and matches[rule].span.lower() in text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "No thanks",
        "Nein, danke",
        "I'd rather not pay full price, so I use coupons",
        "Never pay full price again with our outlet club",
        "Continue without accepting",
        "Continuer sans accepter",
        "By clicking Accept all, you agree to the storing of cookies on your device.",
        "If you continue to have trouble signing in, reset your password.",
        "Our chocolate chip cookies are baked fresh every morning",
        "We open at 09:00 and close at 17:30",
        "Geöffnet Mo–Fr 09:00 bis 18:00 Uhr",
        "Video length 12:44",
        "Cooking time 1h 20m",
        "2 locations in Lyon",
        "Only 3 ingredients",
        "Free delivery within 2 days",
        "Remember me",
        "Angemeldet bleiben",
        "Tick this box to get our newsletter",
        "Tick here if you do not want our newsletter",
        "We never share your data with third parties and you can unsubscribe at any time.",
        "Sign up for our newsletter",
        "The snow is almost gone.",
        "No, I don't want my data shared with partners",
        "This deal isn't worth it",
        "Nein, ich bezahle lieber per Rechnung",
        "Continuing education: our cookie baking course",
        "The party starts at midnight",
        "Our kitchen is open until midnight",
        "The webinar ends at 17:00",
        "Der Live-Stream endet um 20:15",
        "El directo termina a las 21:00",
        "Die Nutzung bedeutet Zustimmung zu den AGB",
        "We bought this farm 30 years ago",
        "Nous avons acheté ce bâtiment il y a 20 ans",
        "",
        "   ",
    ],
)
def test_negative(text: str) -> None:
    assert match_copy(text) == []


def test_negation_between_frame_and_outcome_cancels_shaming() -> None:
    assert CS in rules_of("No thanks, I'll stay uninformed")
    assert CS not in rules_of("No thanks, I'll never stay uninformed")


def test_a_deal_ending_at_a_time_of_day_is_a_countdown() -> None:
    for text in ("The sale ends at 23:59 tonight!", "Der Sale endet um 20:15",
                 "Les soldes se terminent à 17:00", "De uitverkoop eindigt om 21:00",
                 "Flash sale ends at midnight", "Das Angebot endet um Mitternacht", "Offer ends in 09:59"):
        assert CD in rules_of(text), text


def test_a_few_hours_left_is_urgency_not_stock() -> None:
    assert rules_of("Only a few hours left to claim your bonus") == {CD}
    assert SC in rules_of("Only a few items left")


def test_implied_consent_is_cancelled_by_without() -> None:
    assert IC in rules_of("If you continue browsing, you accept cookies")
    assert IC not in rules_of("If you continue browsing without accepting, no cookies are set")


def test_trick_question_needs_a_checkbox_context_or_the_control_flag() -> None:
    label = "I do not wish to not receive the newsletter"
    assert TQ not in rules_of(label)
    assert TQ in rules_of(label, control=True)


def test_coordinators_are_those_of_the_sentence_language() -> None:
    # Dutch "en" (and) is Spanish "en" (in): it must not join the two Spanish negations.
    assert TQ in rules_of("Marque la casilla si no está interesado en no recibir ofertas", control=True)
    assert TQ not in rules_of("No quiero ofertas ni boletines", control=True)


def test_withdrawal_clauses_are_no_negation_but_nothing_is() -> None:
    assert TQ not in rules_of("Newsletter abonnieren – kein Spam, jederzeit abbestellbar", control=True)
    assert TQ not in rules_of("Send me the newsletter. No spam, unsubscribe at any time", control=True)
    assert TQ in rules_of("Kreuzen Sie nichts an, wenn Sie keine Werbung wollen", control=True)
    assert TQ in rules_of("Vink niets aan als je geen nieuwsbrief wilt", control=True)


def test_one_opt_out_is_not_a_trick_but_a_negated_opt_out_is() -> None:
    assert TQ not in rules_of("Do not send me offers", control=True)
    assert TQ in rules_of("Do not unsubscribe me from offers", control=True)


def test_rules_filter_limits_the_check() -> None:
    text = "Hurry, only 2 left! 14 people are looking at this"
    assert rules_of(text) >= {SC, SP}
    assert rules_of(text, rules=[SP]) == {SP}


def test_findings_carry_catalog_severity_and_evidence() -> None:
    (f,) = classify_copy("No thanks, I hate saving money")
    assert f.rule == CS
    assert f.severity == "medium"
    assert f.evidence["lang"] == "en"
    assert "saving money" in f.evidence["text"]
    assert f.evidence["text"] in f.message


def test_span_keeps_the_original_case() -> None:
    (m,) = match_copy("ONLY 2 LEFT IN STOCK")
    assert m.span.startswith("ONLY 2 LEFT")


def test_typographic_apostrophes_and_nbsp_are_folded() -> None:
    assert CS in rules_of("No thanks, I\u2019d\u00a0rather pay full price")


def test_countdown_timer_needs_urgency_or_to_stand_alone() -> None:
    assert CD in rules_of("Deal of the day 04:12:55")
    assert CD in rules_of("00:09:59")
    assert CD not in rules_of("Match report 12:30")


def test_every_rule_is_in_the_catalog() -> None:
    from companion.catalog import rules

    assert set(COPY_RULES) <= set(rules())


def test_long_text_is_handled() -> None:
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 400
    assert rules_of(filler + "Only 2 left in stock!") == {SC}


def test_bare_continuation_needs_cookie_talk_nearby() -> None:
    assert IC in rules_of("This site uses cookies. By continuing, you agree to their use.")
    assert IC in rules_of("Usamos cookies. Al continuar, aceptas su uso.")
    assert IC not in rules_of("By continuing, you agree to our Terms of Service.")


@pytest.mark.parametrize(
    "text",
    [
        "Wenn Sie unsere Website nutzen möchten, benötigen wir Ihre Einwilligung.",
        "Sie können Ihre Einwilligung jederzeit widerrufen, wenn Sie die Seite weiter nutzen.",
        "Cliccando su Accetta tutti acconsenti all'uso dei cookie. Continuando senza accettare, "
        "verranno usati solo i cookie tecnici.",
        "En cliquant sur Accepter, vous consentez au dépôt de cookies.",
        "We need your consent before you continue to use the site.",
    ],
)
def test_compliant_banner_wording_is_not_implied_consent(text: str) -> None:
    assert IC not in rules_of(text)


@pytest.mark.parametrize(
    "label",
    [
        "Ich möchte keine Werbung und keinen Newsletter erhalten",
        "No quiero recibir ni ofertas ni boletines",
        "Non desidero ricevere newsletter né offerte",
        "Je ne souhaite pas recevoir les offres de nos partenaires",
        "I do not want offers or newsletters",
    ],
)
def test_one_coordinated_refusal_is_not_a_trick(label: str) -> None:
    assert TQ not in rules_of(label, control=True)


@pytest.mark.parametrize("text", [
    "Using our website = accepting cookies",
    "Continued use of this site → you agree to our cookies 🍪",
    "Weiter surfen = Cookies akzeptieren",
    "Continuer la navigation = accepter les cookies",
    "Seguir navegando => aceptar las cookies",
    "Continuare a navigare = accettare i cookie",
    "Verder surfen = akkoord met cookies",
])
def test_implied_consent_written_as_an_equation(text: str) -> None:
    assert {m.rule for m in match_copy(text)} == {"consent.implied-consent"}


@pytest.mark.parametrize("text", [
    "Price = 20 € → accept the offer below",
    "Total = 5 items",
    "Using our website = faster checkout",
    "Settings → Privacy → Accept cookies from this site",
])
def test_an_equation_without_carrying_on_is_not_implied_consent(text: str) -> None:
    assert "consent.implied-consent" not in {m.rule for m in match_copy(text)}

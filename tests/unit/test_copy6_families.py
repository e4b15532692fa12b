"""Copy word families added after blind probe 5 (``tests/data/copy_fresh_5.jsonl``).

Each family is tested with wordings of its own, in several languages, next to look-alikes
that must stay quiet. None of these lines is a probe line.
"""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CD, CS, IC, SC, SP, TQ, rules_of

# -- confirmshaming: "not really my thing" (an adverb in the idiom) --------------------------

@pytest.mark.parametrize("text", [
    "Discounts aren't really for me",
    "Nope, healthy recipes just aren't my thing",
    "Sparen ist eher nicht so mein Ding",
    "Sparen ist wirklich nicht für mich",
    "Besparen is gewoon niet echt mijn ding",
    "Faire des économies n'est pas trop mon truc",
    "No, ahorrar no es precisamente lo mío",
    "Risparmiare non è proprio il mio forte",
])
def test_not_really_my_thing(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "This size isn't really for me",
    "Dark roast is not exactly my thing, any lighter blends?",
    "Das Design ist eher nicht so mein Ding",
    "Ce modèle n'est pas trop mon truc",
])
def test_not_really_my_thing_about_an_ordinary_choice_is_quiet(text: str) -> None:
    assert CS not in rules_of(text)


# -- confirmshaming: "my data doesn't need protecting" after a decline -----------------------

@pytest.mark.parametrize("text", [
    "No thanks, my passwords don't need protecting",
    "Nah, my photos don't need a backup",
    "Nein danke, mein Handy braucht keinen Schutz",
    "Nee, mijn bestanden hoeven niet beveiligd te worden",
    "Non merci, mon ordinateur n'a pas besoin de protection",
    "No, gracias: mis contraseñas no necesitan protección",
    "No grazie, i miei file non hanno bisogno di backup",
])
def test_waving_off_protection_after_a_decline(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Your data doesn't need protecting by you: we encrypt it for you.",
    "Ihre Daten müssen nicht extra geschützt werden, wir verschlüsseln sie automatisch.",
    "Vos fichiers n'ont pas besoin d'être sauvegardés manuellement.",
    "Sus datos no necesitan protección adicional.",
])
def test_reassurance_about_protection_is_quiet(text: str) -> None:
    assert CS not in rules_of(text)


# -- confirmshaming: the know-it-all taunt after a decline -----------------------------------

@pytest.mark.parametrize("text", [
    "No thanks, I know it all already",
    "Skip, I'm already an expert",
    "Nein danke, ich weiß eh alles",
    "Nee, ik weet het toch allemaal al",
    "Non merci, je connais déjà tout",
    "No, ya lo sé todo",
    "No grazie, sono già un esperto",
])
def test_know_it_all_decline(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "No thanks, I know everything I need about my order",
    "I know everything about this product? Read our FAQ.",
    "Ich weiß alles über meine Bestellung",
    "Je sais tout ce qu'il faut savoir grâce à votre guide",
])
def test_knowing_without_a_decline_or_about_ones_order_is_quiet(text: str) -> None:
    assert CS not in rules_of(text)


# -- confirmshaming: letting a perk go (particle verbs and idioms) ---------------------------

@pytest.mark.parametrize("text", [
    "Ik laat die gratis verzending gewoon lopen",
    "Ik sla het voordeel over",
    "Ich lasse mir die Ersparnis entgehen",
    "Ich schlage den Rabatt aus",
    "I'd rather give the savings a miss",
    "Je fais une croix sur les réductions",
    "Je laisse filer mes avantages",
    "Dejo escapar las ofertas exclusivas",
    "Preferisco fare a meno dello sconto",
    "Mi lascio sfuggire le offerte esclusive",
])
def test_letting_a_perk_go(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Ik sla deze stap over",
    "Ich lasse die Tür offen liegen",
    "Je laisse tomber ma commande",
    "Dejo pasar a los clientes con cita",
    "Lascio perdere il numero di telefono",
])
def test_letting_something_ordinary_go_is_quiet(text: str) -> None:
    assert CS not in rules_of(text)


# -- confirmshaming in the banner languages: saving as a noun --------------------------------

@pytest.mark.parametrize("text", [
    "Όχι, δεν με ενδιαφέρουν οι οικονομίες",
    "Não, não quero fazer economia",
    "Nu, mulțumesc, nu vreau să fac economii",
])
def test_saving_as_a_noun_in_banner_languages(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", ["Όχι, ευχαριστώ", "Não, obrigado", "Nu, mulțumesc"])
def test_plain_banner_declines_stay_quiet(text: str) -> None:
    assert CS not in rules_of(text)


# -- a double negative made with an opt-out word is no confirmshaming ------------------------

@pytest.mark.parametrize("text", [
    "I don't want to stop getting deals from partners",
    "Ik wil niet afgemeld worden voor de aanbiedingen",
    "Je ne veux pas renoncer à mes avantages partenaires",
    "Ich möchte nicht von Rabattaktionen ausgeschlossen werden",
])
def test_opt_out_word_makes_a_double_negative(text: str) -> None:
    assert CS not in rules_of(text)
    assert TQ in rules_of(text, control=True)


@pytest.mark.parametrize("text", [
    "I don't want to save money, stop asking",
    "Je ne veux pas faire d'économies, arrêtez de me le proposer",
    "Nein, ich will nicht sparen, hört auf zu fragen",
])
def test_an_opt_out_word_in_the_next_clause_leaves_the_shaming(text: str) -> None:
    assert CS in rules_of(text)


# -- trick questions: removing the tick, verb first; denying consent; marketing by post ------

@pytest.mark.parametrize("text", [
    "Nehmen Sie den Haken nicht heraus, wenn Sie weiterhin Kataloge erhalten möchten.",
    "Entferne das Kreuz nicht, falls du unsere Prospekte weiter bekommen willst.",
    "Do not remove the tick if you wish to keep receiving our catalogues by post.",
])
def test_not_removing_the_tick(text: str) -> None:
    assert TQ in rules_of(text)


@pytest.mark.parametrize("text", [
    "I do not withhold my consent to partner offers",
    "Non nego il mio consenso all'invio di offerte commerciali",
    "No niego mi consentimiento para recibir ofertas de terceros",
    "Ich verweigere nicht die Weitergabe meiner Daten an Partner",
])
def test_not_denying_consent(text: str) -> None:
    assert TQ in rules_of(text, control=True)


@pytest.mark.parametrize("text", [
    "Entfernen Sie das Häkchen, um sich vom Katalogversand abzumelden.",
    "Remove the tick to stop receiving catalogues.",
    "Ich möchte keine Kataloge erhalten",
    "Send me the catalogue by post",
    "Our post office is closed on Sunday",
])
def test_plain_opt_outs_and_post_office_are_no_trick(text: str) -> None:
    assert TQ not in rules_of(text)


# -- countdown: time left "to" use a deal ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Nog 45 minuten om te profiteren van de actie",
    "Nog 2 uur voor gratis verzending",
    "Noch 30 Minuten, um den Gutschein einzulösen",
    "Noch 3 Stunden für deinen Rabatt",
])
def test_time_left_for_a_deal(text: str) -> None:
    assert CD in rules_of(text)


@pytest.mark.parametrize("text", [
    "Nog 10 minuten om de saus te laten inkoken",
    "Nog 3 dagen tot de vakantie!",
    "Noch 20 Minuten bis zur Ankunft in Köln",
    "Noch 5 Minuten, um das Formular abzuschicken, bevor die Sitzung abläuft",
])
def test_time_left_for_no_deal_is_quiet(text: str) -> None:
    assert CD not in rules_of(text)


# -- scarcity: singular counts in Italian ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Solo 1 biglietto rimasto per questa data",
    "Ancora 1 pezzo disponibile",
    "Soltanto 1 posto disponibile su questo volo",
])
def test_italian_singular_stock(text: str) -> None:
    assert SC in rules_of(text)


@pytest.mark.parametrize("text", [
    "Solo 1 euro di spedizione",
    "Ancora 1 minuto e il pane è pronto",
])
def test_italian_singular_counts_that_are_no_stock(text: str) -> None:
    assert SC not in rules_of(text)


# -- social proof: the buyer in the middle of a German passive -------------------------------

@pytest.mark.parametrize("text", [
    "Soeben von einer Kundin aus Graz bestellt",
    "Kürzlich von jemandem in Hamburg gebucht",
    "Gerade von einem Gast aus Wien reserviert",
])
def test_german_passive_purchase_notice(text: str) -> None:
    assert SP in rules_of(text)


@pytest.mark.parametrize("text", [
    "Von einer Kundin aus Graz empfohlen",
    "Gerade von unserem Team aktualisiert",
])
def test_german_passive_without_a_purchase_is_quiet(text: str) -> None:
    assert SP not in rules_of(text)


# -- confirmshaming: settling for worse, being productive, wasting time ---------------------

@pytest.mark.parametrize("text", [
    "I'm happy with laggy wifi",
    "No thanks, I'll keep my outdated website",
    "I'm fine with missing urgent alerts",
    "No, I don't want to get more organised",
    "Nah, I don't deserve good things",
    "Nein danke, ich mag es umständlich",
    "Ich bleibe lieber hinterher",
    "Nein, ich will nicht produktiver werden",
    "Non merci, je préfère gaspiller mon temps",
    "Je ne veux pas devenir plus efficace",
    "No, prefiero perder el tiempo",
    "No quiero ser más productivo",
    "Non voglio diventare più produttivo",
    "Ik verdoe liever mijn uren",
    "Nee, ik wil niet productiever worden",
    "Ik blijf liever bij mijn trage internet",
])
def test_settling_for_worse(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Nein, es ist mir zu teuer",
    "No, it is too expensive for me",
    "Nein danke, ich fahre lieber langsam",
    "No, my internet is slow today",
    "Sigo con problemas para iniciar sesión",
    "Our team is productive and organised",
])
def test_reasons_and_descriptions_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Ei kiitos, en halua tarjouksia",
    "Nem, nem kell kedvezményes ajánlat",
])
def test_banner_language_case_forms(text: str) -> None:
    assert CS in rules_of(text)


def test_hungarian_no_need_without_a_good_is_quiet() -> None:
    assert CS not in rules_of("Nem kell regisztrálni a vásárláshoz")


# -- implied consent: impersonal Italian, navigation as subject, verb-first conditionals -----

@pytest.mark.parametrize("text", [
    "Proseguendo la visita si acconsente all'uso dei cookie.",
    "La navigazione sul sito implica il consenso all'uso dei cookie.",
    "Fortsætter du, accepterer du vores cookies.",
    "Fortsätter du, godkänner du att vi använder cookies.",
    "Με τη χρήση της ιστοσελίδας αποδέχεστε τα cookies.",
])
def test_implied_consent_families(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    "La navigazione del sito è ottimizzata per Chrome.",
    "I negozi accettano carte di credito.",
    "Fortsetter du til kassen, ser du totalprisen.",
    "Με τη χρήση του κωδικού σας αποκτάτε πρόσβαση.",
])
def test_implied_look_alikes_are_quiet(text: str) -> None:
    assert IC not in rules_of(text)


# -- confirmshaming: kept in the dark, "for other people", your perk, throwing money away ----

@pytest.mark.parametrize("text", [
    "Nope, keep me out of the loop",
    "Nein danke, lasst mich ahnungslos",
    "Non, laissez-moi dans l'ignorance",
    "No, déjame desinformado",
    "No, lasciatemi all'oscuro",
    "Nee, hou me maar dom",
    "No thanks, saving is for other people",
    "Nein, Rabatte sind eher was für Reiche",
    "Non merci, les bons plans c'est pour les autres",
    "No, ahorrar es cosa de otros",
    "No grazie, risparmiare è roba per altri",
    "Nee, korting is voor anderen",
    "Continue without your free shipping",
    "Weiter ohne deinen Gutschein",
    "Continuer sans votre cadeau",
    "Prosegui senza il tuo buono",
    "Doorgaan zonder je tegoed",
    "Non mi servono gli sconti",
    "No thanks, I'd rather throw money away",
    "Ik smijt liever mijn geld weg",
])
def test_more_shaming_families(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Keep me signed in",
    "Continue without your password? Sign in with a link instead.",
    "Sigue sin tu contraseña",
    "Non mi serve la ricevuta",
    "Het is voor anderen lastig",
    "Ist was für andere Leute gedacht",
])
def test_more_shaming_look_alikes_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)


# -- implied consent: "wie verder klikt", "door op de site te blijven", "quien siga" ----------

@pytest.mark.parametrize("text", [
    "Wie hier verder surft, stemt in met het gebruik van cookies.",
    "Door op onze webshop te blijven, ga je akkoord met cookies.",
    "Quien siga navegando acepta el uso de cookies.",
    "Chi prosegue la navigazione accetta i cookie.",
])
def test_whoever_carries_on_agrees(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    "Wie verder leest, ziet de voorwaarden.",
    "Chi prosegue la navigazione trova le istruzioni in fondo alla pagina.",
])
def test_whoever_carries_on_without_agreeing_is_quiet(text: str) -> None:
    assert IC not in rules_of(text)


# -- countdown: "last 24 hours to…"; social proof: "in 12 carts" ----------------------------

@pytest.mark.parametrize("text", [
    "Final 48 hours to shop the sale",
    "Letzte 12 Stunden für deinen Rabatt",
    "Derniers 3 jours pour commander à -30 %",
    "Últimos 2 días de rebajas",
    "Ultimi 3 giorni di saldi",
    "Laatste 24 uur om korting te scoren",
    "Nog 2 dagen: 25% korting op alles",
])
def test_last_hours_to_use_a_deal(text: str) -> None:
    assert CD in rules_of(text)


@pytest.mark.parametrize("text", [
    "In the last 24 hours to date, 3 orders were refunded",
    "Nelle ultime 24 ore per la pioggia sono caduti 40 mm",
    "Les dernières 48 heures pour la météo",
    "Nog 1 dag tot de vakantie!",
])
def test_last_hours_without_a_deal_are_quiet(text: str) -> None:
    assert CD not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Liegt in 7 Warenkörben",
    "Está en 15 carritos",
    "Presente in 9 carrelli",
    "Ligt in 6 winkelmandjes",
])
def test_in_n_carts(text: str) -> None:
    assert SP in rules_of(text)


@pytest.mark.parametrize("text", ["In die Warenkörbe legen", "En 3 cestas de regalo distintas"])
def test_carts_without_a_count_of_shoppers_are_quiet(text: str) -> None:
    assert SP not in rules_of(text)

"""Word families and structures added after the fourth blind held-out set (copy_heldout_4).

Each case is written anew (none is a held-out row): it checks the family or structure, in
wordings and languages the held-out set does not use, and its look-alikes check that the
family stays narrow.
"""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CD, CS, IC, SC, SP, TQ, rules_of


# -- scarcity: what is no stock claim ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Watchdog: 'Just 2 rooms left at this price' banners mislead shoppers",
    "Bericht: „Nur noch 3 Plätze frei!“ – so tricksen Buchungsportale",
    "Enquête : « Il ne reste que 2 places » , un argument trompeur",
    "Reportaje: «¡Últimas 3 unidades!» y otras trampas de las tiendas",
    "Inchiesta: 'Restano solo 2 camere', il trucco dei portali",
    "Column: 'Laatste 2 plaatsen!' en andere trucs van webwinkels",
])
def test_a_quoted_stock_claim_is_reported_not_made(text: str) -> None:
    assert SC not in rules_of(text)


def test_an_unquoted_stock_claim_after_a_quote_still_counts() -> None:
    assert SC in rules_of("Our customers say 'love it'. Only 2 left in stock!")


@pytest.mark.parametrize("text", [
    "Coupon valid through 30/09/2026 while supplies last.",
    "Aktion gilt vom 1.9. bis 30.9.2026, nur solange Vorrat vorhanden.",
    "Valable du 1er au 15 octobre, jusqu'à épuisement du stock.",
    "Oferta válida hasta el 15/10/2026, sujeta a disponibilidad.",
    "Promozione valida dal 1/10/2026 salvo esaurimento delle scorte.",
    "Aanbieding loopt t/m 15-10-2026 zolang voorraad strekt.",
])
def test_a_stock_proviso_in_an_offers_terms_is_fine_print(text: str) -> None:
    assert SC not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Grab yours while supplies last!",
    "Jetzt zugreifen, solange der Vorrat reicht!",
    "Foncez, jusqu'à épuisement des stocks !",
])
def test_a_stock_proviso_as_a_call_to_hurry_is_scarcity(text: str) -> None:
    assert SC in rules_of(text)


@pytest.mark.parametrize("text, other", [
    ("Very popular! 14 people are looking at this right now", SP),
    ("Stark nachgefragt: 23 Personen sehen sich dieses Zimmer gerade an", SP),
    ("Forte demande : 12 autres voyageurs regardent ce logement", SP),
    ("Alta demanda: 9 personas están viendo este hotel", SP),
])
def test_a_demand_headline_over_an_activity_notice_is_social_proof(text: str, other: str) -> None:
    assert rules_of(text) == {other}


@pytest.mark.parametrize("text", [
    "In high demand for the holidays",
    "Sehr gefragt in dieser Saison",
    "Molto richiesta in questo periodo",
])
def test_a_demand_claim_alone_is_still_scarcity(text: str) -> None:
    assert SC in rules_of(text)


def test_a_demand_claim_beside_low_stock_is_scarcity_too() -> None:
    assert rules_of("In high demand — only 2 rooms left! 8 people are viewing") == {SC, SP}


@pytest.mark.parametrize("text", [
    "Only 2 questions left, then you're done",
    "Noch 4 Fragen übrig bis zum Ergebnis",
    "Plus que 3 étapes avant de valider votre profil",
    "Solo quedan 2 pasos para terminar tu registro",
    "Restano solo 3 domande al termine del quiz",
    "Nog maar 2 stappen over om je profiel af te maken",
])
def test_a_count_of_the_readers_own_progress_is_no_stock(text: str) -> None:
    assert SC not in rules_of(text)


def test_a_stock_count_on_a_page_of_a_site_still_counts() -> None:
    # "Seite" (the site's page) after the stock noun is no progress count.
    assert SC in rules_of("Nur noch 2 Tickets auf dieser Seite erhältlich")


# -- scarcity: how low stock is said --------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Just a handful remaining in the warehouse",
    "Very few seats remaining on this flight",
    "Inventory's getting thin, order soon",
    "Last pair in this colour",
    "2 cabins left at this fare",
    "Only 7 made by hand, 2 left",
    "Nur noch eine Handvoll verfügbar",
    "Nur noch ganz wenige Tickets",
    "Noch 4 Sitzplätze zu diesem Tarif",
    "Der Vorrat neigt sich dem Ende zu",
    "Schnell sein, bevor alle weg sind!",
    "Nur noch 2!",
    "Plus que deux paires disponibles",
    "Il nous reste très peu de chambres",
    "Nous n'en avons plus que cinq en réserve",
    "3 sièges restants à ce tarif",
    "Commandez avant la rupture de stock",
    "Plus que 3 !",
    "Últimos pares en tu talla",
    "Hay muy pocos asientos libres",
    "Nos quedan unas pocas en el almacén",
    "¡Quedan solo 2!",
    "4 habitaciones a este precio",
    "Cómpralo antes de que se agoten",
    "Ultimo paio disponibile",
    "Ne ho soltanto due in magazzino",
    "Restano pochissimi biglietti",
    "3 camere a questo prezzo",
    "Ordina prima che si esauriscano",
    "Laatste paar in deze kleur",
    "Nog maar heel weinig kaarten",
    "Nog 2 bedden voor deze prijs",
    "We hebben er nog maar een handvol",
    "Bestel snel voordat alles uitverkocht is",
    "Nog maar 3!",
])
def test_new_ways_of_saying_stock_is_low(text: str) -> None:
    assert SC in rules_of(text)


@pytest.mark.parametrize("text", [
    "Only a handful of customers asked about it",
    "Édition limitée à 500 exemplaires",
    "Say goodbye to the leaves before they fall",
    "Il reste très peu de temps pour s'inscrire",
    "Ne abbiamo una per ogni occasione",
    "Hebben we nog een paar tips voor je?",
    "Turn left at the second light",
    "3 days left to enter",
    "We hebben nog 3 vragen voor je",
])
def test_their_look_alikes_are_no_stock_claim(text: str) -> None:
    assert SC not in rules_of(text)


# -- social proof ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "⚡ 40 orders in the last hour",
    "37 verkauft in den letzten 24 Stunden",
    "60 Mal heute verkauft",
    "25 commandes dans les dernières 24 heures",
    "12 reservas en las últimas horas",
    "300 ordini nelle ultime 24 ore",
    "45 keer verkocht in de laatste week",
    "People near you booked this studio 12 times this week",
    "Schon 40 Mal diese Woche gekauft",
    "5 other fans are trying to grab these tickets",
    "9 Reisende versuchen gerade, diese Unterkunft zu buchen",
    "7 voyageurs essaient de réserver ces dates",
    "6 viajeros intentan reservar este piso",
    "4 viaggiatori stanno cercando di prenotare queste date",
    "8 reizigers proberen deze data te boeken",
    "2,000 other gamers have bought this bundle",
    "Otros 80 lectores han comprado este libro hoy",
    "Altre 50 mamme l'hanno già acquistato",
    "3 personas lo tienen en la cesta",
    "A shopper in Leeds just grabbed the last voucher",
    "Eine Kundin aus Graz hat vor 5 Min. ein Paket gesichert",
    "Soeben: Lena (Wien) hat sich das Jahresabo geholt",
    "Une cliente de Nantes vient de craquer pour ce sac",
    "Una clienta de Sevilla acaba de llevarse este abrigo",
    "Un cliente di Bari si è appena aggiudicato l'ultimo posto",
    "Een klant uit Utrecht heeft net een jaarabonnement afgesloten",
    "Gerade gebucht von einem Gast aus Zürich",
    "Réservé à l'instant par un voyageur de Lille",
    "Reservado hace un momento por alguien de Bilbao",
    "Prenotato poco fa da un viaggiatore di Torino",
    "Zojuist gekocht door een klant uit Breda",
])
def test_new_ways_of_showing_activity(text: str) -> None:
    assert SP in rules_of(text)


@pytest.mark.parametrize("text", [
    "40 orders ship free this week",
    "Wir haben 37 Artikel im Sortiment seit 2019",
    "12 reservas en el restaurante cada noche",
    "Our team ordered pizza 3 times this week",
    "5 other ways to save on tickets",
    "Other 3 options are available",
    "Gerade: neue Kollektion eingetroffen",
    "Reservado por el cliente para el día 12",
])
def test_their_look_alikes_show_no_activity(text: str) -> None:
    assert SP not in rules_of(text)


# -- countdown ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Launch pricing vanishes in 48 hours",
    "This coupon goes poof tomorrow",
    "Der Gutscheincode verpufft in 2 Tagen",
    "Le code promo s'autodétruit dans 3 heures",
    "El descuento se evapora mañana",
    "Lo sconto svanisce tra 2 giorni",
    "De kortingscode verdampt over 3 dagen",
    "Your voucher expires at 9pm tonight",
    "Der Rabattcode verfällt um 23:59 Uhr",
    "L'offre expire à 23 h",
    "La oferta termina a las 23:59",
    "L'offerta scade alle 23:59",
    "De actie eindigt om 23:59 uur",
    "Sale ends in 1h 30m",
    "Angebot endet in 2 Std 15 Min",
    "L'offre se termine dans 5 h 30 min",
    "Offerta valida ancora per 3 giorni",
    "The clock is ticking: 00:09:41 to claim your seat",
    "Die Uhr tickt – sichern Sie sich Ihren Rabatt",
    "Le chrono tourne : 04:59 pour finaliser",
    "L'orologio corre: 00:05:00 per completare l'ordine",
    "De klok tikt: nog 09:59 om te bestellen",
    "Early-bird rate until Friday, then the price goes up",
    "Bis Sonntag buchen, danach steigt der Preis",
    "Réservez avant dimanche, ensuite les prix augmentent",
    "Compra antes del lunes, después el precio sube",
    "Iscriviti entro venerdì, dopo il prezzo aumenta",
    "Boek voor zondag, daarna stijgt de prijs",
    "Only 6 more hours to grab the deal",
    "Plus que 6 heures pour en profiter",
    "Solo 6 horas para conseguirlo",
    "Nog maar 6 uur om te bestellen",
])
def test_new_ways_of_counting_down(text: str) -> None:
    assert CD in rules_of(text)


@pytest.mark.parametrize("text", [
    "For your security, you will be signed out in 2 minutes.",
    "Ihre Sitzung läuft wegen Inaktivität in 3 Minuten ab.",
    "Votre code de vérification expire dans 10 minutes.",
    "Tu código de verificación caduca en 10 minutos.",
    "La sessione termina tra 2 minuti per inattività.",
    "De verificatiecode verloopt over 10 minuten.",
    "The workshop ends at 5pm",
    "De rondleiding eindigt om 16:30 uur",
    "The fog evaporates in 3 hours, says the forecast",
    "Petrol prices go up as oil climbs",
    "Only 3 steps to set up your store",
])
def test_their_look_alikes_are_no_countdown(text: str) -> None:
    assert CD not in rules_of(text)


# -- implied consent ------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # the use of the site as the subject, or an infinitive
    "Use of the app is deemed acceptance of tracking cookies.",
    "Die Nutzung unserer App gilt als Zustimmung zu Analyse-Cookies.",
    "Utiliser cette application vaut acceptation des traceurs.",
    "Visitar nuestra tienda implica la aceptación de las cookies.",
    "Chiudere questa finestra equivale a dare il consenso ai cookie.",
    "Het sluiten van deze balk geldt als toestemming voor cookies.",
    # another page, sticking around
    "Open another page and we'll take it that you're fine with our cookies.",
    "Rufen Sie eine andere Seite auf, gehen wir von Ihrer Zustimmung zu Cookies aus.",
    "Si tu visites une autre page, nous partons du principe que tu acceptes les cookies.",
    "Hang around and we'll switch on all analytics cookies.",
    # doing nothing is the choice
    "If you do nothing, we will presume you accept marketing cookies.",
    "Wenn Sie nichts auswählen, aktivieren wir alle Cookies.",
    "Si tu ne choisis rien, on active tous les cookies.",
    "Si no eliges nada, activaremos todas las cookies.",
    "Se non scegli nulla, attiveremo tutti i cookie.",
    "Als u niets kiest, plaatsen we alle cookies.",
    # carrying on without deciding is no refusal
    "If you carry on browsing without adjusting your preferences, you consent to all cookies.",
    "Wenn Sie weitersurfen, ohne Ihre Einstellungen zu ändern, stimmen Sie allen Cookies zu.",
    "Si vous continuez sans modifier vos paramètres, vous acceptez les cookies.",
    # the wording of the agreement
    "Scrolling on counts as agreeing to our cookie policy.",
    "Wer weiterscrollt, stimmt der Nutzung von Cookies zu.",
    "En poursuivant, votre consentement sera réputé donné pour tous les cookies.",
    "Si sigues navegando, nos das tu autorización para instalar cookies.",
    "Continuando la navigazione ci autorizzate all'uso dei cookie.",
    "Surf je verder, dan gaan wij uit van jouw akkoord voor alle cookies.",
    "Keep scrolling = you're happy with cookies",
    "Weiterlesen = Ja zu Cookies",
    "Seguir leyendo = decir que sí a las cookies",
    # a question and its answer
    "Still scrolling? Great, we'll take that as a yes to cookies.",
    "Tu es encore là ? Super, on le prend comme un oui pour les cookies.",
])
def test_new_ways_of_taking_consent_from_carrying_on(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    "If you close this window, no optional cookies are set.",
    "Wenn Sie nichts auswählen, setzen wir nur notwendige Cookies.",
    "Si vous ne faites rien, aucun cookie n'est déposé.",
    "Hang around for the live Q&A at 6pm!",
    "Still reading? Here is part two of our guide.",
    "Rufen Sie eine andere Seite auf, um mehr zu erfahren.",
    "We place cookies only after you click 'Accept'.",
    "If you continue without accepting, we will not set analytics cookies.",
])
def test_their_look_alikes_take_no_consent(text: str) -> None:
    assert IC not in rules_of(text)


# -- trick questions (read as checkbox labels) ----------------------------------------------------
@pytest.mark.parametrize("text", [
    # split verbs: the negation sits between the verb and its particle
    "Ich melde mich nicht vom Newsletter ab",
    "Ich bestelle die Angebote per SMS nicht ab",
    "Wir tragen Sie nicht aus dem Verteiler für Angebote aus",
    "Ik meld me niet af voor de nieuwsbrief",
    "Ik schrijf me niet uit voor aanbiedingen",
    "Vink dit aan om niet af te melden voor de nieuwsbrief",
    # subjunctive and clitic forms
    "No marques la casilla si no quieres dejar de recibir ofertas",
    "No me excluyas de las promociones por SMS",
    "Non rimuovermi dalla newsletter",
    "Ne pas m'exclure des offres partenaires",
    # being left off or kept out
    "Don't leave me off the newsletter",
    "I would not like to be taken off the mailing list",
    # a tick left alone
    "Häkchen bitte nicht entfernen, wenn Sie Angebote per E-Mail wünschen",
    "Vinkje niet verwijderen als je aanbiedingen wilt blijven krijgen",
    "Don't remove the tick if you still want our newsletter",
    "No quites la marca si quieres seguir recibiendo ofertas",
    # an opt-out undone
    "Tick to undo your opt-out from partner offers",
    "Aktivieren, um den Widerspruch gegen Werbung zurückzunehmen",
    "Cochez pour lever votre opposition aux offres partenaires",
    "Marca para retirar tu oposición a las comunicaciones comerciales",
    "Seleziona per revocare la tua opposizione alle offerte",
    "Vink aan om je bezwaar tegen reclame in te trekken",
    # who writes to whom
    "Ne cochez pas si vous ne voulez pas que nous arrêtions de vous contacter",
    "Kreuzen Sie nicht an, wenn wir Sie nicht mehr kontaktieren sollen",
])
def test_new_trick_questions_read_as_labels(text: str) -> None:
    assert TQ in rules_of(text, control=True)


@pytest.mark.parametrize("text", [
    "Ich melde mich für den Newsletter an",
    "Ik meld me aan voor de nieuwsbrief",
    "Remove me from the mailing list",
    "Häkchen setzen, um Angebote per E-Mail zu erhalten",
    "Marque la casilla para recibir ofertas",
    "Cochez pour nous écrire au sujet de votre commande",
])
def test_plain_opt_ins_and_opt_outs_are_no_trick(text: str) -> None:
    assert TQ not in rules_of(text, control=True)


# -- confirmshaming -------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    # not my thing
    "Nope, saving money just isn't my jam",
    "Nein danke, Rabatte sind einfach nicht mein Ding",
    "Non, les bons plans ce n'est pas vraiment ma tasse de thé",
    "No, los descuentos no son mi rollo",
    "No, gli sconti non sono roba per me",
    "Nee, korting is niks voor mij",
    # carrying on without a perk, taunted or "mine"
    "Proceed without protection (not advised)",
    "Zur Kasse ohne Rabatt (nicht empfohlen)",
    "Valider sans réduction – quel dommage !",
    "Finalizar sin descuento (qué lástima)",
    "Procedi senza sconto (non consigliato)",
    "Afrekenen zonder korting (helaas!)",
    "Check out without my free gift",
    "Bestellen ohne meinen Gutschein",
    "Weiter ohne Gutschein – Geld spielt keine Rolle",
    "No thanks (your loss)",
    # cancelling anyway and losing things
    "Cancel anyway and lose my 3,000 points",
    "Trotzdem kündigen und alle Prämien verlieren",
    "Résilier quand même et perdre tous mes avantages",
    "Annulla comunque e perdi tutti i tuoi punti",
    "No, let my 40-day streak end",
    "Nein, ich lasse meine Serie reißen",
    "Non, je préfère perdre ma série",
    "No, prefiero perder mi racha",
    "No, preferisco perdere la mia serie",
    "Nee, ik laat mijn reeks liever verlopen",
    # I'd rather miss the perks
    "I'd rather miss out on the best offers",
    "Ich verpasse lieber die besten Angebote",
    "Je préfère rater les meilleures promos",
    "Prefiero perderme las mejores ofertas",
    "Preferisco perdere le offerte migliori",
    "Ik verspeel liever alle voordelen",
    # my things left bad; waiting; looks, fitness and sleep
    "No thanks, I like my photos blurry",
    "Non merci, tant pis pour mes vidéos floues",
    "No, I'd rather wait 3 more days for delivery",
    "Nein, ich warte lieber 5 Tage länger",
    "No grazie, preferisco aspettare ore",
    "Nee, ik wacht liever uren op mijn pakket",
    "No thanks, who needs glowing skin anyway?",
    "Nein danke, ich brauche keine strahlende Haut",
    "Non, je ne veux pas être en forme",
    "No, no quiero estar en forma",
    "No, non voglio rimettermi in forma",
    "Nee, ik hoef niet gezonder te worden",
    "No thanks, I don't need restful sleep",
    # apostrophe-less English
    "nah thx, im not interested in saving",
    "no ty, i dont want free shipping",
])
def test_new_ways_of_shaming_a_refusal(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Continue without an account",
    "Weiter ohne Versicherung",
    "Continuer sans créer de compte",
    "Cancel anyway",
    "I prefer my steak rare",
    "I'd rather lose weight than money",
    "Wait 3 more days for the next batch",
    "Saving money is not my job, it's yours",
    "I don't want to not receive the newsletter",
    "Ich möchte nicht, dass mein Rabatt nicht gilt",
    "Non voglio che i miei dati non siano protetti",
])
def test_their_look_alikes_shame_nobody(text: str) -> None:
    assert CS not in rules_of(text)


# -- the families widened after a fresh probe of new wordings -------------------------------------
@pytest.mark.parametrize("text, rule", [
    # German and Dutch compounds, other persons of the verb, imperatives
    ("Nein, ich lasse meine Treuepunkte einfach verfallen", CS),
    ("Nee, verder zonder mijn verjaardagskorting", CS),
    ("Non, je poursuis sans ma remise de bienvenue", CS),
    ("No, lascia pure perdere i miei premi", CS),
    ("I'm okay with my goldfish starving", CS),
    # carrying on, said otherwise
    ("Bleib auf unserer Website, und wir nehmen das als Zustimmung zu Cookies.", IC),
    ("Door te blijven surfen stem je in met alle cookies.", IC),
    ("Nothing chosen yet? We'll assume you accept all cookies.", IC),
    ("Keine Auswahl getroffen? Dann gehen wir von Ihrer Zustimmung aus.", IC),
    ("Wer nichts auswählt, stimmt allen Cookies zu.", IC),
    ("Quien no elige nada acepta todas las cookies.", IC),
    # opt-outs said otherwise
    ("Ne décochez pas si vous ne souhaitez pas être rayé de notre liste de diffusion", TQ),
    ("Vink dit vakje niet uit als je niet van onze verzendlijst verwijderd wilt worden", TQ),
    ("No marques la casilla si no quieres que te demos de baja del boletín", TQ),
    # a price that rises after a day
    ("El precio sube a partir del lunes", CD),
    ("Le prix augmente dès lundi", CD),
    ("Il prezzo aumenta da domani", CD),
    # someone from a city, with a few words before the verb
    ("Jonas aus Graz hat sich gerade ein Jahresabo gesichert", SP),
])
def test_widened_families(text: str, rule: str) -> None:
    assert rule in rules_of(text, control=rule == TQ)


@pytest.mark.parametrize("text", [
    "Ajouter à notre liste de souhaits",
    "Keine Auswahl getroffen? Bitte wählen Sie eine Größe.",
    "Wer nichts auswählt, bekommt die Standardgröße.",
    "Le prix augmente avec la quantité",
    "My plants are dying, any tips?",
])
def test_widened_families_keep_their_look_alikes_clean(text: str) -> None:
    assert not rules_of(text)

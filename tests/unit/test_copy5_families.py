"""Word families and structures added after false alarms and misses on saved pages and live
sites (the fifth round).

Each case is written anew: none repeats the wording that was reported. A family is checked
in all six languages, with look-alikes that must stay clean.
"""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CD, CS, IC, SC, rules_of

# -- implied consent: site use as a purpose's object, or after an agreement tied to a click ----
# The default first-layer texts of the common consent platforms (written from their shipped
# defaults). Agreement there is given by a button; "site navigation" and "the use of the
# site" are what the cookies improve or analyse, not carrying on.
PLATFORM_DEFAULTS = [
    # OneTrust
    "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to "
    "enhance site navigation, analyze site usage, and assist in our marketing efforts.",
    "Indem Sie auf „Alle Cookies akzeptieren“ klicken, stimmen Sie der Speicherung von Cookies auf "
    "Ihrem Gerät zu, um die Websitenavigation zu verbessern, die Websitenutzung zu analysieren und "
    "unsere Marketingbemühungen zu unterstützen.",
    "Wenn Sie „Alle Cookies akzeptieren“ wählen, stimmen Sie der Speicherung von Cookies auf Ihrem "
    "Gerät zu, um die Navigation auf der Website zu verbessern, die Nutzung der Website zu "
    "analysieren und unsere Marketingbemühungen zu unterstützen.",
    "En cliquant sur « Accepter tous les cookies », vous acceptez le stockage de cookies sur votre "
    "appareil pour améliorer la navigation sur le site, analyser son utilisation et contribuer à "
    "nos efforts de marketing.",
    "Al hacer clic en «Aceptar todas las cookies», usted acepta que se almacenen cookies en su "
    "dispositivo para mejorar la navegación por el sitio, analizar el uso del sitio y ayudar en "
    "nuestros esfuerzos de marketing.",
    "Facendo clic su \"Accetta tutti i cookie\", accetti la memorizzazione dei cookie sul tuo "
    "dispositivo per migliorare la navigazione del sito, analizzare l'utilizzo del sito e "
    "contribuire alle nostre attività di marketing.",
    "Door op „Alle cookies accepteren” te klikken, gaat u akkoord met het opslaan van cookies op uw "
    "apparaat om de sitenavigatie te verbeteren, het sitegebruik te analyseren en te helpen bij "
    "onze marketingactiviteiten.",
    # Cookiebot
    "This website uses cookies. We use cookies to personalise content and ads, to provide social "
    "media features and to analyse our traffic. We also share information about your use of our "
    "site with our social media, advertising and analytics partners who may combine it with other "
    "information that you've provided to them or that they've collected from your use of their "
    "services.",
    "Diese Webseite verwendet Cookies. Wir verwenden Cookies, um Inhalte und Anzeigen zu "
    "personalisieren, Funktionen für soziale Medien anbieten zu können und die Zugriffe auf unsere "
    "Website zu analysieren. Außerdem geben wir Informationen zu Ihrer Verwendung unserer Website "
    "an unsere Partner für soziale Medien, Werbung und Analysen weiter.",
    "Ce site utilise des cookies. Nous utilisons des cookies pour personnaliser le contenu et les "
    "publicités, pour fournir des fonctionnalités de médias sociaux et pour analyser notre trafic. "
    "Nous partageons également des informations sur l'utilisation de notre site avec nos "
    "partenaires de médias sociaux, de publicité et d'analyse, qui peuvent combiner celles-ci avec "
    "d'autres informations que vous leur avez fournies.",
    "Este sitio web utiliza cookies. Las cookies de este sitio web se usan para personalizar el "
    "contenido y los anuncios, ofrecer funciones de redes sociales y analizar el tráfico. Además, "
    "compartimos información sobre el uso que haga del sitio web con nuestros partners de redes "
    "sociales, publicidad y análisis web.",
    "Questo sito web utilizza i cookie. Utilizziamo i cookie per personalizzare contenuti ed "
    "annunci, per fornire funzionalità dei social media e per analizzare il nostro traffico. "
    "Condividiamo inoltre informazioni sul modo in cui utilizza il nostro sito con i nostri partner "
    "che si occupano di analisi dei dati web, pubblicità e social media.",
    "Deze website gebruikt cookies. We gebruiken cookies om content en advertenties te "
    "personaliseren, om functies voor social media te bieden en om ons websiteverkeer te "
    "analyseren. Ook delen we informatie over uw gebruik van onze site met onze partners voor "
    "social media, adverteren en analyse.",
    # Didomi
    "We and our partners use cookies or similar technologies to store, access, and process "
    "personal data like your visit on this website, IP addresses and cookie identifiers. You can "
    "withdraw your consent at any time by clicking on \"Learn More\" or in our privacy policy.",
    "Mit Ihrer Zustimmung verwenden wir und unsere Partner Cookies oder ähnliche Technologien, um "
    "personenbezogene Daten wie Ihren Besuch auf dieser Website, IP-Adressen und Cookie-Kennungen "
    "zu speichern, darauf zuzugreifen und sie zu verarbeiten.",
    "Avec votre accord, nous et nos partenaires utilisons des cookies ou technologies similaires "
    "pour stocker, consulter et traiter des données personnelles telles que votre visite sur ce "
    "site internet, les adresses IP et les identifiants de cookie.",
    "Con su consentimiento, nosotros y nuestros socios utilizamos cookies o tecnologías similares "
    "para almacenar, acceder y procesar datos personales como su visita en este sitio web, las "
    "direcciones IP y los identificadores de cookies.",
    "Con il tuo consenso, noi e i nostri partner utilizziamo cookie o tecnologie simili per "
    "archiviare, accedere e trattare dati personali come la tua visita su questo sito web, gli "
    "indirizzi IP e gli identificativi dei cookie.",
    "Met uw toestemming gebruiken wij en onze partners cookies of vergelijkbare technologieën om "
    "persoonsgegevens, zoals uw bezoek aan deze website, IP-adressen en cookie-ID's, op te slaan, "
    "te openen en te verwerken.",
    # Usercentrics
    "We use cookies and other technologies on our website. Some of them are essential, while "
    "others help us to improve this website and your experience. You can find more information "
    "about the use of your data in our privacy policy.",
    "Diese Webseite nutzt Tracking-Technologien von Dritten, um ihre Dienste anzubieten, stetig zu "
    "verbessern und Werbung entsprechend der Interessen der Nutzer anzuzeigen. Ich bin damit "
    "einverstanden und kann meine Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen.",
    "Nous utilisons des cookies et d'autres technologies sur notre site web. Certains d'entre eux "
    "sont essentiels, tandis que d'autres nous aident à améliorer ce site web et votre expérience. "
    "Vous trouverez plus d'informations sur l'utilisation de vos données dans notre politique de "
    "confidentialité.",
    "Utilizamos cookies y otras tecnologías en nuestro sitio web. Algunas de ellas son esenciales, "
    "mientras que otras nos ayudan a mejorar este sitio web y su experiencia.",
    "Utilizziamo cookie e altre tecnologie sul nostro sito web. Alcuni di essi sono essenziali, "
    "mentre altri ci aiutano a migliorare questo sito web e la tua esperienza.",
    "Deze website maakt gebruik van trackingtechnologieën van derden om haar diensten te leveren, "
    "voortdurend te verbeteren en advertenties weer te geven. Ik ga akkoord en kan mijn "
    "toestemming op elk moment intrekken.",
    # CookieYes
    "We value your privacy. We use cookies to enhance your browsing experience, serve personalized "
    "ads or content, and analyze our traffic. By clicking \"Accept All\", you consent to our use "
    "of cookies.",
    "Wir schätzen Ihre Privatsphäre. Wir verwenden Cookies, um Ihr Surferlebnis zu verbessern, "
    "personalisierte Anzeigen oder Inhalte bereitzustellen und unseren Datenverkehr zu "
    "analysieren. Wenn Sie auf „Alle akzeptieren“ klicken, stimmen Sie der Verwendung von Cookies "
    "zu.",
    "Nous respectons votre vie privée. Nous utilisons des cookies pour améliorer votre expérience "
    "de navigation, vous proposer des publicités ou des contenus personnalisés et analyser notre "
    "trafic. En cliquant sur « Tout accepter », vous consentez à notre utilisation des cookies.",
    "Valoramos su privacidad. Usamos cookies para mejorar su experiencia de navegación, mostrarle "
    "anuncios o contenidos personalizados y analizar nuestro tráfico. Al hacer clic en “Aceptar "
    "todo”, usted da su consentimiento a nuestro uso de las cookies.",
    "Rispettiamo la tua privacy. Utilizziamo i cookie per migliorare la tua esperienza di "
    "navigazione, offrirti annunci o contenuti personalizzati e analizzare il nostro traffico. "
    "Cliccando su “Accetta tutto”, acconsenti al nostro utilizzo dei cookie.",
    "Wij hechten waarde aan uw privacy. Wij gebruiken cookies om uw surfervaring te verbeteren, "
    "gepersonaliseerde advertenties of inhoud weer te geven en ons verkeer te analyseren. Door op "
    "\"Alles accepteren\" te klikken, stemt u in met ons gebruik van cookies.",
]


@pytest.mark.parametrize("text", PLATFORM_DEFAULTS)
def test_consent_platform_defaults_are_no_implied_consent(text: str) -> None:
    assert IC not in rules_of(text)


@pytest.mark.parametrize("text", [
    # site use as what a purpose verb, a need or a piece of information is about
    "By selecting 'Allow all', you consent to cookies that measure the use of our website.",
    "If you press OK, you agree to analytics cookies that record your use of the site.",
    "Durch Klicken auf „Zustimmen“ willigen Sie ein, dass wir Cookies zur Analyse der Nutzung "
    "dieser Website einsetzen.",
    "Wenn du „Alles klar“ antippst, stimmst du zu, dass wir die Nutzung unserer Website messen.",
    "Vous acceptez le dépôt des cookies nécessaires à la navigation sur le site.",
    "Vous acceptez que nous analysions votre navigation sur notre site.",
    "Nous déposons des cookies lors de votre navigation sur notre site pour mesurer l'audience.",
    "En sélectionnant « J'accepte », vous consentez au dépôt de traceurs servant à mesurer la "
    "fréquentation et l'utilisation de notre site.",
    "Al pulsar «Aceptar», consientes que usemos cookies para conocer el uso de la web.",
    "Haciendo clic en Aceptar, consientes el uso de cookies para analizar el uso de nuestro sitio web.",
    "Selezionando «Accetto» acconsenti ai cookie che servono a misurare l'uso del sito.",
    "Toccando «Accetta» sei d'accordo con l'utilizzo dei cookie durante la navigazione sul sito.",
    "Als je op 'Akkoord' klikt, geef je toestemming voor cookies waarmee we het gebruik van onze "
    "website meten.",
    "Door op Akkoord te klikken, geef je toestemming voor cookies die nodig zijn voor het gebruik "
    "van onze website.",
    "Door 'Accepteer alles' te kiezen ga je akkoord dat we het gebruik van de website analyseren.",
])
def test_site_use_as_an_object_is_no_carrying_on(text: str) -> None:
    assert IC not in rules_of(text)


@pytest.mark.parametrize("text", [
    # carrying on still counts: as a subject, after "by"/"par"/"con", or beside the click
    "Your continued use of this website will be taken as consent to cookies.",
    "Tapping OK or simply scrolling on means you accept our cookies.",
    "You accept our cookie policy through your continued use of the site.",
    "By clicking 'Accept', you agree to cookies; any further browsing also counts as consent.",
    "Die weitere Nutzung unserer Seiten gilt als Einwilligung in die Cookies.",
    "Wenn Sie auf „OK“ klicken oder die Website weiter nutzen, stimmen Sie den Cookies zu.",
    "Toute utilisation de ce site vaut acceptation des cookies.",
    "En cliquant sur OK ou en continuant votre visite, vous acceptez nos cookies.",
    "Vous consentez aux traceurs par la poursuite de votre visite.",
    "El uso continuado de esta web implica la aceptación de las cookies.",
    "Si sigue navegando por nuestra web, consideramos que acepta las cookies.",
    "L'uso del sito comporta l'accettazione dei cookie.",
    "Facendo clic su OK o continuando a navigare acconsenti ai cookie.",
    "Il consenso si intende prestato con l'utilizzo continuato del portale.",
    "Bij voortgezet gebruik van onze website ga je akkoord met cookies.",
    "Wie de website blijft gebruiken, stemt in met cookies.",
])
def test_carrying_on_is_still_implied_consent(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    # a click or carrying on, in one sentence: the carrying on still counts
    "By clicking Agree or by continuing to scroll, you consent to cookies.",
    "Klickst du auf „OK“ oder surfst du weiter, gehen wir von deiner Zustimmung aus.",
    "Lesen Sie weiter, stimmen Sie der Nutzung von Cookies zu.",
    "En cliquant sur J'accepte ou en poursuivant la lecture, vous consentez aux cookies.",
    "Si haces clic en Aceptar o sigues navegando, aceptas las cookies.",
    "Cliccando su OK o continuando la lettura, accetti i cookie.",
    "Door op OK te klikken of verder te lezen, ga je akkoord met cookies.",
])
def test_a_click_or_carrying_on_is_implied_consent(text: str) -> None:
    assert IC in rules_of(text)


# -- confirmshaming: declining while not caring about something named ----------------------------
@pytest.mark.parametrize("text", [
    "No thanks, I couldn't care less about local journalism",
    "Nope, who cares about the authors",
    "Nein, mir ist das Team hinter dem Magazin egal",
    "Nein danke, eure Reporter interessieren mich nicht",
    "Non merci, je me fiche de l'équipe",
    "Non merci, les auteurs me sont indifférents",
    "No gracias, los periodistas me dan igual",
    "No, me da igual vuestro trabajo",
    "No grazie, me ne frego degli autori",
    "No grazie, la vostra squadra non mi interessa",
    "Nee bedankt, de makers kunnen me niet schelen",
    "Nee dank je, ik geef niks om de redactie",
    "Nein danke, ihr Journalisten seid mir egal",
    "No, gracias, me trae sin cuidado vuestra redacción",
    "Nee, ik heb maling aan de redactie",
])
def test_declining_while_not_caring_is_shaming(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    # a preference about a choice, the offer itself, a pronoun, or no decline at all
    "No, I don't care about the colour",
    "No thanks, I don't care about this",
    "Nein, die Reihenfolge ist mir egal",
    "Nein danke, das ist mir egal",
    "Nein, das Design ist mir egal",
    "Nein, mir ist die Uhrzeit egal",
    "Non, la couleur m'est égale",
    "Non merci, la rédaction m'est chère",
    "Non merci, je me fiche de l'heure de livraison",
    "No, me da igual el color",
    "No gracias, eso me da igual",
    "No grazie, non mi interessa l'offerta",
    "No, il colore non mi interessa",
    "Nee, de volgorde kan me niet schelen",
    "Nee, dat kan me niet schelen",
    "Die Redaktion ist mir wichtig",
])
def test_not_caring_about_a_choice_or_the_offer_is_no_shaming(text: str) -> None:
    assert CS not in rules_of(text)


# -- confirmshaming: preferring a worse outcome ----------------------------------------------------
@pytest.mark.parametrize("text", [
    "No thanks, I'd rather pay a lot more for my flights",
    "No thanks, I'd rather keep squinting",
    "Nein danke, ich zahle für meine Reisen lieber mehr",
    "Nein danke, ich buche meine Flüge lieber teurer",
    "Nein danke, ich sehe lieber weiter schlecht",
    "Ich zahle lieber bei jedem Einkauf mehr",
    "Non merci, je préfère réserver mes hôtels plus cher",
    "Non merci, je préfère continuer à mal voir",
    "No gracias, prefiero pagar mis vuelos más caros",
    "No gracias, prefiero seguir viendo borroso",
    "No grazie, preferisco pagare i miei voli più cari",
    "No grazie, preferisco continuare a vederci male",
    "Nee bedankt, ik betaal liever meer voor mijn reizen",
    "Nee bedankt, ik zie liever gewoon wazig",
])
def test_preferring_a_worse_outcome_is_shaming(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "No thanks, I'd rather pay more attention to my budget",
    "I'd rather pay by card",
    "Ich sehe lieber fern",
    "Ich zahle lieber mit Karte",
    "Je préfère voir le match à la maison",
    "Je préfère payer en trois fois",
    "Prefiero pagar con tarjeta más tarde",
    "Prefiero comer en casa",
    "No, grazie: preferisco pagare alla consegna",
    "Preferisco dormire in tenda",
    "Ik betaal liever met iDEAL",
    "Ik slaap liever uit",
])
def test_an_ordinary_preference_is_no_shaming(text: str) -> None:
    assert CS not in rules_of(text)


# -- scarcity: "latest posts" is no stock --------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Latest articles from our editors",
    "Letzte Beiträge",
    "Neueste Artikel aus dem Magazin",
    "Dernières publications",
    "Derniers articles de la rédaction",
    "Dernier billet de blog",
    "Últimas publicaciones",
    "Últimos artículos de nuestra revista",
    "Últimas entradas del blog",
    "Ultimi articoli",
    "Ultimi post pubblicati",
    "Laatste artikelen",
    "Laatste blogs van de redactie",
])
def test_a_list_of_recent_posts_is_no_stock_claim(text: str) -> None:
    assert SC not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Last 2 items in your size",
    "Letzte Artikel in Ihrer Größe",
    "Laatste artikelen op voorraad",
    "Derniers articles en stock",
    "Derniers articles à -50 %",
    "Dernier article dans ta pointure",
    "Últimos artículos disponibles en tu talla",
    "Ultimi articoli rimasti in saldo",
    "Ultimo articolo nella tua taglia",
    "Derniers billets !",
    "Últimas entradas disponibles",
])
def test_the_last_articles_for_sale_are_still_a_stock_claim(text: str) -> None:
    assert SC in rules_of(text)


# -- scarcity: "while stocks last" in the terms of an edition or offer ----------------------------
@pytest.mark.parametrize("text", [
    "Signed copies, while stocks last",
    "Free tote with every order while supplies last",
    "Signiert, solange der Vorrat reicht",
    "Kostenlose Tasche zu jeder Bestellung, solange der Vorrat reicht",
    "Exemplaires dédicacés, dans la limite des stocks disponibles",
    "Tote bag offert pour toute commande, dans la limite des stocks",
    "Ejemplares firmados, hasta agotar existencias",
    "Bolsa de regalo con cada pedido, hasta agotar existencias",
    "Copie autografate, fino ad esaurimento scorte",
    "Borsa in omaggio con ogni ordine, fino ad esaurimento scorte",
    "Genummerde prent, zolang de voorraad strekt",
    "Gratis tas bij elke bestelling, zolang de voorraad strekt",
])
def test_a_proviso_in_the_terms_of_an_edition_is_fine_print(text: str) -> None:
    assert SC not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Signed copies — grab yours while stocks last!",
    "Limited edition print, order now while supplies last",
    "Signiert! Jetzt zugreifen, solange der Vorrat reicht",
    "Édition limitée : foncez, jusqu'à épuisement des stocks",
    "Gelimiteerde editie, bestel nu, op=op",
    "Op=op",
])
def test_a_proviso_with_a_call_to_buy_is_still_scarcity(text: str) -> None:
    assert SC in rules_of(text)


# -- countdown: reading times and events with no deal ---------------------------------------------
@pytest.mark.parametrize("text", [
    "Only 4 minutes left to read",
    "Just 2 days to go until Christmas",
    "Only 2 hours until kick-off!",
    "Nur noch 2 Minuten Lesezeit",
    "Nur noch 5 Stunden bis zum Anpfiff",
    "Bis zur Hochzeit: nur noch 3 Tage!",
    "Encore 3 minutes de lecture",
    "Plus que 3 jours avant les grandes vacances !",
    "Quedan 5 minutos de lectura",
    "Solo quedan 3 días para la boda",
    "Mancano 5 minuti di lettura",
    "Mancano solo 2 giorni alle vacanze di Natale!",
    "Nog maar 5 minuten leestijd",
    "Nog maar 3 dagen tot de zomervakantie!",
])
def test_a_reading_time_or_a_countdown_to_an_event_is_no_pressure(text: str) -> None:
    assert CD not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Only 3 days until Christmas: order now for delivery in time",
    "Only 2 days until launch, pre-order now at 20% off",
    "Nur noch 2 Tage bis Weihnachten – jetzt bestellen!",
    "Nur noch 2 Stunden bis zum Konzert – sichere dir jetzt Tickets",
    "Plus que 2 jours avant Noël : -20 % sur tout le site",
    "Plus que 3 jours avant la fin des soldes",
    "Solo quedan 3 días para aprovechar el descuento",
    "Mancano 2 ore alla partenza: completa l'acquisto",
    "Nog maar 3 dagen tot de vakantie: bestel nu met korting",
])
def test_a_countdown_to_an_event_with_a_deal_is_still_pressure(text: str) -> None:
    assert CD in rules_of(text)

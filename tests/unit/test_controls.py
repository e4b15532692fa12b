import pytest

from companion.consent.controls import classify, classify_text


@pytest.mark.parametrize(
    "text,role",
    [
        ("Accept all cookies", "accept"),
        ("I agree", "accept"),
        ("Allow all", "accept"),
        ("Yes, I'm happy", "accept"),
        ("Alle akzeptieren", "accept"),
        ("Zustimmen und weiter", "accept"),
        ("Tout accepter", "accept"),
        ("J’accepte", "accept"),
        ("Aceptar todas", "accept"),
        ("Accetta tutti", "accept"),
        ("Alles accepteren", "accept"),
        ("Akkoord", "accept"),
        ("Reject all", "reject"),
        ("Decline optional cookies", "reject"),
        ("Use necessary cookies only", "reject"),
        ("Accept only essential cookies", "reject"),
        ("Continue without accepting →", "reject"),
        ("Alle ablehnen", "reject"),
        ("Nur notwendige Cookies", "reject"),
        ("Tout refuser", "reject"),
        ("Continuer sans accepter", "reject"),
        ("Rechazar todo", "reject"),
        ("Rifiuta tutto", "reject"),
        ("Weigeren", "reject"),
        ("Alleen noodzakelijke cookies", "reject"),
        ("No", "reject"),
        ("Cookie settings", "settings"),
        ("Manage preferences", "settings"),
        ("More options", "settings"),
        ("Einstellungen", "settings"),
        ("Personnaliser", "settings"),
        ("Configurar", "settings"),
        ("Gestisci preferenze", "settings"),
        ("Instellingen aanpassen", "settings"),
        ("Save my choices", "settings"),
        ("OK", "acknowledge"),
        ("Got it!", "acknowledge"),
        ("Verstanden", "acknowledge"),
        ("J'ai compris", "acknowledge"),
        ("Entendido", "acknowledge"),
        ("Ho capito", "acknowledge"),
        ("Begrepen", "acknowledge"),
        ("Privacy policy", "other"),
        ("Read our cookie policy to learn more about how we handle data on this website", "other"),
        ("", "other"),
    ],
)
def test_roles(text, role):
    assert classify_text(text) == role


def test_refusal_wins_over_acceptance_words():
    assert classify_text("Accept necessary only") == "reject"
    assert classify_text("Nur essenzielle Cookies akzeptieren") == "reject"


def test_save_is_a_settings_action_with_its_own_category():
    assert classify("Allow selection") == ("settings", "save")
    assert classify("Cookie settings") == ("settings", "settings")


def test_words_inside_other_words_do_not_count():
    assert classify_text("Unacceptable") == "other"
    assert classify_text("Booking") == "other"


def test_dutch_bewaar_is_a_save_action():
    assert classify("Bewaar instellingen") == ("settings", "save")


@pytest.mark.parametrize(
    "sentence,role",
    [
        ("here you can make detailed settings or revoke your consent", "settings"),
        ("hier können sie ihre cookie-einstellungen anpassen", "settings"),
        ("pour les refuser, cliquez ici", "reject"),
        ("per rifiutare i cookie clicca qui", "reject"),
        ("meer informatie over cookies vindt u hier", "other"),
        ("lea más sobre nuestra política aquí", "other"),
    ],
)
def test_pointer_links_take_their_role_from_the_sentence(sentence, role):
    from companion.consent.controls import classify_context

    assert classify_context(sentence)[0] == role


def test_pointer_words():
    from companion.consent.layers import deictic

    for text in ("Here", "click here", "hier", "ici", "Aquí", "qui", "klik hier"):
        assert deictic(text), text
    for text in ("Here we go again", "Privacy policy", "Cookie settings"):
        assert not deictic(text), text


@pytest.mark.parametrize("text", [
    "Continue without consenting", "Proceed without accepting", "Browse without tracking cookies",
    "Continuer sans consentement", "Poursuivre la navigation sans accepter", "Naviguer sans cookies",
    "Continuar sin consentimiento", "Seguir navegando sin aceptar",
    "Continua senza consenso", "Prosegui senza accettare", "Naviga senza cookie",
    "Doorgaan zonder toestemming", "Ga verder zonder te accepteren", "Verder zonder cookies",
    "Continuar sem consentimento", "Prosseguir sem aceitar",
])
def test_carrying_on_without_consent_is_a_refusal(text):
    assert classify_text(text) == "reject"


@pytest.mark.parametrize("text", ["Continue reading", "Continuer", "Seguir leyendo", "Doorgaan", "Continua a leggere"])
def test_carrying_on_alone_is_not_a_refusal(text):
    assert classify_text(text) != "reject"

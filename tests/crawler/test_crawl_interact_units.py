import pytest

from crawler.interact import controls, is_save_control
from crawler.locate import ENGINE, origin_of, to_playwright
from crawler.progress import NullProgress, make_progress


@pytest.mark.parametrize(
    "text",
    [
        "Save my choices",
        "Auswahl speichern",
        "Enregistrer mes choix",
        "Guardar preferencias",
        "Salva le preferenze",
        "Voorkeuren opslaan",
        "Bewaar instellingen",
        "Confirm my choices",
        "Aceptar seleccionadas",
        "Auswahl erlauben",
        "Accept selected",
        "Accetta selezionati",
    ],
)
def test_save_controls_in_six_languages(text: str) -> None:
    assert is_save_control(text)


@pytest.mark.parametrize("text", ["Accept all", "Alle akzeptieren", "Unsaved changes", "Settings"])
def test_not_save_controls(text: str) -> None:
    assert not is_save_control(text)


def test_controls_filter_by_role_and_layer() -> None:
    banner = {
        "controls": [
            {"role": "reject", "selector": "#r1", "first_layer": True},
            {"role": "reject", "selector": "#r2", "first_layer": False},
            {"role": "reject", "selector": "", "first_layer": True},  # no selector: cannot click
            {"role": "accept", "selector": "#a", "first_layer": True},
        ]
    }
    assert [c["selector"] for c in controls(banner, "reject")] == ["#r1", "#r2"]
    assert [c["selector"] for c in controls(banner, "reject", first_layer=False)] == ["#r2"]
    assert controls(None, "reject") == []


def test_selectors_and_origins() -> None:
    assert to_playwright("#cmp button.no") == "#cmp button.no"
    assert to_playwright("body > x-cmp >>> :host > div >>> button") == (
        f"{ENGINE}=body > x-cmp /shadow/ :host > div /shadow/ button"
    )
    assert ">>" not in to_playwright("a >>> b").split("=", 1)[1]
    assert origin_of("https://cmp.example:8443/x?y") == "https://cmp.example:8443"


def test_progress_is_quiet_off_a_terminal() -> None:
    class Pipe:
        def isatty(self) -> bool:
            return False

    class Tty:
        def isatty(self) -> bool:
            return True

    assert isinstance(make_progress(quiet=False, stream=Pipe()), NullProgress)
    assert isinstance(make_progress(quiet=True, stream=Tty()), NullProgress)
    assert not isinstance(make_progress(quiet=False, stream=Tty()), NullProgress)

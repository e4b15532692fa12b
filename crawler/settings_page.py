"""Refusing on a page that holds the consent form (a cookie-policy or settings page a
banner's settings link leads to): every purpose "no" or off, then save."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from companion.consent.controls import REFUSING_VALUES, classify_text
from crawler.phrases import is_save_control
from crawler.steps import (
    CLICK_TIMEOUT_MS,
    MAX_TOGGLES,
    ON_TOGGLES,
    Interaction,
    Step,
    click_like_a_person,
    uncheck,
)

MAX_FORMS = 10


_RADIOS_JS = """(inputs) => inputs.map((el, index) => ({
  index, name: el.name || '', value: el.value || '', checked: el.checked, disabled: el.disabled,
  label: (((el.labels && el.labels[0]) || el.closest('label') || {}).innerText
          || el.getAttribute('aria-label') || '').trim()
}))"""
_TEXTS_JS = "(els) => els.map(el => (el.innerText || el.value || el.getAttribute('aria-label') || '').trim())"


def refusing_radios(radios: list[dict[str, Any]]) -> list[int]:
    """For each radio group (by name), the index of its option that says no to the purpose."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for radio in radios:
        if not radio.get("disabled"):
            groups.setdefault(radio.get("name") or "", []).append(radio)
    chosen = [_refusing_option(options) for options in groups.values()]
    return [index for index in chosen if index is not None]


def _refusing_option(options: list[dict[str, Any]]) -> int | None:
    for option in options:
        value = (option.get("value") or "").strip().lower()
        if value in REFUSING_VALUES or classify_text(option.get("label") or "") == "reject":
            return option["index"]
    # "Yes, fine" / "Not now": in a pair, the option that is not the acceptance
    not_yes = [o for o in options if classify_text(o.get("label") or "") != "accept"]
    if len(options) == 2 and len(not_yes) == 1:
        return not_yes[0]["index"]
    return None


async def refuse_in_page_form(page: Page, log_to: Interaction) -> bool:
    """On a page that holds the consent form: answer no to every purpose and save.

    False when no form on the page has a save control."""
    forms = page.locator("form")
    for i in range(min(await forms.count(), MAX_FORMS)):
        form = forms.nth(i)
        if await _save_button(form) is None:
            continue
        await _answer_no(form, log_to)
        found = await _save_button(form)  # found again: the form may re-render on change
        if found is not None:
            button, text = found
            return await click_like_a_person(button, Step("click", "save", text=text), log_to)
    return False


async def _save_button(form: Locator) -> tuple[Locator, str] | None:
    buttons = form.locator("button, input[type=submit]")
    try:
        texts = await buttons.evaluate_all(_TEXTS_JS)
    except PlaywrightError:
        return None
    for index, text in enumerate(texts):
        if is_save_control(text):
            return buttons.nth(index), text
    return None


async def _answer_no(form: Locator, log_to: Interaction) -> None:
    radios = form.locator("input[type=radio]")
    try:
        found = await radios.evaluate_all(_RADIOS_JS)
    except PlaywrightError:
        found = []
    chosen = refusing_radios(found)
    for index in chosen:
        if not found[index]["checked"]:
            await _choose(radios.nth(index))
    if chosen:
        log_to.steps.append(Step("choose", f"{len(chosen)} refusals"))
    unchecked = 0
    toggles = form.locator(ON_TOGGLES)
    while unchecked < MAX_TOGGLES and await toggles.count() and await uncheck(toggles.first):
        unchecked += 1
    if unchecked:
        log_to.steps.append(Step("uncheck", f"{unchecked} toggles"))


async def _choose(radio: Locator) -> None:
    try:
        await radio.check(timeout=CLICK_TIMEOUT_MS, force=True)
    except PlaywrightError:
        try:  # a radio drawn by its label
            await radio.evaluate("el => el.click()", timeout=CLICK_TIMEOUT_MS)
        except PlaywrightError:
            pass

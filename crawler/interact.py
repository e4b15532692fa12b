"""Consent interaction, done the way a person does it.

Reject: click the first layer's reject control if there is one; otherwise open the
settings layer and click its reject control, or switch every purpose off and save. A
refusal the first layer offers but the opened settings layer now covers is reached the way
a person goes back: reload, and click it. A settings control that is a link to another
page (a cookie-policy page holding the consent form) is followed: the person refuses on
that page's form (every purpose "no" or off, then save) and comes back to the page under
audit. An "are you sure?" ``confirm()`` raised by the refusal is answered yes. Then reload
and capture the ``after-reject`` phase. Whenever a banner has a settings layer, it is
opened first and captured too, so purposes that are on by default behind it are seen
(``consent.preticked-purpose``). Accept: click the first layer's accept control, reload
and capture ``after-accept`` (tracker inventory only).

Controls and their roles come from the analyzer's banner (its selectors and frame), so the
crawler and the extension agree on what the banner offers.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Protocol
from urllib.parse import urldefrag

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from companion.consent.controls import classify_text
from companion.lexicon import Lexicon, normalise
from crawler.locate import locate

log = logging.getLogger("brightline.crawler.interact")

MODES = ("reject", "accept", "both", "none")
CLICK_TIMEOUT_MS = 1500
ANIMATION_S = 0.3  # a layer or banner animating open or closed
LAYER_QUIET_S = 0.3  # then no request in flight for this long (a CMP frame may navigate)
LAYER_LIMIT_S = 2.5
MAX_TOGGLES = 60
MAX_FORMS = 10
# The value of a radio button that answers "no" to a purpose ("0" for a yes/no pair, …).
REFUSING_VALUES = frozenset(
    {"0", "false", "no", "n", "off", "deny", "denied", "reject", "rejected", "decline", "declined", "optout"}
)
_ON_TOGGLES = (
    "input[type=checkbox]:checked:not(:disabled), "
    "[role=switch][aria-checked=true]:not([aria-disabled=true]), "
    "[role=checkbox][aria-checked=true]:not([aria-disabled=true])"
)


@cache
def _phrases() -> Lexicon:
    raw = resources.files("crawler").joinpath("data", "interact.json").read_text(encoding="utf-8")
    return Lexicon("interact", json.loads(raw))


def is_save_control(text: str) -> bool:
    return _phrases().search("save", normalise(text)) is not None


class Session(Protocol):
    """The live page of one visit, as interact needs it (implemented by ``visit.PageVisit``)."""

    page: Page
    confirm_dialogs: bool  # answer a confirm() raised by a consent click with "OK"

    async def capture(self, name: str, phase: str) -> Any: ...

    async def reload(self) -> None: ...

    async def open_again(self, url: str) -> None: ...

    async def quiet(self, limit: float, quiet_s: float | None = None) -> None: ...


@dataclass
class Step:
    action: str  # "click", "uncheck", "choose", "reload", "capture"
    target: str = ""  # role or phase
    selector: str | None = None
    text: str | None = None
    frame: str | None = None
    ok: bool = True
    note: str | None = None


@dataclass
class Interaction:
    mode: str
    outcome: str = "not-attempted"  # rejected | accepted | no-banner | no-reject-control | click-failed
    steps: list[Step] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "outcome": self.outcome,
            "steps": [{k: v for k, v in asdict(s).items() if v is not None} for s in self.steps],
        }


def controls(banner: dict[str, Any] | None, role: str, *, first_layer: bool | None = None) -> list[dict]:
    if not banner:
        return []
    return [
        c
        for c in banner.get("controls") or []
        if c.get("role") == role
        and c.get("selector")
        and (first_layer is None or bool(c.get("first_layer")) == first_layer)
    ]


async def click(
    page: Page,
    control: dict[str, Any],
    frame: str | None,
    log_to: Interaction,
    *,
    role: str | None = None,
) -> bool:
    """Click a control like a person would; fall back to a DOM click when something overlaps it."""
    loc = locate(page, control["selector"], frame)
    step = Step("click", role or control.get("role", ""), control["selector"], control.get("text"), frame)
    return await _click_like_a_person(loc, step, log_to)


async def _click_like_a_person(loc: Locator, step: Step, log_to: Interaction) -> bool:
    try:
        await loc.click(timeout=CLICK_TIMEOUT_MS)
    except PlaywrightError as err:
        try:
            await loc.evaluate("el => el.click()", timeout=CLICK_TIMEOUT_MS)
            step.note = "clicked through the DOM: " + _first_line(err)
        except PlaywrightError as err2:
            step.ok, step.note = False, _first_line(err2)
    log_to.steps.append(step)
    return step.ok


# Visible and not covered: the element (or a descendant) is what a click at its centre hits.
_ON_TOP_JS = """(el) => {
  const r0 = el.getBoundingClientRect();
  if (r0.width < 1 || r0.height < 1) return false;
  if (r0.bottom < 0 || r0.top > innerHeight || r0.right < 0 || r0.left > innerWidth)
    el.scrollIntoView({block: 'center', inline: 'center'});
  const r = el.getBoundingClientRect();
  const root = el.getRootNode();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const at = (root.elementFromPoint ? root : document).elementFromPoint(x, y);
  return !!at && (at === el || el.contains(at) || at.contains(el) && at.tagName === 'LABEL');
}"""


async def visible(page: Page, control: dict[str, Any], frame: str | None) -> bool:
    """True when a person could click the control: shown, in view, and not covered."""
    try:
        loc = locate(page, control["selector"], frame)
        if not await loc.is_visible():
            return False
        return bool(await loc.evaluate(_ON_TOP_JS, timeout=CLICK_TIMEOUT_MS))
    except PlaywrightError:
        return False


async def open_settings(session: Session, banner: dict[str, Any], log_to: Interaction) -> Any:
    """Open the settings layer and capture it (phase ``initial``); None if there is none."""
    frame = banner.get("frame")
    start_url = session.page.url
    for control in controls(banner, "settings", first_layer=True):
        if not await visible(session.page, control, frame):
            continue
        if await click(session.page, control, frame, log_to):
            if left_page(session.page.url, start_url):
                await _page_loads(session.page)
            await _layer_settles(session)
            log_to.steps.append(Step("capture", "initial-settings"))
            return await session.capture("initial-settings", "initial")
    return None


async def switch_off(page: Page, banner: dict[str, Any], log_to: Interaction) -> int:
    """Uncheck every enabled purpose toggle that is on in the banner; returns how many.

    The analyzer's toggles are used first: they include settings layers shown apart from
    the banner's element and switches whose input is hidden behind a styled label."""
    frame = banner.get("frame")
    count = 0
    for toggle in banner.get("toggles") or []:
        if count >= MAX_TOGGLES:
            break
        if not toggle.get("checked") or toggle.get("disabled") or not toggle.get("selector"):
            continue
        if await _uncheck(locate(page, toggle["selector"], frame)):
            count += 1
    if count:
        log_to.steps.append(Step("uncheck", f"{count} toggles", frame=frame))
        return count
    root = locate(page, banner.get("selector") or "body", frame)
    toggles: Locator = root.locator(_ON_TOGGLES)
    for _ in range(MAX_TOGGLES):
        try:
            if await toggles.count() == 0:
                break
            target = toggles.first
            await target.click(timeout=CLICK_TIMEOUT_MS, force=True)
        except PlaywrightError as err:
            log_to.steps.append(Step("uncheck", "toggle", ok=False, note=_first_line(err)))
            break
        count += 1
    if count:
        log_to.steps.append(Step("uncheck", f"{count} toggles", frame=frame))
    return count


_UNCHECK_JS = """(el) => {
  const on = () => el.matches('input') ? el.checked : el.getAttribute('aria-checked') === 'true';
  if (on()) el.click();
  return !on();
}"""


async def _uncheck(toggle: Locator) -> bool:
    """Switch one toggle off: a click like a person's, or through the DOM when its input is
    hidden (a switch drawn by its label)."""
    try:
        await toggle.click(timeout=CLICK_TIMEOUT_MS, force=True)
    except PlaywrightError:
        pass  # display: none, or nothing to click at its place
    try:  # still on: through the DOM
        return bool(await toggle.evaluate(_UNCHECK_JS, timeout=CLICK_TIMEOUT_MS))
    except PlaywrightError:
        return False


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
            return await _click_like_a_person(button, Step("click", "save", text=text), log_to)
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
    toggles = form.locator(_ON_TOGGLES)
    while unchecked < MAX_TOGGLES and await toggles.count() and await _uncheck(toggles.first):
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


async def reject(session: Session, initial: Any, log_to: Interaction) -> Any:
    """Refuse consent and capture ``after-reject``.

    Returns (the settings-layer capture or None, the after-reject capture or None).
    """
    banner = initial.analysis.banner
    if not banner:
        log_to.outcome = "no-banner"
        return None, None
    session.confirm_dialogs = True
    try:
        return await _reject(session, banner, log_to)
    finally:
        session.confirm_dialogs = False


async def _reject(session: Session, banner: dict[str, Any], log_to: Interaction) -> Any:
    page = session.page
    start_url = page.url
    frame0 = banner.get("frame")
    settings = await open_settings(session, banner, log_to)
    layer = settings.analysis.banner if settings is not None else None
    frame1 = layer.get("frame") if layer else None
    # A person who opened the settings refuses there; otherwise on the first layer.
    candidates = [(c, frame1) for c in controls(layer, "reject", first_layer=False)]
    candidates += [(c, frame1) for c in controls(layer, "reject", first_layer=True)]
    candidates += [(c, frame0) for c in controls(banner, "reject", first_layer=True)]
    done = False
    tried: set[tuple[str, str | None]] = set()
    for control, frame in candidates:
        if (control["selector"], frame) in tried:
            continue
        tried.add((control["selector"], frame))
        if await visible(page, control, frame) and await click(page, control, frame, log_to):
            done = True
            break
    if not done and not layer and left_page(page.url, start_url):
        done = await refuse_in_page_form(page, log_to)
    first = controls(banner, "reject", first_layer=True)
    if not done and settings is not None and first:
        # The settings layer now covers the first layer's refusal: go back to it.
        done = await _back_to_first_layer(session, start_url, first, frame0, log_to)
    if not done and layer:  # no reject anywhere: switch every purpose off and save
        await switch_off(page, layer, log_to)
        for control in layer.get("controls") or []:
            # "Save", "Confirm my choices", "Accept selected": whatever role the analyzer gave
            # it, with every purpose off it records a refusal.
            if not control.get("selector"):
                continue
            if is_save_control(control.get("text") or "") and await visible(page, control, frame1):
                if await click(page, control, frame1, log_to, role="save"):
                    done = True
                    break
    if not done:
        failed_click = log_to.steps and not log_to.steps[-1].ok
        log_to.outcome = "click-failed" if failed_click else "no-reject-control"
        return settings, None
    log_to.outcome = "rejected"
    session.confirm_dialogs = False
    return settings, await _after(session, "after-reject", log_to, start_url)


async def _back_to_first_layer(
    session: Session, start_url: str, first: list[dict], frame: str | None, log_to: Interaction
) -> bool:
    """Reload (no choice was stored, so the banner comes back) and click its refusal."""
    await _reload_start(session, start_url)
    log_to.steps.append(Step("reload", "first layer"))
    for control in first:
        loc = locate(session.page, control["selector"], frame)
        try:
            await loc.wait_for(state="visible", timeout=LAYER_LIMIT_S * 1000)
        except PlaywrightError:
            continue
        await asyncio.sleep(ANIMATION_S)
        if await visible(session.page, control, frame) and await click(session.page, control, frame, log_to):
            return True
    return False


async def accept(session: Session, initial: Any, log_to: Interaction) -> Any:
    banner = initial.analysis.banner
    if not banner:
        log_to.outcome = "no-banner"
        return None
    frame = banner.get("frame")
    start_url = session.page.url
    for control in controls(banner, "accept", first_layer=True):
        if await visible(session.page, control, frame) and await click(session.page, control, frame, log_to):
            log_to.outcome = "accepted"
            return await _after(session, "after-accept", log_to, start_url)
    log_to.outcome = "no-accept-control"
    return None


async def _after(session: Session, phase: str, log_to: Interaction, start_url: str) -> Any:
    await _layer_settles(session)  # let the platform store the choice before reloading
    await _reload_start(session, start_url)
    log_to.steps.append(Step("reload", phase))
    log_to.steps.append(Step("capture", phase))
    return await session.capture(phase, phase)


def left_page(url: str, start_url: str) -> bool:
    """True when ``url`` is another document than ``start_url`` (a ``#fragment`` is not)."""
    return urldefrag(url).url != urldefrag(start_url).url


async def _reload_start(session: Session, start_url: str) -> None:
    """Reload the page under audit, loading it again if a settings link led elsewhere."""
    if left_page(session.page.url, start_url):
        await session.open_again(start_url)
    else:
        await session.reload()


async def _page_loads(page: Page) -> None:
    try:
        await page.wait_for_load_state("load", timeout=LAYER_LIMIT_S * 4000)
    except PlaywrightError:
        pass  # capture what is there


async def _layer_settles(session: Session) -> None:
    await asyncio.sleep(ANIMATION_S)
    await session.quiet(LAYER_LIMIT_S, LAYER_QUIET_S)


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0][:200] if text else type(err).__name__

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
import logging
from typing import Any, Protocol
from urllib.parse import urldefrag

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Locator, Page

from crawler.locate import locate
from crawler.phrases import is_save_control
from crawler.settings_page import refuse_in_page_form
from crawler.steps import (
    CLICK_TIMEOUT_MS,
    MAX_TOGGLES,
    ON_TOGGLES,
    Interaction,
    Step,
    click_like_a_person,
    first_line,
    uncheck,
)

log = logging.getLogger("brightline.crawler.interact")

MODES = ("reject", "accept", "both", "none")
ANIMATION_S = 0.3  # a layer or banner animating open or closed
LAYER_QUIET_S = 0.3  # then no request in flight for this long (a CMP frame may navigate)
LAYER_LIMIT_S = 2.5


class Session(Protocol):
    """The live page of one visit, as interact needs it (implemented by ``visit.PageVisit``)."""

    page: Page
    confirm_dialogs: bool  # answer a confirm() raised by a consent click with "OK"

    async def capture(self, name: str, phase: str) -> Any: ...

    async def reload(self) -> None: ...

    async def open_again(self, url: str) -> None: ...

    async def quiet(self, limit: float, quiet_s: float | None = None) -> None: ...


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
    return await click_like_a_person(loc, step, log_to)


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
        if is_save_control(control.get("text") or ""):
            continue  # "Save preferences" records the choices shown; it opens nothing
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
        if await uncheck(locate(page, toggle["selector"], frame)):
            count += 1
    if count:
        log_to.steps.append(Step("uncheck", f"{count} toggles", frame=frame))
        return count
    root = locate(page, banner.get("selector") or "body", frame)
    toggles: Locator = root.locator(ON_TOGGLES)
    for _ in range(MAX_TOGGLES):
        try:
            if await toggles.count() == 0:
                break
            target = toggles.first
            await target.click(timeout=CLICK_TIMEOUT_MS, force=True)
        except PlaywrightError as err:
            log_to.steps.append(Step("uncheck", "toggle", ok=False, note=first_line(err)))
            break
        count += 1
    if count:
        log_to.steps.append(Step("uncheck", f"{count} toggles", frame=frame))
    return count


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
        done = await _save(page, layer, frame1, log_to)
    if not done and settings is None and _first_layer_toggles(banner):
        # Purposes offered on the first layer ("Statistics [x] Marketing [x] Save"): a
        # person refuses by switching them off there and saving.
        await switch_off(page, banner, log_to)
        done = await _save(page, banner, frame0, log_to)
    if not done:
        failed_click = log_to.steps and not log_to.steps[-1].ok
        log_to.outcome = "click-failed" if failed_click else "no-reject-control"
        return settings, None
    log_to.outcome = "rejected"
    session.confirm_dialogs = False
    return settings, await _after(session, "after-reject", log_to, start_url)


async def _save(page: Page, layer: dict[str, Any], frame: str | None, log_to: Interaction) -> bool:
    """Click the layer's save control. "Save", "Confirm my choices", "Accept selected":
    whatever role the analyzer gave it, with every purpose off it records a refusal."""
    for control in layer.get("controls") or []:
        if not control.get("selector"):
            continue
        if is_save_control(control.get("text") or "") and await visible(page, control, frame):
            if await click(page, control, frame, log_to, role="save"):
                return True
    return False


def _first_layer_toggles(banner: dict[str, Any]) -> bool:
    return any(t.get("first_layer") and not t.get("disabled") for t in banner.get("toggles") or [])


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

"""Turning a snapshot's selector (and frame origin) back into a live Playwright locator.

Selectors come from the collector. A selector that crosses shadow roots is written as
host and inner parts joined by ``>>>`` (``#cmp-host >>> :host > div > button``); each part
is resolved with the native ``querySelector`` of the previous part's shadow root by a
small registered selector engine. A banner inside a frame carries the frame's origin,
and the locator is built in that frame (cross-origin frames included: Playwright drives
them like any other).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Frame, Locator, Page

SHADOW_SEPARATOR = ">>>"
ENGINE = "bl-shadow"

# A Playwright selector engine for the collector's convention: each ``>>>`` step is run with
# the native ``shadowRoot.querySelector`` (so ``:host > div`` works, which Playwright's own
# CSS engine does not accept). Registered once per Playwright instance (``register_engine``).
ENGINE_JS = """{
  resolve(root, selector) {
    const steps = selector.split('/shadow/').map(s => s.trim()).filter(Boolean);
    let scope = root, el = null;
    for (let i = 0; i < steps.length; i++) {
      if (i > 0) { scope = el && el.shadowRoot; if (!scope) return null; }
      try { el = scope.querySelector(steps[i]); } catch (e) { return null; }
      if (!el) return null;
    }
    return el;
  },
  query(root, selector) { return this.resolve(root, selector); },
  queryAll(root, selector) { const el = this.resolve(root, selector); return el ? [el] : []; }
}"""


async def register_engine(playwright: Any) -> None:
    try:
        await playwright.selectors.register(ENGINE, ENGINE_JS)
    except Exception as err:  # noqa: BLE001 - already registered on this instance
        if "already registered" not in str(err):
            raise


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else url


def frame_for(page: Page, frame: str | None) -> Frame:
    """The frame whose origin (or URL) is ``frame``; the main frame when None or not found."""
    if not frame:
        return page.main_frame
    wanted = origin_of(frame)
    for candidate in page.frames:
        if candidate.url == frame or origin_of(candidate.url) == wanted:
            if candidate is not page.main_frame or origin_of(page.url) == wanted:
                return candidate
    return page.main_frame


def to_playwright(selector: str) -> str:
    """A Playwright selector for a collector selector (shadow-piercing ones use our engine)."""
    if SHADOW_SEPARATOR not in selector:
        return selector
    # Playwright splits selectors on ">>", so the separator travels as "/shadow/".
    return f"{ENGINE}={selector.replace(SHADOW_SEPARATOR, '/shadow/')}"


def locate(page: Page, selector: str, frame: str | None = None) -> Locator:
    return frame_for(page, frame).locator(to_playwright(selector)).first

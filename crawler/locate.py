"""Turning a snapshot's selector (and frame origin) back into a live Playwright locator.

Selectors come from the collector. A selector that crosses shadow roots is written as
host and inner parts joined by ``>>>`` (``#cmp-host >>> button.reject``); Playwright's CSS
engine already pierces open shadow roots, so each part becomes one step of a locator
chain. A banner inside a frame carries the frame's origin, and the locator is built in
that frame (cross-origin frames included: Playwright drives them like any other).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.async_api import Frame, Locator, Page

SHADOW_SEPARATOR = ">>>"


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
    """``a >>> b >>> c`` → ``a >> b >> c`` (each step is CSS, which pierces open shadow roots)."""
    if SHADOW_SEPARATOR not in selector:
        return selector
    steps = [s.strip() for s in selector.split(SHADOW_SEPARATOR) if s.strip()]
    return " >> ".join(f"css={s}" for s in steps)


def locate(page: Page, selector: str, frame: str | None = None) -> Locator:
    return frame_for(page, frame).locator(to_playwright(selector)).first

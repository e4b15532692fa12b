"""Waiting for a consent banner that a page shows late.

Many banners appear on a timer or an idle callback after the load event, with no network
request to announce them ("show after 1 s"): a capture on a quiet network alone would audit
the page as if it had none. Before the first capture the page is asked, every 200 ms and
for at most a few seconds, whether a visible dialog, fixed or sticky layer or consent-named
container holds consent words (also inside open shadow roots). The wait ends as soon as
one does; a page that already shows its banner does not wait at all.
"""

from __future__ import annotations

import asyncio

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

LATE_BANNER_S = 3.0

# Consent words in the banner languages, loosely: this only decides whether to wait.
_SHOWN_JS = r"""(limitMs) => new Promise((resolve) => {
  const WORDS = new RegExp([
    "cookie|consent|gdpr|rgpd|dsgvo|privacy|tracking|datenschutz|einwillig|zustimm",
    "confidentialit|traceur|privacidad|consentim|riservatezza|consenso|toestemming|akkoord",
    "privacidade|prywatno|zgod|samtyck|samtykke|evästee|souhlas|consimț|consimt|hozzájárul",
    "συγκατάθεση|απόρρητο"].join("|"), "i");
  const SELECTOR = "dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true],"
    + "[id*=cookie i],[class*=cookie i],[id*=consent i],[class*=consent i],[id*=gdpr i],"
    + "[class*=gdpr i],[id*=privacy i],[class*=privacy i],body > *";
  const MODAL = "dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]";
  const named = (el) => /cookie|consent|gdpr|privacy/i.test(`${el.id} ${el.getAttribute("class") || ""}`);
  const shows = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 40 || box.height < 16) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
    const layer = style.position === "fixed" || style.position === "sticky" || el.matches(MODAL);
    if (!layer && !named(el)) return false;
    const text = `${el.innerText || ""} ${el.shadowRoot ? el.shadowRoot.textContent || "" : ""}`;
    return WORDS.test(text.slice(0, 4000));
  };
  const found = () => {
    for (const el of document.querySelectorAll(SELECTOR)) if (shows(el)) return true;
    return false;
  };
  if (found()) { resolve(true); return; }
  const end = Date.now() + limitMs;
  const tick = () => {
    if (found()) resolve(true);
    else if (Date.now() >= end) resolve(false);
    else setTimeout(tick, 200);
  };
  setTimeout(tick, 200);
})"""


async def wait_for_banner(page: Page, limit_s: float = LATE_BANNER_S) -> bool:
    """True once the page shows something banner-like; False when nothing came in time (or
    the page could not be asked)."""
    if limit_s <= 0:
        return False
    try:
        return bool(await asyncio.wait_for(page.evaluate(_SHOWN_JS, limit_s * 1000), limit_s + 2.0))
    except (PlaywrightError, TimeoutError):
        return False

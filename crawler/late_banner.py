"""Waiting for a consent banner that a page shows late.

Many banners appear on a timer or an idle callback after the load event, with no network
request to announce them ("show after 1 s"): a capture on a quiet network alone would audit
the page as if it had none. Before the first capture the page is asked whether it already
shows a visible dialog, fixed or sticky layer, or consent-named container holding controls,
with consent words (open shadow roots included). If not, and the page holds a hint that one may come (a
consent-named script, an inline script that speaks of cookie consent, consent markup kept
hidden or in a <template>), it is asked again every 200 ms for at most a few seconds. A page
with no such hint, or one that shows its banner already, does not wait at all.
"""

from __future__ import annotations

import asyncio

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from companion.resources import extension_script

LATE_BANNER_S = 3.0

# The extension's consent words (extension/content/consent_words.js) say whether a layer
# speaks of consent; they are loaded into the page first.
_SHOWN_JS = r"""(limitMs) => new Promise((resolve) => {
  const speaksOfConsent = globalThis.__brightline.consentWords.isConsentText;
  const SELECTOR = "dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true],"
    + "[id*=cookie i],[class*=cookie i],[id*=consent i],[class*=consent i],[id*=gdpr i],"
    + "[class*=gdpr i],[id*=privacy i],[class*=privacy i],body > *";
  const MODAL = "dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]";
  const CONTROL = "a,button,input,select,[role=button],[role=link]";
  const named = (el) => /cookie|consent|gdpr|privacy/i.test(`${el.id} ${el.getAttribute("class") || ""}`);
  const shows = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width < 40 || box.height < 16) return false;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
    const layer = style.position === "fixed" || style.position === "sticky" || el.matches(MODAL);
    // In the page's flow only a consent-named container holding controls is a banner: a
    // footer link "Cookie settings" names cookies too.
    if (!layer && !(named(el) && !el.matches(CONTROL) && el.querySelector(CONTROL))) return false;
    const text = `${el.innerText || ""} ${el.shadowRoot ? el.shadowRoot.textContent || "" : ""}`;
    return speaksOfConsent(text.slice(0, 4000));
  };
  const found = () => {
    for (const el of document.querySelectorAll(SELECTOR)) if (shows(el)) return true;
    return false;
  };
  const SCRIPT_NAME = new RegExp([
    "cookie|consent|gdpr|cmp|privacy|didomi|onetrust|optanon|usercentrics|cookiebot|klaro",
    "iubenda|tarteaucitron|quantcast|sourcepoint|trustarc|osano|axeptio|sirdata|complianz|borlabs"].join("|"), "i");
  const SPEAKS = /cookie.{0,60}(consent|banner|notice|accept|agree)|(consent|gdpr).{0,60}(banner|cookie|notice)/is;
  const HIDDEN = "[id*=cookie i],[class*=cookie i],[id*=consent i],[class*=consent i],[id*=gdpr i],"
    + "[class*=gdpr i],[data-gdpr-banner],template";
  const hinted = () => {
    for (const script of document.scripts) {
      const hint = script.src ? SCRIPT_NAME.test(script.src)
        : SPEAKS.test((script.textContent || "").slice(0, 20000));
      if (hint) return true;
    }
    for (const el of document.querySelectorAll(HIDDEN)) {
      const text = el.tagName === "TEMPLATE" ? el.innerHTML : el.textContent;
      if (speaksOfConsent(text || "")) return true;
    }
    return false;
  };
  if (found()) { resolve(true); return; }
  if (!hinted()) { resolve(false); return; }
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
        await page.evaluate(extension_script("content/consent_words.js"))
        return bool(await asyncio.wait_for(page.evaluate(_SHOWN_JS, limit_s * 1000), limit_s + 2.0))
    except (PlaywrightError, TimeoutError):
        return False

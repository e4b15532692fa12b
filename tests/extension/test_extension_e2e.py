"""End-to-end: the unpacked extension in headless Chromium, the fixture web and a real
companion process (``brightline serve``)."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from companion.catalog import rule as catalog_rule

from .conftest import Companion, ExtensionBrowser, artifact, site_or_skip, snippet

pytestmark = pytest.mark.browser

NO_REJECT = "www.recetas-de-la-abuela.es"  # Klaro with hideDeclineAll
CLEAN = "www.crumbsandcrust.com"  # a baking blog: no banner, no trackers
COMPLIANT = "www.alpenpfad-wandern.de"  # equal accept / reject buttons
IFRAME_CMP = "www.dailychronicle-news.co.uk"  # banner in a cross-origin iframe (cmp.consentframe.net)
SHADOW_CMP = "www.streamhub-plus.com"  # banner in an open shadow root (<privacy-consent>)
TRACKS_EARLY = "www.megadeals-outlet.com"  # GA, Meta pixel and an unlisted tracker before any choice
IGNORES_REJECT = "www.sportnoticias-hoy.es"  # fair banner, but trackers load after "Rechazar todo"

# The outlined element in a frame, looking through (open) shadow roots.
SHOWN_JS = snippet("shown.js")


async def click_show_me(browser: ExtensionBrowser, tab: int, rule: str) -> None:
    popup = await browser.popup(tab)
    button = popup.locator(f'li.finding[data-rule="{rule}"] button.show-me')
    await button.focus()
    await popup.keyboard.press("Enter")  # keyboard works, not only the mouse
    await popup.locator(f'li.finding[data-rule="{rule}"] .show-result').filter(has_text="Outlined").wait_for()


async def test_no_reject_banner_shows_badge_and_explained_finding(
    fixture_web, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, NO_REJECT)
    page, tab = await extension_browser.open(fixture_web.url(NO_REJECT, "/"))
    await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    badge = await extension_browser.badge(tab)
    assert badge.isdigit() and int(badge) >= 1
    red, green, blue, _ = await extension_browser.badge_colour(tab)
    assert red > 150 and green < 90 and blue < 90, "a high finding makes the badge red"

    popup = await extension_browser.popup(tab)
    finding = popup.locator('section[data-group="consent"] li.finding[data-rule="consent.no-reject-first-layer"]')
    await finding.wait_for()
    text = await finding.inner_text()
    assert catalog_rule("consent.no-reject-first-layer").why in text
    assert catalog_rule("consent.no-reject-first-layer").title in text
    assert (await popup.locator('section[data-group="consent"] h2').inner_text()).startswith("Consent")
    assert f"{badge} problem" in await popup.locator("#summary").inner_text()
    await popup.screenshot(path=artifact("extension-popup-no-reject.png"), full_page=True)


async def test_clean_page_leaves_the_badge_empty(fixture_web, extension_browser: ExtensionBrowser) -> None:
    site_or_skip(fixture_web, CLEAN)
    page, tab = await extension_browser.open(fixture_web.url(CLEAN, "/"))
    analysis = await extension_browser.wait_for_analysis(tab)
    assert analysis["verdict"]["count"] == 0, analysis["findings"]
    await asyncio.sleep(0.5)
    assert await extension_browser.badge(tab) == ""
    popup = await extension_browser.popup(tab)
    await popup.wait_for_function("document.querySelector('#summary').textContent.includes('Nothing found')")


async def test_show_me_outlines_the_offending_element(fixture_web, extension_browser: ExtensionBrowser) -> None:
    site_or_skip(fixture_web, NO_REJECT)
    page, tab = await extension_browser.open(fixture_web.url(NO_REJECT, "/"))
    analysis = await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    finding = next(f for f in analysis["findings"] if f["rule"] == "consent.no-reject-first-layer")
    await click_show_me(extension_browser, tab, "consent.no-reject-first-layer")
    shown = await page.evaluate(SHOWN_JS)
    assert shown is not None, "no element was outlined"
    assert shown["outline"] == "solid" and shown["width"] == "4px"
    assert shown["inView"]
    expected = (finding["evidence"].get("text") or "").strip().lower()
    assert expected and expected in shown["text"].strip().lower()
    await page.bring_to_front()
    await page.screenshot(path=artifact("extension-show-me.png"))


async def test_banner_in_a_cross_origin_iframe_is_found_and_shown(
    fixture_web, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, IFRAME_CMP)
    page, tab = await extension_browser.open(fixture_web.url(IFRAME_CMP, "/"))
    analysis = await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    assert "consentframe.net" in (analysis["banner"] or {}).get("frame", "")
    finding = next(f for f in analysis["findings"] if f["rule"] == "consent.no-reject-first-layer")
    assert "consentframe.net" in finding["evidence"].get("frame", "")
    assert int(await extension_browser.badge(tab)) >= 1

    await click_show_me(extension_browser, tab, "consent.no-reject-first-layer")
    cmp_frame = next(f for f in page.frames if "consentframe.net" in f.url)
    shown = await cmp_frame.evaluate(SHOWN_JS)
    assert shown is not None and shown["outline"] == "solid"
    assert finding["evidence"]["text"].strip().lower() in shown["text"].strip().lower()
    assert await page.main_frame.evaluate(SHOWN_JS) is None, "only the frame's element is outlined"
    await page.bring_to_front()
    await page.screenshot(path=artifact("extension-show-me-iframe.png"))


async def test_banner_in_a_shadow_root_is_found_and_shown(fixture_web, extension_browser: ExtensionBrowser) -> None:
    site_or_skip(fixture_web, SHADOW_CMP)
    page, tab = await extension_browser.open(fixture_web.url(SHADOW_CMP, "/"))
    analysis = await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    finding = next(f for f in analysis["findings"] if f["rule"] == "consent.no-reject-first-layer")
    assert " >>> " in finding["evidence"]["selector"], "the selector crosses the shadow boundary"
    assert int(await extension_browser.badge(tab)) >= 1

    await click_show_me(extension_browser, tab, "consent.no-reject-first-layer")
    shown = await page.evaluate(SHOWN_JS)
    assert shown is not None and shown["inShadow"] and shown["outline"] == "solid"
    assert finding["evidence"]["text"].strip().lower() in shown["text"].strip().lower()
    await page.bring_to_front()
    await page.screenshot(path=artifact("extension-show-me-shadow.png"))


async def test_reject_click_gives_an_after_reject_snapshot(
    fixture_web, companion: Companion, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, COMPLIANT)
    page, tab = await extension_browser.open(fixture_web.url(COMPLIANT, "/"))
    initial = await extension_browser.wait_for_analysis(tab)
    assert initial["banner"] is not None
    reject = next(c for c in initial["banner"]["controls"] if c["role"] == "reject")
    await page.locator(reject["selector"].replace(" >>> ", " ")).first.click()
    after = await extension_browser.wait_for_analysis(tab, phase="after-reject")
    assert "consent.choice-not-respected" not in {f["rule"] for f in after["findings"]}
    phases = {item["phase"] for item in companion.history() if COMPLIANT in item["url"]}
    assert {"initial", "after-reject"} <= phases
    state = await extension_browser.state(tab)
    assert state["phase"] == "after-reject"


async def test_companion_down_then_back_delivers_the_queued_snapshot(
    fixture_web, companion: Companion, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, NO_REJECT)
    companion.stop()
    page, tab = await extension_browser.open(fixture_web.url(NO_REJECT, "/"))
    deadline = time.monotonic() + 20
    while not await extension_browser.session("queue") and time.monotonic() < deadline:
        await asyncio.sleep(0.25)
    queue = await extension_browser.session("queue")
    assert queue and queue[0]["url"].startswith(fixture_web.url(NO_REJECT, "/"))
    waiting = json.loads(queue[0]["body"])
    assert waiting["source"] == "extension" and waiting["phase"] == "initial"
    assert all("value" not in c for c in waiting["cookies"])

    popup = await extension_browser.popup(tab)
    notice = popup.locator("#companion-down")
    await notice.wait_for(state="visible")
    text = await notice.inner_text()
    assert "not running" in text and "brightline serve" in text
    assert "1 page snapshot is waiting" in text
    await popup.screenshot(path=artifact("extension-popup-companion-down.png"), full_page=True)
    await popup.close()

    companion.start()
    # No clicks: the retry alarm (30 s) delivers the queued snapshot on its own.
    await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer", timeout=90)
    assert any(NO_REJECT in item["url"] for item in companion.history())
    assert not await extension_browser.session("queue")
    assert int(await extension_browser.badge(tab)) >= 1
    popup = await extension_browser.popup(tab)
    await popup.locator('li.finding[data-rule="consent.no-reject-first-layer"]').wait_for()
    assert await popup.locator("#companion-down").is_hidden()


async def test_web_page_cannot_use_the_extension_to_reach_the_companion(
    fixture_web, companion: Companion, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, CLEAN)
    page, tab = await extension_browser.open(fixture_web.url(CLEAN, "/"))
    await extension_browser.wait_for_analysis(tab)
    await asyncio.sleep(1.0)
    before_history = len(companion.history())
    before_state = await extension_browser.state(tab)

    ext_id = extension_browser.base.split("//")[1]
    probe = await page.evaluate(snippet("page_probe.js"), ext_id)
    assert probe["sendMessage"] != "delivered"
    assert probe["connect"] != "connected"
    assert probe["fetch"] == "refused"
    assert probe["collectorVisible"] is False
    await asyncio.sleep(3.0)  # longer than the worker's send debounce and choice delay
    after_state = await extension_browser.state(tab)
    assert after_state["phase"] == before_state["phase"] == "initial"
    assert after_state["analyses"].keys() == before_state["analyses"].keys()
    assert len(companion.history()) == before_history
    assert await page.evaluate("document.querySelector('[data-brightline-shown]') === null")
    stored = await extension_browser.worker.evaluate("chrome.storage.local.get('companion')")
    assert stored["companion"] == companion.url


async def test_options_page_accepts_only_loopback(extension_browser: ExtensionBrowser, companion: Companion) -> None:
    page = await extension_browser.context.new_page()
    await page.goto(f"{extension_browser.base}/options/options.html")
    field = page.get_by_label("Companion address")
    await page.wait_for_function("document.getElementById('companion').value !== ''")
    assert await field.input_value() == companion.url
    await field.fill("http://tracker.example:8765")
    await page.get_by_role("button", name="Save").click()
    await page.locator("#companion-error").filter(has_text="this computer").wait_for()
    assert await field.get_attribute("aria-invalid") == "true"
    stored = await extension_browser.worker.evaluate("chrome.storage.local.get('companion')")
    assert stored["companion"] == companion.url
    await field.fill(f"http://localhost:{companion.port}/")
    await page.get_by_role("button", name="Save").click()
    await page.locator("#saved").filter(has_text="Saved").wait_for()
    stored = await extension_browser.worker.evaluate("chrome.storage.local.get('companion')")
    assert stored["companion"] == f"http://localhost:{companion.port}"
    # The worker refuses a non-loopback address even when the page's own check is bypassed.
    answer = await page.evaluate(
        "chrome.runtime.sendMessage({type: 'set-settings', companion: 'http://10.0.0.8:8765'})"
    )
    assert answer["ok"] is False


CLOSED_SHADOW_PAGE = snippet("closed_shadow.html")


async def test_banner_in_a_closed_shadow_root_is_reached(
    extension_browser: ExtensionBrowser,
) -> None:
    url = "https://www.evening-ledger.test/"
    await extension_browser.context.route(
        "https://www.evening-ledger.test/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=CLOSED_SHADOW_PAGE),
    )
    page, tab = await extension_browser.open(url)
    assert await page.evaluate("document.querySelector('cookie-notice').shadowRoot") is None, "root is closed"
    analysis = await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    finding = next(f for f in analysis["findings"] if f["rule"] == "consent.no-reject-first-layer")
    host, _, inner = finding["evidence"]["selector"].partition(" >>> ")
    assert host.endswith("cookie-notice") and inner, finding["evidence"]["selector"]
    await click_show_me(extension_browser, tab, "consent.no-reject-first-layer")
    await page.bring_to_front()
    await page.screenshot(path=artifact("extension-show-me-closed-shadow.png"))


CONTRAST_JS = snippet("contrast.js")


async def test_popup_is_accessible(fixture_web, extension_browser: ExtensionBrowser) -> None:
    site_or_skip(fixture_web, NO_REJECT)
    page, tab = await extension_browser.open(fixture_web.url(NO_REJECT, "/"))
    await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    popup = await extension_browser.popup(tab)
    await popup.locator("li.finding").first.wait_for()
    assert await popup.evaluate("document.documentElement.lang") == "en"
    for item in await popup.evaluate(CONTRAST_JS):
        assert item["ratio"] >= 4.5, f"contrast {item['ratio']:.2f} < 4.5 for {item['text']!r}"
    names = await popup.evaluate(
        "[...document.querySelectorAll('button, a')].filter(e => e.offsetParent)"
        ".map(e => (e.getAttribute('aria-label') || e.textContent).trim())"
    )
    assert names and all(names), f"unnamed controls: {names}"
    focused = []
    for _ in range(12):
        await popup.keyboard.press("Tab")
        focused.append(
            await popup.evaluate("document.activeElement.className + '|' + document.activeElement.textContent.trim()")
        )
    assert any(f.startswith("show-me|") for f in focused)
    assert any("Open the dashboard" in f for f in focused)
    stored = await extension_browser.worker.evaluate("chrome.storage.local.get('companion')")
    dashboard = await popup.get_by_role("link", name="Open the dashboard").get_attribute("href")
    assert dashboard == f"{stored['companion']}/"


async def test_popup_lists_trackers_with_organization_and_category(
    fixture_web, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, TRACKS_EARLY)
    page, tab = await extension_browser.open(fixture_web.url(TRACKS_EARLY, "/"))
    analysis = await extension_browser.wait_for_analysis(tab, rule="tracker.third-party")
    assert analysis["trackers"], "the companion reported no tracker inventory"
    popup = await extension_browser.popup(tab)
    await popup.locator("#trackers").wait_for(state="visible")
    rows = await popup.locator("#tracker-rows tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )
    by_host = {host: (org, cat) for host, org, cat in rows}
    for tracker in analysis["trackers"]:
        assert by_host[tracker["host"]] == (
            tracker["organization"] or "Unknown",
            tracker["category"] or "Unknown",
        )
    groups = await popup.locator("section.group h2").all_inner_texts()
    assert any(g.startswith("Consent") for g in groups) and any(g.startswith("Trackers") for g in groups)
    await popup.screenshot(path=artifact("extension-popup-trackers.png"), full_page=True)


async def test_refusing_on_the_page_catches_a_choice_that_is_not_respected(
    fixture_web, extension_browser: ExtensionBrowser
) -> None:
    site_or_skip(fixture_web, IGNORES_REJECT)
    page, tab = await extension_browser.open(fixture_web.url(IGNORES_REJECT, "/"))
    initial = await extension_browser.wait_for_analysis(tab)
    assert "consent.tracking-before-consent" not in {f["rule"] for f in initial["findings"]}
    reject = next(c for c in initial["banner"]["controls"] if c["role"] == "reject")
    await page.locator(reject["selector"].replace(" >>> ", " ")).first.click()  # the person's click
    after = await extension_browser.wait_for_analysis(tab, phase="after-reject", rule="consent.choice-not-respected")
    assert after["verdict"]["worst"] == "high"
    badge = await extension_browser.badge(tab)
    assert int(badge) >= 1
    popup = await extension_browser.popup(tab)
    item = popup.locator('li.finding[data-rule="consent.choice-not-respected"]').first
    await item.wait_for()
    assert "after you refused" in (await item.inner_text()).lower()


def banner_page(delay_ms: int, one: str, two: str) -> str:
    page = snippet("late_banner.html")
    return page.replace("DELAY_MS", str(delay_ms)).replace("BUTTON_ONE", repr(one)).replace("BUTTON_TWO", repr(two))


async def serve(browser: ExtensionBrowser, url: str, body: str) -> None:
    async def fulfil(route):  # type: ignore[no-untyped-def]
        await route.fulfill(status=200, content_type="text/html", body=body)

    await browser.context.route(url, fulfil)


async def test_a_banner_that_appears_late_is_captured(
    companion: Companion, extension_browser: ExtensionBrowser
) -> None:
    url = "https://www.garden-weekly.test/late"
    await serve(extension_browser, url, banner_page(3000, "Accept all", "Settings"))
    page, tab = await extension_browser.open(url)
    await extension_browser.wait_for_analysis(tab, rule="consent.no-reject-first-layer")
    captures = [item for item in companion.history() if item["url"].startswith(url)]
    assert len(captures) >= 2, "a first capture at idle, another when the banner appeared"


async def test_a_refusal_before_any_analysis_is_recognised_by_its_words(
    extension_browser: ExtensionBrowser,
) -> None:
    url = "https://www.garden-weekly.test/de"
    await serve(extension_browser, url, banner_page(0, "Alle akzeptieren", "Alle ablehnen"))
    page, tab = await extension_browser.open(url)
    await page.locator("#two").click()  # straight away: the companion has not answered yet
    after = await extension_browser.wait_for_analysis(tab, phase="after-reject")
    assert after["url"] == url
    assert (await extension_browser.state(tab))["phase"] == "after-reject"


async def test_scripted_clicks_are_not_taken_for_the_persons_choice(
    extension_browser: ExtensionBrowser,
) -> None:
    url = "https://www.garden-weekly.test/scripted"
    await serve(extension_browser, url, banner_page(0, "Accept all", "Reject all"))
    page, tab = await extension_browser.open(url)
    await extension_browser.wait_for_analysis(tab)
    await page.evaluate("document.getElementById('yes').click()")  # the page clicks for you
    await asyncio.sleep(3.5)  # longer than the worker's wait before an after-choice capture
    state = await extension_browser.state(tab)
    assert state["phase"] == "initial"
    assert set(state["analyses"]) == {"initial"}

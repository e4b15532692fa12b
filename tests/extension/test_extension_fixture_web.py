"""The extension against every site of the fixture web: what a person meets on first view.

Each site's ``expected.json`` says which rules must be present and absent in the
``initial`` phase. The crawler checks the same specification in
``tests/crawler/test_crawl_fixture_web.py``; this file checks that the extension, which
only watches what the person does, reports the same on its own on first view.

All pages are opened once, a few tabs at a time, in one browser with one companion (the
module fixture ``visits``); each parametrised case then judges one page's settled analysis,
read from the service worker's tab state (what the popup and badge show). No page is
clicked, so no consent is ever given and pages of one host sharing the profile's cookies
see what a person who had not chosen yet would. Every analysis the companion made is kept
in ``test-artifacts/extension-fixture-web.json`` to read failures with.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from .conftest import Companion, ExtensionBrowser, artifact, free_port, launch_extension_browser

pytestmark = pytest.mark.browser

SITES = Path(__file__).resolve().parent.parent / "fixtures" / "web" / "sites"
TABS_AT_ONCE = 4  # two cores: more tabs only queue up behind each other
FIRST_ANALYSIS_TIMEOUT = 60.0
QUIET_SECONDS = 5.0  # no new analysis for this long (and none waiting in the companion)
MIN_WATCH_SECONDS = 10.0  # give late banners this long after load before calling it settled

# The crawler's "initial" includes what it finds after opening the settings layer
# ("initial-settings": consent.preticked-purpose and consent.confirmshaming, see
# crawler/record.py). The extension never clicks for the person, so on first view it can
# only report those when the first layer (or a settings layer already in the page) shows
# them. Here the expected finding exists only once the person opens the settings; every
# other expectation of these sites is still checked. A site not listed here is judged
# on all its rules (velo-passion's settings layer is in the page from the start, so it is).
BEHIND_SETTINGS: dict[tuple[str, str], str] = {
    ("www.smallbatch-coffee.com", "consent.preticked-purpose"): "beyonk shows categories only in 'Cookie settings'",
    ("www.theatre-des-lilas.fr", "consent.preticked-purpose"): "beyonk shows categories only in 'Personnaliser'",
    ("www.tageblatt-rundschau.de", "consent.preticked-purpose"): "Klaro builds its modal on 'Lassen Sie mich wählen'",
    ("www.tuincentrum-delinde.nl", "consent.preticked-purpose"): "gdpr-cookie-notice builds its modal when opened",
    ("www.enoteca-ilgrappolo.it", "consent.preticked-purpose"): "consent-manager builds its modal on 'Altre opzioni'",
    ("www.escola-surf-ericeira.pt", "consent.preticked-purpose"):
        "vue-privacy ticks its toggles when 'Personalizar' opens the modal",
}


def _cases() -> list[tuple[str, str, dict[str, Any]]]:
    cases = []
    for expected in sorted(SITES.glob("*/expected.json")):
        spec = json.loads(expected.read_text(encoding="utf-8"))
        host = expected.parent.name
        cases.append((host, "/", spec["phases"].get("initial") or {}))
        for path, page in (spec.get("pages") or {}).items():
            cases.append((host, path, page["phases"].get("initial") or {}))
    return cases


CASES = [case for case in _cases() if case[2]]


def companion_idle(companion: Companion) -> bool:
    """No analysis running or waiting in the companion (this machine may be busy)."""
    try:
        with urllib.request.urlopen(f"{companion.url}/healthz", timeout=2) as resp:
            return int(json.loads(resp.read()).get("pending", 0)) == 0
    except (OSError, ValueError):
        return False


async def settled_analysis(browser: ExtensionBrowser, companion: Companion, tab: int, loaded_at: float) -> dict:
    """The tab's initial analysis once no new one has arrived for QUIET_SECONDS.

    The extension sends again when a banner appears late, and each answer replaces the
    last; the final one is what the popup shows."""
    analysis = await browser.wait_for_analysis(tab, timeout=FIRST_ANALYSIS_TIMEOUT)
    changed = time.monotonic()
    deadline = changed + 45.0
    while time.monotonic() < deadline:
        now = time.monotonic()
        quiet = now - changed >= QUIET_SECONDS and now - loaded_at >= MIN_WATCH_SECONDS
        if quiet and await asyncio.to_thread(companion_idle, companion):
            break
        await asyncio.sleep(0.25)
        latest = ((await browser.state(tab)) or {}).get("analyses", {}).get("initial")
        if latest and latest.get("at") != analysis.get("at"):
            analysis, changed = latest, time.monotonic()
    return analysis


async def visit(browser: ExtensionBrowser, companion: Companion, url: str) -> dict[str, Any]:
    started = time.monotonic()
    page = await browser.context.new_page()
    try:
        await page.goto(url, wait_until="load", timeout=45000)
        tab = await browser.tab_id(page.url)
        analysis = await settled_analysis(browser, companion, tab, time.monotonic())
        return {
            "rules": sorted({f["rule"] for f in analysis["findings"]}),
            "findings": analysis["findings"],
            "banner": analysis.get("banner"),
            "seconds": round(time.monotonic() - started, 1),
            "settled_at": time.time(),  # to read against the companion's history times
            "error": None,
        }
    except Exception as err:  # one broken page must not hide the others' results
        return {"rules": [], "findings": [], "banner": None, "error": f"{type(err).__name__}: {err}"}
    finally:
        await page.close()


async def visit_all(fixture_web: Any, chromium_path: str, workdir: Path) -> dict[str, Any]:
    companion = Companion(workdir / "history.sqlite3", free_port())
    companion.start()
    gate = asyncio.Semaphore(TABS_AT_ONCE)

    async def one(browser: ExtensionBrowser, host: str, path: str) -> tuple[str, dict[str, Any]]:
        async with gate:
            return f"{host}{path}", await visit(browser, companion, fixture_web.url(host, path))

    try:
        async with launch_extension_browser(fixture_web, companion, chromium_path, workdir / "profile") as browser:
            results = dict(await asyncio.gather(*(one(browser, host, path) for host, path, _ in CASES)))
        attach_history(results, companion.history(), fixture_web)
    finally:
        companion.stop()
    return results


def attach_history(results: dict[str, Any], history: list[dict[str, Any]], fixture_web: Any) -> None:
    """Every analysis the companion made per page, oldest first: what a failure is read with."""
    for host, path, _ in CASES:
        url = fixture_web.url(host, path)
        items = sorted((h for h in history if h["url"] == url), key=lambda h: h["time"])
        results[f"{host}{path}"]["history"] = [
            [item["time"], item["phase"], sorted({f["rule"] for f in item["findings"]})] for item in items
        ]


@pytest.fixture(scope="module")
def visits(fixture_web: Any, chromium_path: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    started = time.monotonic()
    results = asyncio.run(visit_all(fixture_web, chromium_path, tmp_path_factory.mktemp("extension-web")))
    summary = {"seconds": round(time.monotonic() - started, 1), "pages": results}
    artifact("extension-fixture-web.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return results


def has_settings_control(banner: dict[str, Any] | None) -> bool:
    """The first layer offers a way into the settings: what makes a BEHIND_SETTINGS skip fair."""
    controls = (banner or {}).get("controls") or []
    return any(c.get("role") == "settings" and c.get("first_layer", True) for c in controls)


@pytest.mark.skipif(not CASES, reason="the fixture web has no sites yet")
@pytest.mark.parametrize(("host", "path", "spec"), CASES, ids=[f"{h}{p}" for h, p, _ in CASES])
def test_first_view_findings(visits: dict[str, Any], host: str, path: str, spec: dict[str, Any]) -> None:
    result = visits[f"{host}{path}"]
    assert result["error"] is None, result["error"]
    found = set(result["rules"])
    behind = {rule for rule in spec.get("present", []) if (host, rule) in BEHIND_SETTINGS}
    if behind - found:
        assert has_settings_control(result["banner"]), f"{host}: {sorted(behind)} not behind a settings control"
    expected = set(spec.get("present", [])) - behind
    missing = expected - found
    wrong = set(spec.get("absent", [])) & found
    assert not missing and not wrong, (
        f"{host}{path} initial: missing {sorted(missing)}, unexpected {sorted(wrong)}; "
        f"banner {json.dumps(result['banner'])[:600]}"
    )

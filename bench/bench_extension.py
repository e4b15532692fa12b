"""Page load time with the Brightline extension against without it, alternating in one run.

Two headless Chromium profiles run side by side, one with the unpacked extension (talking
to a real companion) and one without. Each round loads every fixture page in both, in
alternating order, and reads the Navigation Timing load time (``loadEventEnd``). The
target is at most 10 % overhead at the median.

    .venv/bin/python bench/bench_extension.py [--rounds 15] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from crawler.browser import find_browser, launch_flags  # noqa: E402
from tests.extension.conftest import (  # noqa: E402
    EXTENSION_DIR,
    Companion,
    browser_flags,
    free_port,
)
from tests.fixtureweb.server import FixtureWeb  # noqa: E402

PAGES = [
    ("www.crumbsandcrust.com", "/"),
    ("www.recetas-de-la-abuela.es", "/"),
    ("www.alpenpfad-wandern.de", "/"),
    ("www.velo-passion.fr", "/"),
    ("www.moda-bellavista.it", "/"),
]
TARGET = 0.10

LOAD_TIME_JS = """() => new Promise(resolve => {
  const read = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    if (nav && nav.loadEventEnd > 0) resolve(nav.loadEventEnd - nav.startTime);
    else setTimeout(read, 20);
  };
  read();
})"""


async def load_ms(context: Any, url: str) -> float:
    page = await context.new_page()
    try:
        await page.goto(url, wait_until="load")
        return float(await page.evaluate(LOAD_TIME_JS))
    finally:
        await page.close()


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "mean_ms": round(statistics.fmean(ordered), 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 1),
        "n": len(ordered),
    }


def extension_flags(web: FixtureWeb, extension: Path) -> list[str]:
    return [f.replace(str(EXTENSION_DIR), str(extension)) for f in browser_flags(web)]


READY_JS = """async (url) => {
  const tabs = await chrome.tabs.query({url});
  if (!tabs.length) return false;
  const key = 'tab:' + tabs[0].id;
  const state = (await chrome.storage.session.get(key))[key];
  return !!(state && state.analyses && state.analyses.initial);
}"""


async def analysis_latency(context: Any, worker: Any, urls: list[str]) -> list[float]:
    """Per page: ms from the load event until the companion's analysis reached the popup state."""
    out = []
    for url in urls:
        page = await context.new_page()
        await page.goto(url, wait_until="load")
        loaded = asyncio.get_running_loop().time()
        while not await worker.evaluate(READY_JS, page.url):
            if asyncio.get_running_loop().time() - loaded > 30:
                break
            await asyncio.sleep(0.05)
        out.append((asyncio.get_running_loop().time() - loaded) * 1000)
        await page.close()
    return out


async def run(rounds: int, warmup: int, extension: Path = EXTENSION_DIR) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    chromium = find_browser().path
    with FixtureWeb.background() as web, tempfile.TemporaryDirectory() as tmp:
        companion = Companion(Path(tmp) / "history.sqlite3", free_port())
        companion.start()
        try:
            async with async_playwright() as pw:
                plain_flags = [f for f in browser_flags(web) if "extension" not in f]
                with_ext = await pw.chromium.launch_persistent_context(
                    str(Path(tmp) / "with"),
                    executable_path=chromium,
                    headless=True,
                    args=launch_flags(extension_flags(web, extension)),
                )
                without = await pw.chromium.launch_persistent_context(
                    str(Path(tmp) / "without"),
                    executable_path=chromium,
                    headless=True,
                    args=launch_flags(plain_flags),
                )
                worker = (
                    with_ext.service_workers[0]
                    if with_ext.service_workers
                    else await with_ext.wait_for_event("serviceworker")
                )
                await worker.evaluate(f"chrome.storage.local.set({{companion: '{companion.url}'}})")
                pages = [(h, p) for h, p in PAGES if (REPO / "tests/fixtures/web/sites" / h).is_dir()]
                results: dict[str, dict[str, list[float]]] = {
                    web.url(h, p): {"with": [], "without": []} for h, p in pages
                }
                for i in range(warmup + rounds):
                    for url, series in results.items():
                        order = [("with", with_ext), ("without", without)]
                        if i % 2:
                            order.reverse()  # alternate who goes first
                        for name, ctx in order:
                            ms = await load_ms(ctx, url)
                            if i >= warmup:
                                series[name].append(ms)
                latency = await analysis_latency(with_ext, worker, list(results))
                analysed = len(companion.history())
                await with_ext.close()
                await without.close()
        finally:
            companion.stop()
    # Paired: each load with the extension against the load without it in the same round,
    # so drift in machine load (other processes) cancels out.
    ratios = [w / wo for s in results.values() for w, wo in zip(s["with"], s["without"], strict=True)]
    all_with = [v for s in results.values() for v in s["with"]]
    all_without = [v for s in results.values() for v in s["without"]]
    per_page = {}
    for url, s in results.items():
        w, wo = summary(s["with"]), summary(s["without"])
        per_page[url] = {
            "with": w,
            "without": wo,
            "overhead": round(w["median_ms"] / wo["median_ms"] - 1, 3),
        }
    total_with, total_without = summary(all_with), summary(all_without)
    overhead = round(statistics.median(ratios) - 1, 3)
    pairs = [pair for s in results.values() for pair in zip(s["with"], s["without"], strict=True)]
    added = [w - wo for w, wo in pairs]
    return {
        "browser": chromium,
        "rounds": rounds,
        "warmup": warmup,
        "pages": per_page,
        "with": total_with,
        "without": total_without,
        "overhead": overhead,
        "overhead_of_medians": round(total_with["median_ms"] / total_without["median_ms"] - 1, 3),
        "target": TARGET,
        "ok": overhead <= TARGET,
        "snapshots_analysed": analysed,
        "load_to_analysis_ms": summary(latency),
        "added_ms": round(statistics.median(added), 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--extension",
        type=Path,
        default=EXTENSION_DIR,
        help="the unpacked extension to measure (default: extension/)",
    )
    args = parser.parse_args(argv)
    out = asyncio.run(run(args.rounds, args.warmup, args.extension.resolve()))
    if args.json:
        print(json.dumps(out, indent=2))
        return 0 if out["ok"] else 1
    print(f"browser: {out['browser']}; {out['rounds']} rounds after {out['warmup']} warm-up, alternating with/without")
    print(f"{'page':48} {'without':>10} {'with':>10} {'overhead':>9}")
    for url, r in out["pages"].items():
        print(f"{url:48} {r['without']['median_ms']:>8.1f}ms {r['with']['median_ms']:>8.1f}ms {r['overhead']:>+8.1%}")
    print(
        f"{'all pages (median)':48} {out['without']['median_ms']:>8.1f}ms "
        f"{out['with']['median_ms']:>8.1f}ms {out['overhead_of_medians']:>+8.1%}"
    )
    print(f"overhead, median of paired ratios (the figure judged): {out['overhead']:+.1%}")
    print(
        f"p90: without {out['without']['p90_ms']} ms, with {out['with']['p90_ms']} ms; "
        f"snapshots analysed by the companion: {out['snapshots_analysed']}"
    )
    ready = out["load_to_analysis_ms"]
    print(
        f"analysis ready after the load event: median {ready['median_ms']} ms, "
        f"p90 {ready['p90_ms']} ms (capture waits for idle, then a 400 ms frame debounce)"
    )
    print(f"added load time, median of paired differences: {out['added_ms']:+.1f} ms per page load")
    print(f"target <= {TARGET:.0%}: {'met' if out['ok'] else 'NOT met'}")
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())

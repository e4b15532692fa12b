"""Time the collector on a generated page of about 20,000 elements (or --elements N).

    python bench/bench_collector.py [--elements 20000] [--runs 5]

Prints the collector's own time (in the page) and the whole ``crawler.collect.collect``
round trip (injection, JSON transfer, validation), in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.async_api import async_playwright  # noqa: E402

from crawler.browser import find_browser, launch_flags  # noqa: E402
from crawler.collect import collect  # noqa: E402

# One "block" is 10 elements: a card with a heading, text, a link, a checkbox with its
# label, a button, a styled span and a nested list.
BLOCK = (
    '<div class="card"><h3>Title {i}</h3><p>Some text about item {i} '
    '<span class="tag">new</span></p><a href="/item/{i}">Open</a>'
    '<label><input type="checkbox" name="c{i}"> Pick</label>'
    '<button class="buy">Buy</button><ul><li>Detail</li></ul></div>'
)
BANNER = (
    '<div id="cookie-banner" style="position:fixed;bottom:0;left:0;right:0;'
    'background:#222;color:#eee;padding:16px"><p>We use cookies to improve your '
    'experience.</p><button id="accept">Accept all</button>'
    '<a href="#" id="settings">Settings</a></div>'
)


def page_html(elements: int) -> str:
    blocks = "".join(BLOCK.format(i=i) for i in range(max(1, elements // 10)))
    return f"<!doctype html><html><body><main>{blocks}</main>{BANNER}</body></html>"


async def run(elements: int, runs: int) -> None:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=find_browser().path, args=launch_flags(), headless=True
        )
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        await page.set_content(page_html(elements))
        total = await page.evaluate("document.getElementsByTagName('*').length")
        in_page: list[float] = []
        round_trip: list[float] = []
        snap = None
        for _ in range(runs):
            t0 = time.perf_counter()
            snap = await collect(page)
            round_trip.append((time.perf_counter() - t0) * 1000)
            assert snap.collector is not None and snap.collector.duration_ms is not None
            in_page.append(snap.collector.duration_ms)
        await browser.close()
    assert snap is not None and snap.collector is not None
    print(f"elements in page: {total}")
    print(
        f"recorded: {len(snap.elements)}  dom: {len(snap.dom) / 1e6:.2f} MB  "
        f"truncated: {snap.collector.truncated}"
    )
    print(
        f"collector (in page): median {statistics.median(in_page):.0f} ms  "
        f"min {min(in_page):.0f} ms"
    )
    print(
        f"collect() round trip: median {statistics.median(round_trip):.0f} ms  "
        f"min {min(round_trip):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(run(args.elements, args.runs))


if __name__ == "__main__":
    main()

"""Choosing and launching the browser an audit uses.

Order: ``--browser PATH``, then ``BRIGHTLINE_CHROMIUM``, then Playwright's own Chromium if
it is installed, then a system ``chromium``. The browser presents as an ordinary one
(no ``navigator.webdriver``), because consent platforms hide from automation and an audit
must see what a person sees.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from companion.errors import BrightlineError

SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# Flags every launch gets. Background networking is off so the browser itself never
# phones home during an audit; AutomationControlled is off so pages see a normal browser.
BASE_FLAGS = (
    "--disable-blink-features=AutomationControlled",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--disable-quic",
    "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
)


class BrowserNotFound(BrightlineError):
    pass


@dataclass(frozen=True)
class BrowserChoice:
    path: str
    how: str  # "--browser", "BRIGHTLINE_CHROMIUM", "playwright", "system"


def _playwright_chromium() -> str | None:
    try:
        from playwright._impl._driver import compute_driver_executable  # noqa: F401
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as pw:
            path = pw.chromium.executable_path
    except Exception:  # noqa: BLE001 - no driver or no browser downloaded
        return None
    return path if path and Path(path).is_file() else None


def find_browser(explicit: str | None = None) -> BrowserChoice:
    if explicit:
        path = shutil.which(explicit) or explicit
        if not Path(path).is_file():
            raise BrowserNotFound(f"--browser {explicit}: no such executable")
        return BrowserChoice(path, "--browser")
    env = os.environ.get("BRIGHTLINE_CHROMIUM")
    if env:
        path = shutil.which(env) or env
        if not Path(path).is_file():
            raise BrowserNotFound(f"BRIGHTLINE_CHROMIUM={env}: no such executable")
        return BrowserChoice(path, "BRIGHTLINE_CHROMIUM")
    bundled = _playwright_chromium()
    if bundled:
        return BrowserChoice(bundled, "playwright")
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return BrowserChoice(found, "system")
    raise BrowserNotFound(
        "no Chromium found: install one (apt-get install chromium, or "
        "python -m playwright install chromium), or pass --browser PATH"
    )


def launch_flags(extra: str | list[str] | None = None) -> list[str]:
    """Base flags plus user flags (a string is split with shell quoting rules)."""
    flags = list(BASE_FLAGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags.append("--no-sandbox")  # Chromium refuses to start as root otherwise
    if isinstance(extra, str):
        flags.extend(shlex.split(extra))
    elif extra:
        flags.extend(extra)
    return flags


def main(argv: list[str]) -> int:
    if argv[:1] == ["--check"]:
        try:
            choice = find_browser()
        except BrowserNotFound as err:
            print(err, file=sys.stderr)
            return 1
        print(f"{choice.path} ({choice.how})")
        return 0
    print("usage: python -m crawler.browser --check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

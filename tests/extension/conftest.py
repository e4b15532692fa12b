"""Fixtures for the extension's end-to-end tests: a real companion process and a headless
Chromium with the unpacked extension loaded, browsing the multi-host fixture web."""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTENSION_DIR = REPO / "extension"
ARTIFACTS = REPO / "test-artifacts"
EXTENSION_ID = "bjenkapohpabcdnagdilfiohpomkhljh"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def brightline_command() -> list[str]:
    exe = Path(sys.executable).parent / "brightline"
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("brightline")
    return [found] if found else [sys.executable, "-m", "companion"]


class Companion:
    """``brightline serve`` as a subprocess that a test can stop and start again."""

    def __init__(self, db: Path, port: int) -> None:
        self.db = db
        self.port = port
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> None:
        """Start it and wait for /healthz (generous: CI machines can be very busy)."""
        cmd = [*brightline_command(), "serve", "--port", str(self.port), "--db", str(self.db)]
        log = self.db.with_suffix(".log")
        with log.open("ab") as sink:  # a file, not a pipe nobody reads, which could fill up
            self.proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = log.read_text(errors="replace").strip()[-500:]
                raise RuntimeError(f"brightline serve exited: {tail}")
            if self.healthy():
                return
            time.sleep(0.1)
        self.stop()  # never leave a server behind
        raise RuntimeError(f"brightline serve did not answer on {self.url} within {timeout}s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as resp:
                return resp.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def history(self) -> list[dict[str, Any]]:
        with urllib.request.urlopen(f"{self.url}/api/v1/history?limit=200", timeout=5) as resp:
            return json.loads(resp.read())["items"]


@pytest.fixture
def companion(tmp_path: Path) -> Iterator[Companion]:
    server = Companion(tmp_path / "history.sqlite3", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


class ExtensionBrowser:
    """A persistent Chromium context with the extension, and helpers to read its state."""

    def __init__(self, context: Any, worker: Any) -> None:
        self.context = context
        self.worker = worker
        self.base = f"chrome-extension://{EXTENSION_ID}"

    async def tab_id(self, url: str) -> int:
        tabs = await self.worker.evaluate("chrome.tabs.query({}).then(t => t.map(x => [x.id, x.url]))")
        ids = [tid for tid, turl in tabs if turl == url]
        assert ids, f"no tab shows {url}: {tabs}"
        return int(ids[-1])

    async def open(self, url: str) -> tuple[Any, int]:
        page = await self.context.new_page()
        await page.goto(url, wait_until="load")
        return page, await self.tab_id(page.url)

    async def badge(self, tab_id: int) -> str:
        return str(await self.worker.evaluate(f"chrome.action.getBadgeText({{tabId: {tab_id}}})"))

    async def badge_colour(self, tab_id: int) -> list[int]:
        return list(await self.worker.evaluate(f"chrome.action.getBadgeBackgroundColor({{tabId: {tab_id}}})"))

    async def state(self, tab_id: int) -> dict[str, Any] | None:
        key = f"tab:{tab_id}"
        stored = await self.worker.evaluate(f"chrome.storage.session.get('{key}')")
        return stored.get(key)

    async def session(self, key: str) -> Any:
        return (await self.worker.evaluate(f"chrome.storage.session.get('{key}')")).get(key)

    async def wait_for_analysis(
        self, tab_id: int, phase: str = "initial", timeout: float = 60.0, rule: str | None = None
    ) -> dict[str, Any]:
        """The tab's analysis for `phase` (optionally: once it contains `rule`)."""
        deadline = time.monotonic() + timeout
        analysis = None
        while time.monotonic() < deadline:
            state = await self.state(tab_id)
            analysis = (state or {}).get("analyses", {}).get(phase)
            if analysis and (rule is None or any(f["rule"] == rule for f in analysis["findings"])):
                return analysis
            await asyncio.sleep(0.25)
        raise AssertionError(f"no {phase} analysis{' with ' + rule if rule else ''} for tab {tab_id}: {analysis}")

    async def popup(self, tab_id: int) -> Any:
        page = await self.context.new_page()
        await page.goto(f"{self.base}/popup/popup.html?tab={tab_id}")
        return page


def browser_flags(fixture_web: Any) -> list[str]:
    # The fixture web maps every host to itself; the companion on 127.0.0.1 stays reachable.
    flags = [f for f in fixture_web.chrome_flags if not f.startswith("--host-resolver-rules")]
    rules = f"MAP * 127.0.0.1:{fixture_web.port}, EXCLUDE localhost, EXCLUDE 127.0.0.1"
    flags.append(f"--host-resolver-rules={rules}")
    return [
        f"--disable-extensions-except={EXTENSION_DIR}",
        f"--load-extension={EXTENSION_DIR}",
        *flags,
    ]


@asynccontextmanager
async def launch_extension_browser(
    fixture_web: Any, companion: Companion, chromium_path: str, profile: Path
) -> AsyncIterator[ExtensionBrowser]:
    """Chromium with the unpacked extension, pointed at `companion`, with its profile in `profile`."""
    from playwright.async_api import async_playwright

    from crawler.browser import launch_flags

    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=chromium_path,
            headless=True,
            args=launch_flags(browser_flags(fixture_web)),
            viewport={"width": 1280, "height": 800},
        )
        try:
            worker = (
                context.service_workers[0]
                if context.service_workers
                else await context.wait_for_event("serviceworker", timeout=15000)
            )
            assert worker.url.startswith(f"chrome-extension://{EXTENSION_ID}/"), worker.url
            await worker.evaluate(f"chrome.storage.local.set({{companion: '{companion.url}'}})")
            yield ExtensionBrowser(context, worker)
        finally:
            await context.close()


@pytest.fixture
async def extension_browser(
    fixture_web: Any, companion: Companion, chromium_path: str, tmp_path: Path
) -> AsyncIterator[ExtensionBrowser]:
    async with launch_extension_browser(fixture_web, companion, chromium_path, tmp_path / "profile") as browser:
        yield browser


def site_or_skip(fixture_web: Any, host: str) -> None:
    """Fail clearly when a fixture site the test needs is missing."""
    site = REPO / "tests" / "fixtures" / "web" / "sites" / host
    if not site.is_dir():
        pytest.fail(f"fixture site {host} is missing from tests/fixtures/web/sites")


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def snippet(name: str) -> str:
    """A JavaScript or HTML snippet from tests/extension/snippets/."""
    return (Path(__file__).resolve().parent / "snippets" / name).read_text(encoding="utf-8")

"""One browser per crawl, restarted when it crashes, handing out a fresh context per visit.

Every visit gets its own ``BrowserContext`` (no shared cookies or storage), so each page's
unconsented state is measured on its own. The context presents as an ordinary browser:
``navigator.webdriver`` is off (launch flag) and the user agent does not say "Headless".
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, BrowserContext, Playwright, async_playwright

from companion.errors import BrightlineError
from crawler.browser import BrowserChoice
from crawler.locate import register_engine

log = logging.getLogger("brightline.crawler.pool")

VIEWPORT = {"width": 1280, "height": 800}
LAUNCH_TIMEOUT_MS = 30_000


class BrowserLaunchError(BrightlineError):
    pass


@dataclass
class BrowserInfo:
    path: str
    how: str
    version: str = ""
    user_agent: str = ""
    flags: list[str] = field(default_factory=list)
    restarts: int = 0


class BrowserPool:
    def __init__(self, choice: BrowserChoice, flags: list[str], *, headless: bool = True) -> None:
        self.info = BrowserInfo(path=choice.path, how=choice.how, flags=list(flags))
        self._headless = headless
        self._pw: Playwright | None = None
        self._browser: Browser | None = None
        self._lock = asyncio.Lock()
        self.generation = 0

    async def __aenter__(self) -> BrowserPool:
        await self.start()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def start(self) -> None:
        self._pw = await async_playwright().start()
        await register_engine(self._pw)
        await self._launch()

    async def _launch(self) -> None:
        assert self._pw is not None
        try:
            self._browser = await self._pw.chromium.launch(
                executable_path=self.info.path,
                args=self.info.flags,
                headless=self._headless,
                timeout=LAUNCH_TIMEOUT_MS,
            )
        except Exception as err:  # noqa: BLE001 - any launch failure is the user's to fix
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise BrowserLaunchError(
                f"cannot start the browser {self.info.path}: {first} (check --browser and --chrome-flags)"
            ) from err
        self.generation += 1
        self.info.version = self._browser.version
        if not self.info.user_agent:
            self.info.user_agent = await self._ordinary_user_agent()

    async def _ordinary_user_agent(self) -> str:
        assert self._browser is not None
        page = await self._browser.new_page()
        try:
            agent = str(await page.evaluate("navigator.userAgent"))
        finally:
            await page.close()
        return agent.replace("HeadlessChrome", "Chrome")

    @property
    def connected(self) -> bool:
        return self._browser is not None and self._browser.is_connected()

    @property
    def browser(self) -> Browser:
        if self._browser is None:
            raise RuntimeError("BrowserPool.start() was not awaited")
        return self._browser

    async def new_context(self, *, har_path: Path | None = None) -> BrowserContext:
        if not self.connected:
            await self.restart(self.generation)
        options: dict[str, Any] = {
            "viewport": VIEWPORT,
            "user_agent": self.info.user_agent or None,
            "accept_downloads": False,
            "java_script_enabled": True,
        }
        if har_path is not None:
            har_path.parent.mkdir(parents=True, exist_ok=True)
            options["record_har_path"] = str(har_path)
            options["record_har_content"] = "omit"
        return await self.browser.new_context(**options)

    async def restart(self, seen_generation: int) -> None:
        """Restart the browser, once, however many visits noticed it crashed."""
        async with self._lock:
            if self.generation != seen_generation and self.connected:
                return  # someone else already restarted it
            log.warning("browser disconnected: restarting it")
            old = self._browser
            self._browser = None
            if old is not None:
                try:
                    await asyncio.wait_for(old.close(), 5)
                except Exception:  # noqa: BLE001 - it is already dead or dying
                    pass
            self.info.restarts += 1
            await self._launch()

    async def close(self) -> None:
        if self._browser is not None:
            try:
                await asyncio.wait_for(self._browser.close(), 10)
            except Exception:  # noqa: BLE001
                pass
            self._browser = None
        if self._pw is not None:
            await self._pw.stop()
            self._pw = None

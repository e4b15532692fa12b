"""Record the requests a page or a browser context makes, with status and initiator."""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any

import msgspec
from playwright.async_api import BrowserContext, CDPSession, Page, Response
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Request as PwRequest

from companion import models

log = logging.getLogger(__name__)


class RequestLog:
    """Records the requests a page (or a whole context) makes.

    Times are milliseconds since the last main-frame navigation started (or since the log
    was attached or cleared). Status is filled in when the response arrives. ``frame_url``
    is the document the request came from; for a frame's own navigation, the document
    that embeds the frame. ``initiator`` (the script or document that caused a request) is
    filled in after :meth:`watch_initiators`, for requests of the page's own process.
    """

    def __init__(self) -> None:
        self._entries: list[models.Request] = []
        self._pending: dict[int, int] = {}  # id(Playwright request) -> index in _entries
        self._t0 = time.monotonic()
        # CDP and Playwright report the same request separately, in either order; they
        # are paired by (method, url), first come first served.
        self._early: dict[tuple[str, str], deque[str | None]] = {}
        self._waiting: dict[tuple[str, str], deque[int]] = {}
        self._cdp: CDPSession | None = None

    def attach(self, target: Page | BrowserContext) -> RequestLog:
        target.on("request", self._on_request)
        target.on("response", self._on_response)
        target.on("requestfinished", self._on_done)
        target.on("requestfailed", self._on_done)
        self._t0 = time.monotonic()
        return self

    def detach(self, target: Page | BrowserContext) -> None:
        target.remove_listener("request", self._on_request)
        target.remove_listener("response", self._on_response)
        target.remove_listener("requestfinished", self._on_done)
        target.remove_listener("requestfailed", self._on_done)

    async def watch_initiators(self, page: Page) -> RequestLog:
        """Also record initiators (Chromium, through a CDP session on the page)."""
        try:
            session = await page.context.new_cdp_session(page)
            await session.send("Network.enable")
        except PlaywrightError as err:  # not Chromium, or the page is gone
            log.debug("no initiators: %s", str(err).strip().splitlines()[:1])
            return self
        session.on("Network.requestWillBeSent", self._on_cdp_request)
        self._cdp = session
        return self

    def clear(self) -> None:
        """Forget what was logged and restart the clock (for example before a click)."""
        self._entries.clear()
        self._pending.clear()
        self._early.clear()
        self._waiting.clear()
        self._t0 = time.monotonic()

    @property
    def requests(self) -> list[models.Request]:
        return list(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def _on_request(self, request: PwRequest) -> None:
        frame_url: str | None = None
        is_main_nav = False
        try:
            frame = request.frame
            if request.is_navigation_request():
                # A frame being navigated has no URL of its own yet: what loaded it is the
                # document that embeds it (none for the top-level page).
                parent = frame.parent_frame
                is_main_nav = parent is None
                frame_url = parent.url if parent is not None else None
            else:
                frame_url = frame.url or None
        except Exception:  # noqa: BLE001 - service-worker requests have no frame
            pass
        if is_main_nav:
            self._t0 = time.monotonic()
        index = len(self._entries)
        self._pending[id(request)] = index
        initiator: str | None = None
        if self._cdp is not None:
            key = (request.method, request.url)
            early = self._early.get(key)
            if early:
                initiator = early.popleft()
            else:
                self._waiting.setdefault(key, deque()).append(index)
        self._entries.append(
            models.Request(
                url=request.url,
                type=request.resource_type or "other",
                method=request.method,
                frame_url=frame_url,
                initiator=initiator,
                time_ms=round((time.monotonic() - self._t0) * 1000, 1),
            )
        )

    def _on_cdp_request(self, event: dict[str, Any]) -> None:
        req = event.get("request") or {}
        key = (str(req.get("method", "GET")), str(req.get("url", "")))
        initiator = _initiator_of(event.get("initiator") or {})
        waiting = self._waiting.get(key)
        if waiting:
            index = waiting.popleft()
            if index < len(self._entries):
                entry = self._entries[index]
                self._entries[index] = msgspec.structs.replace(entry, initiator=initiator)
            return
        early = self._early.setdefault(key, deque())
        if len(early) < 50:  # requests Playwright never reports (data: URLs) must not pile up
            early.append(initiator)

    def _on_response(self, response: Response) -> None:
        index = self._pending.get(id(response.request))
        if index is not None and index < len(self._entries):
            entry = self._entries[index]
            self._entries[index] = msgspec.structs.replace(entry, status=response.status)

    def _on_done(self, request: PwRequest) -> None:
        self._pending.pop(id(request), None)


def _initiator_of(info: dict[str, Any]) -> str | None:
    """The URL of the script (innermost frame with a URL) or document behind a request."""
    stack = info.get("stack")
    while stack:
        for frame in stack.get("callFrames") or []:
            if frame.get("url"):
                return str(frame["url"])
        stack = stack.get("parent")
    url = info.get("url")
    return str(url) if url else None

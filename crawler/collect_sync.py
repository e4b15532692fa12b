"""``collect`` for pages of Playwright's sync API (pytest-playwright's ``page`` fixture).

The same collector script and the same assembly as :func:`crawler.collect.collect`; only the
browser round trips differ. Sync calls take no timeout, so a frame is not cut off after
``FRAME_TIMEOUT_S`` here: the collector stops itself after its own time budget instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from playwright.sync_api import Error as PlaywrightError

from companion import models
from companion.models import Box, Phase, Snapshot, Source, StorageKey
from companion.schema import decode_snapshot
from crawler.collect import (
    FRAME_CAPS,
    FRAME_INFO_SCRIPT,
    FRAME_TIMEOUT_S,
    RequestLog,
    assemble_snapshot,
    capture_error,
    collector_options,
    collector_script,
    cookie_metadata,
    frame_box,
    frame_entry,
    navigated_meanwhile,
    top_origin_of,
)

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Page

log = logging.getLogger("crawler.collect")


def collect_sync(
    page: Page,
    *,
    phase: Phase = "initial",
    source: Source = "crawler",
    requests: RequestLog | Iterable[models.Request] | None = None,
    status: int | None = None,
    options: dict[str, Any] | None = None,
) -> Snapshot:
    """Capture a sync-API ``page`` (all frames) as a validated ``Snapshot``."""
    opts = collector_options(phase, source, options)
    top = decode_snapshot(_collect_main(page, opts))
    top_origin = top_origin_of(top)
    try:
        scroll_xy = page.evaluate("[window.scrollX, window.scrollY]")
        scroll = (float(scroll_xy[0]), float(scroll_xy[1]))
    except PlaywrightError:
        scroll = (0.0, 0.0)
    frame_opts = {**FRAME_CAPS, **opts}
    children = [
        _frame_entry(f, frame_opts, top_origin, scroll)
        for f in page.frames
        if f is not page.main_frame and not f.is_detached()
    ]
    cookies = cookie_metadata(page.context.cookies())  # type: ignore[arg-type]
    return assemble_snapshot(top, children, cookies=cookies, requests=requests, status=status)


def _collect_main(page: Page, options: dict[str, Any]) -> str:
    for attempt in (1, 2):
        try:
            return page.main_frame.evaluate(collector_script(), options)
        except PlaywrightError as err:
            if attempt == 2 or not navigated_meanwhile(err):
                raise capture_error(page.url, err) from err
            try:
                page.wait_for_load_state("load", timeout=FRAME_TIMEOUT_S * 1000)
            except PlaywrightError:
                pass
    raise AssertionError("unreachable")


def _frame_entry(
    frame: Frame, options: dict[str, Any], top_origin: str, scroll: tuple[float, float]
) -> tuple[models.Frame, list[StorageKey], bool]:
    selector = ""
    box: Box | None = None
    try:
        handle = frame.frame_element()
        info = handle.evaluate(FRAME_INFO_SCRIPT)
        if info:
            selector = info.get("selector") or ""
        box = frame_box(handle.bounding_box(), scroll)
    except Exception as err:  # noqa: BLE001 - the frame may be detached meanwhile
        log.debug("no frame element for %s: %s", frame.url, err)
    try:
        raw: str | None = frame.evaluate(collector_script(), options)
    except Exception as err:  # noqa: BLE001 - skip the frame, keep the page
        log.warning("frame %s skipped: %s", frame.url, str(err).strip().splitlines()[:1])
        raw = None
    return frame_entry(frame.url, raw, top_origin, selector=selector, box=box)

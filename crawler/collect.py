"""Run the collector in a Playwright page and assemble a validated ``Snapshot``.

The collector script (``extension/collector.js``, shipped as package data) is injected
into the main frame and every child frame, cross-origin ones included. A frame that cannot
be collected (detached, sandboxed away, too slow) is kept as a frame entry with its URL and
origin but no DOM, and logged; one bad frame never sinks the page.

Cookies come from the browser context (so HttpOnly and third-party cookies count), reduced
to metadata: the value's length and entropy are computed here and the value is dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import msgspec
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Frame, Page, Response

from companion import models
from companion.entropy import shannon_entropy
from companion.errors import BrightlineError
from companion.models import Box, Cookie, Element, Phase, Snapshot, Source, StorageKey
from companion.resources import collector_source
from companion.schema import check_version, decode_snapshot
from crawler.request_log import RequestLog

log = logging.getLogger(__name__)

FRAME_TIMEOUT_S = 10.0
# The collector stops itself after 10 s (maxMillis); this covers a page whose own scripts
# keep the renderer busy.
MAIN_TIMEOUT_S = 30.0
# Sub-frames (ads, widgets, consent dialogs) get smaller caps than the page, so that a page
# with many frames stays well under the companion's body limit. Explicit options win.
FRAME_CAPS: dict[str, int] = {"maxDomChars": 2_000_000, "maxElements": 2000}

# Inject and run in one round trip; the result comes back as JSON text, which is faster
# than Playwright's object serializer for a multi-megabyte DOM. Legacy libraries (Prototype)
# define toJSON on built-in prototypes, which would corrupt JSON.stringify: set aside.
_RUN = """(opts) => {{
{source}
const result = globalThis.__brightlineCollect(opts);
const protos = [Array.prototype, Object.prototype, String.prototype];
const saved = protos.map(p => Object.getOwnPropertyDescriptor(p, "toJSON"));
protos.forEach((p, i) => {{ if (saved[i] && saved[i].configurable) delete p.toJSON; }});
try {{
  return JSON.stringify(result);
}} finally {{
  protos.forEach((p, i) => {{
    if (saved[i] && saved[i].configurable) Object.defineProperty(p, "toJSON", saved[i]);
  }});
}}
}}"""
FRAME_INFO_SCRIPT = (
    "el => (globalThis.__brightlineCollect && globalThis.__brightlineCollect.frameInfo)"
    " ? globalThis.__brightlineCollect.frameInfo(el) : null"
)


class CollectError(BrightlineError, PlaywrightError):
    """The page itself could not be captured (it closed, crashed or kept navigating).

    It is also a Playwright ``Error``, so callers that already handle browser errors
    around a capture keep handling this one."""


class _Collected(msgspec.Struct):
    """What the collector returns for one frame (a superset of ``Frame``)."""

    url: str
    origin: str = ""
    title: str = ""
    dom: str = ""
    elements: list[Element] = []
    storage: list[StorageKey] = []
    collector: models.CollectorInfo | None = None


_decode_frame = msgspec.json.Decoder(_Collected)


def cookie_metadata(raw: Iterable[Mapping[str, Any]]) -> list[Cookie]:
    """Playwright cookies to ``Cookie`` metadata. The value is measured, then dropped."""
    out: list[Cookie] = []
    for c in raw:
        value = str(c.get("value", ""))
        expires = c.get("expires")
        session = expires is None or expires < 0
        same_site = c.get("sameSite")
        out.append(
            Cookie(
                name=str(c.get("name", "")),
                domain=str(c.get("domain", "")),
                path=str(c.get("path", "/")),
                expires=None if session else float(expires),  # type: ignore[arg-type]
                secure=bool(c.get("secure", False)),
                http_only=bool(c.get("httpOnly", False)),
                same_site=str(same_site) if same_site else None,
                session=session,
                value_length=len(value),
                entropy=shannon_entropy(value),
            )
        )
        del value
    return out


def _reason(err: BaseException, timeout: float = FRAME_TIMEOUT_S) -> str:
    if isinstance(err, TimeoutError):
        return f"no answer within {timeout:g}s"
    lines = str(err).strip().splitlines()
    return lines[0][:200] if lines else type(err).__name__


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return "null"


def collector_script() -> str:
    """The function to evaluate in a frame: ``(options) => JSON text`` (async and sync pages alike)."""
    return _RUN.format(source=collector_source())


async def _run_collector(frame: Frame, options: dict[str, Any]) -> str:
    return await frame.evaluate(collector_script(), options)


def navigated_meanwhile(err: BaseException) -> bool:
    """The page navigated while it was being collected (worth one more try once it settles)."""
    return "context was destroyed" in str(err) or "navigation" in str(err)


def capture_error(url: str, err: BaseException) -> CollectError:
    return CollectError(f"could not capture {url}: {_reason(err, MAIN_TIMEOUT_S)}")


async def _collect_main(page: Page, options: dict[str, Any]) -> str:
    """The top frame's collector JSON. A page that navigates meanwhile (a client-side
    redirect, a consent reload) is given one chance to settle and collected again."""
    for attempt in (1, 2):
        try:
            return await asyncio.wait_for(_run_collector(page.main_frame, options), MAIN_TIMEOUT_S)
        except (PlaywrightError, TimeoutError) as err:
            if attempt == 2 or not navigated_meanwhile(err):
                raise capture_error(page.url, err) from err
            try:
                await page.wait_for_load_state("load", timeout=FRAME_TIMEOUT_S * 1000)
            except PlaywrightError:
                pass
    raise AssertionError("unreachable")


async def _frame_entry(
    frame: Frame, options: dict[str, Any], top_origin: str, scroll: tuple[float, float]
) -> tuple[models.Frame, list[StorageKey], bool]:
    """Collect one child frame. Returns the frame, its storage keys and its truncated flag."""
    selector = ""
    box: Box | None = None
    try:
        handle = await asyncio.wait_for(frame.frame_element(), FRAME_TIMEOUT_S)
        info = await asyncio.wait_for(handle.evaluate(FRAME_INFO_SCRIPT), FRAME_TIMEOUT_S)
        if info:
            selector = info.get("selector") or ""
        box = frame_box(await asyncio.wait_for(handle.bounding_box(), FRAME_TIMEOUT_S), scroll)
    except Exception as err:  # noqa: BLE001 - the frame may be detached meanwhile
        log.debug("no frame element for %s: %s", frame.url, err)

    try:
        raw: str | None = await asyncio.wait_for(_run_collector(frame, options), FRAME_TIMEOUT_S)
    except Exception as err:  # noqa: BLE001 - skip the frame, keep the page
        log.warning("frame %s skipped: %s", frame.url, _reason(err))
        raw = None
    return frame_entry(frame.url, raw, top_origin, selector=selector, box=box)


def frame_box(bbox: Mapping[str, Any] | None, scroll: tuple[float, float]) -> Box | None:
    """A frame element's bounding box (relative to the main frame's viewport), made document-relative."""
    if not bbox:
        return None
    return Box(
        x=round(bbox["x"] + scroll[0], 1),
        y=round(bbox["y"] + scroll[1], 1),
        width=round(bbox["width"], 1),
        height=round(bbox["height"], 1),
    )


def frame_entry(
    frame_url: str, raw: str | None, top_origin: str, *, selector: str = "", box: Box | None = None
) -> tuple[models.Frame, list[StorageKey], bool]:
    """One child frame from its collector JSON (``None``: it could not be collected, so it is kept
    with its URL and origin but no DOM). Returns the frame, its storage keys and its truncated flag."""
    got: _Collected | None = None
    if raw is not None:
        try:
            got = _decode_frame.decode(raw)
        except msgspec.MsgspecError as err:
            log.warning("frame %s skipped: %s", frame_url, _reason(err))
    if got is None:
        origin = _origin_of(frame_url)
        entry = models.Frame(
            url=frame_url or "about:blank",
            origin=origin,
            cross_origin=origin != top_origin,
            box=box,
            selector=selector,
        )
        return entry, [], False
    origin = got.origin or _origin_of(got.url)
    entry = models.Frame(
        url=got.url,
        origin=origin,
        dom=got.dom,
        elements=got.elements,
        cross_origin=origin != top_origin,
        box=box,
        selector=selector,
    )
    truncated = bool(got.collector and got.collector.truncated)
    return entry, got.storage, truncated


async def collect(
    page: Page,
    *,
    phase: Phase = "initial",
    source: Source = "crawler",
    requests: RequestLog | Iterable[models.Request] | None = None,
    status: int | None = None,
    response: Response | None = None,
    options: dict[str, Any] | None = None,
) -> Snapshot:
    """Capture ``page`` (all frames) as a validated ``Snapshot``.

    ``status`` (or the main ``response``) sets the page's HTTP status. ``requests`` is the
    log of what the page loaded. ``options`` go to the collector (caps, for example).
    """
    opts = collector_options(phase, source, options)
    top = decode_snapshot(await _collect_main(page, opts))
    top_origin = _origin_of(top.url)

    try:
        scroll_xy = await asyncio.wait_for(
            page.evaluate("[window.scrollX, window.scrollY]"), FRAME_TIMEOUT_S
        )
        scroll = (float(scroll_xy[0]), float(scroll_xy[1]))
    except (PlaywrightError, TimeoutError):
        scroll = (0.0, 0.0)
    frame_opts = {**FRAME_CAPS, **opts}
    children = [f for f in page.frames if f is not page.main_frame and not f.is_detached()]
    results = await asyncio.gather(
        *(_frame_entry(f, frame_opts, top_origin, scroll) for f in children)
    )
    cookies = cookie_metadata(await page.context.cookies())  # type: ignore[arg-type]
    if status is None and response is not None:
        status = response.status
    return assemble_snapshot(top, results, cookies=cookies, requests=requests, status=status)


def collector_options(phase: Phase, source: Source, options: dict[str, Any] | None) -> dict[str, Any]:
    return {**(options or {}), "source": source, "phase": phase}


def top_origin_of(top: Snapshot) -> str:
    return _origin_of(top.url)


def assemble_snapshot(
    top: Snapshot,
    children: Iterable[tuple[models.Frame, list[StorageKey], bool]],
    *,
    cookies: list[Cookie],
    requests: RequestLog | Iterable[models.Request] | None,
    status: int | None,
) -> Snapshot:
    """The page's snapshot: the top frame's collector result joined with its child frames
    (see :func:`frame_entry`), the context's cookies and the request log."""
    storage = list(top.storage)
    truncated = bool(top.collector and top.collector.truncated)
    frames: list[models.Frame] = []
    for entry, frame_storage, frame_truncated in children:
        frames.append(entry)
        storage.extend(frame_storage)
        truncated = truncated or frame_truncated
    if requests is None:
        request_list: list[models.Request] = []
    elif isinstance(requests, RequestLog):
        request_list = requests.requests
    else:
        request_list = list(requests)

    collector = top.collector or models.CollectorInfo()
    snapshot = msgspec.structs.replace(
        top,
        status=status,
        frames=frames,
        requests=request_list,
        cookies=cookies,
        storage=_dedupe_storage(storage),
        collector=msgspec.structs.replace(collector, truncated=truncated),
    )
    # Every part was validated on the way in (the collector's JSON by the schema decoder,
    # the rest built as typed structs); the version check guards the assembled whole.
    return check_version(snapshot)


def _dedupe_storage(keys: list[StorageKey]) -> list[StorageKey]:
    """Same-origin frames see the same storage; list each (origin, area, key) once."""
    seen: set[tuple[str, str, str]] = set()
    out: list[StorageKey] = []
    for k in keys:
        ident = (k.origin, k.area, k.key)
        if ident not in seen:
            seen.add(ident)
            out.append(k)
    return out

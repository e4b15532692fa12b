"""A page's requests, read back from the browser's Resource Timing buffer.

For a page whose test did not record requests: every frame keeps a list of what it loaded
(``performance.getEntriesByType("resource")``), with start times and, where the server
allows it, the status. That is enough for tracker detection. What it misses: requests that
never completed, the request method, and initiators; and a page that loads more than 250
resources without clearing the buffer. Recording from the start (``crawler.watch``)
has none of those gaps.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from companion.models import Request

#: Evaluated in each frame; plain data in, plain data out (works in async and sync pages).
TIMING_SCRIPT = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    url: location.href,
    timeOrigin: performance.timeOrigin,
    status: nav && nav.responseStatus ? nav.responseStatus : null,
    entries: performance.getEntriesByType("resource").map(e =>
      [e.name, e.initiatorType, e.startTime, e.responseStatus || 0]),
  };
}"""

# Resource Timing's initiatorType to the resource types Playwright reports.
_TYPES = {
    "script": "script",
    "img": "image",
    "image": "image",
    "input": "image",
    "link": "stylesheet",
    "xmlhttprequest": "xhr",
    "fetch": "fetch",
    "beacon": "ping",
    "iframe": "document",
    "frame": "document",
    "video": "media",
    "audio": "media",
    "track": "media",
    "embed": "other",
    "object": "other",
}
_FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf", ".eot")


def resource_type(initiator_type: str, url: str) -> str:
    """The Playwright resource type for one entry. ``css`` covers what a stylesheet pulled
    in: a font or an image, told apart by the file name."""
    if initiator_type == "css":
        return "font" if urlsplit(url).path.lower().endswith(_FONT_SUFFIXES) else "image"
    return _TYPES.get(initiator_type, "other")


def requests_from_timing(top: Mapping[str, Any], children: Iterable[Mapping[str, Any]] = ()) -> list[Request]:
    """Requests for the page: its own document first, then every frame's entries, in start order.

    ``top`` and ``children`` are what :data:`TIMING_SCRIPT` returned in the main frame and
    in each child frame. Times are milliseconds since the main document's navigation started.
    """
    origin_ms = float(top.get("timeOrigin") or 0.0)
    document = Request(url=str(top["url"]), type="document", time_ms=0.0, status=top.get("status"))
    entries: list[Request] = []
    for frame in (top, *children):
        offset = float(frame.get("timeOrigin") or origin_ms) - origin_ms
        for url, initiator, start, status in frame.get("entries") or []:
            entries.append(
                Request(
                    url=str(url),
                    type=resource_type(str(initiator), str(url)),
                    frame_url=str(frame["url"]),
                    time_ms=round(float(start) + offset, 1),
                    status=int(status) or None,
                )
            )
    entries.sort(key=lambda r: r.time_ms or 0.0)
    return [document, *entries]

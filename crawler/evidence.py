"""Evidence an auditor can show: snapshots, outlined screenshots, and a redacted HAR.

Layout under ``--out``::

    pages/<slug>/<phase>.json          the snapshot (``brightline check`` re-runs it offline)
    pages/<slug>/<phase>-banner.png    the banner, outlined
    pages/<slug>/<phase>-<n>.png       each flagged element, outlined
    pages/<slug>/page.har              with --har; cookie values and auth headers removed
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgspec
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import FloatRect, Page

from companion.models import Finding, Snapshot
from crawler.locate import frame_for, to_playwright

log = logging.getLogger("brightline.crawler.evidence")

MAX_SHOTS_PER_PHASE = 12
SHOT_TIMEOUT_MS = 4000
OUTLINE = "3px solid #d0021b"
_SECRET_HEADERS = {"cookie", "set-cookie", "authorization", "proxy-authorization", "x-csrf-token"}


def page_slug(url: str) -> str:
    """A short, filesystem-safe, unique directory name for a page URL."""
    parts = urlsplit(url)
    readable = re.sub(r"[^A-Za-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}").strip("-")[:60]
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return f"{readable or 'page'}-{digest}"


def banner_fingerprint(banner: dict[str, Any]) -> str:
    """What a banner looks like to a person: platform, place, controls and their wording."""
    controls = [(c.get("role"), c.get("text"), c.get("first_layer")) for c in banner.get("controls") or []]
    toggles = [(t.get("label"), t.get("checked")) for t in banner.get("toggles") or []]
    raw = json.dumps(
        [banner.get("platform"), banner.get("selector"), banner.get("frame"), controls, toggles],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


class Evidence:
    """Writes one page's evidence files; paths it returns are relative to the output root."""

    def __init__(
        self,
        out_dir: Path,
        url: str,
        *,
        screenshots: bool = True,
        cache: dict[str, str] | None = None,
    ) -> None:
        self.root = out_dir
        self.rel = Path("pages") / page_slug(url)
        self.dir = out_dir / self.rel
        self.screenshots = screenshots
        # Identical evidence (the same banner, the same flagged control with the same text)
        # is shot once per crawl and shared; keys describe what the picture shows.
        self.cache = cache if cache is not None else {}

    def _ensure(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)

    def save_snapshot(self, name: str, snapshot: Snapshot) -> str:
        self._ensure()
        path = self.dir / f"{name}.json"
        path.write_bytes(msgspec.json.encode(snapshot))
        return str(self.rel / path.name)

    @property
    def har_path(self) -> Path:
        return self.dir / "page.har"

    async def banner_shot(self, page: Page, name: str, banner: dict[str, Any] | None) -> str | None:
        if not self.screenshots or not banner or not banner.get("selector"):
            return None
        key = "banner|" + banner_fingerprint(banner)
        if key not in self.cache:
            shot = await self._shot(page, banner["selector"], banner.get("frame"), f"{name}-banner.png")
            if shot is None:
                return None
            self.cache[key] = shot
        return self.cache[key]

    async def finding_shots(
        self, page: Page, name: str, findings: list[Finding], banner: dict[str, Any] | None
    ) -> dict[int, str]:
        """Outlined screenshots of flagged elements, keyed by the finding's index."""
        shots: dict[int, str] = {}
        if not self.screenshots:
            return shots
        frame = banner.get("frame") if banner else None
        banner_key = banner_fingerprint(banner) if banner else ""
        taken = 0
        for i, f in enumerate(findings):
            selector = f.evidence.get("selector")
            if not isinstance(selector, str) or not selector:
                continue
            where = f.evidence.get("frame") or frame
            where = where if isinstance(where, str) else None
            key = f"el|{selector}|{where}|{f.evidence.get('text', '')}|{banner_key}"
            if key not in self.cache:
                if taken >= MAX_SHOTS_PER_PHASE:
                    continue
                taken += 1
                shot = await self._shot(page, selector, where, f"{name}-{i}.png")
                if shot is None:
                    continue
                self.cache[key] = shot
            shots[i] = self.cache[key]
        return shots

    async def _shot(self, page: Page, selector: str, frame: str | None, filename: str) -> str | None:
        """Screenshot the element's area (or, for an empty container, its content's) with an
        outline drawn over it; the page itself is left as it was."""
        self._ensure()
        target = frame_for(page, frame)
        try:
            handle = await target.locator(to_playwright(selector)).first.element_handle(timeout=SHOT_TIMEOUT_MS)
            rect = await handle.evaluate(_RECT_JS)
            if not rect:
                return None
            if target is not page.main_frame:
                owner = await target.frame_element()
                offset = await owner.bounding_box()
                if offset is None:
                    return None
                rect["x"] += offset["x"]
                rect["y"] += offset["y"]
            view = page.viewport_size or {"width": 1280, "height": 800}
            clip = _clip(rect, view["width"], view["height"])
            if clip is None:
                return None
            await page.evaluate(_OUTLINE_ADD_JS, {**rect, "outline": OUTLINE})
            try:
                await page.screenshot(
                    path=str(self.dir / filename),
                    clip=clip,
                    timeout=SHOT_TIMEOUT_MS,
                    animations="disabled",
                )
            finally:
                await page.evaluate(_OUTLINE_REMOVE_JS)
        except PlaywrightError as err:
            log.debug("no screenshot of %s: %s", selector, err)
            return None
        return str(self.rel / filename)


MARGIN = 8
# The element's box in its frame's viewport; an empty or tiny container (a banner root whose
# children are fixed-positioned) falls back to the union of its visible descendants.
_RECT_JS = """(el) => {
  el.scrollIntoView({block: 'nearest', inline: 'nearest'});
  const rects = [];
  const take = (node) => {
    const r = node.getBoundingClientRect();
    if (r.width >= 2 && r.height >= 2) {
      const st = getComputedStyle(node);
      const shown = st.visibility !== 'hidden' && st.display !== 'none';
      if (shown && parseFloat(st.opacity) > 0) rects.push(r);
    }
  };
  take(el);
  // A banner root smaller than a button (a 32 px <dialog> whose modal is a fixed child)
  // is a container: its visible content is what a person sees.
  const small = rects.length && (rects[0].width < 120 || rects[0].height < 40);
  if (!rects.length || small) {
    const inner = el.shadowRoot ? [...el.shadowRoot.querySelectorAll('*')] : [];
    const nodes = [...el.querySelectorAll('*'), ...inner];
    for (const node of nodes.slice(0, 3000)) take(node);
  }
  if (!rects.length) return null;
  const x0 = Math.min(...rects.map(r => r.left)), y0 = Math.min(...rects.map(r => r.top));
  const x1 = Math.max(...rects.map(r => r.right)), y1 = Math.max(...rects.map(r => r.bottom));
  return {x: x0, y: y0, width: x1 - x0, height: y1 - y0};
}"""
_OUTLINE_ADD_JS = """(r) => {
  const d = document.createElement('div');
  d.id = '__brightline_outline';
  d.style.cssText = `position:fixed;left:${r.x - 3}px;top:${r.y - 3}px;width:${r.width + 6}px;` +
    `height:${r.height + 6}px;outline:${r.outline};z-index:2147483647;pointer-events:none;`;
  document.documentElement.appendChild(d);
}"""
_OUTLINE_REMOVE_JS = "() => document.getElementById('__brightline_outline')?.remove()"


def _clip(rect: dict[str, float], width: int, height: int) -> FloatRect | None:
    x0 = max(0.0, rect["x"] - MARGIN)
    y0 = max(0.0, rect["y"] - MARGIN)
    x1 = min(float(width), rect["x"] + rect["width"] + MARGIN)
    y1 = min(float(height), rect["y"] + rect["height"] + MARGIN)
    if x1 - x0 < 4 or y1 - y0 < 4:
        return None
    return FloatRect(x=x0, y=y0, width=x1 - x0, height=y1 - y0)


def redact_har(path: Path) -> None:
    """Remove cookie values and credentials from a HAR file in place (names are kept)."""
    try:
        har = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for entry in har.get("log", {}).get("entries", []):
        for side in ("request", "response"):
            part = entry.get(side) or {}
            for cookie in part.get("cookies") or []:
                cookie["value"] = _redacted(cookie.get("value", ""))
            for header in part.get("headers") or []:
                if str(header.get("name", "")).lower() in _SECRET_HEADERS:
                    header["value"] = _redacted(header.get("value", ""))
    path.write_text(json.dumps(har, ensure_ascii=False), encoding="utf-8")


def _redacted(value: str) -> str:
    return f"<redacted: {len(value)} characters>"

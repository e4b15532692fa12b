"""The real extension, loaded unpacked in Chromium, can use the companion; its ID is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.async_api import async_playwright

from companion.extension_id import EXTENSION_ORIGIN
from companion.service import Settings, create_app
from crawler.browser import launch_flags

pytestmark = pytest.mark.browser
EXTENSION = Path(__file__).resolve().parents[2] / "extension"

CALLS = """async (base) => {
  const out = {};
  const json = {"Content-Type": "application/json"};
  let r = await fetch(base + "/api/v1/rules");
  out.get = r.status;
  r = await fetch(base + "/api/v1/analyze", {method: "POST", headers: json,
                  body: JSON.stringify({url: "https://www.a.example/"})});
  out.post = r.status;
  out.site = (await r.json()).site;
  r = await fetch(base + "/api/v1/history");
  out.total = (await r.json()).total;
  r = await fetch(base + "/api/v1/history/a.example", {method: "DELETE"});
  out.deleted = (await r.json()).deleted;
  return out;
}"""


@pytest.mark.skipif(not (EXTENSION / "manifest.json").is_file(), reason="no extension folder")
async def test_extension_service_worker_can_call_the_api(
    aiohttp_server, tmp_path: Path, chromium_path: str
) -> None:
    server = await aiohttp_server(create_app(Settings(
        db_path=tmp_path / "h.sqlite3", port=0, executor="thread", workers=1)))
    async with async_playwright() as pw:
        context = await pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium_path, headless=True,
            args=launch_flags() + [f"--disable-extensions-except={EXTENSION}",
                                   f"--load-extension={EXTENSION}"],
        )
        try:
            worker = (context.service_workers or [None])[0] or await context.wait_for_event(
                "serviceworker", timeout=20_000)
            assert worker.url.startswith(EXTENSION_ORIGIN + "/")
            result = await worker.evaluate(CALLS, f"http://127.0.0.1:{server.port}")
        finally:
            await context.close()
    assert result == {"get": 200, "post": 200, "site": "a.example", "total": 1, "deleted": 1}

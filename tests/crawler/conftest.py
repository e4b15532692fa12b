"""Fixtures for crawler tests: a tiny local site (see ``crawl_site``)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
from aiohttp import web
from crawl_site import LocalSite, make_app


@pytest.fixture()
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    runner = web.AppRunner(make_app(site), access_log=None, shutdown_timeout=0.5)

    def run() -> None:
        asyncio.set_event_loop(loop)

        async def start() -> None:
            await runner.setup()
            tcp = web.TCPSite(runner, "127.0.0.1", 0)
            await tcp.start()
            site.port = tcp._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

        loop.run_until_complete(start())
        ready.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield site
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)

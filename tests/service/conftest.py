"""Fixtures for the companion service: settings on a temporary database and a test client."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from companion.service import Settings, create_app

MakeClient = Callable[..., Awaitable[TestClient]]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def make_client(aiohttp_client: Any, db_path: Path) -> MakeClient:
    """A client for an app built with these settings (thread executor unless asked)."""

    async def make(**overrides: Any) -> TestClient:
        fields: dict[str, Any] = {"db_path": db_path, "executor": "thread", "workers": 2,
                                  "port": 0}
        fields.update(overrides)
        return await aiohttp_client(create_app(Settings(**fields)))

    return make


@pytest.fixture
async def client(make_client: MakeClient) -> TestClient:
    return await make_client()


def host_of(client: TestClient) -> str:
    return f"127.0.0.1:{client.port}"


class LiveServer:
    """The app served on a real loopback socket from its own thread (for sync clients)."""

    def __init__(self, settings: Settings) -> None:
        import asyncio
        import threading

        from aiohttp import web

        self.settings = settings
        self._loop = asyncio.new_event_loop()
        self._runner = web.AppRunner(create_app(settings))
        self._ready = threading.Event()
        self.port = 0
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        from aiohttp import web

        async def start() -> None:
            await self._runner.setup()
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            await site.start()
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

        self._loop.run_until_complete(start())
        self._ready.set()
        self._loop.run_forever()

    def __enter__(self) -> LiveServer:
        self._thread.start()
        self._ready.wait(60)
        return self

    def __exit__(self, *exc: object) -> None:
        import asyncio

        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(60)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(
        self, method: str, path: str, body: bytes | None = None,
        headers: dict[str, str] | None = None, timeout: float = 60,
    ) -> tuple[int, dict[str, Any]]:
        import http.client
        import json

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read() or b"{}")
        finally:
            conn.close()

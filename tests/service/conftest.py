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

"""Shared fixtures: the fixture web (a multi-host HTTPS server on loopback) and the browser path."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `tests.fixtureweb` must import however pytest is started
    sys.path.insert(0, str(REPO))

from tests.fixtureweb.server import FixtureWeb  # noqa: E402


@pytest.fixture(scope="session")
def fixture_web() -> Iterator[FixtureWeb]:
    """The fixture web, on its own thread, for the whole session.

    It has ``port``, ``url(host, path)``, ``chrome_flags`` (list) / ``chrome_flags_arg``
    (one string for ``--chrome-flags``), ``log`` (a :class:`RequestLog`), ``origin`` (the
    loopback address with ``/__log``) and ``session()`` (an aiohttp client routed to it).
    """
    with FixtureWeb.background() as server:
        yield server


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The browser to drive. Skips only when no Chromium exists at all (CI installs one)."""
    from crawler.browser import BrowserNotFound, find_browser

    try:
        return find_browser().path
    except BrowserNotFound as err:
        pytest.skip(str(err))

"""Fixtures for crawler tests: a tiny local site (see ``crawl_site``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from crawl_site import LocalSite, make_app, serve_in_thread


@pytest.fixture()
def local_site() -> Iterator[LocalSite]:
    site = LocalSite()
    with serve_in_thread(make_app(site)) as port:
        site.port = port
        yield site

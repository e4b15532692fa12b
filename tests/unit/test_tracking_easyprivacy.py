"""The bundled EasyPrivacy engine and its on-disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.tracking import easyprivacy as ep
from companion.tracking.filters import FilterEngine

TEXT = "||tracker.example^\n/beacon.gif?\n@@||tracker.example/ok/\n"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BRIGHTLINE_CACHE_DIR", str(tmp_path))
    return tmp_path


def _blocks(engine: FilterEngine, url: str) -> bool:
    host = url.split("/")[2]
    return engine.match(url, host, "image", third_party=True) is not None


def test_cache_is_written_then_reused(cache_dir: Path, monkeypatch) -> None:
    first = ep.build_engine(TEXT)
    files = list(cache_dir.glob("filters-*.msgpack"))
    assert len(files) == 1
    monkeypatch.setattr(FilterEngine, "from_text",
                        classmethod(lambda cls, text: pytest.fail("parsed despite cache")))
    second = ep.build_engine(TEXT)
    for url in ("https://tracker.example/a", "https://x.example/beacon.gif?u=1",
                "https://tracker.example/ok/a", "https://clean.example/a"):
        assert _blocks(second, url) == _blocks(first, url)


def test_a_different_list_gets_a_different_cache(cache_dir: Path) -> None:
    ep.build_engine(TEXT)
    ep.build_engine(TEXT + "||other.example^\n")
    assert len(list(cache_dir.glob("filters-*.msgpack"))) == 2


def test_corrupt_cache_is_ignored_and_replaced(cache_dir: Path) -> None:
    ep.build_engine(TEXT)
    path = next(cache_dir.glob("filters-*.msgpack"))
    path.write_bytes(b"\x00garbage")
    engine = ep.build_engine(TEXT)
    assert _blocks(engine, "https://tracker.example/a")
    assert path.read_bytes() != b"\x00garbage"


def test_unwritable_cache_dir_still_works(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("BRIGHTLINE_CACHE_DIR", str(blocker / "sub"))
    assert _blocks(ep.build_engine(TEXT), "https://tracker.example/a")


@pytest.mark.parametrize(("url", "req_type"), [
    ("https://www.google-analytics.com/g/collect?v=2&tid=G-1", "ping"),
    ("https://stats.wp.com/e-202401.js", "script"),
    ("https://sb.scorecardresearch.com/p?c1=2&c2=1", "image"),
    ("https://www.facebook.com/tr?id=1&ev=PageView", "image"),
])
def test_bundled_list_catches_common_beacons(url: str, req_type: str) -> None:
    engine = ep.easyprivacy()
    host = url.split("/")[2]
    assert engine.match(url, host, req_type, third_party=True, source_host="shop.example")


@pytest.mark.parametrize("url", [
    "https://cdn.jsdelivr.net/npm/bootstrap@5.3.0/dist/js/bootstrap.bundle.min.js",
    "https://fonts.googleapis.com/css2?family=Inter",
    "https://code.jquery.com/jquery-3.7.1.min.js",
    "https://www.example.org/assets/site.css",
])
def test_bundled_list_leaves_ordinary_resources_alone(url: str) -> None:
    engine = ep.easyprivacy()
    host = url.split("/")[2]
    assert engine.match(url, host, "script", third_party=True, source_host="shop.example") is None


def test_warm_loads_every_list() -> None:
    from companion.tracking import warm
    from companion.tracking.cookies import cookie_database
    from companion.tracking.entities import entity_map

    warm()
    assert ep.easyprivacy.cache_info().currsize == 1
    assert cookie_database.cache_info().currsize == 1
    assert entity_map.cache_info().currsize == 1

"""The user cache directory and atomic writes (companion.user_cache)."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import user_cache


def test_explicit_directory_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("BRIGHTLINE_CACHE_DIR", str(tmp_path / "here"))
    assert user_cache.cache_dir() == tmp_path / "here"


def test_xdg_cache_home_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BRIGHTLINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache.cache_dir() == tmp_path / "brightline"


def test_a_user_without_a_home_directory_gets_a_temporary_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BRIGHTLINE_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert "brightline-cache" in user_cache.cache_dir().name


def test_write_atomic_leaves_no_half_file(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.bin"
    assert user_cache.write_atomic(target, b"whole")
    assert target.read_bytes() == b"whole"
    assert [p.name for p in target.parent.iterdir()] == ["file.bin"]


def test_write_atomic_reports_an_unwritable_place(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    assert not user_cache.write_atomic(blocker / "sub" / "x.bin", b"data")

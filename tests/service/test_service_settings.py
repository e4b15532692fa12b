"""Typed settings: defaults, validation with actionable messages, origins."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.extension_id import EXTENSION_ORIGIN
from companion.service.settings import ConfigError, Settings, default_db_path, is_loopback


def test_defaults() -> None:
    s = Settings()
    assert (s.host, s.port, s.max_body_bytes, s.store_html) == (
        "127.0.0.1", 8765, 20 * 1024 * 1024, False)
    assert s.allowed_origins == frozenset({EXTENSION_ORIGIN})


def test_default_db_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "brightline" / "history.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_db_path() == Path.home() / ".local/share/brightline/history.sqlite3"


def test_extra_origins_are_normalised() -> None:
    s = Settings(extra_origins=("b" * 32, "chrome-extension://" + "c" * 32 + "/"))
    assert s.allowed_origins == {EXTENSION_ORIGIN, "chrome-extension://" + "b" * 32,
                                 "chrome-extension://" + "c" * 32}


@pytest.mark.parametrize("origin", ["*", "https://example.com", "chrome-extension://short",
                                    "http://localhost:3000", "null"])
def test_web_origins_cannot_be_allowed(origin: str) -> None:
    with pytest.raises(ConfigError, match="extension origin"):
        Settings(extra_origins=(origin,))


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [("port", 70000, "--port"), ("max_body_mb", 0, "--max-body"),
     ("executor", "fork", "process"), ("workers", 0, "workers"),
     ("analysis_timeout_s", 0, "timeout")],
)
def test_bad_values_fail_with_a_hint(field: str, value, hint: str) -> None:
    with pytest.raises(ConfigError, match=hint):
        Settings(**{field: value})


@pytest.mark.parametrize(("host", "loop"), [("127.0.0.1", True), ("::1", True), ("[::1]", True),
                                            ("localhost", True), ("127.8.8.8", True),
                                            ("0.0.0.0", False), ("192.168.1.2", False),
                                            ("example.com", False)])
def test_is_loopback(host: str, loop: bool) -> None:
    assert is_loopback(host) is loop

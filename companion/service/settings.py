"""Typed settings for the companion service, validated once at startup.

Bad configuration fails here with a message that says how to fix it; nothing downstream
falls back silently.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from ipaddress import ip_address
from pathlib import Path
from typing import Literal

from companion.errors import BrightlineError
from companion.extension_id import EXTENSION_ORIGIN

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
ExecutorKind = Literal["process", "thread"]

_CHROME_ID = re.compile(r"^[a-p]{32}$")
_EXTENSION_ORIGIN = re.compile(
    r"^(chrome-extension://[a-p]{32}|moz-extension://[0-9a-f-]{36}"
    r"|safari-web-extension://[0-9A-Fa-f-]{36})$"
)


class ConfigError(BrightlineError):
    """The service cannot start with these settings."""


def default_db_path() -> Path:
    """The per-user data directory, following each platform's convention."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "brightline" / "history.sqlite3"


def normalise_origin(value: str) -> str:
    """Accept a full extension origin or a bare Chrome extension ID."""
    value = value.strip().rstrip("/")
    if _CHROME_ID.match(value):
        return f"chrome-extension://{value}"
    if not _EXTENSION_ORIGIN.match(value):
        raise ConfigError(
            f"--allow-origin {value!r} is not an extension origin; pass "
            "chrome-extension://<32-letter id> (or the bare id) or moz-extension://<uuid>"
        )
    return value


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Settings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    db_path: Path = field(default_factory=default_db_path)
    extra_origins: tuple[str, ...] = ()
    max_body_mb: float = 20.0
    store_html: bool = False
    executor: ExecutorKind = "process"
    workers: int = field(default_factory=lambda: max(1, min(4, os.cpu_count() or 1)))
    analysis_timeout_s: float = 15.0
    max_pending: int = 256

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ConfigError(
                f"--port {self.port} is out of range; use 1-65535 (0 picks a free one)"
            )
        if not 0 < self.max_body_mb <= 1024:
            raise ConfigError(f"--max-body {self.max_body_mb} MB is out of range; use 1-1024")
        if self.executor not in ("process", "thread"):
            raise ConfigError(f"executor {self.executor!r} is unknown; use 'process' or 'thread'")
        if self.workers < 1:
            raise ConfigError("workers must be at least 1")
        if self.analysis_timeout_s <= 0:
            raise ConfigError("the analysis timeout must be positive")
        if self.max_pending < 1:
            raise ConfigError("max_pending must be at least 1")
        object.__setattr__(
            self, "extra_origins", tuple(normalise_origin(o) for o in self.extra_origins)
        )
        object.__setattr__(self, "db_path", Path(self.db_path).expanduser())

    @property
    def allowed_origins(self) -> frozenset[str]:
        """Extension origins that may call the API (and get CORS headers)."""
        return frozenset((EXTENSION_ORIGIN, *self.extra_origins))

    @property
    def max_body_bytes(self) -> int:
        return int(self.max_body_mb * 1024 * 1024)

    @property
    def loopback_only(self) -> bool:
        return is_loopback(self.host)

"""The user cache directory, and writing a file in it without ever leaving half a file.

``BRIGHTLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/brightline``, else ``~/.cache/brightline``.
Only derived data lives there (parsed filter lists, compiled patterns), never page
content; deleting the directory is always safe.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

log = logging.getLogger("brightline.cache")


def cache_dir() -> Path:
    explicit = os.environ.get("BRIGHTLINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except (RuntimeError, KeyError):  # no home directory (a bare container, a service user)
            return Path(tempfile.gettempdir()) / f"brightline-cache-{os.getuid() if hasattr(os, 'getuid') else 0}"
    return Path(base) / "brightline"


def write_atomic(path: Path, blob: bytes) -> bool:
    """Write ``blob`` to ``path`` whole or not at all; False (logged) when it cannot."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.info("cache file %s not written (%s)", path, exc)
        return False
    return True

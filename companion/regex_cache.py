"""Compiled patterns, and analyses of pattern syntax, kept on disk between runs.

The copy rules compose a few very large patterns from thousands of lexicon fragments, and
read each fragment's syntax tree to learn how its matches begin and which literals they
need. Python does both in pure Python: about two seconds at every start of ``check`` or
``lint-text``, more than analysing most pages takes. Both results depend only on the
pattern's text and on the Python build, so they are kept in one file in the user cache
directory (``companion.user_cache``), named after that build:

* ``compile`` keeps the regular-expression engine's code for a pattern, looked up by the
  pattern's exact text and flags, so a changed lexicon never meets a stale entry;
* ``persisted`` keeps the results of a pure function of one string, looked up by the
  function, its argument and a hash of the copy package's source, so changing how
  fragments are analysed never reads old answers.

The file holds patterns and what was learnt from them, never page content. A file that
cannot be read, fails its checksum or cannot be written is ignored: it only saves time.
``BRIGHTLINE_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import logging
import marshal
import os
import re
import sys
import zlib
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from companion.user_cache import cache_dir, write_atomic

try:  # the engine's own compiler: the one step of re.compile worth keeping
    import _sre
    import re._compiler as _compiler  # type: ignore[import-not-found]
    import re._parser as _parser  # type: ignore[import-not-found]

    _BUILD: str | None = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
    _CODE = {2: "H", 4: "I", 8: "Q"}[_sre.CODESIZE]  # the engine's code unit, as an array type
except (ImportError, AttributeError, KeyError):  # another Python: compile as usual
    _BUILD = None

log = logging.getLogger("brightline.cache")

_MAX_BYTES = 16 * 1024 * 1024  # past this, a save keeps only what this run used
_T = TypeVar("_T")


class _Store:
    """The cache file's entries, loaded on first use and saved at exit when it grew."""

    def __init__(self) -> None:
        self.entries: dict[tuple, Any] | None = None
        self.used: dict[tuple, Any] = {}
        self.grew = False

    @property
    def path(self) -> Path:
        return cache_dir() / f"patterns-{_BUILD}.marshal"

    def get(self, key: tuple) -> Any:
        if self.entries is None:
            self.entries = _read(self.path)
        value = self.entries.get(key)
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: tuple, value: Any) -> None:
        if self.entries is None:
            self.entries = _read(self.path)
        self.entries[key] = self.used[key] = value
        if not self.grew:
            self.grew = True
            atexit.register(self.save)

    def save(self) -> None:
        if not self.grew:
            return
        self.grew = False
        # Keep what other runs compiled (another command may need other patterns), but not
        # analyses made by other source code, and never more than _MAX_BYTES: the file is
        # read whole at every start.
        current = _source_hash()
        kept = {k: v for k, v in _read(self.path).items() if k[0] != "fn" or k[2] == current}
        try:
            blob = _pack({**kept, **self.used})
            if len(blob) > _MAX_BYTES:
                blob = _pack(self.used)
        except ValueError as exc:  # a result marshal cannot write: a bug, but never fatal
            log.warning("pattern cache not written: %s", exc)
            return
        write_atomic(self.path, blob)


def _enabled() -> bool:
    return _BUILD is not None and os.environ.get("BRIGHTLINE_NO_CACHE", "") in ("", "0")


def _pack(entries: dict[tuple, Any]) -> bytes:
    body = marshal.dumps(entries)
    return zlib.crc32(body).to_bytes(4, "big") + body


def _read(path: Path) -> dict[tuple, Any]:
    try:
        blob = path.read_bytes()
    except OSError:
        return {}
    body = blob[4:]
    try:
        if zlib.crc32(body).to_bytes(4, "big") != blob[:4]:
            raise ValueError("checksum mismatch")
        entries = marshal.loads(body)
        if not isinstance(entries, dict):
            raise ValueError("not a table")
    except (ValueError, EOFError, TypeError) as exc:
        log.warning("ignoring unreadable pattern cache %s: %s", path, exc)
        return {}
    return entries


_store = _Store()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's twin
    """``re.compile``, reusing the engine code compiled for the same pattern in earlier runs."""
    if not _enabled():
        return re.compile(pattern, flags)
    flags = int(flags)
    key = ("re", hashlib.blake2b(pattern.encode("utf-8", "surrogatepass"), digest_size=16).digest(), flags)
    entry = _store.get(key)
    if entry is not None:
        final_flags, code, *groups = entry
        try:
            return _sre.compile(pattern, final_flags, array(_CODE, code).tolist(), *groups)
        except (TypeError, ValueError, RuntimeError):  # the engine refused the code: redo it
            log.warning("pattern cache entry rejected; compiling afresh")
    parsed = _parser.parse(pattern, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    code = _compiler._code(parsed, flags)
    final_flags = flags | parsed.state.flags
    compiled = _sre.compile(pattern, final_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    _store.put(key, (final_flags, array(_CODE, code).tobytes(), parsed.state.groups - 1, groupindex,
                     tuple(indexgroup)))
    return compiled


@functools.cache
def _source_hash() -> str:
    """A hash of the copy package's source: what every persisted analysis is computed by."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted((Path(__file__).parent / "copy").glob("*.py")) + [Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def persisted(fn: Callable[[str], _T]) -> Callable[[str], _T]:
    """Keep ``fn``'s results between runs. ``fn`` must be a pure function of one string,
    defined in the copy package, whose results ``marshal`` can write (str, tuples, sets,
    None…). Results are also kept in memory, like ``functools.cache``."""
    name = f"{fn.__module__}.{fn.__qualname__}"

    @functools.cache
    def wrapper(arg: str) -> _T:
        if not _enabled():
            return fn(arg)
        key = ("fn", name, _source_hash(), arg)
        found = _store.get(key)
        if found is not None:
            return found[0]
        value = fn(arg)
        _store.put(key, (value,))
        return value

    return functools.wraps(fn)(wrapper)


def save() -> None:
    """Write what this run added now rather than at exit (long-running processes)."""
    _store.save()

"""The bundled EasyPrivacy list as a ready ``FilterEngine``, parsed once and cached on disk.

Parsing the list takes on the order of 100 ms; decoding the cached index takes a fraction
of that. The cache lives in the user cache directory (``BRIGHTLINE_CACHE_DIR``, else
``$XDG_CACHE_HOME/brightline``, else ``~/.cache/brightline``) and is keyed by a hash of the
list and of the engine version, so a new list or a new engine never reads a stale index.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import logging
from functools import cache

import msgspec

from companion.resources import data_path
from companion.tracking.filters import FilterEngine, dump_engine, load_engine
from companion.user_cache import cache_dir, write_atomic

log = logging.getLogger("brightline.tracking")

#: Bump when the parsed form changes shape or meaning.
ENGINE_VERSION = "3"
LIST_NAME = "easyprivacy.txt"


def build_engine(text: str, *, use_cache: bool = True) -> FilterEngine:
    """Parse ``text`` (Adblock Plus syntax), reusing a cached index of the same text."""
    if not use_cache:
        return FilterEngine.from_text(text)
    digest = hashlib.sha256(f"{ENGINE_VERSION}\n{text}".encode()).hexdigest()[:24]
    path = cache_dir() / f"filters-{digest}.msgpack"
    try:
        return load_engine(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, msgspec.DecodeError, msgspec.ValidationError) as exc:
        log.warning("ignoring unreadable filter cache %s: %s", path, exc)
    engine = FilterEngine.from_text(text)
    write_atomic(path, dump_engine(engine))
    return engine


@cache
def easyprivacy() -> FilterEngine:
    text = data_path("trackers", LIST_NAME).read_text(encoding="utf-8")
    return build_engine(text)

"""Pausing Python's cyclic garbage collector for the length of one analysis."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off, then restore it.

    A large page makes some 10^5 objects (text nodes, element proxies, blocks) that all live
    until the analysis ends; the collector would walk them again at every threshold, which
    cost a quarter of the time of a 2 MB page. Nothing is lost: the cycles the analysis
    leaves behind are collected the next time the collector runs. Concurrent analyses (the
    service's thread pool) are safe: only the one that found the collector on turns it back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

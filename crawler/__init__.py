"""Brightline crawler: whole-site audits with Playwright, the shared collector and analyzer.

``from crawler import scan`` (and ``scan_sync``, ``watch``, ``Findings``) is the library API
for existing Playwright suites (in ``crawler.page_scan``: a module named ``scan`` would shadow
the function). It is imported on first use, so ``import crawler`` stays light (no Playwright).
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "scan": "crawler.page_scan",
    "scan_sync": "crawler.page_scan",
    "watch": "crawler.page_scan",
    "ScanFailed": "crawler.scan_findings",
    "Findings": "crawler.scan_findings",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'crawler' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

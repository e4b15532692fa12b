"""Report writers, one module per format, looked up in a format map (like Scrapy's FEED_EXPORTERS).

A writer module exposes ``FILENAME`` and ``write(report: dict, out_dir: Path) -> Path``; the
report dict is the ``report.json`` document (``crawler.reports.model.build_report``). Adding a
format is one module plus one line here. Formats whose module is not installed are skipped.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from types import ModuleType
from typing import Any

log = logging.getLogger("brightline.crawler.reports")

WRITERS: dict[str, str] = {
    "json": "crawler.reports.json_report",
    "html": "crawler.reports.html_report",
    "sarif": "crawler.reports.sarif",  # the QA issue's writer
    "junit": "crawler.reports.junit",  # the QA issue's writer
}


def write_atomically(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` through a temporary file, so a Ctrl-C or a crash never
    leaves a half-written report behind."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def writer(fmt: str) -> ModuleType | None:
    """The writer module for ``fmt``; None when that format is not part of this installation."""
    try:
        name = WRITERS[fmt]
    except KeyError:
        raise KeyError(f"unknown report format {fmt!r}; known: {', '.join(WRITERS)}") from None
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        if err.name == name:
            return None
        raise


def write_all(report: dict[str, Any], out_dir: Path, formats: list[str] | None = None) -> dict[str, Path]:
    """Write every available format; a writer that fails is logged and the others still run."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in formats or list(WRITERS):
        module = writer(fmt)
        if module is None:
            continue
        try:
            written[fmt] = module.write(report, out_dir)
        except Exception:  # noqa: BLE001 - one broken writer must not lose the other reports
            log.exception("the %s report writer failed", fmt)
    return written

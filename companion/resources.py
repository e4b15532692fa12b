"""Locate files that ship inside the package (data, collector.js), with a source-tree fallback."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

_PKG = resources.files("companion")


def data_path(*parts: str) -> Path:
    return Path(str(_PKG.joinpath("data", *parts)))


@cache
def collector_source() -> str:
    """The one collector script: package data in a wheel, ``extension/`` in a checkout."""
    packaged = Path(str(_PKG.joinpath("assets", "collector.js")))
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_tree = Path(__file__).resolve().parent.parent / "extension" / "collector.js"
    if in_tree.is_file():
        return in_tree.read_text(encoding="utf-8")
    raise FileNotFoundError(
        "collector.js is missing from the installation; reinstall brightline"
    )

"""Locate files that ship inside the package (data, the extension's shared scripts), with a
source-tree fallback."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

_PKG = resources.files("companion")


def data_path(*parts: str) -> Path:
    return Path(str(_PKG.joinpath("data", *parts)))


@cache
def extension_script(name: str) -> str:
    """A script of the extension that the crawler runs too (``collector.js``,
    ``content/consent_words.js``): package data in a wheel, ``extension/`` in a checkout."""
    packaged = Path(str(_PKG.joinpath("assets", Path(name).name)))
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    in_tree = Path(__file__).resolve().parent.parent / "extension" / name
    if in_tree.is_file():
        return in_tree.read_text(encoding="utf-8")
    raise FileNotFoundError(f"{Path(name).name} is missing from the installation; reinstall brightline")


def collector_source() -> str:
    """The one collector script."""
    return extension_script("collector.js")

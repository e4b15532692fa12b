"""The crawler's own phrases (``data/interact.json``): the wording of save controls."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from companion.lexicon import Lexicon, normalise


@cache
def _phrases() -> Lexicon:
    raw = resources.files("crawler").joinpath("data", "interact.json").read_text(encoding="utf-8")
    return Lexicon("interact", json.loads(raw))


def is_save_control(text: str) -> bool:
    return _phrases().search("save", normalise(text)) is not None

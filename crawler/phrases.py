"""The wording of save controls: the analyzer's ``save`` phrases (``controls.json``, every
language it reads) and the crawler's own additions (``data/interact.json``): words such as
"Apply" or "Submit" that save a form the crawler has just filled in, but would be too
loose to name a banner's buttons."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from companion.lexicon import Lexicon, lexicon, normalise


@cache
def _phrases() -> Lexicon:
    raw = resources.files("crawler").joinpath("data", "interact.json").read_text(encoding="utf-8")
    return Lexicon("interact", json.loads(raw))


def is_save_control(text: str) -> bool:
    low = normalise(text)
    return lexicon("controls").search("save", low) is not None or _phrases().search("save", low) is not None

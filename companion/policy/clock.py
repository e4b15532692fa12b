"""The date ignores are judged against. Tests replace :func:`today` (``monkeypatch.setattr``)."""

from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()

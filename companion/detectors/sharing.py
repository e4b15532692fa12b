"""Placeholder until the detector lands."""

RULES: tuple[str, ...] = ()


def check(page):
    return []

"""Tracker identification: entity map, EasyPrivacy, cookie database and behaviour."""

from __future__ import annotations


def warm() -> None:
    """Load every list now (the service and the crawler call this at start-up), so the first
    page analysed does not pay for parsing them."""
    from companion.tracking.cookies import cookie_database
    from companion.tracking.easyprivacy import easyprivacy
    from companion.tracking.entities import entity_map

    entity_map()
    easyprivacy()
    cookie_database()

"""Cookies and storage keys a refusal found already there.

A site that tracked before the person chose leaves its identifiers in the browser; they
are still there when the page is captured again after the refusal. What shows that a
tracker ran *after* the refusal is an identifier written since: a new one, or one whose
expiry, length or randomness changed (trackers re-write theirs, with a new expiry, on every
hit). Anything else is marked ``before_choice`` and left to the finding made before the
choice.
"""

from __future__ import annotations

from companion.models import Cookie, Snapshot, StorageKey


def mark_left_over(after: Snapshot, before: Snapshot) -> int:
    """Mark in ``after`` what is unchanged since ``before``; returns how many were marked."""
    cookies = {_cookie_key(c): _cookie_state(c) for c in before.cookies}
    storage = {_storage_key(k): _storage_state(k) for k in before.storage}
    marked = 0
    for cookie in after.cookies:
        if cookies.get(_cookie_key(cookie)) == _cookie_state(cookie):
            cookie.before_choice = True
            marked += 1
    for key in after.storage:
        if storage.get(_storage_key(key)) == _storage_state(key):
            key.before_choice = True
            marked += 1
    return marked


def _cookie_key(c: Cookie) -> tuple[str, str, str]:
    return c.name, c.domain.lower(), c.path


def _cookie_state(c: Cookie) -> tuple[float | None, bool, int, float]:
    return c.expires, c.session, c.value_length, c.entropy


def _storage_key(k: StorageKey) -> tuple[str, str, str]:
    return k.key, k.area, k.origin


def _storage_state(k: StorageKey) -> tuple[int, float]:
    return k.value_length, k.entropy

"""Registrable domains (eTLD+1) from the Public Suffix List, offline."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

_psl = PublicSuffixList()


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """``www.bbc.co.uk`` → ``bbc.co.uk``. IPs and single labels are returned unchanged."""
    host = host.strip(".").lower()
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return host
    return _psl.privatesuffix(host) or host


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def site_of(url: str) -> str:
    return registrable_domain(host_of(url))

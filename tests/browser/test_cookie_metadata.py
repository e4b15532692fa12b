"""Cookie metadata from Playwright's cookie list: measured, then the value is dropped."""

from __future__ import annotations

import msgspec
import pytest

from companion.entropy import shannon_entropy
from crawler.collect import cookie_metadata


def test_cookie_metadata_drops_values() -> None:
    raw = [
        {
            "name": "_ga",
            "value": "GA1.2.1234567890.1700000000",
            "domain": ".shop.test",
            "path": "/",
            "expires": 1800000000.5,
            "httpOnly": False,
            "secure": True,
            "sameSite": "Lax",
        },
        {
            "name": "sess",
            "value": "a",
            "domain": "shop.test",
            "path": "/cart",
            "expires": -1,
            "httpOnly": True,
            "secure": False,
            "sameSite": "None",
        },
    ]
    ga, sess = cookie_metadata(raw)
    assert ga.value_length == len(raw[0]["value"])
    assert ga.entropy == pytest.approx(shannon_entropy(raw[0]["value"]))
    assert ga.expires == 1800000000.5 and not ga.session and ga.secure and ga.same_site == "Lax"
    assert sess.session and sess.expires is None and sess.http_only and sess.path == "/cart"
    assert sess.value_length == 1 and sess.entropy == 0
    blob = msgspec.json.encode([ga, sess])
    assert b"GA1.2.1234567890" not in blob and b'"value"' not in blob

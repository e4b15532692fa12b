"""Hostile snapshots get a 4xx or a bounded-time analysis; never a crash, a 500 or a hang."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion import catalog
from companion.service import Settings
from companion.service.executor import KILL_GRACE_S
from tests.service.conftest import LiveServer
from tests.service.snapshots import (
    deep_dom,
    encode,
    huge_strings,
    many_elements,
    realistic_snapshot,
)

TIMEOUT_S = 8.0
# The worker's own deadline, the kill grace, and slack for a loaded CI machine.
BOUND_S = TIMEOUT_S + KILL_GRACE_S + 5.0
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("robust") / "history.sqlite3"
    settings_ = Settings(db_path=db, port=0, executor="process", workers=2,
                         analysis_timeout_s=TIMEOUT_S, max_body_mb=20)
    with LiveServer(settings_) as live:
        yield live


def _post(server: LiveServer, body: bytes) -> tuple[int, dict, float]:
    started = time.monotonic()
    status, data = server.request("POST", "/api/v1/analyze?record=false", body, JSON)
    return status, data, time.monotonic() - started


HOSTILE = {
    "deep-dom": lambda: encode(deep_dom()),
    "100k-elements": lambda: encode(many_elements()),
    "huge-strings": lambda: encode(huge_strings()),
    "invalid-utf8": lambda: b'{"url": "https://a.example/\xff\xfe", "dom": "\xc3\x28"}',
    "lone-surrogate": lambda: b'{"url": "https://a.example/", "dom": "<p>\\ud800</p>",'
                              b' "title": "\\udfff"}',
    "nan": lambda: b'{"url": "https://a.example/", "status": NaN}',
    "deep-json": lambda: b'{"url": "u", "elements": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
    "wrong-types": lambda: encode({"url": ["x"], "elements": {"idx": "0"}, "dom": 5}),
    "huge-number": lambda: b'{"url": "u", "status": 1' + b"0" * 5000 + b"}",
    "null-bytes": lambda: encode({"url": "https://a.example/\x00",
                                  "dom": "<p>\x00\x00</p>" * 1000}),
    "elements-without-dom": lambda: encode(
        {"url": "https://a.example/",
         "elements": [{"idx": -1, "tag": "", "parent": 10**9, "box":
                       {"x": 1e308, "y": -1e308, "width": 0, "height": -5}}]}),
    "array-root": lambda: b"[]",
    "html-instead-of-json": lambda: b"<html><body>hello</body></html>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_snapshot_is_refused_or_bounded(server: LiveServer, name: str) -> None:
    status, data, took = _post(server, HOSTILE[name]())
    assert status in (200, 400, 413, 422), (status, data)
    assert took < BOUND_S, f"{name} took {took:.1f}s"
    if status != 200:
        assert data["error"]["status"] == status
        assert data["error"]["message"]
    # The service is still healthy afterwards.
    assert server.request("GET", "/healthz")[0] == 200


def test_heavy_page_does_not_stall_others(server: LiveServer) -> None:
    heavy = encode(many_elements())
    done = threading.Event()

    def post_heavy() -> None:
        _post(server, heavy)
        done.set()

    thread = threading.Thread(target=post_heavy)
    thread.start()
    time.sleep(0.5)  # the heavy body is uploaded and being analysed
    latencies = []
    light = encode(realistic_snapshot(elements=20, requests=10))
    for _ in range(5):
        started = time.monotonic()
        assert server.request("GET", "/healthz")[0] == 200
        latencies.append(time.monotonic() - started)
        status, data, _ = _post(server, light)
        assert status == 200, data
    thread.join(BOUND_S + 5)
    assert done.is_set()
    assert max(latencies) < 1.0, latencies


# -- property-based: random snapshots through the endpoint -----------------------------------
_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40
)
_phrases = st.sampled_from([
    "Accept all", "Reject all", "Alle akzeptieren", "Tout refuser", "Rechazar todo",
    "Accetta", "Alles weigeren", "Settings", "Only 2 left", "27 people are looking at this",
    "By continuing to browse you accept cookies", "No thanks, I prefer paying full price",
    "Share my details with partners", "offer ends in 09:59",
])
_words = st.one_of(_text, _phrases)
_tags = st.sampled_from(["div", "button", "a", "input", "p", "span", "dialog", "label",
                         "section", "iframe", "h1", "li", "form"])
_box = st.builds(dict, x=st.floats(-1e4, 1e4), y=st.floats(-1e4, 1e4),
                 width=st.floats(0, 5000), height=st.floats(0, 5000))
_style = st.fixed_dictionaries({}, optional={
    "color": st.sampled_from(["rgb(0, 0, 0)", "rgba(255,255,255,0.5)", "red", "", "bogus"]),
    "background_color": st.sampled_from(["rgb(26, 86, 219)", "transparent", "#fff", "x"]),
    "font_size": st.floats(0, 200), "font_weight": st.integers(0, 1000),
    "opacity": st.floats(0, 1), "z_index": st.integers(-2**31, 2**31 - 1),
    "position": st.sampled_from(["fixed", "static", "sticky", "absolute"]),
    "padding": st.lists(st.floats(0, 100), max_size=4),
})


@st.composite
def _element(draw: st.DrawFn, idx: int) -> dict:
    el = {"idx": idx, "tag": draw(_tags), "text": draw(_words)}
    el.update(draw(st.fixed_dictionaries({}, optional={
        "box": _box, "style": _style, "checked": st.booleans(), "visible": st.booleans(),
        "type": st.sampled_from(["checkbox", "radio", "button", "submit", "text"]),
        "role": st.sampled_from(["button", "switch", "dialog", "link"]),
        "label": _words, "selector": _text, "parent": st.integers(-5, 50),
        "href": st.sampled_from(["#", "/privacy", "javascript:void(0)", "https://x.example/"]),
    })))
    return el


@st.composite
def valid_snapshots(draw: st.DrawFn) -> dict:
    n = draw(st.integers(0, 25))
    elements = [draw(_element(i)) for i in range(n)]
    body = "".join(
        f'<{e["tag"]} data-bl-idx="{e["idx"]}"'
        + (' type="checkbox" checked' if e.get("type") == "checkbox" else "")
        + f'>{e["text"]}</{e["tag"]}>'
        for e in elements
    )
    wrapper = draw(st.sampled_from(["", '<div id="onetrust-banner-sdk">', '<div role="dialog">']))
    dom = f"<html><body>{wrapper}{body}{'</div>' if wrapper else ''}</body></html>"
    host = draw(st.sampled_from(["www.shop.example", "localhost", "192.168.0.1",
                                 "xn--bcher-kva.example", "a.b.c.co.uk"]))
    snap = {
        "url": f"https://{host}/{draw(st.text('abc/?=&#', max_size=10))}",
        "source": draw(st.sampled_from(["extension", "crawler", "file"])),
        "phase": draw(st.sampled_from(["initial", "after-reject", "after-accept"])),
        "dom": draw(st.sampled_from([dom, dom[: len(dom) // 2], ""])),
        "elements": elements,
        "requests": draw(st.lists(st.builds(
            dict,
            url=st.one_of(st.sampled_from([
                "https://www.google-analytics.com/g/collect?v=2", "https://connect.facebook.net/x.js",
                "https://stats.g.doubleclick.net/j/collect", "data:,x", "not a url", ""]),
                _text),
            type=st.sampled_from(["image", "script", "xhr", "beacon", "other"]),
            time_ms=st.floats(-100, 1e6)), max_size=15)),
        "cookies": draw(st.lists(st.builds(
            dict, name=st.one_of(st.sampled_from(["_ga", "_fbp", "IDE", "uid"]), _text),
            domain=st.sampled_from([".shop.example", ".doubleclick.net", "", "x"]),
            value_length=st.integers(0, 4096), entropy=st.floats(0, 8)), max_size=6)),
        "frames": draw(st.lists(st.builds(
            dict, url=st.sampled_from(["https://cmp.example/", "about:blank", ""]),
            dom=st.sampled_from(["", dom]), cross_origin=st.booleans()), max_size=2)),
    }
    return snap


_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                       _text)
_json_any = st.recursive(_json_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=4)), max_leaves=20)


@st.composite
def mangled_snapshots(draw: st.DrawFn) -> dict:
    """A valid snapshot with some fields replaced by arbitrary JSON."""
    snap = draw(valid_snapshots())
    for key in draw(st.lists(st.sampled_from(
            ["url", "phase", "elements", "dom", "requests", "cookies", "viewport", "schema",
             "frames", "storage", "extra"]), max_size=3)):
        snap[key] = draw(_json_any)
    if snap.get("elements") and isinstance(snap["elements"], list) and draw(st.booleans()):
        snap["elements"][0] = draw(_json_any)
    return snap


_RULES = set(catalog.rules())
_fuzz = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])


@_fuzz
@given(snap=valid_snapshots())
def test_property_valid_snapshots_are_analysed(server: LiveServer, snap: dict) -> None:
    status, data, took = _post(server, json.dumps(snap).encode())
    assert status == 200, data
    assert took < BOUND_S
    assert set(data) >= {"findings", "rules", "verdict", "banner", "trackers"}
    assert {f["rule"] for f in data["findings"]} <= _RULES
    assert {r["id"] for r in data["rules"]} == {f["rule"] for f in data["findings"]}


@_fuzz
@given(snap=mangled_snapshots())
def test_property_mangled_snapshots_get_200_or_400_with_a_path(
    server: LiveServer, snap: dict
) -> None:
    status, data, took = _post(server, json.dumps(snap).encode())
    assert status in (200, 400), data
    assert took < BOUND_S
    if status == 400:
        assert data["error"]["path"].startswith("$")


@_fuzz
@given(raw=st.binary(max_size=300))
def test_property_random_bytes_never_crash(server: LiveServer, raw: bytes) -> None:
    status, data, _ = _post(server, raw)
    assert status == 400, data


def test_database_survives_the_fuzzing(server: LiveServer, tmp_path: Path) -> None:
    status, data = server.request("GET", "/api/v1/history")
    assert status == 200 and data["total"] == 0  # every fuzz post used record=false

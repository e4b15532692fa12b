"""Static checks of the extension: manifest, permissions, no remote code, no eval."""

from __future__ import annotations

import json
import re
from pathlib import Path

from companion.extension_id import EXTENSION_ID

EXT = Path(__file__).resolve().parents[2] / "extension"
MANIFEST = json.loads((EXT / "manifest.json").read_text())
SCRIPTS = [p for p in EXT.rglob("*.js")]


def test_manifest_is_mv3_with_the_fixed_key() -> None:
    import base64
    import hashlib

    assert MANIFEST["manifest_version"] == 3
    digest = hashlib.sha256(base64.b64decode(MANIFEST["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == EXTENSION_ID


def test_permissions_are_the_documented_minimum() -> None:
    assert sorted(MANIFEST["permissions"]) == ["alarms", "cookies", "storage", "webNavigation"]
    assert MANIFEST["host_permissions"] == ["<all_urls>"]
    # Not even observing webRequest: with it Chromium proxies every request through the
    # extension (about +10% page load time); requests come from Resource Timing instead.
    assert not {"webRequest", "webRequestBlocking"} & set(MANIFEST["permissions"])
    docs = (EXT.parent / "docs" / "extension.md").read_text()
    for perm in [*MANIFEST["permissions"], "<all_urls>"]:
        assert f"`{perm}`" in docs, f"docs/extension.md does not explain {perm}"


def test_no_web_page_can_connect_and_nothing_is_exposed_to_pages() -> None:
    ext = MANIFEST.get("externally_connectable", {})
    assert not ext.get("matches"), "web pages must not be able to message the extension"
    assert ext.get("ids") == []
    assert "web_accessible_resources" not in MANIFEST


def test_content_script_runs_collector_first_in_every_frame() -> None:
    (cs,) = MANIFEST["content_scripts"]
    assert cs["all_frames"] is True
    assert cs["js"][0] == "collector.js"
    assert cs["js"][-1] == "content/capture.js"
    for path in cs["js"]:
        assert (EXT / path).is_file(), path


def test_csp_only_allows_loopback_connections() -> None:
    csp = MANIFEST["content_security_policy"]["extension_pages"]
    connect = re.search(r"connect-src ([^;]+)", csp).group(1).split()
    assert connect and all(re.match(r"https?://(127\.0\.0\.1|localhost):\*$", c) for c in connect)
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp


def test_no_eval_and_no_remote_code() -> None:
    banned = re.compile(r"\beval\s*\(|new\s+Function\s*\(|importScripts\s*\(|setTimeout\s*\(\s*['\"`]")
    remote = re.compile(r"""(?:src|import)\s*(?:=|\(|from)?\s*["'`]https?://""")
    for path in SCRIPTS:
        text = path.read_text()
        assert not banned.search(text), f"{path.name} evaluates strings as code"
        assert not remote.search(text), f"{path.name} loads remote code"
    for page in EXT.rglob("*.html"):
        html = page.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{page.name} has inline script"
        assert not re.search(r"src=[\"']https?://", html), f"{page.name} loads remote code"


def test_handled_errors_are_not_logged() -> None:
    for path in SCRIPTS:
        if path.name == "collector.js":
            continue
        assert "console." not in path.read_text(), f"{path.name} writes to the console"


def test_only_the_companion_module_makes_network_requests() -> None:
    network = re.compile(r"\bfetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource")
    users = sorted(
        p.relative_to(EXT).as_posix() for p in SCRIPTS if p.name != "collector.js" and network.search(p.read_text())
    )
    assert users == ["background/companion.js"]

"""``brightline crawl`` exit codes: each --fail-on level, the policy file, and start URLs it cannot load.

The site is a small HTTPS server on loopback with a self-signed certificate. The browser
reaches every host name through it (``--host-resolver-rules``), so the third-party trackers
are real requests that never leave the machine:

* ``https://shop.test/checkout/``: pressure copy only (two ``low`` findings);
* ``https://shop.test/tracked/``: Meta Pixel, Cloudflare Web Analytics and a 1x1 pixel on
  ``stats.example.com`` (``tracker.third-party``, medium; ``consent.tracking-before-consent``, high);
* ``https://shop.test/hang``: never answers.

Connection refused and an HTTP 500 start page are in ``test_crawl_cli.py``.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from aiohttp import web
from crawl_site import serve_in_thread

from companion.cli import main
from tests.fixtureweb.tls import server_context

pytestmark = pytest.mark.browser

PRESSURE = """<!doctype html><html lang=en><head><title>Checkout</title></head><body><main>
<h1>Your basket</h1><p>Offer ends in 09:59! Hurry</p><p>27 people are looking at this right now</p>
</main></body></html>"""

TRACKED = """<!doctype html><html lang=en><head><title>Shop</title>
<script src="https://connect.facebook.net/en_US/fbevents.js"></script>
<script src="https://static.cloudflareinsights.com/beacon.min.js"></script>
</head><body><main><h1>Welcome</h1><p>Fresh bread every morning.</p>
<img src="https://stats.example.com/p.gif?uid=5f2b9c81d4e7a3b6" width="1" height="1" alt=""></main></body></html>"""

PIXEL = bytes.fromhex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")


@dataclass
class Shop:
    port: int = 0

    def url(self, path: str) -> str:
        return f"https://shop.test{path}"

    def flags(self, *, trust: bool = True) -> str:
        rules = f"--host-resolver-rules='MAP * 127.0.0.1:{self.port}, EXCLUDE localhost'"
        return f"{rules} --ignore-certificate-errors" if trust else rules


async def _handle(request: web.Request) -> web.StreamResponse:
    host, path = request.host.split(":")[0], request.path
    if host == "shop.test":
        if path == "/checkout/":
            return web.Response(text=PRESSURE, content_type="text/html")
        if path == "/tracked/":
            return web.Response(text=TRACKED, content_type="text/html")
        if path == "/hang":
            await asyncio.sleep(60)
        return web.Response(status=404, text="not found")
    if host == "stats.example.com":
        return web.Response(body=PIXEL, content_type="image/gif")
    return web.Response(text="/* tag */", content_type="application/javascript")


@pytest.fixture(scope="module")
def shop() -> Iterator[Shop]:
    site = Shop()
    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", _handle)
    with tempfile.TemporaryDirectory(prefix="shop-tls-") as certs:
        with serve_in_thread(app, ssl_context=server_context(Path(certs))) as port:
            site.port = port
            yield site


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # policy discovery looks in the current directory
    return tmp_path


def crawl(shop: Shop, path: str, out: Path, *extra: str, trust: bool = True, timeout: float = 10) -> int:
    return main([
        "crawl", shop.url(path), "--out", str(out), "--max-pages", "1", "--no-sitemap", "--interact", "none",
        "--delay", "0", "--timeout", str(timeout), "--quiet", "--chrome-flags", shop.flags(trust=trust), *extra,
    ])


def report_of(out: Path) -> dict:
    return json.loads((out / "report.json").read_text())


def write_policy(workdir: Path, text: str) -> None:
    (workdir / "brightline.toml").write_text(textwrap.dedent(text))


# -- the gate ----------------------------------------------------------------------------------
def test_fail_on_levels_around_low_findings(shop, workdir, chromium_path) -> None:
    codes = {}
    for level in ("high", "medium", "low", "info", "none", None):
        extra = ["--fail-on", level] if level else []
        codes[level] = crawl(shop, "/checkout/", workdir / f"out-{level}", *extra)
    by_severity = report_of(workdir / "out-high")["summary"]["by_severity"]
    assert by_severity == {"high": 0, "medium": 0, "low": 2, "info": 0}
    assert codes == {"high": 0, "medium": 0, "low": 1, "info": 1, "none": 0, None: 0}  # default: high


def test_fail_on_levels_around_high_and_medium_findings(shop, workdir, chromium_path) -> None:
    assert crawl(shop, "/tracked/", workdir / "a") == 1  # default gate high
    report = report_of(workdir / "a")
    assert report["summary"]["by_rule"] == {"consent.tracking-before-consent": 1, "tracker.third-party": 3}
    assert "policy" not in report
    assert crawl(shop, "/tracked/", workdir / "b", "--fail-on", "none") == 0


def test_policy_fail_on_and_cli_override(shop, workdir, chromium_path) -> None:
    write_policy(workdir, 'fail-on = "low"\n')
    assert crawl(shop, "/checkout/", workdir / "a") == 1
    assert report_of(workdir / "a")["policy"]["file"] == "brightline.toml"
    assert crawl(shop, "/checkout/", workdir / "b", "--fail-on", "medium") == 0


def test_policy_severity_override(shop, workdir, chromium_path) -> None:
    write_policy(workdir, '[severity]\n"pressure.countdown" = "high"\n')
    assert crawl(shop, "/checkout/", workdir / "out") == 1  # low by default: the default gate (high) passed
    report = report_of(workdir / "out")
    timer = next(f for f in report["pages"][0]["findings"] if f["rule"] == "pressure.countdown")
    assert (timer["severity"], timer["default_severity"]) == ("high", "low")
    assert report["summary"]["by_severity"]["high"] == 1


def test_ignore_then_expired(shop, workdir, chromium_path, monkeypatch, capsys) -> None:
    from companion.policy import clock

    write_policy(workdir, """\
        fail-on = "low"
        [[ignore]]
        rule = "pressure.countdown"
        pages = "/checkout/*"
        reason = "Launch timer approved by legal, ticket LEG-42"
        expires = 2026-12-31
        [[ignore]]
        rule = "pressure.social-proof"
        reason = "Counts are real, checked in QA-7"
        expires = 2027-06-30
        """)
    monkeypatch.setattr(clock, "today", lambda: date(2026, 6, 1))
    assert crawl(shop, "/checkout/", workdir / "a") == 0
    page = report_of(workdir / "a")["pages"][0]
    assert page["findings"] == [] and len(page["suppressed"]) == 2
    capsys.readouterr()

    monkeypatch.setattr(clock, "today", lambda: date(2027, 1, 1))
    assert crawl(shop, "/checkout/", workdir / "b") == 1
    assert "brightline.toml:2: the ignore of pressure.countdown expired on 2026-12-31" in capsys.readouterr().err
    report = report_of(workdir / "b")
    assert [f["rule"] for f in report["pages"][0]["findings"]] == ["pressure.countdown"]
    assert report["policy"]["expired"][0]["expires"] == "2026-12-31"


def test_allowed_vendors_and_hosts(shop, workdir, chromium_path) -> None:
    write_policy(workdir, '[allow]\nvendors = ["Meta", "Cloudflare"]\nhosts = ["stats.example.com"]\n')
    assert crawl(shop, "/tracked/", workdir / "out", "--fail-on", "info") == 0
    report = report_of(workdir / "out")
    assert report["summary"]["by_rule"] == {}
    assert report["policy"]["suppressed"] == 4
    write_policy(workdir, '[allow]\nvendors = ["Meta"]\n')  # the stats.example.com pixel still counts
    assert crawl(shop, "/tracked/", workdir / "out2") == 1
    consent = report_of(workdir / "out2")["pages"][0]["findings"][0]
    assert consent["evidence"]["hosts"] == ["stats.example.com"]


def test_a_policy_error_stops_before_crawling(shop, workdir, capsys) -> None:
    write_policy(workdir, '[allow]\nvendor = ["Meta"]\n')
    assert crawl(shop, "/tracked/", workdir / "out") == 2
    err = capsys.readouterr().err
    assert "brightline.toml:2: unknown key 'vendor' in [allow]; did you mean 'vendors'?" in err
    assert not (workdir / "out").exists()


# -- a start URL it cannot load: exit 2 and why -------------------------------------------------------
def start_error(capsys, code: int) -> str:
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1
    return err


def test_dns_failure(workdir, capsys, chromium_path) -> None:
    # ~NOTFOUND answers every lookup inside the browser: nothing is sent to a DNS server
    code = main([
        "crawl", "https://www.brightline-nowhere.invalid/", "--out", str(workdir / "out"), "--quiet",
        "--no-sitemap", "--chrome-flags", "--host-resolver-rules='MAP * ~NOTFOUND'",
    ])
    err = start_error(capsys, code)
    assert "could not load the start URL https://www.brightline-nowhere.invalid/" in err
    assert "DNS: the host name does not resolve (net::ERR_NAME_NOT_RESOLVED)" in err


def test_tls_error(shop, workdir, capsys, chromium_path) -> None:
    err = start_error(capsys, crawl(shop, "/checkout/", workdir / "out", trust=False))
    assert "could not load the start URL https://shop.test/checkout/" in err
    assert "TLS: certificate error (net::ERR_CERT_" in err


def test_timeout(shop, workdir, capsys, chromium_path) -> None:
    err = start_error(capsys, crawl(shop, "/hang", workdir / "out", timeout=3))
    assert "could not load the start URL https://shop.test/hang: timeout" in err
    assert report_of(workdir / "out")["pages"][0]["error"].startswith("timeout")

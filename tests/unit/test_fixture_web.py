"""The fixture web without a browser: host routing, TLS, the CDN, trackers, the log, the data."""

from __future__ import annotations

import asyncio
import json
import re
import ssl
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from tests.fixtureweb.generated import BLOG_HOST, SHOP_HOST, shop_pages
from tests.fixtureweb.server import WEB_ROOT, FixtureWeb, npm_file, resolve_file, site_names

SITES = WEB_ROOT / "sites"
STATIC = WEB_ROOT.parent / "static"
RULE_IDS = {
    "consent.banner",
    "consent.no-reject-first-layer",
    "consent.asymmetric-choice",
    "consent.preticked-purpose",
    "consent.cookie-wall",
    "consent.implied-consent",
    "consent.confirmshaming",
    "consent.tracking-before-consent",
    "consent.choice-not-respected",
    "tracker.third-party",
    "sharing.prechecked-optin",
    "sharing.trick-question",
    "pressure.countdown",
    "pressure.scarcity",
    "pressure.social-proof",
    "pressure.sneak-into-basket",
}
needs_npm = pytest.mark.skipif(
    not (WEB_ROOT / "node_modules").is_dir(),
    reason="npm packages missing: run `npm ci` in tests/fixtures/web (scripts/setup.sh does)",
)


async def get(web: FixtureWeb, url: str, **kw) -> tuple[int, dict, bytes, aiohttp.ClientResponse]:
    async with web.session() as session, session.get(url, allow_redirects=False, **kw) as resp:
        return resp.status, dict(resp.headers), await resp.read(), resp


# -- routing ------------------------------------------------------------------------------
async def test_routes_by_host_header(fixture_web: FixtureWeb) -> None:
    s1, _, blog, _ = await get(fixture_web, fixture_web.url(BLOG_HOST, "/"))
    s2, _, login, _ = await get(fixture_web, fixture_web.url("accounts.harbourmail.net", "/"))
    assert (s1, s2) == (200, 200)
    assert b"Crumbs &amp; Crust" in blog and b"Crumbs &amp; Crust" not in login
    assert b"Harbourmail" in login


async def test_pretty_urls_and_private_files(fixture_web: FixtureWeb) -> None:
    status, headers, body, _ = await get(
        fixture_web, fixture_web.url("www.flyaway-deals.com", "/checkout")
    )
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert (await get(fixture_web, fixture_web.url(BLOG_HOST, "/expected.json")))[0] == 404
    assert (await get(fixture_web, fixture_web.url(BLOG_HOST, "/../../package.json")))[0] == 404
    assert (await get(fixture_web, fixture_web.url(BLOG_HOST, "/no-such-page")))[0] == 404


async def test_unknown_host_is_404(fixture_web: FixtureWeb) -> None:
    status, _, body, _ = await get(fixture_web, "https://www.not-a-fixture.example/")
    assert status == 404 and b"no site for host" in body


def test_resolve_file_never_escapes(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "secret.txt").write_text("x")
    (tmp_path / "site" / "a.html").write_text("a")
    assert resolve_file(tmp_path / "site", "/a") == (tmp_path / "site" / "a.html").resolve()
    assert resolve_file(tmp_path / "site", "/../secret.txt") is None
    assert resolve_file(tmp_path / "site", "/_template.html") is None


# -- TLS ------------------------------------------------------------------------------------
async def test_tls_is_self_signed(fixture_web: FixtureWeb) -> None:
    strict = ssl.create_default_context()
    with pytest.raises(ssl.SSLCertVerificationError):
        await asyncio.open_connection(
            "127.0.0.1", fixture_web.port, ssl=strict, server_hostname=BLOG_HOST
        )
    lax = ssl.create_default_context()
    lax.check_hostname = False
    lax.verify_mode = ssl.CERT_NONE
    reader, writer = await asyncio.open_connection(
        "127.0.0.1", fixture_web.port, ssl=lax, server_hostname=BLOG_HOST
    )
    writer.write(f"GET / HTTP/1.1\r\nHost: {BLOG_HOST}\r\nConnection: close\r\n\r\n".encode())
    assert (await reader.readline()).startswith(b"HTTP/1.1 200")
    writer.close()


def test_chrome_flags_map_every_host(fixture_web: FixtureWeb) -> None:
    flags = fixture_web.chrome_flags
    assert f"--host-resolver-rules=MAP * 127.0.0.1:{fixture_web.port}, EXCLUDE localhost" in flags
    assert "--ignore-certificate-errors" in flags
    import shlex

    assert shlex.split(fixture_web.chrome_flags_arg) == flags
    assert fixture_web.url("www.example.org", "a/b?c=1") == "https://www.example.org/a/b?c=1"


# -- CDN --------------------------------------------------------------------------------
@needs_npm
async def test_cdn_serves_npm_files(fixture_web: FixtureWeb) -> None:
    path = "/npm/vanilla-cookieconsent@3.1.0/dist/cookieconsent.umd.js"
    status, headers, body, _ = await get(fixture_web, fixture_web.url("cdn.jsdelivr.net", path))
    assert status == 200 and "javascript" in headers["Content-Type"]
    on_disk = WEB_ROOT / "node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js"
    assert body == on_disk.read_bytes()
    assert headers["Access-Control-Allow-Origin"] == "*"
    major = await get(
        fixture_web, fixture_web.url("cdn.jsdelivr.net", "/npm/klaro@0/dist/klaro.js")
    )
    assert major[0] == 200
    scoped = "/npm/@porscheofficial/cookie-consent-banner@4.1.0/dist/index.js"
    assert (await get(fixture_web, fixture_web.url("cdn.jsdelivr.net", scoped)))[0] == 200


@needs_npm
def test_cdn_rejects_wrong_versions_and_escapes() -> None:
    assert npm_file(WEB_ROOT, "/npm/klaro@9.9.9/dist/klaro.js") is None
    assert npm_file(WEB_ROOT, "/npm/klaro@0.7.22/../../package.json") is None
    assert npm_file(WEB_ROOT, "/npm/left-pad@1.0.0/index.js") is None
    assert npm_file(WEB_ROOT, "/npm/orejime@3.2.1/dist/orejime-standard-fr.js") is not None


# -- trackers -----------------------------------------------------------------------------
def _set_cookie_headers(resp: aiohttp.ClientResponse) -> list[str]:
    return resp.headers.getall("Set-Cookie", [])


@pytest.mark.parametrize(
    ("url", "name", "domain"),
    [
        ("https://www.facebook.com/tr/?id=1234&ev=PageView", "fr", ".facebook.com"),
        ("https://bat.bing.com/action/0?ti=5&evt=pageLoad", "MUID", ".bing.com"),
        ("https://px.ads.linkedin.com/collect/?pid=77&fmt=gif", "bcookie", ".linkedin.com"),
        ("https://t.pixelsyncer.io/p.gif?k=pub-1&uid=abc", "psid", ".pixelsyncer.io"),
    ],
)
async def test_tracker_endpoints_set_third_party_cookies(
    fixture_web: FixtureWeb, url: str, name: str, domain: str
) -> None:
    async with fixture_web.session() as session:
        async with session.get(url) as resp:
            assert resp.status in (200, 204)
            cookies = [c for c in _set_cookie_headers(resp) if c.startswith(name + "=")]
        assert len(cookies) == 1, _set_cookie_headers(resp)
        header = cookies[0]
        assert f"Domain={domain}" in header and "SameSite=None" in header and "Secure" in header
        assert "Max-Age=" in header
        # A returning browser keeps its identifier: the cookie is not set again.
        async with session.get(url, headers={"Cookie": f"{name}=x"}) as again:
            assert not [c for c in _set_cookie_headers(again) if c.startswith(name + "=")]


async def test_unlisted_tracker_identifier_is_random(fixture_web: FixtureWeb) -> None:
    values = set()
    for _ in range(3):
        _, _, _, resp = await get(fixture_web, "https://t.pixelsyncer.io/p.gif?k=pub-1")
        values.add(resp.cookies["psid"].value)
    assert len(values) == 3 and all(re.fullmatch(r"[0-9a-f]{32}", v) for v in values)


@pytest.mark.parametrize(
    ("url", "marker"),
    [
        ("https://www.googletagmanager.com/gtag/js?id=G-TEST", "_ga"),
        ("https://connect.facebook.net/en_US/fbevents.js", "_fbp"),
        ("https://bat.bing.com/bat.js", "_uetvid"),
        ("https://static.hotjar.com/c/hotjar-123.js?sv=6", "_hjSessionUser_"),
        ("https://snap.licdn.com/li.lms-analytics/insight.min.js", "px.ads.linkedin.com"),
        ("https://cdn.pixelsyncer.io/ps.js?k=pub-1", "t.pixelsyncer.io/p.gif"),
    ],
)
async def test_tracker_scripts_are_javascript(
    fixture_web: FixtureWeb, url: str, marker: str
) -> None:
    status, headers, body, _ = await get(fixture_web, url)
    assert status == 200 and headers["Content-Type"].startswith("application/javascript")
    text = body.decode()
    assert marker in text and "var __bl" in text  # the shared helpers come first


def test_tracker_scripts_parse_as_javascript(tmp_path: Path) -> None:
    node = subprocess.run(["node", "--version"], capture_output=True, check=False)
    if node.returncode != 0:
        pytest.skip("node not installed")
    common = (WEB_ROOT / "trackers/common.js").read_text()
    for script in sorted((WEB_ROOT / "trackers").glob("*.js")):
        joined = tmp_path / script.name
        joined.write_text(common + "\n" + script.read_text())
        done = subprocess.run(["node", "--check", str(joined)], capture_output=True, text=True)
        assert done.returncode == 0, f"{script.name}: {done.stderr}"


# -- log -----------------------------------------------------------------------------------
async def test_log_keeps_cookie_names_not_values(fixture_web: FixtureWeb) -> None:
    mark = fixture_web.log.mark()
    await get(
        fixture_web, "https://www.facebook.com/tr/?id=9", headers={"Cookie": "datr=SECRETVALUE42"}
    )
    entries = fixture_web.log.for_host("www.facebook.com", since=mark)
    assert entries and entries[-1].path == "/tr/" and "id=9" in entries[-1].query
    assert entries[-1].cookies == ("datr",) and entries[-1].set_cookies == ("fr",)
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{fixture_web.origin}/__log?since={mark}", ssl=False) as resp:
            dumped = await resp.text()
    assert "SECRETVALUE42" not in dumped
    assert any(e["url"] == "https://www.facebook.com/tr/?id=9" for e in json.loads(dumped))


async def test_control_host_lists_sites() -> None:
    async with FixtureWeb() as web, aiohttp.ClientSession() as session:
        async with session.get(f"{web.origin}/", ssl=False) as resp:
            sites = (await resp.json())["sites"]
        assert BLOG_HOST in sites and SHOP_HOST in sites and "cdn.jsdelivr.net" not in sites
        async with web.session() as routed:
            await (await routed.get(web.url(BLOG_HOST))).read()
        assert web.log.entries
        async with session.delete(f"{web.origin}/__log", ssl=False) as resp:
            assert resp.status == 204
        assert not web.log.entries


# -- generated sites and traps -------------------------------------------------------------
async def test_big_shop_has_over_100_pages(fixture_web: FixtureWeb) -> None:
    assert len(shop_pages()) >= 100
    status, _, body, _ = await get(fixture_web, fixture_web.url(SHOP_HOST, "/sitemap.xml"))
    locs = re.findall(rb"<loc>([^<]+)</loc>", body)
    assert status == 200 and len(locs) == len(shop_pages())
    for path in ("/", "/c/tents", "/p/maps-10", "/about"):
        status, _, page, _ = await get(fixture_web, fixture_web.url(SHOP_HOST, path))
        assert status == 200 and b"cookieconsent" in page
    assert (await get(fixture_web, fixture_web.url(SHOP_HOST, "/p/maps-11")))[0] == 404
    consent_js = await get(fixture_web, fixture_web.url(SHOP_HOST, "/assets/consent.js"))
    assert consent_js[0] == 200 and b"CookieConsent.run" in consent_js[2]
    robots = (await get(fixture_web, fixture_web.url(SHOP_HOST, "/robots.txt")))[2]
    assert b"Sitemap: https://www.outdoor-gear-depot.com/sitemap.xml" in robots


async def test_calendar_trap_is_endless(fixture_web: FixtureWeb) -> None:
    url = fixture_web.url(BLOG_HOST, "/archive/calendar?month=2026-11")
    seen = set()
    for _ in range(5):
        body = (await get(fixture_web, url))[2].decode()
        nxt = re.findall(r'href="(/archive/calendar\?month=\d{4}-\d{2})"', body)[-1]
        assert nxt not in seen
        seen.add(nxt)
        url = fixture_web.url(BLOG_HOST, nxt)
    assert "2027-04" in nxt


async def test_session_id_trap_mints_new_urls(fixture_web: FixtureWeb) -> None:
    url = fixture_web.url(BLOG_HOST, "/print?recipe=brown-butter-cookies&sessionid=1")
    ids = {
        re.search(rb"sessionid=([0-9a-f]+)", (await get(fixture_web, url))[2])[1] for _ in range(3)
    }
    assert len(ids) == 3


def test_crawlable_sites_have_robots_and_sitemap() -> None:
    for host in (BLOG_HOST, "www.flyaway-deals.com"):
        robots = (SITES / host / "robots.txt").read_text()
        assert f"Sitemap: https://{host}/sitemap.xml" in robots
        sitemap = (SITES / host / "sitemap.xml").read_text()
        for loc in re.findall(r"<loc>https://([^/<]+)(/[^<]*)</loc>", sitemap):
            assert loc[0] == host and resolve_file(SITES / host, loc[1]) is not None, loc


def test_cli_prints_the_port() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.fixtureweb.server", "--port", "0"],
        cwd=WEB_ROOT.parent.parent.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline().strip() if proc.stdout else ""
        assert line.isdigit() and 0 < int(line) < 65536
        ctx = ssl._create_unverified_context()
        import http.client

        conn = http.client.HTTPSConnection("127.0.0.1", int(line), context=ctx, timeout=10)
        conn.request("GET", "/", headers={"Host": BLOG_HOST})
        assert conn.getresponse().status == 200
    finally:
        proc.terminate()
        proc.wait(10)


# -- the expectations themselves -------------------------------------------------------------
def _phase_sets(expected: dict) -> list[dict]:
    out = list(expected.get("phases", {}).values())
    for page in expected.get("pages", {}).values():
        out.extend(page.get("phases", {}).values())
    return out


def _live_expectations() -> dict[str, dict]:
    return {
        name: json.loads((SITES / name / "expected.json").read_text())
        for name in site_names()
        if (SITES / name / "expected.json").is_file()
    }


def _static_expectations() -> dict[str, dict]:
    return {
        p.parent.name: json.loads(p.read_text()) for p in sorted(STATIC.glob("*/expected.json"))
    }


def test_expected_files_are_well_formed() -> None:
    live, static = _live_expectations(), _static_expectations()
    assert len(live) >= 15 and len(static) >= 12
    for name, exp in live.items():
        assert exp.get("description"), name
        assert set(exp["phases"]) <= {"initial", "after-reject", "after-accept"}, name
        assert exp["url"] == f"https://{name}/" or exp["url"].startswith(f"https://{name}/"), name
        for path in exp.get("pages", {}):
            assert resolve_file(SITES / name, path) is not None or name == SHOP_HOST, (name, path)
        for phase in _phase_sets(exp):
            present, absent = set(phase.get("present", [])), set(phase.get("absent", []))
            assert present | absent <= RULE_IDS, (name, (present | absent) - RULE_IDS)
            assert not present & absent, name
    for name, exp in static.items():
        assert (STATIC / name / "page.html").is_file(), name
        assert exp["url"].startswith("https://"), name
        present, absent = set(exp["present"]), set(exp["absent"])
        assert present | absent <= RULE_IDS and not present & absent, name


def test_every_rule_is_expected_present_and_absent_somewhere() -> None:
    present: set[str] = set()
    absent: set[str] = set()
    for exp in _live_expectations().values():
        for phase in _phase_sets(exp):
            present |= set(phase.get("present", []))
            absent |= set(phase.get("absent", []))
    for exp in _static_expectations().values():
        present |= set(exp["present"])
        absent |= set(exp["absent"])
    assert RULE_IDS - present == set()
    assert RULE_IDS - absent == set()


def test_no_banner_site_loads_no_tracker() -> None:
    """The baking blog and the login page promise no findings: they must not load trackers."""
    tracker_hosts = (
        "googletagmanager",
        "google-analytics",
        "facebook",
        "bing.com",
        "hotjar",
        "licdn",
        "linkedin",
        "pixelsyncer",
    )
    for host in (BLOG_HOST, "accounts.harbourmail.net"):
        for page in (SITES / host).rglob("*.html"):
            text = page.read_text()
            assert not any(t in text for t in tracker_hosts), page

"""Every route of the companion API, with a stand-in detector so results are known."""

from __future__ import annotations

import json
import time
from types import SimpleNamespace

import pytest

from companion import catalog
from companion.findings import finding
from companion.service.openapi import document
from tests.service.snapshots import encode, realistic_snapshot

JSON = {"Content-Type": "application/json"}


def _fake_check(page):
    out = [finding("consent.no-reject-first-layer", "no reject", selector="#banner")]
    if "scarce" in page.url:
        out.append(finding("pressure.scarcity", "only 2 left", text="Only 2 left"))
    return out


def _fake_inventory():
    return [{"host": "www.google-analytics.com", "site": "google-analytics.com",
             "organization": "Google", "category": "analytics", "source": "list",
             "reason": "entity map", "requests": 3}]


@pytest.fixture
def fake_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "companion.analyzer.DETECTORS", [SimpleNamespace(__name__="fake", check=_fake_check)]
    )
    monkeypatch.setattr(
        "companion.page.Page.trackers",
        property(lambda self: SimpleNamespace(inventory=_fake_inventory)),
    )


async def _analyze(client, url: str, **extra) -> dict:
    resp = await client.post("/api/v1/analyze", data=encode({"url": url, **extra}), headers=JSON)
    assert resp.status == 200, await resp.text()
    return await resp.json()


async def test_analyze_returns_findings_rules_and_verdict(client, fake_detector) -> None:
    result = await _analyze(client, "https://www.scarce.example/p?token=secret")
    assert [f["rule"] for f in result["findings"]] == [
        "consent.no-reject-first-layer", "pressure.scarcity"]
    assert {r["id"] for r in result["rules"]} == {"consent.no-reject-first-layer",
                                                  "pressure.scarcity"}
    rule = next(r for r in result["rules"] if r["id"] == "pressure.scarcity")
    assert rule["why"] == catalog.rule("pressure.scarcity").why
    assert result["verdict"]["worst"] == "high"
    assert result["verdict"]["count"] == 2
    assert result["site"] == "scarce.example"
    assert result["trackers"][0]["organization"] == "Google"


async def test_analyze_records_history_without_query_or_html(client, fake_detector,
                                                             db_path) -> None:
    snap = realistic_snapshot("https://www.shop.example/basket?session=abc123#x")
    snap["dom"] = snap["dom"].replace("<body>", "<body><p>UNIQUE-PAGE-MARKER</p>")
    resp = await client.post("/api/v1/analyze", data=encode(snap), headers=JSON)
    assert resp.status == 200
    page = await (await client.get("/api/v1/history")).json()
    assert page["total"] == 1
    visit = page["items"][0]
    assert visit["site"] == "shop.example"
    assert visit["url"] == "https://www.shop.example/basket"
    assert visit["phase"] == "initial" and visit["source"] == "extension"
    assert visit["findings"][0]["rule"] == "consent.no-reject-first-layer"
    assert visit["trackers"] == [{"host": "www.google-analytics.com",
                                  "site": "google-analytics.com", "organization": "Google",
                                  "category": "analytics"}]
    raw = db_path.read_bytes() + db_path.with_name(db_path.name + "-wal").read_bytes()
    assert b"UNIQUE-PAGE-MARKER" not in raw
    assert b"abc123" not in raw


async def test_store_html_is_opt_in(make_client, fake_detector, db_path) -> None:
    client = await make_client(store_html=True)
    await _analyze(client, "https://a.example/", dom="<p>KEEP-THIS-HTML</p>")
    await client.close()  # closes the store, checkpointing the WAL into the file
    assert b"KEEP-THIS-HTML" in db_path.read_bytes()


async def test_record_false_skips_history(client, fake_detector) -> None:
    resp = await client.post("/api/v1/analyze?record=false",
                             data=encode({"url": "https://a.example/"}), headers=JSON)
    assert resp.status == 200
    assert (await (await client.get("/api/v1/history")).json())["total"] == 0
    bad = await client.post("/api/v1/analyze?record=maybe",
                            data=encode({"url": "https://a.example/"}), headers=JSON)
    assert bad.status == 400
    assert (await bad.json())["error"]["path"] == "query.record"


async def test_empty_body_is_400(client) -> None:
    resp = await client.post("/api/v1/analyze", data=b"  ", headers=JSON)
    assert resp.status == 400


async def test_rules_lists_the_catalog(client) -> None:
    body = await (await client.get("/api/v1/rules")).json()
    ids = [r["id"] for r in body["rules"]]
    assert ids == list(catalog.rules())
    assert all(r["why"] and r["title"] for r in body["rules"])


async def test_healthz(client) -> None:
    body = await (await client.get("/healthz")).json()
    assert body["status"] == "ok"
    assert body["executor"] == "thread"


async def _seed(client, sites: list[str]) -> None:
    for site in sites:
        await _analyze(client, f"https://www.{site}/")


async def test_history_filters_by_site_and_paginates(client, fake_detector) -> None:
    await _seed(client, ["a.example", "b.example", "a.example", "c.example", "a.example"])
    page = await (await client.get("/api/v1/history?site=a.example&limit=2")).json()
    assert page["total"] == 3 and len(page["items"]) == 2 and page["next_offset"] == 2
    assert {v["site"] for v in page["items"]} == {"a.example"}
    rest = await (await client.get("/api/v1/history?site=A.example&limit=2&offset=2")).json()
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    seen = [v["id"] for v in page["items"] + rest["items"]]
    assert seen == sorted(seen, reverse=True)


async def test_history_filters_by_time(client, fake_detector) -> None:
    await _seed(client, ["a.example"])
    now = time.time()
    assert (await (await client.get(f"/api/v1/history?since={now + 60}")).json())["total"] == 0
    assert (await (await client.get(f"/api/v1/history?until={now + 60}")).json())["total"] == 1
    assert (await (await client.get(f"/api/v1/history?until={now - 60}")).json())["total"] == 0
    iso = await client.get("/api/v1/history?since=2000-01-01T00:00:00Z")
    assert (await iso.json())["total"] == 1


@pytest.mark.parametrize(
    ("query", "path"),
    [("limit=0", "query.limit"), ("limit=501", "query.limit"), ("limit=x", "query.limit"),
     ("offset=-1", "query.offset"), ("since=yesterday", "query.since"),
     ("until=nan", "query.until"), ("site=%20", "query.site")],
)
async def test_history_rejects_bad_parameters(client, query: str, path: str) -> None:
    resp = await client.get(f"/api/v1/history?{query}")
    assert resp.status == 400
    assert (await resp.json())["error"]["path"] == path


async def test_forget_one_site(client, fake_detector) -> None:
    await _seed(client, ["a.example", "b.example", "a.example"])
    resp = await client.delete("/api/v1/history/a.example")
    assert await resp.json() == {"deleted": 2, "site": "a.example"}
    page = await (await client.get("/api/v1/history")).json()
    assert [v["site"] for v in page["items"]] == ["b.example"]
    again = await client.delete("/api/v1/history/a.example")
    assert (await again.json())["deleted"] == 0
    too_long = await client.delete("/api/v1/history/" + "a" * 300)
    assert too_long.status == 400 and (await too_long.json())["error"]["path"] == "site"


async def test_forget_everything(client, fake_detector) -> None:
    await _seed(client, ["a.example", "b.example"])
    assert (await (await client.delete("/api/v1/history")).json()) == {"deleted": 2}
    assert (await (await client.get("/api/v1/history")).json())["total"] == 0


async def test_summary_counts_followers_across_sites(client, fake_detector) -> None:
    await _seed(client, ["a.example", "b.example", "a.example"])
    summary = await (await client.get("/api/v1/summary")).json()
    assert {s["site"] for s in summary["sites"]} == {"a.example", "b.example"}
    a = next(s for s in summary["sites"] if s["site"] == "a.example")
    assert a["visits"] == 2 and a["worst"] == "high"
    assert a["findings"][0] == {"rule": "consent.no-reject-first-layer", "severity": "high",
                                "count": 2, "message": "no reject"}
    assert summary["trackers"] == [{
        "organization": "Google", "categories": ["analytics"],
        "hosts": ["www.google-analytics.com"], "sites": ["a.example", "b.example"],
        "site_count": 2}]
    assert sum(day["visits"] for day in summary["timeline"]) == 3


async def test_unknown_route_and_method_are_json(client) -> None:
    missing = await client.get("/api/v1/nothing")
    assert missing.status == 404
    assert (await missing.json())["error"]["status"] == 404
    wrong = await client.put("/api/v1/rules")
    assert wrong.status == 405
    assert (await wrong.json())["error"]["status"] == 405
    assert "GET" in wrong.headers["Allow"]


async def test_dashboard_and_assets_are_served(client) -> None:
    index = await client.get("/")
    assert index.status == 200 and index.content_type == "text/html"
    html = await index.text()
    for asset in ("/static/dashboard.js", "/static/dashboard.css"):
        assert asset in html
        assert (await client.get(asset)).status == 200
    assert (await client.get("/static/../settings.py")).status in (403, 404)


def _real_routes(app) -> set[tuple[str, str]]:
    out = set()
    for route in app.router.routes():
        if route.method in ("HEAD", "OPTIONS"):
            continue
        path = route.resource.canonical
        if route.resource.__class__.__name__ == "StaticResource":
            path += "/{filename}"
        out.add((route.method.lower(), path))
    return out


async def test_openapi_matches_the_real_routes(client) -> None:
    served = await (await client.get("/api/v1/openapi.json")).json()
    assert served == json.loads(json.dumps(document()))
    documented = {(m, p) for p, ops in served["paths"].items() for m in ops}
    assert documented == _real_routes(client.server.app)


async def test_openapi_refs_resolve(client) -> None:
    doc = document()
    schemas = doc["components"]["schemas"]

    def walk(node):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if ref:
                assert ref.startswith("#/components/schemas/"), ref
                assert ref.rsplit("/", 1)[-1] in schemas, ref
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(doc)
    assert doc["openapi"].startswith("3.1")


async def test_history_write_is_visible_right_after_the_reply(client, fake_detector) -> None:
    # The reply does not wait for the disk, but the next read must still see the visit.
    for i in range(5):
        await _analyze(client, f"https://www.r{i}.example/")
        page = await (await client.get("/api/v1/history")).json()
        assert page["total"] == i + 1

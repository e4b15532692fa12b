"""Every security rule of the companion, one or more tests each."""

from __future__ import annotations

import json

import pytest

from companion.extension_id import EXTENSION_ORIGIN
from companion.service.settings import Settings
from tests.service.snapshots import encode

OTHER_EXT = "chrome-extension://" + "a" * 32
SNAP = encode({"url": "https://www.example.com/"})
JSON = {"Content-Type": "application/json"}


def test_binds_to_loopback_by_default() -> None:
    settings = Settings()
    assert settings.host == "127.0.0.1"
    assert settings.loopback_only
    assert not Settings(host="0.0.0.0").loopback_only


# -- Host (DNS rebinding) ----------------------------------------------------------------
@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])
async def test_own_loopback_host_is_accepted(client, name: str) -> None:
    resp = await client.get("/healthz", headers={"Host": f"{name}:{client.port}"})
    assert resp.status == 200


@pytest.mark.parametrize(
    "host",
    ["attacker.example:{port}", "attacker.example", "127.0.0.1:1", "127.0.0.1",
     "localhost.attacker.example:{port}", "127.0.0.2:{port}", "0.0.0.0:{port}", "",
     "[::1", "127.0.0.1:{port}@evil"],
)
async def test_foreign_host_is_refused(client, host: str) -> None:
    resp = await client.get("/api/v1/history", headers={"Host": host.format(port=client.port)})
    assert resp.status == 403
    body = await resp.json()
    assert body["error"]["status"] == 403
    assert "Host" in body["error"]["message"]


async def test_rebinding_cannot_post_either(client) -> None:
    resp = await client.post(
        "/api/v1/analyze", data=SNAP,
        headers={**JSON, "Host": f"rebind.attacker.example:{client.port}"},
    )
    assert resp.status == 403
    history = await (await client.get("/api/v1/history")).json()
    assert history["total"] == 0


# -- Origin -------------------------------------------------------------------------------
async def test_requests_without_origin_are_allowed(client) -> None:
    resp = await client.post("/api/v1/analyze", data=SNAP, headers=JSON)
    assert resp.status == 200
    assert "Access-Control-Allow-Origin" not in resp.headers


async def test_extension_origin_gets_cors(client) -> None:
    resp = await client.post(
        "/api/v1/analyze", data=SNAP, headers={**JSON, "Origin": EXTENSION_ORIGIN}
    )
    assert resp.status == 200
    assert resp.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN
    assert "Origin" in resp.headers.getall("Vary")


@pytest.mark.parametrize(
    "origin",
    ["https://attacker.example", "http://localhost:1", "null", OTHER_EXT,
     "http://127.0.0.1.attacker.example", "chrome-extension://" + "b" * 32, ""],
)
async def test_foreign_origin_is_refused_without_cors(client, origin: str) -> None:
    for method, path in (("POST", "/api/v1/analyze"), ("GET", "/api/v1/history"),
                         ("DELETE", "/api/v1/history"), ("GET", "/api/v1/rules")):
        resp = await client.request(method, path, data=SNAP, headers={**JSON, "Origin": origin})
        assert resp.status == 403, (method, path)
        assert "Access-Control-Allow-Origin" not in resp.headers
        assert (await resp.json())["error"]["status"] == 403


async def test_foreign_origin_cannot_forget(client) -> None:
    await client.post("/api/v1/analyze", data=SNAP, headers=JSON)
    resp = await client.delete(
        "/api/v1/history/example.com", headers={"Origin": "https://attacker.example"}
    )
    assert resp.status == 403
    assert (await (await client.get("/api/v1/history")).json())["total"] == 1


async def test_configured_extra_origin_is_allowed(make_client) -> None:
    client = await make_client(extra_origins=(OTHER_EXT,))
    resp = await client.get("/api/v1/rules", headers={"Origin": OTHER_EXT})
    assert resp.status == 200
    assert resp.headers["Access-Control-Allow-Origin"] == OTHER_EXT


async def test_dashboard_own_origin_may_delete_but_gets_no_cors(client) -> None:
    await client.post("/api/v1/analyze", data=SNAP, headers=JSON)
    for own in (f"http://127.0.0.1:{client.port}", f"http://localhost:{client.port}"):
        resp = await client.delete("/api/v1/history/example.com", headers={"Origin": own})
        assert resp.status == 200
        assert "Access-Control-Allow-Origin" not in resp.headers
    assert (await (await client.get("/api/v1/history")).json())["total"] == 0


async def test_own_origin_on_another_port_is_foreign(client) -> None:
    resp = await client.delete(
        "/api/v1/history", headers={"Origin": f"http://127.0.0.1:{client.port + 1}"}
    )
    assert resp.status == 403


async def test_cross_site_request_without_origin_is_refused(client) -> None:
    # An <img>/<script> on a web page sends no Origin but the browser marks it cross-site.
    resp = await client.get("/api/v1/history", headers={"Sec-Fetch-Site": "cross-site"})
    assert resp.status == 403
    ok = await client.get("/api/v1/history", headers={"Sec-Fetch-Site": "none"})
    assert ok.status == 200


# -- CORS preflight ------------------------------------------------------------------------
async def test_preflight_for_extension(client) -> None:
    resp = await client.options(
        "/api/v1/analyze",
        headers={"Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type",
                 "Access-Control-Request-Private-Network": "true"},
    )
    assert resp.status == 204
    assert resp.headers["Access-Control-Allow-Origin"] == EXTENSION_ORIGIN
    assert "POST" in resp.headers["Access-Control-Allow-Methods"]
    assert resp.headers["Access-Control-Allow-Headers"] == "Content-Type"
    assert resp.headers["Access-Control-Allow-Private-Network"] == "true"


async def test_preflight_for_foreign_origin_is_refused(client) -> None:
    resp = await client.options(
        "/api/v1/history",
        headers={"Origin": "https://attacker.example", "Access-Control-Request-Method": "DELETE"},
    )
    assert resp.status == 403
    assert "Access-Control-Allow-Origin" not in resp.headers
    assert "Access-Control-Allow-Methods" not in resp.headers


async def test_preflight_for_unknown_method_and_path(client) -> None:
    bad_method = await client.options(
        "/api/v1/rules",
        headers={"Origin": EXTENSION_ORIGIN, "Access-Control-Request-Method": "DELETE"},
    )
    assert bad_method.status == 405
    missing = await client.options("/nowhere", headers={"Origin": EXTENSION_ORIGIN})
    assert missing.status == 404


async def test_options_without_origin_lists_methods_only(client) -> None:
    resp = await client.options("/api/v1/history")
    assert resp.status == 204
    assert set(resp.headers["Allow"].split(", ")) >= {"GET", "DELETE"}
    assert "Access-Control-Allow-Origin" not in resp.headers


# -- bodies ---------------------------------------------------------------------------------
async def test_body_over_cap_is_413(make_client) -> None:
    client = await make_client(max_body_mb=1)
    big = encode({"url": "https://big.example/", "dom": "x" * (1024 * 1024 + 10)})
    resp = await client.post("/api/v1/analyze", data=big, headers=JSON)
    assert resp.status == 413
    assert "--max-body" in (await resp.json())["error"]["message"]


async def test_chunked_body_over_cap_is_413(make_client) -> None:
    client = await make_client(max_body_mb=1)

    async def chunks():
        yield b'{"url": "https://big.example/", "dom": "'
        for _ in range(300):
            yield b"x" * 4096
        yield b'"}'

    resp = await client.post("/api/v1/analyze", data=chunks(), headers=JSON)
    assert resp.status == 413


async def test_default_cap_is_20_mb() -> None:
    assert Settings().max_body_bytes == 20 * 1024 * 1024


@pytest.mark.parametrize("ctype", ["text/plain", "application/x-www-form-urlencoded",
                                   "multipart/form-data; boundary=x", None])
async def test_wrong_content_type_is_415(client, ctype: str | None) -> None:
    headers = {"Content-Type": ctype} if ctype else {}
    resp = await client.post("/api/v1/analyze", data=SNAP, headers=headers,
                             skip_auto_headers=["Content-Type"])
    assert resp.status == 415
    assert (await resp.json())["error"]["status"] == 415


async def test_json_with_charset_is_accepted(client) -> None:
    resp = await client.post("/api/v1/analyze", data=SNAP,
                             headers={"Content-Type": "application/json; charset=utf-8"})
    assert resp.status == 200


@pytest.mark.parametrize("body", [b"{", b"not json", b'{"url": "x",}', b"\xff\xfe{}"])
async def test_malformed_json_is_400(client, body: bytes) -> None:
    resp = await client.post("/api/v1/analyze", data=body, headers=JSON)
    assert resp.status == 400
    error = (await resp.json())["error"]
    assert error["path"] == "$"
    assert "JSON" in error["message"]


@pytest.mark.parametrize(
    ("doc", "path"),
    [
        ({"url": 3}, "$.url"),
        ({}, "$"),
        ({"url": "u", "elements": [{"idx": 0, "tag": "a", "box": {"x": "1"}}]},
         "$.elements[0].box.x"),
        ({"url": "u", "phase": "sometime"}, "$.phase"),
        ({"url": "u", "schema": "brightline.snapshot/99"}, "$.schema"),
        ({"url": "u", "cookies": [{"name": 1}]}, "$.cookies[0].name"),
    ],
)
async def test_schema_violation_names_the_field(client, doc, path: str) -> None:
    resp = await client.post("/api/v1/analyze", data=json.dumps(doc), headers=JSON)
    assert resp.status == 400
    error = (await resp.json())["error"]
    assert error["path"] == path
    assert path in error["message"]


# -- methods ----------------------------------------------------------------------------
async def test_state_changes_are_never_get(client) -> None:
    app = client.server.app
    readonly = {"GET", "HEAD"}
    for route in app.router.routes():
        if route.method in readonly:
            assert route.handler.__name__ not in ("forget_all", "forget_site", "analyze")
    await client.post("/api/v1/analyze", data=SNAP, headers=JSON)
    for path in ("/api/v1/history/example.com", "/api/v1/analyze"):
        resp = await client.get(path)
        assert resp.status == 405, path
        assert "GET" not in resp.headers["Allow"]
    assert (await (await client.get("/api/v1/history")).json())["total"] == 1


async def test_protective_headers_everywhere(client) -> None:
    for path in ("/", "/api/v1/rules", "/nowhere"):
        resp = await client.get(path)
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
        assert resp.headers["Cross-Origin-Resource-Policy"] == "same-origin"


import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_COMPANION, isCompanionUrl, parseCompanionUrl } from "../../../extension/lib/loopback.js";

test("loopback addresses are accepted and normalised to an origin", () => {
  assert.deepEqual(parseCompanionUrl(" http://127.0.0.1:8765/ "), { ok: true, url: "http://127.0.0.1:8765" });
  assert.deepEqual(parseCompanionUrl("http://localhost:9000"), { ok: true, url: "http://localhost:9000" });
  assert.deepEqual(parseCompanionUrl("https://LOCALHOST:8443"), { ok: true, url: "https://localhost:8443" });
  assert.equal(parseCompanionUrl(DEFAULT_COMPANION).ok, true);
});

test("anything that is not this computer is refused with a message", () => {
  for (const bad of [
    "http://example.com:8765",
    "http://127.0.0.1.evil.com:8765",
    "http://localhost.evil.com",
    "http://10.0.0.1:8765",
    "http://[::ffff:7f00:1]:8765",
    "http://0.0.0.0:8765",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "ws://127.0.0.1:8765",
    "http://user:pw@127.0.0.1:8765",
    "http://127.0.0.1:8765/api",
    "http://127.0.0.1:8765/?x=1",
    "",
    "not a url",
    null,
  ]) {
    const parsed = parseCompanionUrl(bad);
    assert.equal(parsed.ok, false, `accepted ${bad}`);
    assert.match(parsed.error, /\S/);
    assert.ok(!parsed.error.includes("\n"));
  }
});

test("isCompanionUrl only allows paths on the configured companion", () => {
  assert.equal(isCompanionUrl("http://127.0.0.1:8765/api/v1/analyze", "http://127.0.0.1:8765"), true);
  assert.equal(isCompanionUrl("http://127.0.0.1:9999/api/v1/analyze", "http://127.0.0.1:8765"), false);
  assert.equal(isCompanionUrl("http://evil.test/api", "http://evil.test"), false);
});

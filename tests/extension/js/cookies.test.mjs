import assert from "node:assert/strict";
import { test } from "node:test";
import { cookieMetadata, cookieUrls } from "../../../extension/background/cookies.js";

test("cookie metadata has length and entropy but never the value", () => {
  const secret = "GA1.1.987654321.1700000000";
  const meta = cookieMetadata({ name: "_ga", value: secret, domain: ".news.example", path: "/", secure: true, httpOnly: false, sameSite: "no_restriction", session: false, expirationDate: 1800000000 });
  assert.equal(meta.value_length, secret.length);
  assert.ok(meta.entropy > 2.5);
  assert.equal(meta.same_site, "None");
  assert.equal(meta.expires, 1800000000);
  assert.ok(!JSON.stringify(meta).includes(secret));
  assert.ok(!("value" in meta));
  const session = cookieMetadata({ name: "s", value: "", domain: "a", path: "/", session: true, sameSite: "unspecified" });
  assert.equal(session.same_site, undefined);
  assert.equal(session.session, true);
  assert.equal(session.value_length, 0);
});

test("cookies are read for the page and each origin it talked to, once", () => {
  const urls = cookieUrls(
    "https://shop.example/cart?x=1",
    [{ url: "https://shop.example/app.js" }, { url: "https://www.google-analytics.com/g/collect?cid=1" }, { url: "data:image/png;base64,AA" }, { url: "https://www.google-analytics.com/x" }],
    ["https://cmp.example/frame"]
  );
  assert.deepEqual(urls, ["https://shop.example/cart?x=1", "https://cmp.example/", "https://www.google-analytics.com/"]);
});

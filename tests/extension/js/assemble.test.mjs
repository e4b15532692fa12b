import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assembleSnapshot,
  markLeftOver,
  matchIframe,
  mergeCookies,
  phaseRequests,
  requestsFromTiming,
  timingType,
} from "../../../extension/background/assemble.js";

const top = {
  schema: "brightline.snapshot/1",
  url: "https://news.example/article",
  origin: "https://news.example",
  dom: "<html></html>",
  elements: [],
  cookies: [{ name: "_ga", domain: "", value_length: 26, entropy: 3.1 }, { name: "theme", value_length: 4, entropy: 1.5, value: "dark" }],
  storage: [{ key: "a", area: "local", value_length: 1, entropy: 0 }],
};

test("frames keep their origin, cross-origin flag and the iframe's box and selector", () => {
  const snap = assembleSnapshot({
    top,
    iframes: [
      { src: "https://ads.example/slot", selector: "#ad", box: { x: 0, y: 0, width: 300, height: 250 } },
      { src: "https://cmp.consent.example/index.html?x=1", selector: "#sp_message_iframe_1", box: { x: 0, y: 500, width: 800, height: 300 } },
    ],
    frames: [{ url: "https://cmp.consent.example/index.html?x=1", origin: "https://cmp.consent.example", dom: "<p>hi</p>", elements: [{ idx: 0, tag: "button" }], storage: [{ key: "b", area: "local" }] }],
    requests: [],
    cookies: [],
    phase: "initial",
    since: null,
  });
  assert.equal(snap.source, "extension");
  assert.equal(snap.phase, "initial");
  assert.equal(snap.frames.length, 1);
  const frame = snap.frames[0];
  assert.equal(frame.origin, "https://cmp.consent.example");
  assert.equal(frame.cross_origin, true);
  assert.equal(frame.selector, "#sp_message_iframe_1");
  assert.equal(frame.box.y, 500);
  assert.equal(snap.storage.length, 2);
  assert.equal("origin" in snap, false);
});

test("an iframe is matched by URL first, then by origin, and used once", () => {
  const used = new Set();
  const iframes = [{ src: "https://a.example/x" }, { src: "https://a.example/y#frag" }];
  assert.equal(matchIframe("https://a.example/y", iframes, used).src, "https://a.example/y#frag");
  assert.equal(matchIframe("https://a.example/z", iframes, used).src, "https://a.example/x");
  assert.equal(matchIframe("https://a.example/w", iframes, used), null);
});

test("after a choice only the requests after it count", () => {
  const log = [
    { url: "https://www.google-analytics.com/g/collect", type: "ping", at: 1000, time_ms: 10 },
    { url: "https://connect.facebook.net/en_US/fbevents.js", type: "script", at: 5000, time_ms: 4010, status: 200 },
  ];
  assert.equal(phaseRequests(log, null).length, 2);
  const after = phaseRequests(log, 3000);
  assert.deepEqual(after.map((r) => r.url), ["https://connect.facebook.net/en_US/fbevents.js"]);
  assert.equal(after[0].status, 200);
  assert.equal("at" in after[0], false);
});

test("cookie lists never carry a value", () => {
  const merged = mergeCookies([{ name: "_ga", domain: ".news.example", value_length: 26, entropy: 3.1 }], top.cookies);
  assert.deepEqual(merged.map((c) => c.name), ["_ga", "theme"]);
  assert.ok(merged.every((c) => !("value" in c)));
  const snap = assembleSnapshot({ top, iframes: [], frames: [], requests: [], cookies: [], phase: "after-reject", since: 1 });
  assert.ok(!JSON.stringify(snap).includes('"value"'));
  assert.equal(snap.phase, "after-reject");
});

test("Resource Timing initiator types are renamed as the crawler names them", () => {
  assert.equal(timingType("xmlhttprequest", "https://a.example/x"), "xhr");
  assert.equal(timingType("img", "https://a.example/p.gif"), "image");
  assert.equal(timingType("beacon", "https://t.example/collect"), "ping");
  assert.equal(timingType("css", "https://cdn.example/f.woff2?v=3"), "font");
  assert.equal(timingType("css", "https://cdn.example/bg.png"), "image");
  assert.equal(timingType("something-new", "https://a.example/"), "other");
});

test("requests from timing: the document first, frames aligned to the top document's clock", () => {
  const topTiming = {
    url: "https://news.example/article",
    timeOrigin: 1_700_000_000_000,
    status: 200,
    entries: [
      ["https://www.google-analytics.com/g/collect?tid=G-1", "beacon", 900.25, 204],
      ["https://news.example/app.js", "script", 120, 0],
    ],
  };
  const frame = {
    url: "https://cmp.example/banner",
    timeOrigin: 1_700_000_000_500,
    entries: [["https://cmp.example/cmp.js", "script", 100, 200], ["bad"], "junk"],
  };
  const reqs = requestsFromTiming(topTiming, [frame, null]);
  assert.deepEqual(reqs.map((r) => [r.type, r.time_ms]), [["document", 0], ["script", 120], ["script", 600], ["ping", 900.3]]);
  assert.equal(reqs[0].status, 200);
  assert.equal(reqs[1].status, undefined); // a cross-origin entry without Timing-Allow-Origin has no status
  assert.equal(reqs[2].frame_url, "https://cmp.example/banner");
  assert.equal(reqs[3].at, 1_700_000_000_900);
  // After a choice at +500 ms, only what started later belongs to the phase.
  const after = phaseRequests(reqs, 1_700_000_000_500);
  assert.deepEqual(after.map((r) => r.url), ["https://cmp.example/cmp.js", "https://www.google-analytics.com/g/collect?tid=G-1"]);
  assert.deepEqual(requestsFromTiming(null, []), []);
});

test("after a choice, identifiers unchanged since the snapshot before it are marked as left over", () => {
  const before = {
    cookies: [{ name: "_ga", domain: ".news.example", expires: 1900000000, value_length: 26, entropy: 3.1 },
              { name: "_fbp", domain: ".news.example", expires: 1800000000, value_length: 29, entropy: 3.4 }],
    storage: [{ key: "_hjid", area: "local", origin: "https://news.example", value_length: 36, entropy: 3.9 }],
  };
  const after = {
    cookies: [{ name: "_ga", domain: ".news.example", expires: 1900000040, value_length: 26, entropy: 3.1 },
              { name: "_fbp", domain: ".news.example", expires: 1800000000, value_length: 29, entropy: 3.4 },
              { name: "_gcl_au", domain: ".news.example", expires: 1800000500, value_length: 24, entropy: 3.0 }],
    storage: [{ key: "_hjid", area: "local", origin: "https://news.example", value_length: 36, entropy: 3.9 }],
  };
  assert.equal(markLeftOver(after, before), 2);
  assert.deepEqual(after.cookies.map((c) => !!c.before_choice), [false, true, false]);
  assert.equal(after.storage[0].before_choice, true);
  assert.equal(markLeftOver(after, undefined), 0);
});

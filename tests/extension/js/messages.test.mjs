import assert from "node:assert/strict";
import { test } from "node:test";
import { MESSAGE_TYPES, checkMessage, senderKind } from "../../../extension/background/messages.js";

const ID = "bjenkapohpabcdnagdilfiohpomkhljh";
const ORIGIN = `chrome-extension://${ID}`;

test("content scripts: our id, in a tab, with a frame", () => {
  const sender = { id: ID, tab: { id: 7 }, frameId: 0, url: "https://shop.example/", origin: "https://shop.example" };
  assert.equal(senderKind(sender, ID, ORIGIN), "content");
});

test("extension pages, even opened in a tab", () => {
  assert.equal(senderKind({ id: ID, url: `${ORIGIN}/popup/popup.html`, origin: ORIGIN }, ID, ORIGIN), "extension-page");
  assert.equal(senderKind({ id: ID, tab: { id: 3 }, frameId: 0, url: `${ORIGIN}/popup/popup.html?tab=1`, origin: ORIGIN }, ID, ORIGIN), "extension-page");
});

test("other extensions and senders without a tab are nobody", () => {
  assert.equal(senderKind({ id: "otherextensionidotherextensionid", tab: { id: 1 }, frameId: 0 }, ID, ORIGIN), null);
  assert.equal(senderKind({ id: ID, url: "https://evil.example/" }, ID, ORIGIN), null);
  assert.equal(senderKind(undefined, ID, ORIGIN), null);
});

test("only known types, from the right kind of sender, well formed", () => {
  const snap = { type: "frame-snapshot", top: true, snapshot: { url: "https://a.example/" } };
  assert.equal(checkMessage(snap, "content").ok, true);
  assert.equal(checkMessage({ ...snap, phase: "after-reject" }, "content").ok, true);
  assert.equal(checkMessage({ ...snap, phase: "whenever" }, "content").ok, false);
  assert.equal(checkMessage(snap, "extension-page").ok, false);
  assert.equal(checkMessage({ type: "get-tab-state", tabId: 4 }, "content").ok, false, "a page must not read tab state");
  assert.equal(checkMessage({ type: "get-tab-state", tabId: 4 }, "extension-page").ok, true);
  assert.equal(checkMessage({ type: "get-tab-state", tabId: "4" }, "extension-page").ok, false);
  assert.equal(checkMessage({ type: "set-settings", companion: "http://127.0.0.1:1" }, "content").ok, false);
  assert.equal(checkMessage({ type: "consent-choice", role: "maybe" }, "content").ok, false);
  assert.equal(checkMessage({ type: "analyze", body: "{}" }, "content").ok, false);
  assert.equal(checkMessage({ type: "toString" }, "content").ok, false);
  assert.equal(checkMessage({ type: "__proto__" }, "extension-page").ok, false);
  assert.equal(checkMessage("frame-snapshot", "content").ok, false);
  assert.ok(MESSAGE_TYPES.includes("frame-snapshot"));
});

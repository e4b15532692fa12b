import assert from "node:assert/strict";
import { test } from "node:test";
import { MAX_BYTES, MAX_ITEMS, boundQueue } from "../../../extension/background/queue.js";

const item = (n, extra = {}) => ({ id: `i${n}`, tabId: n, navId: "n", phase: "initial", url: "u", body: "x".repeat(10), queuedAt: n, ...extra });

test("a newer snapshot of the same page and phase replaces the older", () => {
  const { items, dropped } = boundQueue([item(1), item(2)], item(1, { id: "new" }));
  assert.deepEqual(items.map((q) => q.id), ["i2", "new"]);
  assert.deepEqual(dropped.map((q) => q.id), ["i1"]);
});

test("the queue keeps at most MAX_ITEMS, dropping the oldest", () => {
  let items = [];
  for (let n = 0; n < MAX_ITEMS + 5; n += 1) items = boundQueue(items, item(n)).items;
  assert.equal(items.length, MAX_ITEMS);
  assert.equal(items[0].id, "i5");
});

test("the queue stays under its byte budget", () => {
  const big = (n) => item(n, { body: "y".repeat(Math.floor(MAX_BYTES / 3)) });
  let items = [];
  for (let n = 0; n < 5; n += 1) items = boundQueue(items, big(n)).items;
  assert.ok(items.reduce((s, q) => s + q.body.length, 0) <= MAX_BYTES);
  assert.deepEqual(items.map((q) => q.id), ["i2", "i3", "i4"]);
});

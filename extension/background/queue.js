// Snapshots that wait for the companion: a small bounded queue in chrome.storage.session
// (memory only, gone when the browser closes: page contents are not kept on disk).

export const MAX_ITEMS = 10;
export const MAX_BYTES = 6 * 1024 * 1024; // storage.session holds 10 MB in all

const KEY = "queue";

/**
 * Add `item` ({id, tabId, navId, phase, url, body, queuedAt}) and keep the queue bounded:
 * a newer snapshot of the same page and phase replaces the older one; then the oldest
 * go first until the count and size fit. Returns {items, dropped}.
 */
export function boundQueue(items, item) {
  const sameSlot = (q) => q.tabId === item.tabId && q.navId === item.navId && q.phase === item.phase;
  const next = [...items.filter((q) => !sameSlot(q)), item];
  const dropped = items.filter(sameSlot); // superseded by the newer snapshot
  const size = (list) => list.reduce((n, q) => n + q.body.length, 0);
  while (next.length && (next.length > MAX_ITEMS || size(next) > MAX_BYTES)) {
    dropped.push(next.shift());
  }
  return { items: next, dropped };
}

export async function readQueue() {
  const stored = (await chrome.storage.session.get(KEY))[KEY];
  return Array.isArray(stored) ? stored : [];
}

export async function enqueue(item) {
  const { items, dropped } = boundQueue(await readQueue(), item);
  await chrome.storage.session.set({ [KEY]: items });
  return { queued: items.length, dropped: dropped.length };
}

export async function removeFromQueue(id) {
  const items = (await readQueue()).filter((q) => q.id !== id);
  await chrome.storage.session.set({ [KEY]: items });
  return items.length;
}

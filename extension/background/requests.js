// Per-tab request log from webRequest (observe only). Kept in memory and mirrored to
// chrome.storage.session, because the worker can be stopped between events.

import { requestType } from "./assemble.js";

const MAX_PER_TAB = 3000;
const MAX_URL = 2048;
const FLUSH_MS = 1000;

const logs = new Map(); // tabId -> {navStart, entries: [], byId: Map}
const dirty = new Set();
let flushTimer = null;

const key = (tabId) => `req:${tabId}`;

async function load(tabId) {
  let log = logs.get(tabId);
  if (log) return log;
  const stored = (await chrome.storage.session.get(key(tabId)))[key(tabId)];
  log = logs.get(tabId) || { navStart: stored ? stored.navStart : Date.now(), entries: stored ? stored.entries : [], byId: new Map() };
  logs.set(tabId, log);
  return log;
}

function scheduleFlush(tabId) {
  dirty.add(tabId);
  if (flushTimer) return;
  flushTimer = setTimeout(flush, FLUSH_MS);
}

export async function flush() {
  flushTimer = null;
  const items = {};
  for (const tabId of dirty) {
    const log = logs.get(tabId);
    if (log) items[key(tabId)] = { navStart: log.navStart, entries: log.entries };
  }
  dirty.clear();
  if (Object.keys(items).length) await chrome.storage.session.set(items).catch(() => undefined);
}

/** A new top-level navigation in the tab: start a fresh log. */
export function resetLog(tabId, navStart) {
  logs.set(tabId, { navStart, entries: [], byId: new Map() });
  scheduleFlush(tabId);
}

export async function requestLog(tabId) {
  return (await load(tabId)).entries;
}

export async function forgetTab(tabId) {
  logs.delete(tabId);
  dirty.delete(tabId);
  await chrome.storage.session.remove(key(tabId)).catch(() => undefined);
}

export async function onBeforeRequest(details) {
  if (details.tabId < 0) return; // the extension's own traffic and other non-tab requests
  const log = await load(details.tabId);
  if (log.entries.length >= MAX_PER_TAB) return;
  const entry = {
    url: details.url.slice(0, MAX_URL),
    type: requestType(details.type),
    method: details.method || "GET",
    time_ms: Math.max(0, Math.round(details.timeStamp - log.navStart)),
    at: Math.round(details.timeStamp),
  };
  const frameUrl = details.documentUrl || (details.type === "sub_frame" ? details.url : null);
  if (frameUrl) entry.frame_url = frameUrl.slice(0, MAX_URL);
  if (details.initiator && details.initiator !== "null") entry.initiator = details.initiator;
  log.entries.push(entry);
  log.byId.set(details.requestId, entry);
  scheduleFlush(details.tabId);
}

export function onCompleted(details) {
  if (details.tabId < 0) return;
  const log = logs.get(details.tabId);
  const entry = log && log.byId.get(details.requestId);
  if (!entry) return;
  if (Number.isInteger(details.statusCode) && details.statusCode > 0) entry.status = details.statusCode;
  log.byId.delete(details.requestId);
  scheduleFlush(details.tabId);
}

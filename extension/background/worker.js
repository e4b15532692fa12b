// The service worker: wires the browser's events to the small modules next to it.
// Every listener is registered at the top level so a stopped worker wakes for it.

import { assembleSnapshot, markLeftOver, requestsFromTiming } from "./assemble.js";
import { showBadge } from "./badge.js";
import { analyze, companionUrl, healthy, setCompanionUrl } from "./companion.js";
import { cookieUrls, pageCookies } from "./cookies.js";
import { checkMessage, senderKind } from "./messages.js";
import { enqueue, readQueue, removeFromQueue } from "./queue.js";
import * as tabs from "./tabstate.js";

const EXTENSION_ORIGIN = new URL(chrome.runtime.getURL("")).origin;
const SEND_DEBOUNCE_MS = 400; // let sub-frame snapshots arrive before sending the page
const CHOICE_SETTLE_MS = 2000; // let the page act on a consent choice before capturing
const MAX_SENDS_PER_PHASE = 12;
const RETRY_ALARM = "brightline-retry";
const RETRY_MINUTES = 0.5;
const STATUS = "companion";

// -- companion status ------------------------------------------------------------------
async function setStatus(state, message) {
  const current = await getStatus();
  if (current.state === state && current.message === (message || "")) return; // no change, no event
  await chrome.storage.session.set({ [STATUS]: { state, message: message || "", at: Date.now() } });
}

async function getStatus() {
  return (await chrome.storage.session.get(STATUS))[STATUS] || { state: "unknown", message: "", at: 0 };
}

// -- sending snapshots -----------------------------------------------------------------
function slim(result, capturedAt) {
  const { findings, rules, verdict, banner, trackers, url } = result;
  return { findings, rules, verdict, banner, trackers, url, at: Date.now(), capturedAt };
}

/** True when the tab already shows an analysis of a later capture of this phase. */
function supersedes(analysis, item) {
  return !!analysis && typeof analysis.capturedAt === "number" && analysis.capturedAt > item.queuedAt;
}

async function applyResult(item, result) {
  const state = await tabs.getTab(item.tabId);
  if (!state || state.navId !== item.navId) return; // the tab moved on; history has it
  // The companion analyses in parallel, so answers can come back out of order: an early
  // capture (before the banner showed) must not replace a later one.
  if (supersedes(state.analyses[item.phase], item)) return;
  state.analyses[item.phase] = slim(result, item.queuedAt);
  const banner = result.banner;
  state.controls =
    banner && Array.isArray(banner.controls)
      ? banner.controls
          .filter((c) => c && typeof c.selector === "string" && c.selector)
          .map((c) => ({ selector: c.selector, role: c.role, frame: banner.frame || null }))
      : [];
  await tabs.saveTab(state);
  await showBadge(item.tabId, state.analyses, false);
  chrome.tabs.sendMessage(item.tabId, { type: "controls", controls: state.controls }).catch(() => undefined);
}

/** Send one snapshot. Returns "sent", "down" (keep it and retry) or "rejected" (drop it). */
async function deliver(item) {
  const base = await companionUrl();
  const answer = await analyze(base, item.body);
  if (answer.ok) {
    await setStatus("ok");
    await applyResult(item, answer.result);
    return "sent";
  }
  if (answer.down) {
    await setStatus("down", answer.message);
    return "down";
  }
  await setStatus("error", answer.message);
  return "rejected";
}

async function scheduleRetry() {
  const existing = await chrome.alarms.get(RETRY_ALARM);
  if (!existing) await chrome.alarms.create(RETRY_ALARM, { delayInMinutes: RETRY_MINUTES });
}

let flushing = null;
/** Send the queued snapshots, oldest first, until the queue is empty or the companion is down. */
function flushQueue() {
  if (flushing) return flushing;
  flushing = (async () => {
    for (const item of await readQueue()) {
      const outcome = await deliver(item);
      if (outcome === "down") {
        await scheduleRetry();
        return;
      }
      await removeFromQueue(item.id);
    }
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function submit(item) {
  const outcome = await deliver(item);
  if (outcome === "down") {
    await enqueue(item);
    await scheduleRetry();
    const state = await tabs.getTab(item.tabId);
    await showBadge(item.tabId, state ? state.analyses : {}, true);
  } else if (outcome === "sent" && (await readQueue()).length) {
    await flushQueue();
  }
}

async function sendPhase(tabId, navId, phase) {
  const state = await tabs.getTab(tabId);
  if (!state || state.navId !== navId) return;
  const capture = tabs.phaseCapture(tabId, navId, phase);
  if (!capture.top || capture.sends >= MAX_SENDS_PER_PHASE) return;
  capture.sends += 1;
  const frames = [...capture.frames.values()];
  const log = requestsFromTiming(capture.timing, [...capture.timings.values()]);
  const cookies = await pageCookies(cookieUrls(capture.top.url, log, frames.map((f) => f.url)));
  const snapshot = assembleSnapshot({
    top: capture.top,
    iframes: capture.iframes,
    frames,
    requests: log,
    cookies,
    phase,
    since: phase === "initial" ? null : state.choiceAt,
  });
  if (phase === "initial") {
    capture.sent = { cookies: snapshot.cookies, storage: snapshot.storage };
  } else {
    markLeftOver(snapshot, tabs.phaseCapture(tabId, navId, "initial").sent);
  }
  await submit({
    id: crypto.randomUUID(),
    tabId,
    navId,
    phase,
    url: snapshot.url,
    body: JSON.stringify(snapshot),
    queuedAt: Date.now(),
  });
}

const sendTimers = new Map();
function scheduleSend(tabId, navId, phase) {
  const key = `${tabId}|${phase}`;
  clearTimeout(sendTimers.get(key));
  sendTimers.set(
    key,
    setTimeout(() => {
      sendTimers.delete(key);
      sendPhase(tabId, navId, phase).catch((err) => setStatus("error", `Could not send the page: ${err.message}`));
    }, SEND_DEBOUNCE_MS)
  );
}

// -- message handlers ------------------------------------------------------------------
const HANDLERS = {
  async "frame-snapshot"(message, sender) {
    const tabId = sender.tab.id;
    const isTop = sender.frameId === 0;
    const state = await tabs.ensureTab(tabId, isTop ? message.snapshot.url : sender.tab.url || "");
    const phase = message.phase || state.phase;
    const capture = tabs.phaseCapture(tabId, state.navId, phase);
    if (isTop) {
      capture.top = message.snapshot;
      capture.timing = message.timing || null;
      capture.iframes = Array.isArray(message.iframes) ? message.iframes : [];
    } else {
      capture.frames.set(sender.frameId, message.snapshot);
      if (message.timing) capture.timings.set(sender.frameId, message.timing);
    }
    if (capture.top) scheduleSend(tabId, state.navId, phase);
    return { ok: true };
  },

  async "consent-choice"(message, sender) {
    const tabId = sender.tab.id;
    const state = await tabs.getTab(tabId);
    if (!state) return { ok: false };
    const phase = `after-${message.role}`;
    state.phase = phase;
    state.choiceAt = Date.now();
    await tabs.saveTab(state);
    await tabs.rememberChoice(state.url, message.role);
    setTimeout(() => {
      chrome.tabs.sendMessage(tabId, { type: "capture", phase }).catch(() => undefined);
    }, CHOICE_SETTLE_MS);
    return { ok: true, phase };
  },

  async "get-tab-state"(message) {
    const base = await companionUrl();
    const queued = (await readQueue()).length;
    let status = await getStatus();
    if (status.state !== "ok" || queued) {
      const up = await healthy(base);
      if (up && queued) flushQueue(); // the popup re-renders when results land
      if (up && status.state !== "ok") await setStatus("ok");
      if (!up) await setStatus("down", `The companion at ${base} is not answering`);
      status = await getStatus();
    }
    const state = await tabs.getTab(message.tabId);
    return {
      ok: true,
      tab: state ? { url: state.url, phase: state.phase, analyses: state.analyses } : null,
      companion: { url: base, state: status.state, message: status.message },
      queued: (await readQueue()).length,
    };
  },

  async "retry-now"() {
    await flushQueue();
    return { ok: true, queued: (await readQueue()).length };
  },

  async "get-settings"() {
    return { ok: true, companion: await companionUrl() };
  },

  async "set-settings"(message) {
    const parsed = await setCompanionUrl(message.companion);
    return parsed.ok ? { ok: true, companion: parsed.url } : { ok: false, error: parsed.error };
  },
};

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const kind = senderKind(sender, chrome.runtime.id, EXTENSION_ORIGIN);
  if (!kind || !checkMessage(message, kind).ok) return false; // unknown sender or type: ignored
  HANDLERS[message.type](message, sender).then(sendResponse, (err) =>
    sendResponse({ ok: false, error: String((err && err.message) || err) })
  );
  return true;
});

// -- browser events --------------------------------------------------------------------
// A new document in a tab's top frame starts a new page (reloads too; history.pushState
// and fragment changes do not).
chrome.webNavigation.onCommitted.addListener((details) => {
  if (details.frameId !== 0 || details.tabId < 0) return;
  chrome.action.setBadgeText({ tabId: details.tabId, text: "" }).catch(() => undefined);
  tabs.newNavigation(details.tabId, details.url, details.timeStamp).catch(() => undefined);
});

chrome.tabs.onRemoved.addListener((tabId) => {
  tabs.forgetTab(tabId);
});

chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === RETRY_ALARM) flushQueue().catch(() => undefined);
});

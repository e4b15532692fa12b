// Per-tab state in chrome.storage.session (the worker can be stopped at any time), plus
// the frames' latest collector output, which stays in memory only.

import { PHASES } from "../lib/findings.js";

const tabs = new Map(); // tabId -> state (cache of storage.session)
const captures = new Map(); // tabId -> {navId, phases: {phase: {top, iframes, frames: Map}}}
const MAX_CAPTURED_TABS = 20; // page DOMs are large: keep only the most recent tabs' captures

const key = (tabId) => `tab:${tabId}`;
const CHOICES = "choices";

function freshState(tabId, url, startedAt, phase) {
  return {
    tabId,
    navId: `${startedAt}-${Math.random().toString(36).slice(2, 8)}`,
    url,
    startedAt,
    phase: phase || "initial",
    choiceAt: null,
    analyses: {},
    controls: [],
  };
}

export function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

export async function getTab(tabId) {
  if (tabs.has(tabId)) return tabs.get(tabId);
  const stored = (await chrome.storage.session.get(key(tabId)))[key(tabId)];
  if (tabs.has(tabId)) return tabs.get(tabId);
  const state = stored || null;
  if (state) tabs.set(tabId, state);
  return state;
}

export async function saveTab(state) {
  tabs.set(state.tabId, state);
  await chrome.storage.session.set({ [key(state.tabId)]: state });
}

export async function forgetTab(tabId) {
  tabs.delete(tabId);
  captures.delete(tabId);
  await chrome.storage.session.remove(key(tabId)).catch(() => undefined);
}

/** The consent choice the person made on a host in this browser session, if any. */
export async function choiceFor(url) {
  const choices = (await chrome.storage.session.get(CHOICES))[CHOICES] || {};
  return choices[hostOf(url)] || null;
}

export async function rememberChoice(url, role) {
  const choices = (await chrome.storage.session.get(CHOICES))[CHOICES] || {};
  choices[hostOf(url)] = role;
  await chrome.storage.session.set({ [CHOICES]: choices });
}

/**
 * A new page in the tab. A host where the person already chose keeps that phase: its
 * later pages are "after" pages, not fresh unconsented ones.
 */
export async function newNavigation(tabId, url, startedAt) {
  const role = await choiceFor(url);
  const state = freshState(tabId, url, startedAt, role ? `after-${role}` : "initial");
  captures.delete(tabId);
  await saveTab(state);
  return state;
}

/** State for a tab whose navigation the worker did not see (e.g. open before install). */
export async function ensureTab(tabId, url) {
  const state = await getTab(tabId);
  if (state) return state;
  return newNavigation(tabId, url, Date.now());
}

export function phaseCapture(tabId, navId, phase) {
  let entry = captures.get(tabId);
  if (!entry || entry.navId !== navId) {
    entry = { navId, phases: {} };
    captures.delete(tabId);
    captures.set(tabId, entry);
    while (captures.size > MAX_CAPTURED_TABS) captures.delete(captures.keys().next().value);
  }
  if (!PHASES.includes(phase)) throw new Error(`unknown phase ${phase}`);
  if (!entry.phases[phase]) {
    entry.phases[phase] = { top: null, timing: null, iframes: [], frames: new Map(), timings: new Map(), sends: 0 };
  }
  return entry.phases[phase];
}

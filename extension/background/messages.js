// Typed messages: the only types the worker accepts, who may send each, and their shape.
//
// Content scripts (this extension's own, in a web page's tab) may send:
//   {type: "frame-snapshot", top, snapshot, timing, phase?, iframes?}  (phase only when the worker asked)
//   {type: "consent-choice", role: "accept" | "reject"}
// Extension pages (popup, options) may send:
//   {type: "get-tab-state", tabId}
//   {type: "retry-now"}
//   {type: "get-settings"}
//   {type: "set-settings", companion}
// Anything else, or from anyone else, is dropped without an answer.

import { PHASES } from "../lib/findings.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const isTabId = (v) => Number.isInteger(v) && v >= 0;

const SHAPES = {
  "frame-snapshot": {
    from: "content",
    valid: (m) =>
      (m.phase === undefined || PHASES.includes(m.phase)) &&
      typeof m.top === "boolean" &&
      isObject(m.snapshot) &&
      typeof m.snapshot.url === "string" &&
      (m.timing === undefined || (isObject(m.timing) && Array.isArray(m.timing.entries))) &&
      (m.iframes === undefined || Array.isArray(m.iframes)),
  },
  "consent-choice": {
    from: "content",
    valid: (m) => m.role === "accept" || m.role === "reject",
  },
  "get-tab-state": { from: "extension-page", valid: (m) => isTabId(m.tabId) },
  "retry-now": { from: "extension-page", valid: () => true },
  "get-settings": { from: "extension-page", valid: () => true },
  "set-settings": { from: "extension-page", valid: (m) => typeof m.companion === "string" },
};

export const MESSAGE_TYPES = Object.freeze(Object.keys(SHAPES));

/**
 * Who sent this: "content" (our content script in a tab), "extension-page" (our popup or
 * options page, even when opened in a tab), or null (anything else).
 */
export function senderKind(sender, runtimeId, extensionOrigin) {
  if (!sender || sender.id !== runtimeId) return null;
  const origin = sender.origin || (sender.url ? safeOrigin(sender.url) : null);
  if (origin === extensionOrigin) return "extension-page";
  if (sender.tab && isTabId(sender.tab.id) && Number.isInteger(sender.frameId)) return "content";
  return null;
}

function safeOrigin(url) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Returns {ok: true} or {ok: false, reason} for a message from a sender of `kind`. */
export function checkMessage(message, kind) {
  if (!isObject(message) || typeof message.type !== "string") return { ok: false, reason: "not a message" };
  const shape = Object.hasOwn(SHAPES, message.type) ? SHAPES[message.type] : null;
  if (!shape) return { ok: false, reason: `unknown type ${message.type}` };
  if (shape.from !== kind) return { ok: false, reason: `${message.type} not accepted from ${kind}` };
  if (!shape.valid(message)) return { ok: false, reason: `malformed ${message.type}` };
  return { ok: true };
}

// Talking to the companion: the configured loopback address and nothing else.

import { DEFAULT_COMPANION, isCompanionUrl, parseCompanionUrl } from "../lib/loopback.js";

const ANALYZE_TIMEOUT_MS = 30000;
const HEALTH_TIMEOUT_MS = 2000;

export async function companionUrl() {
  const { companion } = await chrome.storage.local.get("companion");
  const parsed = parseCompanionUrl(companion || DEFAULT_COMPANION);
  return parsed.ok ? parsed.url : DEFAULT_COMPANION;
}

export async function setCompanionUrl(input) {
  const parsed = parseCompanionUrl(input);
  if (parsed.ok) await chrome.storage.local.set({ companion: parsed.url });
  return parsed;
}

async function request(base, path, init, timeoutMs) {
  const target = base + path;
  if (!isCompanionUrl(target, base)) throw new Error("refusing a non-loopback address");
  return fetch(target, {
    ...init,
    credentials: "omit",
    cache: "no-store",
    redirect: "error", // a redirect could lead off loopback
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/**
 * POST a snapshot (a JSON string). Returns
 *   {ok: true, result} | {ok: false, down: true, message} | {ok: false, down: false, status, message}.
 * "down" means the companion could not be reached: keep the snapshot and retry later.
 */
export async function analyze(base, body) {
  let response;
  try {
    response = await request(
      base,
      "/api/v1/analyze",
      { method: "POST", headers: { "Content-Type": "application/json" }, body },
      ANALYZE_TIMEOUT_MS
    );
  } catch (err) {
    return { ok: false, down: true, message: `The companion at ${base} is not answering` };
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (response.ok && payload && Array.isArray(payload.findings)) return { ok: true, result: payload };
  const message =
    (payload && payload.error && (payload.error.message || String(payload.error))) ||
    `The companion answered HTTP ${response.status}`;
  // 5xx: the companion is having trouble; like being down, the snapshot waits.
  return { ok: false, down: response.status >= 500, status: response.status, message };
}

export async function healthy(base) {
  try {
    const response = await request(base, "/healthz", { method: "GET" }, HEALTH_TIMEOUT_MS);
    return response.ok;
  } catch {
    return false;
  }
}

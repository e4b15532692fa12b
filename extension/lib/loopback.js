// The companion address: the only host the extension ever talks to. It must be loopback.

export const DEFAULT_COMPANION = "http://127.0.0.1:8765";

// Exactly the names the manifest's connect-src allows, so the browser enforces it too.
const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost"]);

export function isLoopbackHost(hostname) {
  return LOOPBACK_NAMES.has(hostname);
}

/**
 * Validate a companion URL typed on the options page.
 * Returns {ok: true, url} with the normalised origin, or {ok: false, error} with a
 * one-line message that says how to fix it.
 */
export function parseCompanionUrl(input) {
  const text = typeof input === "string" ? input.trim() : "";
  if (!text) return { ok: false, error: "Enter the companion address, for example " + DEFAULT_COMPANION };
  let url;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: "Not a URL. Use the form http://127.0.0.1:8765" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: "Use http:// or https://, for example " + DEFAULT_COMPANION };
  }
  if (url.username || url.password) {
    return { ok: false, error: "Remove the user name and password from the address" };
  }
  if (!isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      error: "The companion must run on this computer: use 127.0.0.1 or localhost",
    };
  }
  if ((url.pathname && url.pathname !== "/") || url.search || url.hash) {
    return { ok: false, error: "Give only the scheme, host and port, without a path" };
  }
  return { ok: true, url: url.origin };
}

/** True if `target` is an URL on the configured companion (used before every fetch). */
export function isCompanionUrl(target, companion) {
  try {
    return new URL(target).origin === new URL(companion).origin && parseCompanionUrl(companion).ok;
  } catch {
    return false;
  }
}

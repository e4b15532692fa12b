// Cookie metadata through chrome.cookies: name, domain, path, expiry, flags, value length
// and entropy. The value is measured and dropped here; it never leaves this function.

import { charLength, shannonEntropy } from "../lib/entropy.js";

const MAX_URLS = 60;
const SAME_SITE = { no_restriction: "None", lax: "Lax", strict: "Strict" };

export function cookieMetadata(cookie) {
  const meta = {
    name: cookie.name,
    domain: cookie.domain || "",
    path: cookie.path || "/",
    secure: !!cookie.secure,
    http_only: !!cookie.httpOnly,
    session: !!cookie.session,
    value_length: charLength(cookie.value),
    entropy: Math.round(shannonEntropy(cookie.value || "") * 1000) / 1000,
  };
  if (typeof cookie.expirationDate === "number") meta.expires = cookie.expirationDate;
  if (SAME_SITE[cookie.sameSite]) meta.same_site = SAME_SITE[cookie.sameSite];
  return meta;
}

/** The distinct origins a page talked to: its own URL first, then request origins. */
export function cookieUrls(pageUrl, requests, frameUrls) {
  const urls = [];
  const seen = new Set();
  const add = (u) => {
    let origin;
    try {
      const parsed = new URL(u);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return;
      origin = parsed.origin;
    } catch {
      return;
    }
    if (seen.has(origin) || urls.length >= MAX_URLS) return;
    seen.add(origin);
    urls.push(u === pageUrl ? u : origin + "/");
  };
  add(pageUrl);
  for (const f of frameUrls || []) add(f);
  for (const r of requests || []) add(r.url);
  return urls;
}

export async function pageCookies(urls) {
  const out = new Map();
  for (const url of urls) {
    let cookies = [];
    try {
      cookies = await chrome.cookies.getAll({ url });
    } catch {
      continue;
    }
    for (const c of cookies) {
      const id = `${c.name}\u0001${c.domain}\u0001${c.path}`;
      if (!out.has(id)) out.set(id, cookieMetadata(c));
    }
  }
  return [...out.values()];
}

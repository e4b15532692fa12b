// Assembling one page snapshot from the frames' collector output and Resource Timing.
// Pure functions: no chrome.* here, so they are unit-tested in Node.

export const MAX_FRAMES = 40;
export const MAX_REQUESTS = 3000;

// Resource Timing's initiatorType to the resource types the crawler (Playwright) reports;
// crawler/resource_timing.py reads the same entries for `scan(page)`.
const TIMING_TYPES = {
  script: "script",
  img: "image",
  image: "image",
  input: "image",
  link: "stylesheet",
  xmlhttprequest: "xhr",
  fetch: "fetch",
  beacon: "ping",
  iframe: "document",
  frame: "document",
  video: "media",
  audio: "media",
  track: "media",
  embed: "other",
  object: "other",
};
const FONT_FILE = /\.(woff2?|ttf|otf|eot)$/i;

/** The resource type of one Resource Timing entry; `css` covers a stylesheet's fonts and images. */
export function timingType(initiatorType, url) {
  if (initiatorType === "css") {
    let path = "";
    try {
      path = new URL(url).pathname;
    } catch {
      // not a URL: an image, as most of what CSS loads
    }
    return FONT_FILE.test(path) ? "font" : "image";
  }
  return TIMING_TYPES[initiatorType] || "other";
}

/**
 * The page's requests from its frames' Resource Timing (`{url, timeOrigin, status, entries}`
 * per frame, as capture.js reads it): the document first, then every entry in start order.
 * `time_ms` counts from the top document's navigation start; `at` is the epoch time, which
 * tells the requests after a consent choice from those before.
 */
export function requestsFromTiming(top, children) {
  if (!top || typeof top.url !== "string") return [];
  const origin = Number(top.timeOrigin) || 0;
  const out = [{ url: top.url, type: "document", method: "GET", time_ms: 0, at: Math.round(origin) }];
  if (Number.isInteger(top.status)) out[0].status = top.status;
  const entries = [];
  for (const frame of [top, ...(children || [])]) {
    if (!frame || typeof frame.url !== "string" || !Array.isArray(frame.entries)) continue;
    const offset = (Number(frame.timeOrigin) || origin) - origin;
    for (const entry of frame.entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== "string" || !Number.isFinite(entry[2])) continue;
      const [url, initiator, start, status] = entry;
      const time = Math.round((Number(start) + offset) * 10) / 10;
      const req = { url, type: timingType(String(initiator), url), method: "GET", frame_url: frame.url, time_ms: time };
      req.at = Math.round(origin + time);
      if (Number.isInteger(status) && status > 0) req.status = status;
      entries.push(req);
    }
  }
  entries.sort((a, b) => a.time_ms - b.time_ms);
  return out.concat(entries).slice(0, MAX_REQUESTS);
}

function originOf(url) {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? "" : origin;
  } catch {
    return "";
  }
}

function sameFrameUrl(a, b) {
  try {
    const x = new URL(a);
    const y = new URL(b);
    x.hash = "";
    y.hash = "";
    return x.href === y.href;
  } catch {
    return false;
  }
}

/** Find the <iframe> (reported by the top frame) a sub-frame lives in: same URL, else same origin. */
export function matchIframe(frameUrl, iframes, used) {
  const free = (iframes || []).filter((f, i) => !used.has(i) && f && typeof f.src === "string");
  let hit = free.find((f) => sameFrameUrl(f.src, frameUrl));
  if (!hit) hit = free.find((f) => originOf(f.src) && originOf(f.src) === originOf(frameUrl));
  if (!hit) return null;
  used.add(iframes.indexOf(hit));
  return hit;
}

export function toFrame(snapshot, topOrigin, iframe) {
  const url = String(snapshot.url || "");
  const origin = snapshot.origin || originOf(url);
  const frame = {
    url,
    origin,
    dom: typeof snapshot.dom === "string" ? snapshot.dom : "",
    elements: Array.isArray(snapshot.elements) ? snapshot.elements : [],
    cross_origin: origin !== topOrigin,
  };
  if (iframe && iframe.box) frame.box = iframe.box;
  if (iframe && iframe.selector) frame.selector = iframe.selector;
  else if (snapshot.selector) frame.selector = snapshot.selector;
  return frame;
}

/** Requests of the phase: all of the navigation for "initial", those after the choice otherwise. */
export function phaseRequests(log, since) {
  const out = [];
  for (const r of log || []) {
    if (since != null && r.at != null && r.at < since) continue;
    const req = { url: r.url, type: r.type || "other", method: r.method || "GET" };
    if (r.frame_url) req.frame_url = r.frame_url;
    if (r.initiator) req.initiator = r.initiator;
    if (typeof r.time_ms === "number") req.time_ms = r.time_ms;
    if (Number.isInteger(r.status)) req.status = r.status;
    out.push(req);
    if (out.length >= MAX_REQUESTS) break;
  }
  return out;
}

/** Browser cookie metadata first; document.cookie entries the browser list lacks are kept. */
export function mergeCookies(browserCookies, pageCookies) {
  const out = [...(browserCookies || [])];
  const names = new Set(out.map((c) => c.name));
  for (const c of pageCookies || []) {
    if (c && typeof c.name === "string" && !names.has(c.name)) {
      const { value, ...meta } = c; // never carry a value, even if one slipped in
      out.push(meta);
      names.add(c.name);
    }
  }
  return out;
}

/**
 * The snapshot the companion analyses: the top frame's collector output, its sub-frames as
 * `frames`, the tab's requests for this phase and the cookie metadata.
 */
export function assembleSnapshot({ top, iframes, frames, requests, cookies, phase, since }) {
  const topOrigin = originOf(top.url);
  const used = new Set();
  const frameList = [];
  for (const sub of frames || []) {
    if (!sub || typeof sub.url !== "string") continue;
    frameList.push(toFrame(sub, topOrigin, matchIframe(sub.url, iframes, used)));
    if (frameList.length >= MAX_FRAMES) break;
  }
  const storage = [...(Array.isArray(top.storage) ? top.storage : [])];
  for (const sub of frames || []) {
    if (sub && Array.isArray(sub.storage)) storage.push(...sub.storage);
  }
  const snapshot = {
    ...top,
    source: "extension",
    phase,
    frames: frameList,
    requests: phaseRequests(requests, since),
    cookies: mergeCookies(cookies, top.cookies),
    storage,
  };
  delete snapshot.origin;
  delete snapshot.cross_origin;
  return snapshot;
}

const cookieKey = (c) => `${c.name}|${(c.domain || "").toLowerCase()}|${c.path || "/"}`;
const cookieState = (c) => `${c.expires ?? ""}|${!!c.session}|${c.value_length || 0}|${c.entropy || 0}`;
const storageKey = (k) => `${k.key}|${k.area || "local"}|${k.origin || ""}`;
const storageState = (k) => `${k.value_length || 0}|${k.entropy || 0}`;

/**
 * Marks, in a snapshot taken after the person chose, the cookies and storage keys that are
 * unchanged since the snapshot taken before (`before_choice`): identifiers a site set before
 * the choice are still there after a refusal, and were reported before it. A tracker that
 * runs again re-writes its identifier (a new expiry), which stays unmarked. Returns the count.
 */
export function markLeftOver(after, before) {
  if (!before) return 0;
  const cookies = new Map((before.cookies || []).map((c) => [cookieKey(c), cookieState(c)]));
  const storage = new Map((before.storage || []).map((k) => [storageKey(k), storageState(k)]));
  let marked = 0;
  for (const c of after.cookies || []) {
    if (cookies.get(cookieKey(c)) === cookieState(c)) {
      c.before_choice = true;
      marked += 1;
    }
  }
  for (const k of after.storage || []) {
    if (storage.get(storageKey(k)) === storageState(k)) {
      k.before_choice = true;
      marked += 1;
    }
  }
  return marked;
}

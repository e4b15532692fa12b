// Assembling one page snapshot from the frames' collector output and the worker's logs.
// Pure functions: no chrome.* here, so they are unit-tested in Node.

export const MAX_FRAMES = 40;
export const MAX_REQUESTS = 3000;

const REQUEST_TYPES = {
  main_frame: "document",
  sub_frame: "document",
  xmlhttprequest: "xhr",
  stylesheet: "stylesheet",
  script: "script",
  image: "image",
  font: "font",
  media: "media",
  ping: "ping",
  websocket: "websocket",
  csp_report: "other",
  object: "other",
  other: "other",
};

/** webRequest resource types, in the names the crawler (Playwright) uses. */
export function requestType(webRequestType) {
  return REQUEST_TYPES[webRequestType] || "other";
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

// The content script's entry point, in every frame: capture the frame with the shared
// collector at idle, again when a banner appears and when the worker asks (after a
// consent choice), report consent clicks, and answer "Show me". It listens only to this
// extension (runtime messages whose sender is this extension), never to window messages.
(function (root) {
  "use strict";
  const BL = (root.__brightline = root.__brightline || {});
  if (BL.started) return;
  BL.started = true;

  const isTop = window === window.top;
  const PHASES = ["initial", "after-reject", "after-accept"];
  const MIN_FRAME_SIDE = 20; // tracking pixels in iframes are not worth a snapshot
  const CONTROL_SELECTOR =
    'button, a[href], [role="button"], [role="link"], input[type="button"], input[type="submit"], [onclick]';
  const MAX_TIMING = 3000; // resource entries kept per frame (the browser's default is 250)
  const MAX_ANIMATION_WAIT_MS = 2500; // a banner fading or sliding in is captured once it is there
  let controls = []; // [{selector, role}] for this frame, from the companion's last analysis

  // What the frame loaded, from the browser's Resource Timing buffer. The extension holds
  // no webRequest permission: with it, Chromium routes every request of every page through
  // the extension, which cost about 10% of page load time even with no listener attached.
  try {
    performance.setResourceTimingBufferSize(MAX_TIMING);
  } catch {
    // an old browser: the default buffer still holds the first 250 resources
  }

  function resourceTiming() {
    const nav = performance.getEntriesByType("navigation")[0];
    const entries = [];
    for (const e of performance.getEntriesByType("resource")) {
      entries.push([e.name, e.initiatorType, Math.round(e.startTime * 10) / 10, e.responseStatus || 0]);
      if (entries.length >= MAX_TIMING) break;
    }
    return {
      url: location.href,
      timeOrigin: performance.timeOrigin,
      status: nav && nav.responseStatus ? nav.responseStatus : null,
      entries,
    };
  }

  function send(message) {
    try {
      return chrome.runtime.sendMessage(message).catch(() => undefined);
    } catch {
      return Promise.resolve(); // extension reloaded: this old content script is orphaned
    }
  }

  function cssPath(el) {
    if (el.id && document.querySelectorAll(`#${CSS.escape(el.id)}`).length === 1) return `#${CSS.escape(el.id)}`;
    const parts = [];
    for (let n = el; n && n.nodeType === 1 && n !== document.documentElement; n = n.parentElement) {
      const parent = n.parentElement;
      const same = parent ? [...parent.children].filter((c) => c.localName === n.localName) : [n];
      parts.unshift(same.length > 1 ? `${n.localName}:nth-of-type(${same.indexOf(n) + 1})` : n.localName);
      if (n.id) {
        parts[0] = `#${CSS.escape(n.id)}`;
        break;
      }
    }
    return parts.join(" > ");
  }

  /** The top frame tells the worker where its iframes are, so frames get a box and selector. */
  function listIframes() {
    const out = [];
    for (const el of document.querySelectorAll("iframe, frame")) {
      if (!el.src) continue;
      const collect = root.__brightlineCollect;
      if (collect && typeof collect.frameInfo === "function") {
        const info = collect.frameInfo(el, { resolveShadowRoot: BL.shadow.shadowRootOf });
        out.push({ src: el.src, selector: info.selector, box: info.box });
      } else {
        const r = el.getBoundingClientRect();
        out.push({
          src: el.src,
          selector: cssPath(el),
          box: { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height },
        });
      }
      if (out.length >= 100) break;
    }
    return out;
  }

  let capturing = false;
  let pending; // a capture asked for while one was running: run it right after
  async function capture(phase) {
    if (typeof root.__brightlineCollect !== "function") return;
    if (capturing) {
      if (pending === undefined || phase) pending = phase;
      return;
    }
    if (!isTop && (window.innerWidth < MIN_FRAME_SIDE || window.innerHeight < MIN_FRAME_SIDE)) return;
    capturing = true;
    try {
      await BL.bannerWatch.animationsSettled(MAX_ANIMATION_WAIT_MS);
      const snapshot = await root.__brightlineCollect({
        phase: phase || "initial",
        source: "extension",
        resolveShadowRoot: BL.shadow.shadowRootOf,
        openOrClosedShadowRoot: BL.shadow.shadowRootOf,
      });
      if (!snapshot || typeof snapshot.url !== "string") return;
      const message = { type: "frame-snapshot", top: isTop, snapshot, timing: resourceTiming() };
      if (phase) message.phase = phase;
      if (isTop) message.iframes = listIframes();
      await send(message);
    } catch {
      // a page the collector cannot read is skipped, not reported to the page's console
    } finally {
      capturing = false;
      if (pending !== undefined) {
        const next = pending;
        pending = undefined;
        capture(next);
      }
    }
  }

  // -- consent clicks ------------------------------------------------------------------
  function insideBanner(el) {
    if (!isTop && BL.consentWords.isConsentText(document.body ? document.body.innerText : "")) return true;
    return !!BL.shadow.closestComposed(el, (n) => {
      if (n.matches(BL.bannerWatch.BANNER_SELECTOR)) return true;
      const pos = getComputedStyle(n).position;
      return (pos === "fixed" || pos === "sticky") && BL.consentWords.isConsentText(n.textContent || "");
    });
  }

  function roleFromAnalysis(control) {
    for (const c of controls) {
      const el = BL.shadow.resolve(c.selector);
      if (el && (el === control || el.contains(control) || control.contains(el))) return c.role;
    }
    return undefined;
  }

  function togglesAllOff(control) {
    const container = BL.shadow.closestComposed(control, (n) => n.matches(BL.bannerWatch.BANNER_SELECTOR));
    if (!container) return false;
    const boxes = [...container.querySelectorAll('input[type="checkbox"], [role="switch"], [role="checkbox"]')];
    const on = (b) => (b.localName === "input" ? b.checked : b.getAttribute("aria-checked") === "true");
    return boxes.filter((b) => !b.disabled).every((b) => !on(b));
  }

  function choiceFor(control) {
    const known = roleFromAnalysis(control);
    if (known !== undefined) {
      if (known === "reject") return "reject";
      if (known === "accept" || known === "acknowledge") return "accept";
      return null; // settings or other: no choice made yet
    }
    if (!insideBanner(control)) return null;
    const text = control.innerText || control.value || control.getAttribute("aria-label") || "";
    const role = BL.consentWords.classifyControl(text);
    if (role === "save") return togglesAllOff(control) ? "reject" : "accept";
    return role === "reject" || role === "accept" ? role : null;
  }

  function onClick(event) {
    if (!event.isTrusted) return; // only the person's own clicks, not scripted ones
    try {
      const target = BL.shadow.deepTarget(event);
      const control = BL.shadow.closestComposed(target, (n) => n.matches(CONTROL_SELECTOR));
      if (!control) return;
      const role = choiceFor(control);
      if (role) send({ type: "consent-choice", role });
    } catch {
      // never let our listener break the page's own click handling
    }
  }

  // -- messages from this extension ------------------------------------------------------
  function frameMatches(frame) {
    if (!frame) return isTop;
    try {
      return !isTop && new URL(frame, location.href).origin === location.origin;
    } catch {
      return false;
    }
  }

  function onMessage(message, sender, sendResponse) {
    if (!sender || sender.id !== chrome.runtime.id || !message || typeof message.type !== "string") return false;
    if (message.type === "capture" && PHASES.includes(message.phase)) {
      capture(message.phase);
    } else if (message.type === "controls" && Array.isArray(message.controls)) {
      controls = message.controls.filter(
        (c) => c && typeof c.selector === "string" && typeof c.role === "string" && frameMatches(c.frame)
      );
    } else if (message.type === "show-me" && typeof message.selector === "string") {
      if (!frameMatches(message.frame)) return false;
      const result = BL.showMe.show(message.selector);
      if (result.found || isTop) sendResponse(result);
    }
    return false;
  }

  // -- start -----------------------------------------------------------------------------
  function whenIdle(fn) {
    const run = () => ("requestIdleCallback" in root ? requestIdleCallback(fn, { timeout: 500 }) : setTimeout(fn, 50));
    if (document.readyState === "complete") run();
    else {
      let done = false;
      const once = () => {
        if (!done) {
          done = true;
          run();
        }
      };
      window.addEventListener("load", once, { once: true });
      setTimeout(once, 5000); // pages whose load event never comes still get captured
    }
  }

  // The scripts are injected at document_start (cheaper than document_idle, which lands
  // right before the load event), but only the click listener is set up while the page
  // loads: touching chrome.* and capturing wait until the page is loaded and idle.
  window.addEventListener("click", onClick, true);
  // The watch starts before the first capture: a banner that appears while the page is
  // being captured is then seen as a change and captured again.
  whenIdle(() => {
    chrome.runtime.onMessage.addListener(onMessage);
    BL.bannerWatch.watch(() => capture(null));
    capture(null);
  });
})(globalThis);

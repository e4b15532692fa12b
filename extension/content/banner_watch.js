// Banners load late: watch the page for a banner-like element appearing (or becoming
// visible, or fading in) for a bounded time from the first capture, and call back when
// one does. Also: wait for running animations before a capture, so a banner is captured
// as it ends up, not half-faded in.
(function (root) {
  "use strict";
  const BL = (root.__brightline = root.__brightline || {});
  if (BL.bannerWatch) return;

  const BANNER_SELECTOR = [
    '[id*="cookie" i]', '[class*="cookie" i]', '[id*="consent" i]', '[class*="consent" i]',
    '[id*="gdpr" i]', '[class*="gdpr" i]', '[id*="cmp" i]', '[class*="cmp-" i]',
    '[id*="privacy" i]', '[class*="privacy" i]', '[aria-modal="true"]', '[role="dialog"]',
    '[role="alertdialog"]', "dialog[open]",
  ].join(",");
  const MAX_MATCHES = 200;
  const MAX_OVERLAY_CANDIDATES = 400;
  // Banners without a telling id or class (e.g. tarteaucitron's #tarteaucitronAlertBig) are
  // fixed or sticky boxes near the top of the tree that talk about consent.
  const OVERLAY_CANDIDATES = "body > *, body > * > *, body > * > * > *";
  const FADED_OPACITY = 0.5; // below this a fading-in banner is not yet what the person sees

  function hasBox(el) {
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  }

  function visible(el) {
    if (typeof el.checkVisibility === "function") {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    }
    return hasBox(el);
  }

  /** Opacity as seen: the element's own multiplied through its (composed) ancestors. */
  function effectiveOpacity(el) {
    let opacity = 1;
    const parent = (n) => (BL.shadow ? BL.shadow.composedParent(n) : n.parentElement);
    for (let n = el, depth = 0; n && depth < 100; n = parent(n), depth += 1) {
      const o = parseFloat(getComputedStyle(n).opacity);
      if (Number.isFinite(o)) opacity *= o;
    }
    return opacity;
  }

  /** Visible and not (still) faded out: a banner fading in counts once it is mostly there. */
  function shown(el) {
    return visible(el) && effectiveOpacity(el) >= FADED_OPACITY;
  }

  function describe(el) {
    const cls = typeof el.className === "string" ? el.className.trim().slice(0, 40) : "";
    return `${el.localName}#${el.id || ""}.${cls}`;
  }

  function isOverlay(el) {
    const pos = getComputedStyle(el).position;
    return (pos === "fixed" || pos === "sticky") && shown(el);
  }

  /** Fixed or sticky boxes near the top of the document whose text is about consent. */
  function consentOverlays() {
    const out = [];
    let candidates;
    try {
      candidates = document.querySelectorAll(OVERLAY_CANDIDATES);
    } catch {
      return out;
    }
    const words = BL.consentWords;
    for (let i = 0; i < candidates.length && i < MAX_OVERLAY_CANDIDATES; i += 1) {
      const el = candidates[i];
      if (!isOverlay(el)) continue;
      if (words && words.isConsentText((el.textContent || "").slice(0, 3000))) out.push("overlay:" + describe(el));
    }
    return out;
  }

  /** Banner-like elements in the document and its shadow roots that are visible now. */
  function visibleBanners(shadowRootsToScan) {
    const out = [];
    const scopes = [document, ...(shadowRootsToScan || [])];
    for (const scope of scopes) {
      let matches;
      try {
        matches = scope.querySelectorAll(BANNER_SELECTOR);
      } catch {
        continue;
      }
      for (let i = 0; i < matches.length && i < MAX_MATCHES; i += 1) {
        if (shown(matches[i])) out.push(describe(matches[i]));
      }
      // A web component whose shadow tree talks about consent counts as banner-like.
      if (scope !== document && scope.host && visible(scope.host)) {
        const text = (scope.textContent || "").slice(0, 3000);
        if (BL.consentWords && BL.consentWords.isConsentText(text) && shadowShown(scope)) {
          out.push("shadow:" + describe(scope.host));
        }
      }
    }
    out.push(...consentOverlays());
    return out.join("|");
  }

  /** Whether a shadow tree shows its content yet (it may fade in after the host appears).
   * Trees whose top elements have no box of their own (display: contents) count as shown. */
  function shadowShown(shadowRoot) {
    const boxes = [...shadowRoot.children].filter(hasBox);
    return !boxes.length || boxes.some(shown);
  }

  /** Running animations and transitions with an end, in the document and its shadow roots. */
  function finiteAnimations(shadowRootsToScan) {
    const found = new Set();
    for (const scope of [document, ...(shadowRootsToScan || [])]) {
      if (typeof scope.getAnimations !== "function") continue;
      for (const a of scope.getAnimations()) {
        const end = a.effect ? a.effect.getComputedTiming().endTime : Infinity;
        if (a.playState === "running" && Number.isFinite(end)) found.add(a);
      }
    }
    return [...found];
  }

  /** Resolves once the page's finite animations have finished, or after `limitMs`. */
  function animationsSettled(limitMs) {
    let running;
    try {
      running = finiteAnimations(BL.shadow ? BL.shadow.shadowRoots(document, 20) : []);
    } catch {
      return Promise.resolve();
    }
    if (!running.length) return Promise.resolve();
    const finished = Promise.allSettled(running.map((a) => a.finished));
    return Promise.race([finished, new Promise((resolve) => setTimeout(resolve, limitMs))]);
  }

  /**
   * Observe the page for `durationMs`; call `onBanner()` (at most `maxCaptures` times) when
   * the set of visible banner-like elements changes to a non-empty one.
   */
  function watch(onBanner, options) {
    const opts = { durationMs: 15000, maxCaptures: 4, debounceMs: 400, pollMs: 1000, ...(options || {}) };
    const roots = BL.shadow ? BL.shadow.shadowRoots(document, 20) : [];
    let last = visibleBanners(roots);
    let captures = 0;
    let timer = null;
    let stopped = false;

    const check = () => {
      timer = null;
      if (stopped) return;
      for (const sr of BL.shadow ? BL.shadow.shadowRoots(document, 20) : []) {
        if (!roots.includes(sr)) {
          roots.push(sr);
          observer.observe(sr, OBSERVE);
        }
      }
      const now = visibleBanners(roots);
      if (now && now !== last) {
        last = now;
        captures += 1;
        onBanner();
        if (captures >= opts.maxCaptures) stop();
      } else {
        last = now;
      }
    };
    const observer = new MutationObserver(() => {
      if (!timer && !stopped) timer = setTimeout(check, opts.debounceMs);
    });
    const OBSERVE = {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["class", "style", "hidden", "open", "aria-hidden"],
    };
    observer.observe(document.documentElement, OBSERVE);
    for (const sr of roots) observer.observe(sr, OBSERVE);
    // Some changes make no mutation: a shadow root filled after it was attached, a fade-in
    // run by a stylesheet. A slow poll catches them.
    const poll = setInterval(() => {
      if (!timer && !stopped) check();
    }, opts.pollMs);
    const deadline = setTimeout(stop, opts.durationMs);

    function stop() {
      stopped = true;
      observer.disconnect();
      clearTimeout(deadline);
      clearInterval(poll);
      if (timer) clearTimeout(timer);
    }
    return { stop, signature: () => last };
  }

  BL.bannerWatch = { BANNER_SELECTOR, visibleBanners, watch, visible, animationsSettled };
})(globalThis);

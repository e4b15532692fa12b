// Banners load late: watch the page for a banner-like element appearing (or becoming
// visible) for a bounded time after the first capture, and call back when one does.
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

  function visible(el) {
    if (typeof el.checkVisibility === "function") {
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  }

  function describe(el) {
    const cls = typeof el.className === "string" ? el.className.trim().slice(0, 40) : "";
    return `${el.localName}#${el.id || ""}.${cls}`;
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
        if (visible(matches[i])) out.push(describe(matches[i]));
      }
      // A web component whose shadow tree talks about consent counts as banner-like.
      if (scope !== document && scope.host && visible(scope.host)) {
        const text = (scope.textContent || "").slice(0, 3000);
        if (BL.consentWords && BL.consentWords.isConsentText(text)) out.push("shadow:" + describe(scope.host));
      }
    }
    return out.join("|");
  }

  /**
   * Observe the page for `durationMs`; call `onBanner()` (at most `maxCaptures` times) when
   * the set of visible banner-like elements changes to a non-empty one.
   */
  function watch(onBanner, options) {
    const opts = { durationMs: 15000, maxCaptures: 4, debounceMs: 400, ...(options || {}) };
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
    const deadline = setTimeout(stop, opts.durationMs);

    function stop() {
      stopped = true;
      observer.disconnect();
      clearTimeout(deadline);
      if (timer) clearTimeout(timer);
    }
    return { stop, signature: () => last };
  }

  BL.bannerWatch = { BANNER_SELECTOR, visibleBanners, watch, visible };
})(globalThis);

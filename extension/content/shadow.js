// Shadow-DOM aware helpers shared by the content scripts (isolated world, classic script).
//
// Selector convention (the collector's): a selector into a shadow tree is the host's
// selector, " >>> ", then the selector inside that shadow root, repeated for nested roots.
(function (root) {
  "use strict";
  const BL = (root.__brightline = root.__brightline || {});
  if (BL.shadow) return;

  const SHADOW_SEP = /\s+>>>\s+/;

  /** Open or closed shadow root of `el` (closed ones through chrome.dom), or null. */
  function shadowRootOf(el) {
    if (!el || el.nodeType !== 1) return null;
    try {
      if (root.chrome && chrome.dom && typeof chrome.dom.openOrClosedShadowRoot === "function") {
        return chrome.dom.openOrClosedShadowRoot(el) || null;
      }
    } catch {
      // not a host, or chrome.dom unavailable in this context
    }
    return el.shadowRoot || null;
  }

  /** Resolve a collector selector (with " >>> " shadow steps) to an element, or null. */
  function resolve(selector, scope) {
    if (typeof selector !== "string" || !selector.trim()) return null;
    const collect = root.__brightlineCollect;
    if (!scope && collect && typeof collect.resolve === "function") {
      try {
        return collect.resolve(selector, { resolveShadowRoot: shadowRootOf });
      } catch {
        // fall through to our own resolver
      }
    }
    let current = scope || document;
    const parts = selector.split(SHADOW_SEP);
    for (let i = 0; i < parts.length; i += 1) {
      let el;
      try {
        el = current.querySelector(parts[i]);
      } catch {
        return null; // not a valid selector in this browser
      }
      if (!el) return null;
      if (i === parts.length - 1) return el;
      current = shadowRootOf(el);
      if (!current) return null;
    }
    return null;
  }

  /** The parent of a node, stepping out of shadow roots to their host. */
  function composedParent(node) {
    if (!node) return null;
    if (node.parentElement) return node.parentElement;
    const r = node.getRootNode ? node.getRootNode() : null;
    return r && r.host ? r.host : null;
  }

  function closestComposed(node, predicate) {
    for (let n = node, depth = 0; n && depth < 200; n = composedParent(n), depth += 1) {
      if (n.nodeType === 1 && predicate(n)) return n;
    }
    return null;
  }

  /** The innermost element an event hit, looking into closed shadow roots by position. */
  function deepTarget(event) {
    const path = typeof event.composedPath === "function" ? event.composedPath() : [];
    let el = path.find((n) => n && n.nodeType === 1) || event.target;
    for (let depth = 0; depth < 10 && el; depth += 1) {
      const sr = shadowRootOf(el);
      if (!sr || el.shadowRoot === sr) break; // open roots already appear in composedPath
      const inner = sr.elementFromPoint(event.clientX, event.clientY);
      if (!inner || inner === el) break;
      el = inner;
    }
    return el;
  }

  /** Shadow roots (open or closed) in `scope`, breadth first, bounded. */
  function shadowRoots(scope, limit) {
    const found = [];
    const queue = [scope || document];
    let visited = 0;
    while (queue.length && found.length < (limit || 50)) {
      const current = queue.shift();
      const all = current.querySelectorAll ? current.querySelectorAll("*") : [];
      for (const el of all) {
        visited += 1;
        if (visited > 20000) return found;
        if (el.localName.includes("-") || el.shadowRoot) {
          const sr = shadowRootOf(el);
          if (sr) {
            found.push(sr);
            queue.push(sr);
          }
        }
      }
    }
    return found;
  }

  BL.shadow = { SHADOW_SEP, shadowRootOf, resolve, composedParent, closestComposed, deepTarget, shadowRoots };
})(globalThis);

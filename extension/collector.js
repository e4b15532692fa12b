/*
 * Brightline collector: one script, used by the extension (content script) and the
 * crawler (injected by Playwright). It captures one frame as a person sees it and returns
 * an object that validates as a `companion.models.Snapshot` (top frame) or `Frame`.
 *
 *   globalThis.__brightlineCollect(options) -> snapshot object
 *
 * options (all optional):
 *   source             "extension" | "crawler" | "file"         (default "extension")
 *   phase              "initial" | "after-reject" | "after-accept" (default "initial")
 *   resolveShadowRoot  function(element) -> ShadowRoot | null, to reach closed roots
 *                      (the extension passes chrome.dom.openOrClosedShadowRoot)
 *   maxElements        cap on recorded elements   (default 5000)
 *   maxDomChars        cap on serialized DOM size (default 8,000,000 characters)
 *   maxText            cap on an element's text   (default 2000 characters)
 *   maxMillis          time budget for the walk   (default 10000 ms)
 * Hitting any cap sets `collector.truncated`; the DOM stays well-formed.
 *
 * Selector convention: a plain CSS selector for the document (an id when it is unique and
 * looks hand-written, else a tag path). An element inside a shadow root is written
 * `host-selector >>> inner-selector`; inner-selector is evaluated with
 * `shadowRoot.querySelector` and is the shortest path unique in that root, so each part
 * also works as one step of a Playwright locator chain (`a >> b`). A path that stays
 * ambiguous up to the root is anchored as `:host > …` (native querySelector only).
 * Nested roots repeat the separator. `__brightlineCollect.resolve(selector)` resolves one
 * back to its element.
 *
 * Privacy: cookie and storage values never leave this script, only their length and
 * Shannon entropy. The value of text fields (live or default) is not serialized.
 *
 * No eval, no build step, no DOM mutation. Injecting it twice is harmless.
 */
(function (root) {
  "use strict";

  var VERSION = "1.0.0";
  var SCHEMA = "brightline.snapshot/1";
  var SHADOW_SEP = " >>> ";
  var DEFAULTS = { maxElements: 5000, maxDomChars: 8000000, maxText: 2000, maxMillis: 10000 };
  var LABEL_CAP = 500;
  var ATTR_CAP = 2000;
  var MAX_STORAGE_KEYS = 1000;
  var SMALL_SCOPE = 3000; // shadow roots up to this many elements get shortest selectors
  var OVERLAY_TEXTS = 300; // text blocks recorded per overlay

  var VOID = toSet("area base br col embed hr img input link meta source track wbr param keygen");
  // Elements whose children are dropped: script bodies, style sheets, inert or fallback
  // content a person never sees, and textarea text (it can hold what the person typed).
  var DROP_CHILDREN = toSet("script style noscript template textarea iframe frame object");
  var RECORD_TAGS = toSet("button a input select textarea summary dialog iframe frame");
  var RECORD_ROLES = toSet(
    "button link checkbox switch radio tab dialog alertdialog menuitemcheckbox menuitemradio option"
  );
  var OVERLAY_ROLES = toSet("dialog alertdialog");
  var CHECKABLE_INPUTS = toSet("checkbox radio");
  var VALUE_IS_LABEL = toSet("button submit reset");
  // Inputs whose value attribute is author data about the control, not something typed.
  var KEEP_VALUE_INPUTS = toSet("checkbox radio button submit reset image");
  var FRAME_TAGS = toSet("iframe frame");
  // Never rendered: no computed style needed, never recorded, not marked as hidden roots.
  var NOT_RENDERED = toSet("head script style meta link title base noscript template");
  // For text breaks where no computed style is read (inside hidden subtrees).
  var INLINE_TAGS = toSet(
    "a abbr b bdi bdo button cite code data dfn em i img input kbd label mark q s samp " +
    "select small span strong sub sup time u var"
  );
  var IMPLICIT_ROLE = {
    button: "button", summary: "button", select: "combobox", textarea: "textbox",
    dialog: "dialog", option: "option"
  };
  var INPUT_ROLE = {
    checkbox: "checkbox", radio: "radio", button: "button", submit: "button", reset: "button",
    image: "button", range: "slider", search: "searchbox"
  };

  function toSet(words) {
    var set = Object.create(null);
    words.split(" ").forEach(function (w) { set[w] = true; });
    return set;
  }

  // ---------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------

  /* Shannon entropy in bits per character, the formula of companion/entropy.py
   * (code points, like Python's str). */
  function shannonEntropy(value) {
    var chars = Array.from(value);
    if (!chars.length) return 0;
    var counts = new Map();
    for (var i = 0; i < chars.length; i++) counts.set(chars[i], (counts.get(chars[i]) || 0) + 1);
    var total = chars.length;
    var h = 0;
    counts.forEach(function (n) { var p = n / total; h -= p * Math.log2(p); });
    return h === 0 ? 0 : h;
  }

  function codePointLength(value) {
    var n = 0;
    for (var i = 0; i < value.length; i++) {
      var c = value.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  function escapeText(s) {
    if (!/[&<>\u00a0]/.test(s)) return s;
    return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/\u00a0/g, "&nbsp;");
  }

  function escapeAttr(s) {
    if (s.length > ATTR_CAP) s = s.slice(0, ATTR_CAP);
    if (!/[&"\u00a0]/.test(s)) return s;
    return s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/\u00a0/g, "&nbsp;");
  }

  function collapse(s) {
    return s.replace(/\s+/g, " ").trim();
  }

  function round1(n) {
    return Math.round(n * 10) / 10;
  }

  function px(value) {
    var n = parseFloat(value);
    return isFinite(n) ? n : 0;
  }

  function isTransparent(color) {
    return !color || color === "transparent" || /[,/]\s*0(\.0+)?\)$/.test(color);
  }

  function cssEscape(s) {
    if (root.CSS && typeof root.CSS.escape === "function") return root.CSS.escape(s);
    return String(s).replace(/[^a-zA-Z0-9_\u00a0-\uffff-]/g, "\\$&");
  }

  // Generated ids (React ":r1:", "ember1234", hashes) change between loads: not stable.
  function stableId(id) {
    return id.length > 0 && id.length < 80 && !/\s|:|\d{3,}|[0-9a-f]{8,}/i.test(id);
  }

  function shadowRootOf(el, resolver) {
    if (el.shadowRoot) return el.shadowRoot;
    if (resolver) {
      try {
        return resolver(el) || null;
      } catch (e) {
        return null;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------
  // Selectors
  // ---------------------------------------------------------------------------------

  /* `idCount(scope, id)` says how many elements carry an id in a tree scope;
   * `checkShadow(shadowRoot)` says whether shortening by querying that root is cheap. */
  function makeSelectorBuilder(idCount, checkShadow) {
    var typeIndex = new WeakMap(); // element -> [position among same-type siblings, total]

    function indexChildren(parent) {
      var totals = Object.create(null);
      var c;
      for (c = parent.firstElementChild; c; c = c.nextElementSibling) {
        var n = (totals[c.localName] || 0) + 1;
        totals[c.localName] = n;
        typeIndex.set(c, [n, 0]);
      }
      for (c = parent.firstElementChild; c; c = c.nextElementSibling) {
        typeIndex.get(c)[1] = totals[c.localName];
      }
    }

    function step(el) {
      var info = typeIndex.get(el);
      if (!info) {
        indexChildren(el.parentNode);
        info = typeIndex.get(el);
      }
      var tag = cssEscape(el.localName);
      return info[1] === 1 ? tag : tag + ":nth-of-type(" + info[0] + ")";
    }

    function joined(parts) {
      return parts.slice().reverse().join(" > ");
    }

    function uniqueIn(scope, parts, el) {
      try {
        var found = scope.querySelectorAll(joined(parts));
        return found.length === 1 && found[0] === el;
      } catch (e) {
        return false;
      }
    }

    /* Inside a shadow root the path stops as soon as it is unique there, so it also works
     * as one step of a Playwright locator chain (which knows no `:host`). Only a path that
     * stays ambiguous up to the root is anchored with `:host > …`. */
    function within(el, scope) {
      var parts = [];
      var cur = el;
      var shadow = scope.nodeType === 11;
      var verify = shadow && checkShadow(scope);
      while (cur) {
        var id = cur.getAttribute("id");
        if (id && stableId(id) && idCount(scope, id) === 1) {
          parts.push("#" + cssEscape(id));
          break;
        }
        var parent = cur.parentNode;
        if (!parent) break;
        if (parent.nodeType === 11) { // the shadow root itself
          parts.push(step(cur));
          if (!verify || !uniqueIn(scope, parts, el)) parts.push(":host");
          break;
        }
        if (parent.nodeType === 9) {
          parts.push(cur.localName);
          break;
        }
        if (cur.localName === "body" && parent === cur.ownerDocument.documentElement) {
          parts.push("body");
          break;
        }
        parts.push(step(cur));
        if (verify && uniqueIn(scope, parts, el)) break;
        cur = parent;
      }
      return joined(parts);
    }

    return function selectorFor(el) {
      var scope = el.getRootNode();
      var own = within(el, scope);
      if (scope.nodeType === 11 && scope.host) return selectorFor(scope.host) + SHADOW_SEP + own;
      return own;
    };
  }

  function always() {
    return true;
  }

  function liveIdCount(scope, id) {
    try {
      return scope.querySelectorAll("#" + cssEscape(id)).length;
    } catch (e) {
      return 0;
    }
  }

  function resolveSelector(selector, resolver) {
    var parts = selector.split(SHADOW_SEP);
    var scope = document;
    var el = null;
    for (var i = 0; i < parts.length; i++) {
      if (!scope) return null;
      el = scope.querySelector(parts[i]);
      if (!el) return null;
      scope = i + 1 < parts.length ? shadowRootOf(el, resolver) : null;
    }
    return el;
  }

  // ---------------------------------------------------------------------------------
  // Per-element measurements
  // ---------------------------------------------------------------------------------

  function roleOf(el) {
    var explicit = el.getAttribute("role");
    if (explicit) return explicit.trim().split(/\s+/)[0].toLowerCase();
    var tag = el.localName;
    if (tag === "a" || tag === "area") return el.hasAttribute("href") ? "link" : null;
    if (tag === "input") return INPUT_ROLE[(el.type || "").toLowerCase()] || "textbox";
    return IMPLICIT_ROLE[tag] || null;
  }

  function textOfIds(el, ids) {
    var scope = el.getRootNode();
    var out = [];
    ids.split(/\s+/).forEach(function (id) {
      if (!id) return;
      var ref = scope.getElementById ? scope.getElementById(id) : null;
      if (ref) out.push(collapse(ref.textContent || ""));
    });
    return out.filter(Boolean).join(" ");
  }

  /* A practical accessible name: aria-labelledby, aria-label, <label>, value, alt, title.
   * `labelsFor` maps controls to their <label> elements; `el.labels` is not used because
   * it scans the whole document on every call. */
  function labelOf(el, labelsFor) {
    var name = "";
    var by = el.getAttribute("aria-labelledby");
    if (by) name = textOfIds(el, by);
    if (!name) name = collapse(el.getAttribute("aria-label") || "");
    var tag = el.localName;
    if (!name && labelsFor) {
      var labels = labelsFor.get(el);
      if (labels) {
        name = collapse(labels.map(function (l) { return l.textContent || ""; }).join(" "));
      }
    }
    if (!name && tag === "input") {
      var type = (el.type || "").toLowerCase();
      if (VALUE_IS_LABEL[type]) name = collapse(el.value || "");
      else if (type === "image") name = collapse(el.getAttribute("alt") || "");
    }
    if (!name && tag === "img") name = collapse(el.getAttribute("alt") || "");
    if (!name) name = collapse(el.getAttribute("title") || el.getAttribute("placeholder") || "");
    return name ? name.slice(0, LABEL_CAP) : null;
  }

  /* A control with no text of its own is named by what is inside it: an icon's alt text,
   * an inner aria-label, an SVG <title>. */
  function innerName(el) {
    if (!el.firstElementChild) return null;
    var inner = el.querySelector("img[alt]:not([alt='']), [aria-label], svg title");
    if (!inner) return null;
    var name = inner.localName === "img" ? inner.getAttribute("alt")
      : inner.getAttribute("aria-label") || inner.textContent;
    name = collapse(name || "");
    return name ? name.slice(0, LABEL_CAP) : null;
  }

  function checkedOf(el) {
    var tag = el.localName;
    if (tag === "input" && CHECKABLE_INPUTS[(el.type || "").toLowerCase()]) return !!el.checked;
    if (tag === "option") return !!el.selected;
    var aria = el.getAttribute("aria-checked");
    if (aria === null) aria = el.getAttribute("aria-pressed");
    if (aria === "true") return true;
    if (aria === "false") return false;
    return null;
  }

  function disabledOf(el) {
    if (el.getAttribute("aria-disabled") === "true") return true;
    try {
      return el.matches(":disabled");
    } catch (e) {
      return false;
    }
  }

  function borderSide(cs) {
    var sides = ["top", "right", "bottom", "left"];
    var best = "top";
    var width = -1;
    for (var i = 0; i < sides.length; i++) {
      var w = px(cs.getPropertyValue("border-" + sides[i] + "-width"));
      if (w > width) { width = w; best = sides[i]; }
    }
    return {
      width: width,
      color: cs.getPropertyValue("border-" + best + "-color"),
      style: cs.getPropertyValue("border-" + best + "-style")
    };
  }

  function styleOf(cs, seen) {
    var border = borderSide(cs);
    var z = parseInt(cs.zIndex, 10);
    var weight = parseInt(cs.fontWeight, 10);
    return {
      color: cs.color,
      background_color: cs.backgroundColor,
      effective_background: seen.bg,
      font_size: px(cs.fontSize),
      font_weight: isFinite(weight) ? weight : 400,
      padding: [px(cs.paddingTop), px(cs.paddingRight), px(cs.paddingBottom), px(cs.paddingLeft)],
      border_width: border.width,
      border_color: border.color,
      border_style: border.style,
      opacity: Math.round(seen.opacity * 1000) / 1000,
      z_index: isFinite(z) ? z : null,
      position: cs.position,
      display: cs.display,
      visibility: cs.visibility,
      text_decoration: cs.textDecorationLine || cs.textDecoration,
      cursor: cs.cursor,
      overflow: cs.overflow,
      filter: cs.filter
    };
  }

  function hasOwnText(el) {
    for (var c = el.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3 && /\S/.test(c.data)) return true;
    }
    return false;
  }

  function nonTrivial(rect) {
    return rect.width >= 40 && rect.height >= 16;
  }

  // ---------------------------------------------------------------------------------
  // The walk: serialize and record in one pass
  // ---------------------------------------------------------------------------------

  function Walker(opts) {
    this.opts = opts;
    this.resolver = typeof opts.resolveShadowRoot === "function" ? opts.resolveShadowRoot : null;
    this.out = [];
    this.size = 0;
    this.truncated = false;
    this.elements = [];
    this.ordinaryCap = Math.floor(opts.maxElements * 0.8);
    this.labels = [];       // every <label> seen, to name controls after the walk
    this.styledToggles = []; // checkboxes hidden by opacity/size/offset: see showStyledToggles
    this.nodes = [];        // live element for each recorded entry, for selectors
    this.buffers = [];      // text buffers of recorded elements currently open
    this.idCounts = new Map();
    this.scopeSizes = new Map(); // tree scope -> elements walked in it
    this.seen = new Map();  // element -> {bg, opacity} as seen through its ancestors
    this.frameRefs = new Map();
    this.frameCount = 0;
    this.scrollX = root.scrollX || 0;
    this.scrollY = root.scrollY || 0;
  }

  Walker.prototype.emit = function (s) {
    this.out.push(s);
    this.size += s.length;
  };

  Walker.prototype.countId = function (scope, id) {
    var m = this.idCounts.get(scope);
    if (!m) { m = new Map(); this.idCounts.set(scope, m); }
    m.set(id, (m.get(id) || 0) + 1);
  };

  Walker.prototype.addText = function (text, hidden) {
    var cap = this.opts.maxText;
    // Collapsed once here so that indentation does not count against the cap.
    var collapsed = null;
    for (var i = 0; i < this.buffers.length; i++) {
      var b = this.buffers[i];
      if (b.len >= cap || (hidden && !b.hiddenAtOpen)) continue;
      if (collapsed === null) {
        collapsed = text.replace(/\s+/g, " ");
        if (collapsed === " " && !b.len) continue;
      }
      if (b.space && b.len) { b.parts.push(" "); b.len += 1; }
      b.space = false;
      var piece = collapsed.length > cap - b.len ? collapsed.slice(0, cap - b.len + 1) : collapsed;
      b.parts.push(piece);
      b.len += piece.length;
    }
  };

  Walker.prototype.breakText = function () {
    for (var i = 0; i < this.buffers.length; i++) this.buffers[i].space = true;
  };

  /* Recorded for what it is, whatever its style: controls, roles, handlers, labels. */
  function markupRecordable(el, tag) {
    if (RECORD_TAGS[tag]) return tag !== "input" || (el.type || "").toLowerCase() !== "hidden";
    var role = el.getAttribute("role");
    if (role && RECORD_ROLES[role.trim().toLowerCase()]) return true;
    if (el.hasAttribute("onclick") || el.hasAttribute("aria-modal")) return true;
    if (el.hasAttribute("tabindex") && el.tabIndex >= 0) return true;
    if (tag === "label") {
      var control = el.control;
      return !!control && control.localName === "input" &&
        !!CHECKABLE_INPUTS[(control.type || "").toLowerCase()];
    }
    return false;
  }

  function parentOf(el) {
    if (el.parentElement) return el.parentElement;
    var p = el.parentNode;
    return p && p.nodeType === 11 ? p.host || null : null;
  }

  /* Background and opacity as seen: the first non-transparent background up the ancestor
   * chain, and opacity multiplied through it. Computed lazily (and cached) for recorded
   * elements only, which is far cheaper than carrying them through the whole walk. */
  Walker.prototype.effective = function (el) {
    var chain = [];
    var base = null;
    for (var cur = el; cur; cur = parentOf(cur)) {
      base = this.seen.get(cur);
      if (base) break;
      chain.push(cur);
    }
    var bg = base ? base.bg : "rgb(255, 255, 255)";
    var opacity = base ? base.opacity : 1;
    var value = base;
    for (var i = chain.length - 1; i >= 0; i--) {
      var cs = root.getComputedStyle(chain[i]);
      if (!isTransparent(cs.backgroundColor)) bg = cs.backgroundColor;
      var o = parseFloat(cs.opacity);
      opacity *= isFinite(o) ? o : 1;
      value = { bg: bg, opacity: opacity };
      this.seen.set(chain[i], value);
    }
    return value;
  };

  Walker.prototype.enterElement = function (el, ctx) {
    var tag = el.localName;
    var id = el.getAttribute("id");
    if (id) this.countId(ctx.scope, id);
    if (ctx.shadow) this.scopeSizes.set(ctx.scope, (this.scopeSizes.get(ctx.scope) || 0) + 1);
    if (tag === "label") this.labels.push(el);
    if (NOT_RENDERED[tag]) {
      this.emit(this.startTag(el, tag, -1, null));
      return this.childContext(ctx, el, tag, true, true, ctx.pointer, false);
    }
    var byMarkup = markupRecordable(el, tag);
    var dialog = tag === "dialog" || el.hasAttribute("aria-modal") ||
      !!OVERLAY_ROLES[(el.getAttribute("role") || "").trim().toLowerCase()];
    // Part of the element budget is kept for overlays, dialogs and frames: a banner is
    // usually the last thing in <body>, after whatever a long page spent the budget on.
    var count = this.elements.length;
    var room = count < this.opts.maxElements &&
      (count < this.ordinaryCap || !!ctx.overlay || dialog || !!FRAME_TAGS[tag]);
    if (byMarkup && !room) this.truncated = true;
    var idx = -1;
    var child;

    if (ctx.hidden) {
      // Nothing below has a box: only markup reasons apply, and style is read only for
      // what gets recorded (a hidden settings panel's toggles, for example).
      child = this.childContext(ctx, el, tag, true, true, ctx.pointer, !INLINE_TAGS[tag]);
      if (byMarkup && room) idx = this.record(el, tag, root.getComputedStyle(el), child, ctx, null);
      if (dialog) child.overlay = { texts: 0 }; // a closed second layer still gets the reserve
      this.emit(this.startTag(el, tag, idx, null));
      if (child.block) this.breakText();
      return child;
    }

    var cs = root.getComputedStyle(el);
    var display = cs.display;
    var reason = null;
    if (display === "none") reason = "display";
    else if (ctx.slotHost && el.assignedSlot === null) reason = "unslotted";
    else if (ctx.closedDetails && tag !== "summary") reason = "details";
    var positioned = false;
    var clips = false;
    var rect = null;
    if (!reason) {
      var position = cs.position;
      if (position === "fixed" || position === "sticky") positioned = true;
      else if (position !== "static") positioned = parseInt(cs.zIndex, 10) >= 1000;
      clips = cs.overflow !== "visible";
      if (clips || positioned) {
        rect = el.getBoundingClientRect();
        if (clips && (rect.width === 0 || rect.height === 0) && display !== "contents") {
          reason = "size";
        }
      }
    }
    // "Hard" hiding (no box at all) holds for the whole subtree; visibility can be undone
    // by a descendant, so it is read from each element's own computed style.
    var hard = !!reason;
    var invisible = hard || cs.visibility !== "visible";
    if (!reason && invisible && !ctx.invisible) reason = "visibility";
    var pointer = cs.cursor === "pointer";
    child = this.childContext(ctx, el, tag, hard, invisible, pointer,
      tag === "br" || (display.indexOf("inline") !== 0 && display !== "contents"));

    if (tag === "details" && !el.open) child.closedDetails = true;

    var overlay = !hard && positioned && rect !== null && nonTrivial(rect);
    if (overlay && !room && count < this.opts.maxElements) room = true;
    // Text blocks are recorded inside overlays (banners, dialogs), up to a cap per overlay
    // so that an app shell that happens to be position:fixed does not flood the list.
    var overlayText = !hard && !!ctx.overlay && ctx.overlay.texts < OVERLAY_TEXTS &&
      !byMarkup && hasOwnText(el);
    if (room && (byMarkup || (!hard && (overlay || (pointer && !ctx.pointer) || overlayText)))) {
      idx = this.record(el, tag, cs, child, ctx, rect);
      if (overlayText) ctx.overlay.texts++;
      if (overlay || dialog) child.overlay = { texts: 0 };
    }

    this.emit(this.startTag(el, tag, idx, reason));
    if (child.block) this.breakText();
    return child;
  };

  Walker.prototype.childContext = function (ctx, el, tag, hidden, invisible, pointer, block) {
    return {
      hidden: hidden,
      invisible: invisible,
      pointer: pointer,
      block: block,
      overlay: ctx.overlay,    // null, or the nearest overlay's {texts: count}
      keep: ctx.keep,          // written even past the soft DOM cap (inside a banner)
      closedDetails: false,    // a closed <details>: only its summary is rendered
      shadow: ctx.shadow,
      scope: ctx.scope,
      slotHost: false,
      rec: ctx.rec,
      buffer: null,
      el: el,
      tag: tag
    };
  };

  Walker.prototype.record = function (el, tag, cs, child, ctx, rect) {
    var idx = this.elements.length;
    if (!rect && !child.hidden) rect = el.getBoundingClientRect();
    var box = null;
    var visible = false;
    var seen = this.effective(el);
    if (rect && !child.hidden) {
      box = {
        x: round1(rect.left + this.scrollX), y: round1(rect.top + this.scrollY),
        width: round1(rect.width), height: round1(rect.height)
      };
      visible = !child.invisible && rect.width > 1 && rect.height > 1 && seen.opacity > 0.01 &&
        box.x + box.width > 0 && box.y + box.height > 0;
      if (!visible && !child.invisible && tag === "input" &&
          CHECKABLE_INPUTS[(el.type || "").toLowerCase()]) {
        this.styledToggles.push(idx);
      }
    }
    var entry = {
      idx: idx,
      tag: tag,
      text: "",
      selector: "",
      visible: visible,
      disabled: disabledOf(el),
      shadow: child.shadow
    };
    var role = roleOf(el);
    if (role) entry.role = role;
    if (tag === "input" || tag === "button") entry.type = (el.type || "").toLowerCase() || null;
    if (tag === "a" || tag === "area") {
      var href = typeof el.href === "string" ? el.href : el.getAttribute("href");
      if (href) entry.href = href.slice(0, ATTR_CAP);
    }
    if (box) entry.box = box;
    var checked = checkedOf(el);
    if (checked !== null) entry.checked = checked;
    entry.style = styleOf(cs, seen);
    if (ctx.rec >= 0) entry.parent = ctx.rec;
    this.elements.push(entry);
    this.nodes.push(el);

    if (tag === "input" && VALUE_IS_LABEL[(el.type || "").toLowerCase()]) {
      entry.text = collapse(el.value || "").slice(0, this.opts.maxText);
    } else if (tag === "select") {
      var opt = el.selectedOptions && el.selectedOptions[0];
      if (opt) entry.text = collapse(opt.text || "").slice(0, this.opts.maxText);
    } else {
      child.buffer = { entry: entry, parts: [], len: 0, space: false,
        hiddenAtOpen: child.invisible };
      this.buffers.push(child.buffer);
    }
    child.rec = idx;
    return idx;
  };

  Walker.prototype.startTag = function (el, tag, idx, hiddenReason) {
    var s = "<" + tag;
    var attrs = el.attributes;
    var isInput = tag === "input";
    var inputType = isInput ? (el.type || "").toLowerCase() : "";
    var checkable = isInput && CHECKABLE_INPUTS[inputType];
    for (var i = 0; i < attrs.length; i++) {
      var a = attrs[i];
      var name = a.name;
      if (name.lastIndexOf("data-bl-", 0) === 0) continue; // never trust the page's own
      if (isInput && name === "value" && !KEEP_VALUE_INPUTS[inputType]) continue;
      if (checkable && name === "checked") continue;
      if (tag === "option" && name === "selected") continue;
      s += " " + name + '="' + escapeAttr(a.value) + '"';
    }
    if (checkable && el.checked) s += ' checked=""';
    if (tag === "option" && el.selected) s += ' selected=""';
    if (idx >= 0) s += ' data-bl-idx="' + idx + '"';
    if (hiddenReason) s += ' data-bl-hidden="' + hiddenReason + '"';
    if (FRAME_TAGS[tag]) {
      var ref = this.frameCount++;
      this.frameRefs.set(el, ref);
      s += ' data-bl-frame="' + ref + '"';
    }
    return s + ">";
  };

  Walker.prototype.exitElement = function (ctx) {
    if (!VOID[ctx.tag]) this.emit("</" + ctx.tag + ">");
    if (ctx.block) this.breakText();
    if (ctx.buffer) {
      var b = this.buffers.pop();
      b.entry.text = collapse(b.parts.join("")).slice(0, this.opts.maxText);
    }
  };

  Walker.prototype.run = function (doc) {
    var EXIT = 1;
    var TEMPLATE_END = 2;
    var nodes = [];
    var ctxs = [];
    var start = {
      hidden: false, invisible: false, pointer: false,
      overlay: null, keep: false, closedDetails: false, shadow: false, scope: doc,
      slotHost: false, rec: -1,
      buffer: null
    };
    this.emit("<!DOCTYPE html>");
    if (doc.documentElement) { nodes.push(doc.documentElement); ctxs.push(start); }
    var limit = this.opts.maxDomChars;
    // Past this point only what may hold a banner is still written (see mayHoldBanner).
    var soft = Math.floor(limit * 0.9);
    var now = root.performance ? function () { return performance.now(); } : Date.now;
    var deadline = now() + this.opts.maxMillis;
    var steps = 0;
    var stopped = false;

    while (nodes.length) {
      var node = nodes.pop();
      var ctx = ctxs.pop();
      if (node === EXIT) { this.exitElement(ctx); continue; }
      if (node === TEMPLATE_END) { this.emit("</template>"); continue; }
      if (stopped || this.size > limit) { this.truncated = true; continue; }
      if (++steps % 512 === 0 && now() > deadline) {
        stopped = true;
        this.truncated = true;
        continue;
      }

      var type = node.nodeType;
      var saving = this.size > soft && !ctx.keep;
      if (saving) this.truncated = true;
      if (type === 3) {
        if (saving) continue;
        var unslotted = ctx.slotHost && node.assignedSlot === null;
        var data = node.data;
        if (this.size + data.length > limit) { // one huge text node must not blow the cap
          data = data.slice(0, Math.max(0, limit - this.size));
          this.truncated = true;
        }
        this.emit(escapeText(data));
        if (this.buffers.length) this.addText(data, ctx.invisible || unslotted);
        continue;
      }
      if (type !== 1) continue; // comments, processing instructions
      if (saving && !mayHoldBanner(node)) {
        // Not written, but searched: a banner is often the last child of <body>.
        if (!NOT_RENDERED[node.localName] && !DROP_CHILDREN[node.localName]) {
          this.pushChildren(node, ctx, nodes, ctxs);
        }
        continue;
      }

      var child = this.enterElement(node, ctx);
      if (saving) child.keep = true;
      nodes.push(EXIT); ctxs.push(child);
      if (VOID[child.tag] || DROP_CHILDREN[child.tag]) continue;

      var c;
      for (c = node.lastChild; c; c = c.previousSibling) { nodes.push(c); ctxs.push(child); }
      var shadow = shadowRootOf(node, this.resolver);
      if (shadow) {
        // Light children not assigned to a slot are not rendered (only knowable when open).
        child.slotHost = shadow.mode === "open";
        var inner = Object.assign({}, child, {
          shadow: true, scope: shadow, slotHost: false
        });
        this.emit('<template shadowrootmode="' + (shadow.mode || "open") + '">');
        nodes.push(TEMPLATE_END); ctxs.push(child);
        for (c = shadow.lastChild; c; c = c.previousSibling) { nodes.push(c); ctxs.push(inner); }
      }
    }
  };

  /* Children (light, then shadow) of an element that is searched but not written. */
  Walker.prototype.pushChildren = function (node, ctx, nodes, ctxs) {
    var c;
    for (c = node.lastChild; c; c = c.previousSibling) { nodes.push(c); ctxs.push(ctx); }
    var shadow = shadowRootOf(node, this.resolver);
    if (shadow) {
      var inner = Object.assign({}, ctx, { shadow: true, scope: shadow, slotHost: false });
      for (c = shadow.lastChild; c; c = c.previousSibling) { nodes.push(c); ctxs.push(inner); }
    }
  };

  /* Dialogs, frames and fixed or sticky layers: what a consent banner is made of. */
  function mayHoldBanner(el) {
    var tag = el.localName;
    if (tag === "dialog" || FRAME_TAGS[tag] || el.hasAttribute("aria-modal")) return true;
    if (OVERLAY_ROLES[(el.getAttribute("role") || "").trim().toLowerCase()]) return true;
    var position = root.getComputedStyle(el).position;
    return position === "fixed" || position === "sticky";
  }

  /* A native checkbox made invisible (opacity 0, 1px, off-screen) behind a styled switch is
   * still what a person operates and whose state they see, through its visible <label> or
   * the visible control around it. Such a checkbox counts as visible. */
  function showStyledToggles(walker, labelsFor) {
    if (!walker.styledToggles.length) return;
    var indexOf = new Map();
    walker.nodes.forEach(function (node, i) { indexOf.set(node, i); });
    walker.styledToggles.forEach(function (idx) {
      var el = walker.nodes[idx];
      var labels = labelsFor.get(el) || [];
      var shown = labels.some(function (label) {
        var i = indexOf.get(label);
        return i !== undefined && walker.elements[i].visible;
      });
      var parent = !shown && parentOf(el);
      if (parent) {
        var r = parent.getBoundingClientRect();
        // The control around it, not a whole form: a switch is small.
        shown = r.width >= 8 && r.height >= 8 && r.width <= 400 && r.height <= 200 &&
          r.right + walker.scrollX > 0 &&
          r.bottom + walker.scrollY > 0 && walker.effective(parent).opacity > 0.01 &&
          root.getComputedStyle(parent).visibility === "visible";
      }
      if (shown) walker.elements[idx].visible = true;
    });
  }

  // ---------------------------------------------------------------------------------
  // Cookies and storage: metadata only
  // ---------------------------------------------------------------------------------

  /* The document's real origin: about:srcdoc and about:blank frames inherit their
   * parent's, which location.origin does not show ("null"). */
  function documentOrigin() {
    return typeof root.origin === "string" ? root.origin : location.origin;
  }

  function cookieMeta() {
    var out = [];
    var raw = "";
    try {
      raw = document.cookie || "";
    } catch (e) {
      return out; // sandboxed frame
    }
    raw.split(";").forEach(function (pair) {
      pair = pair.replace(/^\s+/, "");
      if (!pair) return;
      var eq = pair.indexOf("=");
      var name = eq < 0 ? "" : pair.slice(0, eq).trim();
      var value = eq < 0 ? pair : pair.slice(eq + 1);
      out.push({
        name: name, domain: location.hostname, path: "/",
        value_length: codePointLength(value), entropy: shannonEntropy(value)
      });
      value = null;
    });
    return out;
  }

  function storageMeta() {
    var out = [];
    [["local", "localStorage"], ["session", "sessionStorage"]].forEach(function (area) {
      var store;
      try {
        store = root[area[1]];
        if (!store) return;
        var n = Math.min(store.length, MAX_STORAGE_KEYS);
        for (var i = 0; i < n; i++) {
          var key = store.key(i);
          if (key === null) continue;
          var value = store.getItem(key) || "";
          out.push({
            key: key, area: area[0], origin: documentOrigin(),
            value_length: codePointLength(value), entropy: shannonEntropy(value)
          });
        }
      } catch (e) {
        // Storage is blocked for this frame (sandbox, third-party storage blocking).
      }
    });
    return out;
  }

  // ---------------------------------------------------------------------------------
  // Entry points
  // ---------------------------------------------------------------------------------

  var lastFrameRefs = new WeakMap();

  function collect(options) {
    var began = root.performance ? performance.now() : Date.now();
    var opts = Object.assign({}, DEFAULTS, options || {});
    var walker = new Walker(opts);
    walker.run(document);

    var idCounts = walker.idCounts;
    var scopeSizes = walker.scopeSizes;
    var selectorFor = makeSelectorBuilder(function (scope, id) {
      var m = idCounts.get(scope);
      return m ? (m.get(id) || 0) : 0;
    }, function (scope) {
      return (scopeSizes.get(scope) || 0) <= SMALL_SCOPE;
    });
    var labelsFor = new Map();
    walker.labels.forEach(function (label) {
      var control = label.control;
      if (!control) return;
      var list = labelsFor.get(control);
      if (list) list.push(label);
      else labelsFor.set(control, [label]);
    });
    for (var i = 0; i < walker.nodes.length; i++) {
      var entry = walker.elements[i];
      try {
        entry.selector = selectorFor(walker.nodes[i]);
      } catch (e) {
        entry.selector = "";
      }
      var label = labelOf(walker.nodes[i], labelsFor);
      if (!label && !entry.text) label = innerName(walker.nodes[i]);
      if (label) entry.label = label;
    }
    showStyledToggles(walker, labelsFor);
    lastFrameRefs = new WeakMap();
    walker.frameRefs.forEach(function (ref, el) { lastFrameRefs.set(el, ref); });

    var now = root.performance ? performance.now() : Date.now();
    return {
      schema: SCHEMA,
      url: location.href,
      origin: documentOrigin(),
      source: opts.source || "extension",
      phase: opts.phase || "initial",
      timestamp: new Date().toISOString(),
      title: collapse(document.title || ""),
      viewport: { width: root.innerWidth | 0, height: root.innerHeight | 0 },
      dom: walker.out.join(""),
      elements: walker.elements,
      cookies: cookieMeta(),
      storage: storageMeta(),
      collector: {
        version: VERSION,
        duration_ms: Math.round((now - began) * 10) / 10,
        truncated: walker.truncated
      }
    };
  }

  /* Selector, document box and data-bl-frame number of an <iframe> in this frame. */
  function frameInfo(el, options) {
    var rect = el.getBoundingClientRect();
    var ref = lastFrameRefs.get(el);
    return {
      selector: makeSelectorBuilder(liveIdCount, always)(el),
      box: {
        x: round1(rect.left + (root.scrollX || 0)), y: round1(rect.top + (root.scrollY || 0)),
        width: round1(rect.width), height: round1(rect.height)
      },
      ref: ref === undefined ? null : ref
    };
  }

  collect.version = VERSION;
  collect.entropy = shannonEntropy;
  collect.frameInfo = frameInfo;
  collect.selector = function (el, options) {
    return makeSelectorBuilder(liveIdCount, always)(el);
  };
  collect.resolve = function (selector, options) {
    return resolveSelector(selector, options && options.resolveShadowRoot);
  };

  try {
    Object.defineProperty(root, "__brightlineCollect", {
      value: collect, configurable: true, writable: true, enumerable: false
    });
  } catch (e) {
    root.__brightlineCollect = collect;
  }
})(typeof globalThis !== "undefined" ? globalThis : window);

// "Show me": scroll to the element a finding points at and outline it.
(function (root) {
  "use strict";
  const BL = (root.__brightline = root.__brightline || {});
  if (BL.showMe) return;

  const OUTLINE = "4px solid #D4145A";
  let current = null; // {el, outline, offset, shadow}

  function clear() {
    if (!current) return;
    const { el, saved } = current;
    for (const [prop, [value, priority]] of Object.entries(saved)) {
      if (value) el.style.setProperty(prop, value, priority);
      else el.style.removeProperty(prop);
    }
    el.removeAttribute("data-brightline-shown");
    current = null;
  }

  /** Outline the element `selector` names; returns {found, visible, selector}. */
  function show(selector) {
    clear();
    const el = BL.shadow.resolve(selector);
    if (!el || !el.style) return { found: false, visible: false, selector };
    const props = ["outline", "outline-offset", "box-shadow"];
    const saved = {};
    for (const p of props) saved[p] = [el.style.getPropertyValue(p), el.style.getPropertyPriority(p)];
    el.style.setProperty("outline", OUTLINE, "important");
    el.style.setProperty("outline-offset", "2px", "important");
    el.style.setProperty("box-shadow", "0 0 0 8px rgba(212, 20, 90, 0.35)", "important");
    el.setAttribute("data-brightline-shown", "");
    current = { el, saved };
    el.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
    return { found: true, visible: BL.bannerWatch ? BL.bannerWatch.visible(el) : true, selector };
  }

  BL.showMe = { show, clear };
})(globalThis);

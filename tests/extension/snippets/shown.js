() => {
    const find = (root) => {
        const hit = root.querySelector('[data-brightline-shown]');
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
            if (el.shadowRoot) { const inner = find(el.shadowRoot); if (inner) return inner; }
        }
        return null;
    };
    const el = find(document);
    if (!el) return null;
    const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return {text: el.innerText, outline: s.outlineStyle, width: s.outlineWidth,
            inShadow: el.getRootNode() !== document,
            inView: r.top >= 0 && r.bottom <= innerHeight};
}

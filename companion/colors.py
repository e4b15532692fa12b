"""CSS colours: parsing, alpha compositing and WCAG contrast."""

from __future__ import annotations

import re
from functools import lru_cache

RGBA = tuple[float, float, float, float]

NAMED = {
    "black": (0, 0, 0), "white": (255, 255, 255), "red": (255, 0, 0), "green": (0, 128, 0),
    "blue": (0, 0, 255), "gray": (128, 128, 128), "grey": (128, 128, 128),
    "silver": (192, 192, 192), "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211),
    "darkgray": (169, 169, 169), "darkgrey": (169, 169, 169), "dimgray": (105, 105, 105),
    "gainsboro": (220, 220, 220), "whitesmoke": (245, 245, 245), "navy": (0, 0, 128),
    "teal": (0, 128, 128), "orange": (255, 165, 0), "yellow": (255, 255, 0),
    "purple": (128, 0, 128), "maroon": (128, 0, 0), "olive": (128, 128, 0),
    "lime": (0, 255, 0), "aqua": (0, 255, 255), "fuchsia": (255, 0, 255),
    "darkblue": (0, 0, 139), "darkgreen": (0, 100, 0), "royalblue": (65, 105, 225),
    "dodgerblue": (30, 144, 255), "steelblue": (70, 130, 180), "slategray": (112, 128, 144),
    "lightslategray": (119, 136, 153), "darkslategray": (47, 79, 79), "crimson": (220, 20, 60),
    "tomato": (255, 99, 71), "gold": (255, 215, 0), "beige": (245, 245, 220),
    "ivory": (255, 255, 240), "linen": (250, 240, 230), "snow": (255, 250, 250),
    "buttonface": (239, 239, 239), "canvas": (255, 255, 255), "canvastext": (0, 0, 0),
    "linktext": (0, 0, 238), "graytext": (109, 109, 109),
}
_FUNC = re.compile(r"^(rgba?|hsla?)\((.*)\)$")


@lru_cache(maxsize=4096)
def parse_color(value: str | None) -> RGBA | None:
    """Parse a CSS colour into (r, g, b, alpha). None when unknown (e.g. ``var(...)``)."""
    if not value:
        return None
    v = value.strip().lower()
    if v in ("transparent", "none"):
        return (0.0, 0.0, 0.0, 0.0)
    if v in NAMED:
        r, g, b = NAMED[v]
        return (r, g, b, 1.0)
    if v.startswith("#"):
        h = v[1:]
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        if len(h) in (6, 8) and all(c in "0123456789abcdef" for c in h):
            a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
            return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), a)
        return None
    m = _FUNC.match(v)
    if not m:
        return None
    parts = [p for p in re.split(r"[,\s/]+", m.group(2).strip()) if p]
    try:
        if m.group(1).startswith("rgb"):
            rgb = [_channel(p) for p in parts[:3]]
            alpha = _alpha(parts[3]) if len(parts) > 3 else 1.0
            return (rgb[0], rgb[1], rgb[2], alpha)
        hue = float(parts[0].rstrip("deg"))
        sat = float(parts[1].rstrip("%")) / 100
        light = float(parts[2].rstrip("%")) / 100
        alpha = _alpha(parts[3]) if len(parts) > 3 else 1.0
        r, g, b = _hsl_to_rgb(hue, sat, light)
        return (r, g, b, alpha)
    except (ValueError, IndexError):
        return None


def _channel(p: str) -> float:
    return float(p[:-1]) * 2.55 if p.endswith("%") else float(p)


def _alpha(p: str) -> float:
    return float(p[:-1]) / 100 if p.endswith("%") else float(p)


def _hsl_to_rgb(h: float, s: float, light: float) -> tuple[float, float, float]:
    c = (1 - abs(2 * light - 1)) * s
    x = c * (1 - abs((h / 60) % 2 - 1))
    m = light - c / 2
    sector = int(h // 60) % 6
    r, g, b = [(c, x, 0), (x, c, 0), (0, c, x), (0, x, c), (x, 0, c), (c, 0, x)][sector]
    return ((r + m) * 255, (g + m) * 255, (b + m) * 255)


def over(top: RGBA, bottom: RGBA) -> RGBA:
    """Composite ``top`` over an opaque ``bottom``."""
    a = top[3]
    return (
        top[0] * a + bottom[0] * (1 - a),
        top[1] * a + bottom[1] * (1 - a),
        top[2] * a + bottom[2] * (1 - a),
        1.0,
    )


def luminance(c: RGBA) -> float:
    def lin(v: float) -> float:
        v = v / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def contrast(fg: RGBA, bg: RGBA) -> float:
    """WCAG 2 contrast ratio (1 to 21). ``fg`` may be translucent; ``bg`` is made opaque."""
    bg_opaque = over(bg, (255, 255, 255, 1.0)) if bg[3] < 1 else bg
    fg_opaque = over(fg, bg_opaque) if fg[3] < 1 else fg
    la, lb = luminance(fg_opaque), luminance(bg_opaque)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


def is_transparent(c: RGBA | None) -> bool:
    return c is None or c[3] < 0.05


def css_rgb(c: RGBA) -> str:
    r, g, b, a = (round(c[0]), round(c[1]), round(c[2]), c[3])
    return f"rgb({r}, {g}, {b})" if a >= 1 else f"rgba({r}, {g}, {b}, {round(a, 3)})"

"""How prominent a control looks: filled button, outlined button or plain text, and how legible."""

from __future__ import annotations

from dataclasses import dataclass

from companion.colors import RGBA, contrast, is_transparent, parse_color
from companion.page import Node, Page

WHITE: RGBA = (255.0, 255.0, 255.0, 1.0)
FILLED = 1.25  # contrast of a control's fill against what surrounds it
SHADED = 1.05  # #f5f5f5 on white is 1.09


@dataclass
class Prominence:
    weight: int  # 2 filled button, 1 outlined or faintly shaded button, 0 plain text or link
    text_contrast: float | None
    font_size: float | None
    area: float | None
    opacity: float
    disabled_look: bool
    measured: bool  # False when there was no style at all (markup only)


def surrounding_background(page: Page, node: Node) -> RGBA:
    parent = node.getparent()
    style = page.style(parent) if parent is not None else None
    if style is None:
        style = page.style(node)
    color = parse_color(style.effective_background) if style else None
    return color if color and color[3] > 0 else WHITE


def prominence(page: Page, node: Node, kind: str) -> Prominence:
    style = page.style(node)
    box = page.box(node)
    area = box.width * box.height if box and box.width and box.height else None
    disabled = page.disabled(node)
    if style is None:
        return Prominence(
            weight=0 if kind == "link" else 2, text_contrast=None, font_size=None,
            area=area, opacity=1.0, disabled_look=disabled, measured=False,
        )
    around = surrounding_background(page, node)
    bg = parse_color(style.background_color)
    opaque = bg is not None and not is_transparent(bg) and bg[3] >= 0.5
    filled = opaque and contrast(bg, around) >= FILLED
    # A light grey box on a white banner reads as a button, though a quiet one.
    shaded = opaque and not filled and contrast(bg, around) >= SHADED
    border = parse_color(style.border_color)
    outlined = (
        (style.border_width or 0) >= 1
        and (style.border_style or "solid") not in ("none", "hidden")
        and border is not None and not is_transparent(border)
        and contrast(border, around) >= 1.5
    )
    fg = parse_color(style.color)
    text_bg = bg if filled and bg is not None else around
    text_contrast = contrast(fg, text_bg) if fg is not None else None
    return Prominence(
        weight=2 if filled else 1 if outlined or shaded else 0,
        text_contrast=text_contrast,
        font_size=style.font_size,
        area=area,
        opacity=style.opacity if style.opacity is not None else 1.0,
        disabled_look=disabled or style.cursor == "not-allowed",
        measured=True,
    )

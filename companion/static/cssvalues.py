"""CSS values for the static cascade: shorthands, var(), lengths, font sizes, weights, colours."""

from __future__ import annotations

import re

from companion.colors import css_rgb, parse_color

VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)")
FONT_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                  "large": 18.0, "x-large": 24.0, "xx-large": 32.0, "smaller": 0.833, "larger": 1.2}
WEIGHTS = {"normal": 400, "bold": 700, "bolder": 700, "lighter": 300}
LENGTH = re.compile(r"^(-?[\d.]+)(px|em|rem|%|pt|vh|vw)?$")


def expand(prop: str, value: str) -> list[tuple[str, str]]:
    """Split the shorthands detectors care about into their longhands."""
    if prop == "background":
        color = first_color(value)
        return [("background-color", color)] if color else ([("background-color", "transparent")]
                                                            if value.strip() == "none" else [])
    if prop in ("border", "border-top", "border-bottom"):
        if value.strip() in ("none", "0"):
            return [("border-width", "0"), ("border-style", "none")]
        out = []
        for token in value.split():
            if LENGTH.match(token):
                out.append(("border-width", token))
            elif token in ("solid", "dashed", "dotted", "double", "groove", "ridge", "inset",
                           "outset", "none", "hidden"):
                out.append(("border-style", token))
            elif parse_color(token) is not None or token.startswith("var("):
                out.append(("border-color", token))
        return out if prop == "border" else [p for p in out if p[0] != "border-width"] + [
            (f"{prop}-width", v) for k, v in out if k == "border-width"]
    if prop == "font":
        out = []
        for token in value.replace("/", " / ").split():
            if token in WEIGHTS or token.isdigit():
                out.append(("font-weight", token))
            elif LENGTH.match(token) or token in FONT_KEYWORDS:
                out.append(("font-size", token))
                break
        return out
    if prop == "text-decoration-line":
        return [("text-decoration", value)]
    if prop == "overflow-y":
        return [("overflow", value)]
    return [(prop, value)]


def first_color(value: str) -> str | None:
    if value.startswith("var("):
        return value
    for token in re.findall(r"#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\)|[a-zA-Z]+", value):
        if parse_color(token) is not None:
            return token
    return None


def resolve_vars(value: str, scope: dict[str, str], depth: int = 0) -> str:
    if "var(" not in value or depth > 8:
        return value

    def sub(m: re.Match[str]) -> str:
        found = scope.get(m.group(1))
        if found is not None:
            return resolve_vars(found, scope, depth + 1)
        return m.group(2) or ""

    return resolve_vars(VAR.sub(sub, value), scope, depth + 1)


def font_px(value: str, parent_px: float) -> float:
    value = value.strip().lower()
    if value in ("smaller", "larger"):
        return round(parent_px * FONT_KEYWORDS[value], 2)
    if value in FONT_KEYWORDS:
        return FONT_KEYWORDS[value]
    m = LENGTH.match(value)
    if not m:
        calc = re.search(r"([\d.]+)(px|rem|em)", value)
        if calc:
            return font_px(calc.group(0), parent_px)
        return parent_px
    number, unit = float(m.group(1)), m.group(2) or "px"
    return round({"px": number, "em": number * parent_px, "rem": number * 16,
                  "%": number * parent_px / 100, "pt": number * 4 / 3,
                  "vh": number * 8, "vw": number * 12.8}[unit], 2)


def px(value: str | None) -> float | None:
    if value is None:
        return None
    m = LENGTH.match(value.strip())
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2) or "px"
    return number if unit in ("px", None) else number * (16 if unit in ("em", "rem") else 1)


def box4(c: dict[str, str], prop: str) -> list[float] | None:
    base = c.get(prop)
    values = [0.0, 0.0, 0.0, 0.0]
    if base:
        parts = [(px(p) or 0.0) for p in base.split()]
        if len(parts) == 1:
            values = parts * 4
        elif len(parts) == 2:
            values = [parts[0], parts[1], parts[0], parts[1]]
        elif len(parts) == 3:
            values = [parts[0], parts[1], parts[2], parts[1]]
        elif len(parts) >= 4:
            values = parts[:4]
    for i, side in enumerate(("top", "right", "bottom", "left")):
        v = c.get(f"{prop}-{side}")
        if v is not None:
            values[i] = px(v) or 0.0
    return values


def as_float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.rstrip("px%")) if not value.endswith("%") else float(value[:-1]) / 100
    except ValueError:
        return None


def as_int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def weight(value: str) -> int | None:
    value = value.strip().lower()
    if value in WEIGHTS:
        return WEIGHTS[value]
    try:
        return int(float(value))
    except ValueError:
        return None


def color_str(value: str | None) -> str | None:
    parsed = parse_color(value) if value else None
    return css_rgb(parsed) if parsed else None

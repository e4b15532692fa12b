"""Line numbers for TOML keys, so that semantic policy errors can name their line.

``tomllib`` reports lines only for syntax errors. :func:`index_lines` scans the source once
and maps every key path it can see to the line that defines it: ``("fail-on",)``,
``("severity", "pressure.countdown")``, ``("ignore", 1)`` (the second ``[[ignore]]`` header)
and ``("ignore", 1, "reason")``. It understands table headers, array-of-tables headers,
dotted and quoted keys, and skips values that span lines (multi-line strings and arrays).
Keys inside inline tables are not indexed; :meth:`LineIndex.line` falls back to the closest
indexed parent, so an error always gets a line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]

_KEY_PART = re.compile(r'\s*(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)"|\'([^\']*)\')\s*')


@dataclass
class LineIndex:
    lines: dict[KeyPath, int] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of ``path``, or of its closest indexed parent (1 when nothing matches)."""
        while path:
            found = self.lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return 1


def index_lines(text: str) -> LineIndex:
    index = LineIndex()
    table: KeyPath = ()
    array_counts: dict[KeyPath, int] = {}
    open_string: str | None = None  # the delimiter of a multi-line string still open
    depth = 0  # brackets still open in a value that spans lines
    for number, raw in enumerate(text.splitlines(), 1):
        if open_string is not None:
            if open_string in raw:
                open_string = None
            continue
        if depth > 0:
            depth, open_string = _scan_value(raw, depth)
            continue
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[["):
            path = _parse_key(line[2 : line.find("]]")])
            if path is None:
                continue
            n = array_counts.get(path, 0)
            array_counts[path] = n + 1
            table = (*path, n)
            index.lines.setdefault(path, number)
            index.lines[table] = number
            continue
        if line.startswith("["):
            path = _parse_key(line[1 : line.find("]")])
            if path is not None:
                table = path
                index.lines.setdefault(path, number)
            continue
        key_text, value = _split_key_value(line)
        path = _parse_key(key_text) if key_text is not None else None
        if path is None:
            continue
        for end in range(1, len(path) + 1):
            index.lines.setdefault((*table, *path[:end]), number)
        depth, open_string = _scan_value(value, 0)
    return index


def _parse_key(text: str) -> tuple[str, ...] | None:
    """``a."b.c".d`` -> ("a", "b.c", "d"); None when it is not a key."""
    parts: list[str] = []
    pos = 0
    while True:
        match = _KEY_PART.match(text, pos)
        if match is None or match.end() == pos:
            return None
        bare, basic, literal = match.groups()
        if bare is not None:
            parts.append(bare)
        elif basic is not None:
            try:
                parts.append(json.loads(f'"{basic}"'))
            except ValueError:
                parts.append(basic)
        else:
            parts.append(literal)
        pos = match.end()
        if pos == len(text):
            return tuple(parts)
        if text[pos] != ".":
            return None
        pos += 1


def _split_key_value(line: str) -> tuple[str | None, str]:
    """Split ``key = value`` at the first ``=`` outside quotes."""
    quote: str | None = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            return line[:i], line[i + 1 :]
    return None, ""


def _scan_value(text: str, depth: int) -> tuple[int, str | None]:
    """Bracket depth after ``text``, and the delimiter of a multi-line string it leaves open."""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "#":
            break
        if text.startswith(('"""', "'''"), i):
            delim = text[i : i + 3]
            end = text.find(delim, i + 3)
            if end < 0:
                return depth, delim
            i = end + 3
            continue
        if ch in "\"'":
            end = i + 1
            while end < len(text) and text[end] != ch:
                end += 2 if ch == '"' and text[end] == "\\" else 1
            i = end + 1
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return depth, None

"""``report.json``: the report document as DESIGN.md specifies it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FILENAME = "report.json"


def write(report: dict[str, Any], out_dir: Path) -> Path:
    path = out_dir / FILENAME
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)  # never leave a half-written report behind (Ctrl-C, crash)
    return path

"""``report.json``: the report document as DESIGN.md specifies it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from crawler.reports import write_atomically

FILENAME = "report.json"


def write(report: dict[str, Any], out_dir: Path) -> Path:
    return write_atomically(out_dir / FILENAME, json.dumps(report, indent=2, ensure_ascii=False) + "\n")

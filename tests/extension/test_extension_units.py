"""Runs the extension's JavaScript unit tests (tests/extension/js/*.test.mjs) with Node."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]


def test_javascript_units() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; the JavaScript unit tests need Node 18+")
    env = {**os.environ, "BRIGHTLINE_PYTHON": sys.executable}
    proc = subprocess.run(
        [node, "--test", *sorted(str(p) for p in (HERE / "js").glob("*.test.mjs"))],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    summary = "\n".join(line for line in proc.stdout.splitlines() if line.startswith("# "))
    assert proc.returncode == 0, f"{summary}\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    assert "# fail 0" in summary and "# pass 0" not in summary

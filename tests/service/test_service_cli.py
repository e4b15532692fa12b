"""``brightline serve`` as a real process: loopback bind, graceful shutdown, clear errors."""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from companion.cli import build_parser
from companion.service.cli import settings_from_args
from tests.service.snapshots import encode, realistic_snapshot

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: Path, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "companion", "serve", "--port", str(port), "--db", str(db),
         "--workers", "1", *extra],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _wait_ready(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not come up")


def _post(port: int, body: bytes) -> dict:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/analyze", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, int, Path]]:
    port = _free_port()
    db = tmp_path / "history.sqlite3"
    proc = _serve(db, port)
    try:
        _wait_ready(port, proc)
        yield proc, port, db
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_listens_on_loopback_only(served) -> None:
    proc, port, _ = served
    listening = [c.laddr for c in psutil.Process(proc.pid).net_connections("inet")
                 if c.status == psutil.CONN_LISTEN]
    assert listening and all(addr.ip == "127.0.0.1" for addr in listening), listening
    assert all(addr.port == port for addr in listening)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_graceful_shutdown_keeps_history(served, sig: signal.Signals) -> None:
    proc, port, db = served
    for i in range(3):
        _post(port, encode(realistic_snapshot(f"https://www.site{i}.example/", elements=30)))
    workers = psutil.Process(proc.pid).children(recursive=True)
    proc.send_signal(sig)
    assert proc.wait(timeout=20) == 0, proc.stderr.read()
    assert not db.with_name(db.name + "-wal").exists() or \
        db.with_name(db.name + "-wal").stat().st_size == 0
    with sqlite3.connect(db) as conn:
        sites = sorted(r[0] for r in conn.execute("SELECT site FROM visits"))
    assert sites == ["site0.example", "site1.example", "site2.example"]
    time.sleep(0.5)
    assert not [w for w in workers if w.is_running() and w.status() != psutil.STATUS_ZOMBIE]


def test_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = _serve(tmp_path / "h.sqlite3", port)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    lines = [line for line in err.splitlines() if line.startswith("brightline: error:")]
    assert len(lines) == 1 and "--port" in lines[0]


def test_bad_origin_is_a_one_line_error(tmp_path: Path) -> None:
    proc = _serve(tmp_path / "h.sqlite3", _free_port(), "--allow-origin", "https://evil.example")
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2
    assert "extension origin" in err


def test_arguments_become_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    args = build_parser().parse_args(["serve"])
    s = settings_from_args(args)
    assert (s.host, s.port, s.db_path) == ("127.0.0.1", 8765,
                                           tmp_path / "brightline" / "history.sqlite3")
    args = build_parser().parse_args(
        ["serve", "--port", "9000", "--db", "x.db", "--allow-origin", "d" * 32,
         "--max-body", "5", "--store-html", "--executor", "thread", "--workers", "3"])
    s = settings_from_args(args)
    assert (s.port, s.db_path, s.max_body_bytes, s.store_html, s.executor, s.workers) == (
        9000, Path("x.db"), 5 * 1024 * 1024, True, "thread", 3)
    assert "chrome-extension://" + "d" * 32 in s.allowed_origins


def test_help_mentions_the_defaults() -> None:
    out = subprocess.run([sys.executable, "-m", "companion", "serve", "--help"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    assert "127.0.0.1" in out and "8765" in out and "--store-html" in out

"""Crawl state in SQLite, so ``--resume`` continues an interrupted crawl.

Three tables: ``meta`` (target and options of the crawl), ``urls`` (every URL the
frontier has seen, with its depth and status) and ``results`` (the report record of each
visited page, JSON). A page that was being visited when the crawl stopped goes back to
the queue on resume.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from companion.errors import BrightlineError

STATE_FILE = "crawl-state.sqlite"

QUEUED, ACTIVE, DONE, FAILED, SKIPPED = "queued", "active", "done", "failed", "skipped"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    depth INTEGER NOT NULL,
    status TEXT NOT NULL,
    seq INTEGER NOT NULL,
    parent TEXT,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS urls_queue ON urls (status, depth, seq);
CREATE TABLE IF NOT EXISTS results (
    url TEXT PRIMARY KEY, seq INTEGER NOT NULL, record TEXT NOT NULL
);
"""


class StateError(BrightlineError):
    pass


class CrawlState:
    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self.path = path
        self._seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM urls").fetchone()[0])

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None, *, target: str, resume: bool = False) -> CrawlState:
        """Open (or create) the state. Without ``resume`` any previous state is discarded."""
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not resume:
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
        try:
            conn = sqlite3.connect(str(path) if path else ":memory:", isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as err:
            raise StateError(f"cannot open crawl state {path}: {err}; delete it or drop --resume") from err
        state = cls(conn, path)
        previous = state.get_meta("target")
        if previous is None:
            state.set_meta("target", target)
        elif previous != target:
            raise StateError(
                f"--resume: the state in {path} is a crawl of {previous}, not {target}; "
                "use another --out directory or drop --resume"
            )
        conn.execute("UPDATE urls SET status = ? WHERE status = ?", (QUEUED, ACTIVE))
        return state

    @property
    def resumed(self) -> bool:
        return self.count(DONE) + self.count(FAILED) > 0

    def close(self) -> None:
        self.conn.close()

    # -- meta ---------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- urls ---------------------------------------------------------------------------
    def known(self, url: str) -> bool:
        return self.conn.execute("SELECT 1 FROM urls WHERE url = ?", (url,)).fetchone() is not None

    def add(self, rows: Iterable[tuple[str, int, str, str | None, str | None]]) -> int:
        """Insert (url, depth, status, parent, reason) rows not seen before; returns how many."""
        added = 0
        with self._tx():
            for url, depth, status, parent, reason in rows:
                self._seq += 1
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO urls (url, depth, status, seq, parent, reason) VALUES (?, ?, ?, ?, ?, ?)",
                    (url, depth, status, self._seq, parent, reason),
                )
                added += cur.rowcount
        return added

    def pop(self) -> tuple[str, int] | None:
        """The next queued URL (breadth first), marked active."""
        row = self.conn.execute(
            "SELECT url, depth FROM urls WHERE status = ? ORDER BY depth, seq LIMIT 1", (QUEUED,)
        ).fetchone()
        if row is None:
            return None
        self.conn.execute("UPDATE urls SET status = ? WHERE url = ?", (ACTIVE, row[0]))
        return row[0], int(row[1])

    def requeue(self, url: str) -> None:
        self.conn.execute("UPDATE urls SET status = ? WHERE url = ?", (QUEUED, url))

    def count(self, status: str) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM urls WHERE status = ?", (status,)).fetchone()[0])

    def skipped(self) -> list[tuple[str, str]]:
        return [
            (url, reason or "")
            for url, reason in self.conn.execute(
                "SELECT url, reason FROM urls WHERE status = ? ORDER BY seq", (SKIPPED,)
            )
        ]

    # -- results ------------------------------------------------------------------------
    def record(self, url: str, record: dict[str, Any], *, failed: bool) -> None:
        """Store a visited page's report record and close its URL."""
        with self._tx():
            self._seq += 1
            self.conn.execute(
                "INSERT OR REPLACE INTO results (url, seq, record) VALUES (?, ?, ?)",
                (url, self._seq, json.dumps(record, ensure_ascii=False)),
            )
            self.conn.execute("UPDATE urls SET status = ? WHERE url = ?", (FAILED if failed else DONE, url))

    def results(self) -> Iterator[dict[str, Any]]:
        for (raw,) in self.conn.execute("SELECT record FROM results ORDER BY seq"):
            yield json.loads(raw)

    def _tx(self) -> _Transaction:
        return _Transaction(self.conn)


class _Transaction:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN")

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")

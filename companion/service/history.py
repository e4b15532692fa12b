"""The private history: what was seen on which site, kept in SQLite on this machine only.

It never holds cookie values (snapshots do not carry them) and holds page HTML only when the
user opted in. "Forget" deletes for real: ``secure_delete`` zeroes deleted records and freed
pages, and the WAL, which still holds old page images, is checkpointed and truncated, so
the forgotten site's name is no longer anywhere in the database files.

The store is synchronous and owned by one thread; the service calls it through a
single-thread executor so the event loop never blocks on disk.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from companion.errors import BrightlineError
from companion.models import SEVERITIES

SCHEMA_VERSION = 2
_DDL = """
CREATE TABLE IF NOT EXISTS visits (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    phase TEXT NOT NULL,
    source TEXT NOT NULL,
    time REAL NOT NULL,
    worst TEXT,
    finding_count INTEGER NOT NULL,
    findings TEXT NOT NULL,
    html TEXT
);
CREATE INDEX IF NOT EXISTS visits_site_time ON visits (site, time);
CREATE INDEX IF NOT EXISTS visits_time ON visits (time);
CREATE TABLE IF NOT EXISTS trackers (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    host TEXT NOT NULL,
    tracker_site TEXT NOT NULL,
    organization TEXT NOT NULL,
    category TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trackers_visit ON trackers (visit_id);
CREATE INDEX IF NOT EXISTS trackers_org ON trackers (organization);
CREATE TABLE IF NOT EXISTS findings (
    visit_id INTEGER NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_visit ON findings (visit_id);
"""
# Severity as a sortable number, in SQL (lower is worse).
_RANK_SQL = (
    "CASE {col} WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2"
    " WHEN 'info' THEN 3 ELSE 4 END"
)


class HistoryError(BrightlineError):
    pass


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int


def _severity_rank(sev: str | None) -> int:
    return SEVERITIES.index(sev) if sev in SEVERITIES else len(SEVERITIES)


class HistoryStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fresh = not path.exists()
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            if fresh:
                os.chmod(path, 0o600)
        except (OSError, sqlite3.Error) as err:
            raise HistoryError(
                f"cannot open the history database {path}: {err}; pass --db PATH to use another"
            ) from None
        self._db.row_factory = sqlite3.Row
        try:
            for pragma in (
                "journal_mode=WAL",
                "synchronous=NORMAL",
                "secure_delete=ON",
                "foreign_keys=ON",
                "busy_timeout=5000",
            ):
                self._db.execute(f"PRAGMA {pragma}")
            self._db.executescript(_DDL)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as err:
            raise HistoryError(
                f"{path} is not a usable Brightline history ({err}); move it away or pass --db"
            ) from None

    # -- writing ------------------------------------------------------------------------
    def record_json(self, entry: bytes) -> int:
        """Record a visit given as the JSON an analysis worker encoded."""
        return self.record(msgspec.json.decode(entry))

    def record(self, entry: dict[str, Any], when: float | None = None) -> int:
        verdict = entry.get("verdict") or {}
        findings = entry.get("findings") or []
        with self._db:
            self._db.execute("BEGIN")
            cur = self._db.execute(
                "INSERT INTO visits (site, url, phase, source, time, worst, finding_count,"
                " findings, html) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry["site"],
                    entry.get("url", ""),
                    entry.get("phase", "initial"),
                    entry.get("source", "extension"),
                    time.time() if when is None else when,
                    verdict.get("worst"),
                    int(verdict.get("count", 0)),
                    entry.get("findings_json") or json.dumps(findings, ensure_ascii=False),
                    entry.get("html"),
                ),
            )
            visit_id = int(cur.lastrowid or 0)
            seen = {}
            for t in entry.get("trackers") or []:
                host = str(t.get("host") or "")
                if host and host not in seen:
                    seen[host] = (
                        visit_id,
                        host,
                        str(t.get("site") or host),
                        str(t.get("organization") or "unknown"),
                        str(t.get("category") or "unknown"),
                    )
            self._db.executemany("INSERT INTO trackers VALUES (?, ?, ?, ?, ?)", seen.values())
            self._db.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?)",
                [(visit_id, str(f.get("rule", "")), str(f.get("severity", "info")),
                  str(f.get("message", ""))[:300]) for f in findings],
            )
        return visit_id

    def forget(self, site: str | None = None) -> int:
        """Delete one site's history (or all of it) and scrub the bytes from disk."""
        with self._db:
            self._db.execute("BEGIN")
            if site is None:
                # Children first: one pass each instead of a cascade lookup per visit.
                self._db.execute("DELETE FROM trackers")
                self._db.execute("DELETE FROM findings")
                count = self._db.execute("DELETE FROM visits").rowcount
            else:
                count = self._db.execute("DELETE FROM visits WHERE site = ?", (site,)).rowcount
        self._scrub(rebuild=site is None)
        return max(count, 0)

    def _scrub(self, *, rebuild: bool) -> None:
        # secure_delete zeroes the deleted cells and freed pages in the database file; the
        # WAL still holds old page images until it is checkpointed and truncated. After
        # forgetting everything, VACUUM also shrinks the file (cheap: little is left).
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if rebuild:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        try:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._db.execute("PRAGMA optimize")
        finally:
            self._db.close()

    # -- reading ------------------------------------------------------------------------
    def visits(
        self,
        *,
        site: str | None = None,
        since: float | None = None,
        until: float | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page:
        where, params = self._filters(site, since, until)
        total = self._db.execute(f"SELECT COUNT(*) FROM visits {where}", params).fetchone()[0]
        rows = self._db.execute(
            f"SELECT id, site, url, phase, source, time, worst, finding_count, findings"
            f" FROM visits {where} ORDER BY time DESC, id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        ids = [r["id"] for r in rows]
        trackers = self._trackers_for(ids)
        items = [
            {
                "id": r["id"],
                "site": r["site"],
                "url": r["url"],
                "phase": r["phase"],
                "source": r["source"],
                "time": r["time"],
                "worst": r["worst"],
                "finding_count": r["finding_count"],
                "findings": json.loads(r["findings"]),
                "trackers": trackers.get(r["id"], []),
            }
            for r in rows
        ]
        return Page(items=items, total=int(total))

    def _trackers_for(self, ids: list[int]) -> dict[int, list[dict[str, str]]]:
        out: dict[int, list[dict[str, str]]] = defaultdict(list)
        if not ids:
            return out
        marks = ",".join("?" * len(ids))
        for r in self._db.execute(
            f"SELECT visit_id, host, tracker_site, organization, category FROM trackers"
            f" WHERE visit_id IN ({marks}) ORDER BY host",
            ids,
        ):
            out[r["visit_id"]].append(
                {"host": r["host"], "site": r["tracker_site"],
                 "organization": r["organization"], "category": r["category"]}
            )
        return out

    @staticmethod
    def _filters(
        site: str | None, since: float | None, until: float | None, prefix: str = ""
    ) -> tuple[str, tuple[Any, ...]]:
        clauses: list[str] = []
        params: list[Any] = []
        if site:
            clauses.append(f"{prefix}site = ?")
            params.append(site)
        if since is not None:
            clauses.append(f"{prefix}time >= ?")
            params.append(since)
        if until is not None:
            clauses.append(f"{prefix}time < ?")
            params.append(until)
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)

    def summary(self, *, since: float | None = None, until: float | None = None) -> dict[str, Any]:
        """Everything the dashboard shows: sites, who follows you around, a timeline."""
        return {
            "sites": self._sites(since, until),
            "trackers": self._followers(since, until),
            "timeline": self._timeline(since, until),
        }

    def _sites(self, since: float | None, until: float | None) -> list[dict[str, Any]]:
        where, params = self._filters(None, since, until)
        sites: dict[str, dict[str, Any]] = {}
        for r in self._db.execute(
            f"SELECT site, COUNT(*) AS visits, MIN(time) AS first, MAX(time) AS last,"
            f" MIN({_RANK_SQL.format(col='worst')}) AS rank FROM visits {where} GROUP BY site",
            params,
        ):
            rank = r["rank"]
            sites[r["site"]] = {
                "site": r["site"], "visits": r["visits"], "first_seen": r["first"],
                "last_seen": r["last"],
                "worst": SEVERITIES[rank] if rank < len(SEVERITIES) else None,
                "findings": [], "trackers": 0,
            }
        vwhere, _ = self._filters(None, since, until, "v.")
        joined = f"JOIN visits v ON v.id = x.visit_id {vwhere}"
        for r in self._db.execute(
            "SELECT v.site, x.rule, x.severity, COUNT(*) AS n, MAX(x.message) AS message"
            f" FROM findings x {joined} {'AND' if vwhere else 'WHERE'} x.severity != 'info'"
            " GROUP BY v.site, x.rule, x.severity",
            params,
        ):
            sites[r["site"]]["findings"].append(
                {"rule": r["rule"], "severity": r["severity"], "count": r["n"],
                 "message": r["message"]}
            )
        for r in self._db.execute(
            f"SELECT v.site, COUNT(DISTINCT x.host) AS n FROM trackers x {joined}"
            " GROUP BY v.site",
            params,
        ):
            sites[r["site"]]["trackers"] = r["n"]
        out = list(sites.values())
        for entry in out:
            entry["findings"].sort(key=lambda f: (_severity_rank(f["severity"]), -f["count"]))
        out.sort(key=lambda e: (_severity_rank(e["worst"]), -len(e["findings"]), -e["last_seen"]))
        return out

    def _followers(self, since: float | None, until: float | None) -> list[dict[str, Any]]:
        where, params = self._filters(None, since, until, "v.")
        orgs: dict[str, dict[str, Any]] = {}
        for r in self._db.execute(
            "SELECT t.organization, t.category, t.host, v.site FROM trackers t"
            f" JOIN visits v ON v.id = t.visit_id {where}",
            params,
        ):
            org = orgs.setdefault(
                r["organization"],
                {"organization": r["organization"], "categories": set(), "hosts": set(),
                 "sites": set()},
            )
            org["categories"].add(r["category"])
            org["hosts"].add(r["host"])
            org["sites"].add(r["site"])
        out = [
            {
                "organization": o["organization"],
                "categories": sorted(o["categories"]),
                "hosts": sorted(o["hosts"]),
                "sites": sorted(o["sites"]),
                "site_count": len(o["sites"]),
            }
            for o in orgs.values()
        ]
        out.sort(key=lambda o: (-o["site_count"], o["organization"]))
        return out

    def _timeline(self, since: float | None, until: float | None) -> list[dict[str, Any]]:
        where, params = self._filters(None, since, until)
        days: dict[str, dict[str, Any]] = {}
        for r in self._db.execute(
            "SELECT date(time, 'unixepoch', 'localtime') AS day, worst, COUNT(*) AS n,"
            f" SUM(finding_count) AS f FROM visits {where} GROUP BY day, worst ORDER BY day",
            params,
        ):
            day = days.setdefault(
                r["day"], {"day": r["day"], "visits": 0, "findings": 0,
                           "by_worst": {s: 0 for s in (*SEVERITIES, "none")}}
            )
            day["visits"] += r["n"]
            day["findings"] += r["f"] or 0
            day["by_worst"][r["worst"] or "none"] += r["n"]
        return list(days.values())

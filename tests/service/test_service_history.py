"""The history store: what it keeps, what it never keeps, and that forgetting is real."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import pytest

from companion.service.history import HistoryError, HistoryStore


def _entry(site: str, worst: str | None = "high", trackers=(), **extra) -> dict:
    findings = [{"rule": "consent.no-reject-first-layer", "severity": worst or "info",
                 "message": f"no reject on {site}", "evidence": {"selector": "#b"}}]
    return {"site": site, "url": f"https://www.{site}/", "phase": "initial",
            "source": "extension", "verdict": {"worst": worst, "count": 1 if worst else 0},
            "findings": findings if worst else [], "trackers": list(trackers), **extra}


def _tracker(host: str, org: str, category: str = "advertising") -> dict:
    return {"host": host, "site": host.split(".", 1)[-1], "organization": org,
            "category": category}


def _files(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


@pytest.fixture
def store(tmp_path: Path):
    s = HistoryStore(tmp_path / "h" / "history.sqlite3")
    yield s
    s.close()


def test_database_is_private_and_in_wal_mode(store: HistoryStore) -> None:
    mode = stat.S_IMODE(store.path.stat().st_mode)
    assert mode == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store._db.execute("PRAGMA secure_delete").fetchone()[0] == 1


def test_forgetting_a_site_removes_its_bytes_from_disk(store: HistoryStore) -> None:
    secret = "very-private-clinic.example"
    for _ in range(30):
        store.record(_entry(secret, trackers=[_tracker("px.tracker-one.example", "TrackerOne")]))
        store.record(_entry("news.example"))
    assert secret.encode() in _files(store.path)
    assert store.forget(secret) == 30
    raw = _files(store.path)
    assert secret.encode() not in raw
    assert b"px.tracker-one.example" not in raw and b"TrackerOne" not in raw
    assert b"no reject on " + secret.encode() not in raw
    assert b"news.example" in raw
    assert store.visits(site="news.example").total == 30
    # Trackers that only this site had are gone from the follower view too.
    assert store.summary()["trackers"] == []


def test_forget_everything(store: HistoryStore) -> None:
    store.record(_entry("a.example", trackers=[_tracker("t.x.example", "X")]))
    store.record(_entry("b.example"))
    assert store.forget() == 2
    assert store.visits().total == 0
    assert store._db.execute("SELECT COUNT(*) FROM trackers").fetchone()[0] == 0
    assert b"a.example" not in _files(store.path)


def test_html_is_kept_only_when_given(store: HistoryStore) -> None:
    store.record(_entry("a.example", html=None))
    store.record(_entry("b.example", html="<p>opted in</p>"))
    rows = store._db.execute("SELECT site, html FROM visits ORDER BY site").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("a.example", None), ("b.example", "<p>opted in</p>")]


def test_no_cookie_values_column(store: HistoryStore) -> None:
    columns = {r[1] for t in ("visits", "trackers")
               for r in store._db.execute(f"PRAGMA table_info({t})")}
    assert not {c for c in columns if "value" in c or "cookie" in c}


def test_visits_pagination_and_time_filters(store: HistoryStore) -> None:
    now = time.time()
    for i in range(7):
        store.record(_entry("a.example"), when=now - i * 3600)
    page = store.visits(limit=3, offset=0)
    assert page.total == 7 and len(page.items) == 3
    assert [v["time"] for v in page.items] == sorted((v["time"] for v in page.items),
                                                     reverse=True)
    assert store.visits(since=now - 2.5 * 3600).total == 3
    assert store.visits(until=now - 2.5 * 3600).total == 4
    assert store.visits(limit=3, offset=6).items[0]["time"] == pytest.approx(now - 6 * 3600)


def test_summary_orders_sites_worst_first_and_counts_followers(store: HistoryStore) -> None:
    g = _tracker("www.google-analytics.com", "Google", "analytics")
    fb = _tracker("connect.facebook.net", "Meta")
    store.record(_entry("calm.example", worst=None, trackers=[g]))
    store.record(_entry("pushy.example", worst="low", trackers=[g, fb]))
    store.record(_entry("bad.example", worst="high", trackers=[g, g]))
    summary = store.summary()
    assert [s["site"] for s in summary["sites"]] == ["bad.example", "pushy.example",
                                                     "calm.example"]
    assert summary["sites"][0]["trackers"] == 1
    follow = {t["organization"]: t for t in summary["trackers"]}
    assert follow["Google"]["site_count"] == 3
    assert follow["Meta"]["sites"] == ["pushy.example"]
    assert [t["organization"] for t in summary["trackers"]] == ["Google", "Meta"]
    day = summary["timeline"][0]
    assert day["visits"] == 3 and day["by_worst"]["high"] == 1 and day["by_worst"]["none"] == 1


def test_unusable_file_fails_with_advice(tmp_path: Path) -> None:
    bad = tmp_path / "history.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="--db"):
        HistoryStore(bad)


def test_history_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    first = HistoryStore(path)
    first.record(_entry("kept.example"))
    first.close()
    second = HistoryStore(path)
    try:
        assert second.visits().items[0]["site"] == "kept.example"
    finally:
        second.close()

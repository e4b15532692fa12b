from concurrent.futures.process import BrokenProcessPool

from companion.analyzer import analyze
from companion.models import Snapshot
from crawler.analysis import AnalyzerPool

PAGE = Snapshot(
    url="https://shop.example/",
    dom="<html><body><h1>Boots</h1><p>Only 2 left in stock!</p>"
    "<p>14 people are looking at this right now</p></body></html>",
)


def rules(analysis) -> list[str]:
    return sorted(f.rule for f in analysis.findings)


async def test_worker_process_gives_the_same_analysis_and_is_recycled() -> None:
    pool = AnalyzerPool(pages_per_worker=1)
    try:
        first = await pool.analyze(PAGE)
        second = await pool.analyze(PAGE)  # a fresh worker: the first one retired after a page
    finally:
        pool.close()
    assert rules(first) == rules(second) == rules(analyze(PAGE))
    assert first.url == PAGE.url and first.phase == "initial"


async def test_a_dead_worker_falls_back_to_in_process_analysis(monkeypatch) -> None:
    pool = AnalyzerPool()

    class Dead:
        def submit(self, *a, **k):
            raise BrokenProcessPool("worker died")

    monkeypatch.setattr(pool, "_workers", lambda: Dead())
    try:
        result = await pool.analyze(PAGE)
    finally:
        pool.close()
    assert rules(result) == rules(analyze(PAGE))

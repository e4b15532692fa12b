import pytest

from crawler.state import DONE, FAILED, QUEUED, CrawlState, StateError


def test_queue_is_breadth_first_and_deduplicated(tmp_path) -> None:
    state = CrawlState.open(tmp_path / "s.sqlite", target="https://a.example/")
    assert state.add([("https://a.example/deep", 2, QUEUED, None, None)]) == 1
    assert (
        state.add(
            [
                ("https://a.example/", 0, QUEUED, None, None),
                ("https://a.example/deep", 1, QUEUED, None, None),
            ]
        )
        == 1
    )
    assert state.pop() == ("https://a.example/", 0)
    assert state.pop() == ("https://a.example/deep", 2)
    assert state.pop() is None


def test_resume_requeues_active_and_keeps_results(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    state = CrawlState.open(path, target="https://a.example/")
    state.add([(f"https://a.example/{i}", 0, QUEUED, None, None) for i in range(3)])
    first = state.pop()
    assert first is not None
    state.record(first[0], {"url": first[0], "status": 200}, failed=False)
    second = state.pop()  # the crawl is interrupted while visiting this one
    state.close()

    again = CrawlState.open(path, target="https://a.example/", resume=True)
    assert again.resumed
    assert again.count(DONE) == 1 and again.count(QUEUED) == 2
    assert [r["url"] for r in again.results()] == [first[0]]
    assert second is not None and again.pop() == second


def test_fresh_start_discards_state(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    state = CrawlState.open(path, target="https://a.example/")
    state.add([("https://a.example/", 0, QUEUED, None, None)])
    state.record("https://a.example/", {"url": "https://a.example/"}, failed=True)
    assert state.count(FAILED) == 1
    state.close()
    fresh = CrawlState.open(path, target="https://a.example/")
    assert fresh.count(FAILED) == 0 and list(fresh.results()) == []


def test_resume_of_another_target_is_refused(tmp_path) -> None:
    path = tmp_path / "s.sqlite"
    CrawlState.open(path, target="https://a.example/").close()
    with pytest.raises(StateError, match="not https://b.example/"):
        CrawlState.open(path, target="https://b.example/", resume=True)

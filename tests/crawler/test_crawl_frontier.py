import time

from crawler.frontier import CALENDAR_CAP, Frontier, Scope
from crawler.robots import Robots
from crawler.state import SKIPPED, CrawlState

START = "https://www.shop.example/"


def make(**kw) -> Frontier:
    state = CrawlState.open(None, target=START)
    scope = Scope.for_url(START, kw.pop("allow", ()), kw.pop("deny", ()))
    return Frontier(state, scope, **kw)


def drain(frontier: Frontier) -> list[str]:
    out = []
    while (item := frontier.pop()) is not None:
        out.append(item.url)
    return out


def test_scope_same_site_allow_deny() -> None:
    f = make(deny=[r"/logout"], max_depth=5)
    f.offer([START], depth=0, force=True)
    f.offer(
        [
            "/a",
            "https://blog.shop.example/b",
            "https://other.example/c",
            "/logout?x=1",
            "/img/logo.png",
            "/a#dup",
            "/a?utm_source=n",
        ],
        depth=1,
        base=START,
    )
    assert drain(f) == [START, "https://www.shop.example/a", "https://blog.shop.example/b"]
    reasons = dict(f.state.skipped())
    assert reasons["https://www.shop.example/logout?x=1"] == "matched by --deny"
    assert reasons["https://www.shop.example/img/logo.png"] == "not a page"
    assert "https://other.example/c" not in reasons  # off-site links are not even recorded


def test_allow_restricts() -> None:
    f = make(allow=[r"/shop/"])
    f.offer(["https://www.shop.example/shop/1", "https://www.shop.example/blog/1"], depth=1)
    assert drain(f) == ["https://www.shop.example/shop/1"]


def test_limits_depth_and_pages() -> None:
    f = make(max_pages=3, max_depth=1)
    f.offer([START], depth=0, force=True)
    f.offer([f"/p{i}" for i in range(10)], depth=1, base=START)
    assert f.offer(["/too-deep"], depth=2, base=START) == 0
    assert len(drain(f)) == 3
    assert f.queued() == 0 and f.exhausted()


def test_robots_respected_but_start_url_forced() -> None:
    robots = Robots.parse("User-agent: *\nDisallow: /\n")
    f = make(robots=robots)
    f.offer([START], depth=0, force=True)
    f.offer(["/x"], depth=1, base=START)
    assert drain(f) == [START]
    assert dict(f.state.skipped())["https://www.shop.example/x"] == "disallowed by robots.txt"


def test_calendar_trap_is_capped() -> None:
    f = make(max_pages=100)
    months = [f"/events/2026/{m:02d}" for m in range(1, 13)]
    f.offer(months, depth=1, base=START)
    assert len(drain(f)) == CALENDAR_CAP
    assert sum(1 for _, r in f.state.skipped() if "calendar" in r) == 12 - CALENDAR_CAP


def test_give_back_requeues() -> None:
    f = make(max_pages=1)
    f.offer([START], depth=0, force=True)
    item = f.pop()
    assert item is not None and f.pop() is None
    f.give_back(item)
    assert f.pop() == item
    assert f.state.count(SKIPPED) == 0


async def test_politeness_delay_spaces_page_loads_per_host() -> None:
    f = make(delay=0.15)
    started = time.monotonic()
    for _ in range(3):
        await f.polite("https://www.shop.example/a")
    await f.polite("https://blog.shop.example/a")  # another host is not held back
    elapsed = time.monotonic() - started
    assert 0.28 <= elapsed < 0.6


def test_robots_crawl_delay_raises_delay() -> None:
    f = make(robots=Robots.parse("User-agent: *\nCrawl-delay: 2\n"), delay=0.1)
    assert f.delay == 2

from crawler.robots import Robots, load_robots, parse_sitemap, sitemap_urls

ROBOTS = """
User-agent: *
Disallow: /private/
Crawl-delay: 0.5
Sitemap: https://a.example/sitemap_index.xml
"""


def fetcher(pages: dict[str, tuple[int, str]]):
    calls: list[str] = []

    async def fetch(url: str):
        calls.append(url)
        return pages.get(url, (404, "not found"))

    fetch.calls = calls  # type: ignore[attr-defined]
    return fetch


async def test_robots_disallow_delay_and_sitemaps() -> None:
    robots = await load_robots("https://a.example", fetcher({"https://a.example/robots.txt": (200, ROBOTS)}))
    assert not robots.allowed("https://a.example/private/x")
    assert robots.allowed("https://a.example/public")
    assert robots.delay() == 0.5
    assert robots.sitemaps == ["https://a.example/sitemap_index.xml"]


async def test_robots_ignored_by_owner() -> None:
    robots = await load_robots(
        "https://a.example", fetcher({"https://a.example/robots.txt": (200, ROBOTS)}), ignored=True
    )
    assert robots.allowed("https://a.example/private/x")
    assert robots.delay() is None


async def test_robots_missing_allows_and_5xx_disallows() -> None:
    assert (await load_robots("https://a.example", fetcher({}))).allowed("https://a.example/x")
    err = fetcher({"https://a.example/robots.txt": (503, "down")})
    assert not (await load_robots("https://a.example", err)).allowed("https://a.example/x")

    async def unreachable(url: str):
        return None

    assert (await load_robots("https://a.example", unreachable)).allowed("https://a.example/x")


def test_parse_sitemap_and_index() -> None:
    urlset = """<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc> https://a.example/one </loc></url><url><loc>https://a.example/two</loc></url></urlset>"""
    assert parse_sitemap(urlset) == (["https://a.example/one", "https://a.example/two"], [])
    index = """<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"""
    assert parse_sitemap(index) == ([], ["https://a.example/s1.xml"])
    assert parse_sitemap("this is not xml <<<") == ([], [])


async def test_sitemap_index_is_followed_without_cycles() -> None:
    index = """<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap>
      <sitemap><loc>https://a.example/sitemap_index.xml</loc></sitemap></sitemapindex>"""
    s1 = "<urlset><url><loc>https://a.example/deep/page</loc></url></urlset>"
    fetch = fetcher({"https://a.example/sitemap_index.xml": (200, index), "https://a.example/s1.xml": (200, s1)})
    assert await sitemap_urls(["https://a.example/sitemap_index.xml"], fetch) == ["https://a.example/deep/page"]
    assert fetch.calls.count("https://a.example/sitemap_index.xml") == 1


def test_robots_default_allows() -> None:
    assert Robots().allowed("https://anything.example/")

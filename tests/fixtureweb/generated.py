"""Sites made in code: a 130-page outdoor shop for the crawler benchmark, and crawler traps.

- ``www.outdoor-gear-depot.com``: home, 12 category pages, 120 product pages, about, contact,
  ``robots.txt`` and ``sitemap.xml``; a compliant vanilla-cookieconsent banner on every page
  (Google Analytics loads only after accept). Its ``expected.json`` sits in ``sites/``.
- On ``www.crumbsandcrust.com`` (the baking blog): ``/archive/calendar?month=YYYY-MM`` links to
  the previous and next month forever, and ``/print?recipe=…&sessionid=…`` links carry a fresh
  session id on every response. A crawler must not get lost in either.
"""

from __future__ import annotations

import html
import re
import secrets
from datetime import date
from pathlib import Path

from aiohttp import web

from tests.fixtureweb.trackers import Handler

SHOP_HOST = "www.outdoor-gear-depot.com"
BLOG_HOST = "www.crumbsandcrust.com"
CATEGORIES = (
    "tents",
    "sleeping-bags",
    "backpacks",
    "hiking-boots",
    "rain-jackets",
    "stoves",
    "headlamps",
    "trekking-poles",
    "water-filters",
    "camp-chairs",
    "climbing",
    "maps",
)
PRODUCTS_PER_CATEGORY = 10
ADJECTIVES = (
    "Summit",
    "Ridge",
    "Alpine",
    "Trail",
    "Canyon",
    "Glacier",
    "Forest",
    "Harbor",
    "Meadow",
    "Boulder",
)


SHOP_ROUTES = ("/", "/about", "/contact", "/cart", "/c/*", "/p/*", "/robots.txt", "/sitemap.xml")


def shop_pages() -> list[str]:
    """Every URL path of the generated shop, in sitemap order."""
    paths = ["/", "/about", "/contact"]
    for cat in CATEGORIES:
        paths.append(f"/c/{cat}")
        paths.extend(f"/p/{cat}-{i + 1}" for i in range(PRODUCTS_PER_CATEGORY))
    return paths


def _title(cat: str) -> str:
    return cat.replace("-", " ").title()


def _product_name(cat: str, n: int) -> str:
    return f"{ADJECTIVES[(n - 1) % len(ADJECTIVES)]} {_title(cat).rstrip('s')} {100 + n * 7}"


def _price(cat: str, n: int) -> str:
    base = 19 + (sum(map(ord, cat)) % 40) + n * 11
    return f"${base}.{(n * 37) % 100:02d}"


SHOP_BANNER = """
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/vanilla-cookieconsent@3.1.0/dist/cookieconsent.css">
<script type="text/plain" data-category="analytics" async
        data-src="https://www.googletagmanager.com/gtag/js?id=G-OGD4X2K9Q1"></script>
<script type="text/plain" data-category="analytics">
  window.dataLayer = window.dataLayer || [];
  function gtag(){dataLayer.push(arguments);}
  gtag('js', new Date()); gtag('config', 'G-OGD4X2K9Q1');
</script>
<script defer src="https://cdn.jsdelivr.net/npm/vanilla-cookieconsent@3.1.0/dist/cookieconsent.umd.js"></script>
<script defer src="/assets/consent.js"></script>
"""


def _shop_page(title: str, body: str) -> str:
    nav = "".join(f'<a href="/c/{c}">{_title(c)}</a>' for c in CATEGORIES)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} | Outdoor Gear Depot</title>
<link rel="stylesheet" href="/assets/shop.css">{SHOP_BANNER}</head>
<body><header><a href="/"><strong>Outdoor Gear Depot</strong></a><nav>{nav}</nav></header>
<main>{body}</main>
<footer><a href="/about">About us</a> · <a href="/contact">Contact</a> ·
<a href="/cart">Basket</a> · <a href="#" data-cc="show-preferencesModal">Cookie preferences</a> ·
© 2026 Outdoor Gear Depot Ltd.</footer>
</body></html>"""


def _shop_home() -> str:
    cards = "".join(
        f'<div class="card"><a href="/c/{c}">{_title(c)}</a>'
        f"<p>{PRODUCTS_PER_CATEGORY} products</p></div>"
        for c in CATEGORIES
    )
    return _shop_page(
        "Gear for every trail", f"<h1>Gear for every trail</h1><div class='grid'>{cards}</div>"
    )


def _shop_category(cat: str) -> str:
    cards = "".join(
        f'<div class="card"><a href="/p/{cat}-{n}">{_product_name(cat, n)}</a>'
        f'<p class="price">{_price(cat, n)}</p></div>'
        for n in range(1, PRODUCTS_PER_CATEGORY + 1)
    )
    return _shop_page(_title(cat), f"<h1>{_title(cat)}</h1><div class='grid'>{cards}</div>")


def _shop_product(cat: str, n: int) -> str:
    name = _product_name(cat, n)
    siblings = "".join(
        f'<li><a href="/p/{cat}-{m}">{_product_name(cat, m)}</a></li>'
        for m in range(1, PRODUCTS_PER_CATEGORY + 1)
        if m != n
    )
    body = f"""<p><a href="/c/{cat}">{_title(cat)}</a> › {name}</p>
<h1>{name}</h1><p class="price">{_price(cat, n)}</p>
<p>Built for long days outside: tested by our staff on the West Highland Way and in the Dolomites.
Free returns within 30 days. Ships in 2–3 working days.</p>
<form action="/cart" method="post">
<label>Quantity <input type="number" name="qty" value="1" min="1"></label>
<button class="btn" type="submit">Add to basket</button></form>
<h2>More {_title(cat).lower()}</h2><ul>{siblings}</ul>"""
    return _shop_page(name, body)


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html", headers={"Cache-Control": "no-cache"})


async def shop_handler(request: web.Request) -> web.StreamResponse:
    path = request.path.rstrip("/") or "/"
    if path == "/":
        return _html(_shop_home())
    if path == "/about":
        return _html(
            _shop_page("About us", "<h1>About us</h1><p>A family business since 1987.</p>")
        )
    if path == "/contact":
        return _html(_shop_page("Contact", "<h1>Contact</h1><p>hello@outdoor-gear-depot.com</p>"))
    if path == "/cart":
        return _html(_shop_page("Basket", "<h1>Your basket is empty</h1>"))
    found = re.fullmatch(r"/c/([a-z-]+)", path)
    if found and found[1] in CATEGORIES:
        return _html(_shop_category(found[1]))
    found = re.fullmatch(r"/p/([a-z-]+)-(\d+)", path)
    if found and found[1] in CATEGORIES and 1 <= int(found[2]) <= PRODUCTS_PER_CATEGORY:
        return _html(_shop_product(found[1], int(found[2])))
    if path == "/robots.txt":
        return web.Response(
            text=f"User-agent: *\nDisallow: /cart\n\nSitemap: https://{SHOP_HOST}/sitemap.xml\n",
            content_type="text/plain",
        )
    if path == "/sitemap.xml":
        urls = "".join(f"<url><loc>https://{SHOP_HOST}{p}</loc></url>" for p in shop_pages())
        return web.Response(
            text='<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n',
            content_type="application/xml",
        )
    raise web.HTTPNotFound(text=f"The requested URL {request.path} was not found on this server.")


# -- traps on the baking blog ------------------------------------------------------------
def _month(raw: str | None) -> date:
    try:
        year, month = (int(x) for x in (raw or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return date(2026, 11, 1)


def _shift(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _blog_page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} – Crumbs &amp; Crust</title>
<link rel="stylesheet" href="https://static.crumbsandcrust.com/css/site.css"></head>
<body><header class="site-header"><a href="/" class="logo">Crumbs &amp; Crust</a>
<nav><a href="/">Home</a> <a href="/recipes/">Recipes</a>
<a href="/archive/calendar">Archive</a></nav></header>
<main class="content">{body}</main></body></html>"""


async def blog_calendar(request: web.Request) -> web.StreamResponse:
    month = _month(request.query.get("month"))
    prev, nxt = _shift(month, -1), _shift(month, 1)
    label = month.strftime("%B %Y")
    days = "".join(f"<td>{d}</td>" for d in range(1, 29))
    body = f"""<h1>Archive: {label}</h1>
<p>No new posts this month. Browse another month:</p>
<p><a href="/archive/calendar?month={prev:%Y-%m}">« {prev:%B %Y}</a> |
<a href="/archive/calendar?month={nxt:%Y-%m}">{nxt:%B %Y} »</a></p>
<table class="calendar"><tr>{days}</tr></table>"""
    return _html(_blog_page(f"Archive {label}", body))


async def blog_print(request: web.Request) -> web.StreamResponse:
    recipe = re.sub(r"[^a-z0-9-]", "", request.query.get("recipe", "chocolate-chip-cookies"))
    sid = secrets.token_hex(12)
    body = f"""<h1>Printable recipe: {html.escape(recipe.replace("-", " "))}</h1>
<p>Print this page with your browser. <a href="/print?recipe={recipe}&amp;sessionid={sid}">Refresh
printable version</a> ·
<a href="/print?recipe={recipe}&amp;sessionid={sid}&amp;size=large">Large print</a></p>
<p><a href="/recipes/{recipe}.html">Back to the recipe</a></p>"""
    return _html(_blog_page("Print", body))


def generated_routes(root: Path) -> dict[str, list[tuple[str, str, Handler]]]:
    # /assets/* is not routed: it falls through to sites/www.outdoor-gear-depot.com/.
    shop: list[tuple[str, str, Handler]] = [("GET", path, shop_handler) for path in SHOP_ROUTES]
    shop.append(("POST", "/cart", shop_handler))
    routes: dict[str, list[tuple[str, str, Handler]]] = {
        SHOP_HOST: shop,
        BLOG_HOST: [("GET", "/archive/calendar", blog_calendar), ("GET", "/print", blog_print)],
    }
    return routes

"""Benchmark ``brightline check`` on large saved pages against lxml parsing alone.

Targets (issue: Foundation):
  * check on a ~2 MB page with thousands of elements <= 3x lxml's parse of the same file;
  * peak memory on a ~5 MB page < 300 MB.

Three 2 MB shapes are measured: dense markup (about 29,000 elements), a long read (about
5,000 elements, long paragraphs) and a shop listing whose bytes are mostly an inline script
bundle and a style sheet (about 12,000 elements), as large saved pages usually are. For
each, the bench also prints a floor: one normalising pass over the page's text, which
every text rule needs, against the same parse.

Run: .venv/bin/python bench/bench_check.py
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORDS = ("butter flour sugar oven recipe cookie chocolate bake dough minutes stir bowl whisk "
         "vanilla salt tray golden crisp chewy cool serve enjoy season fresh").split()


ROUNDS = 11


def make_page(target_bytes: int, seed: int = 7) -> bytes:
    """A page shaped like a large real one: markup and text, page CSS, and an inline JSON
    state blob (as server-rendered frameworks ship), about a quarter of the bytes."""
    rnd = random.Random(seed)
    state_items = target_bytes // 4 // 110
    css = "\n".join(
        f".c{i}{{color:#{rnd.randrange(0xffffff):06x};padding:{rnd.randrange(20)}px;margin:0 {i % 9}px}}"
        for i in range(1500)
    )
    head = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Big page</title>"
        f"<style>{css}\n.cookie-bar{{position:fixed;bottom:0;left:0;right:0;background:#fff}}"
        ".acc{background:#0a6;color:#fff;font-size:16px;padding:10px 20px;border:0}"
        ".rej{color:#bbb;font-size:11px}</style>"
        "<script src='https://www.googletagmanager.com/gtag/js?id=G-1'></script></head><body>"
    )
    nav = "".join(f"<a href='/p{i}'>Link {i}</a>" for i in range(200))
    parts = [head, f"<header><nav>{nav}</nav></header><main>"]
    size = sum(len(p) for p in parts)
    i = 0
    while size < target_bytes * 3 // 4:
        words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(20, 90)))
        block = (
            f"<section class='c{i % 1500}'><h2>Step {i}</h2><p class='c{(i * 7) % 1500}'>{words}</p>"
            f"<ul><li><a href='/r{i}'>{words[:30]}</a></li><li><span>{rnd.randrange(1000)} g</span></li></ul>"
            f"<form><label><input type='checkbox' name='o{i}'> Save step {i}</label>"
            f"<button type='button' class='c{i % 50}'>Done</button></form>"
            f"<img src='/img/{i}.jpg' alt='{words[:20]}'></section>"
        )
        parts.append(block)
        size += len(block)
        i += 1
    parts.append(
        "</main><script id='__NEXT_DATA__' type='application/json'>"
        + json.dumps({"props": {"items": [{"id": i, "title": " ".join(rnd.choice(WORDS) for _ in range(12))}
                                          for i in range(state_items)]}})
        + "</script><div class='cookie-bar'><p>We and our partners use cookies for analytics and ads.</p>"
        "<button class='acc'>Accept all</button><a class='rej' href='#'>Reject</a></div></body></html>"
    )
    return "".join(parts).encode()


def make_shop(target_bytes: int, seed: int = 5) -> bytes:
    """A shop listing saved whole: an inline script bundle (about 45% of the bytes), a
    large style sheet (about 12%), a grid of product cards and a JSON state blob."""
    rnd = random.Random(seed)
    js = "".join(
        f"function f{i}(a,b){{var x{i}=a+b*{i};if(x{i}>{rnd.randrange(99)}){{return '{rnd.choice(WORDS)}'+x{i};}}"
        "return null;}\n"
        for i in range(int(target_bytes * 0.45) // 80)
    )
    css = "\n".join(f".c{i}{{color:#{rnd.randrange(0xffffff):06x};padding:{rnd.randrange(20)}px}}"
                    for i in range(int(target_bytes * 0.12) // 40))
    parts = [f"<!doctype html><html><head><meta charset=utf-8><title>Shop</title><style>{css}</style>"
             f"<script>{js}</script></head><body><header><nav>",
             *(f"<a class='nav-link c{i}' href='/cat/{i}'>Category {i}</a>" for i in range(150)),
             "</nav></header><main><div class='grid'>"]
    size = sum(map(len, parts))
    state = []
    i = 0
    while size < target_bytes * 0.88:
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(3, 8)))
        desc = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(8, 25)))
        card = (f"<div class='card c{i % 900}'><a href='/p/{i}'><img src='/img/{i}.webp' alt='{title}' "
                f"width='300' height='300'></a><div class='card-body'><h3 class='title'><a href='/p/{i}'>"
                f"{title}</a></h3><p class='desc'>{desc}</p><span class='price'>€{rnd.randrange(5, 200)}."
                f"{rnd.randrange(100):02d}</span><button class='btn add'>Add to basket</button></div></div>")
        parts.append(card)
        size += len(card)
        state.append({"id": i, "t": title})
        i += 1
    parts.append("</div></main><footer><p>© Shop</p></footer><script id='__NEXT_DATA__' "
                 f"type='application/json'>{json.dumps(state)}</script><div class='cookie-bar'><p>We and our "
                 "partners use cookies for analytics and ads.</p><button>Accept all</button>"
                 "<a href='#'>Reject</a></div></body></html>")
    return "".join(parts).encode()


def interleaved(first, second, rounds: int) -> tuple[float, float, float]:
    """Medians of ``first`` and ``second`` timed in alternation, and the median of their
    per-round ratios: a slow spell of the machine then weighs on both alike."""
    a, b = [], []
    for _ in range(rounds):
        for fn, times in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b), statistics.median(y / x for x, y in zip(a, b, strict=True))


def peak_rss_mb(path: Path) -> float:
    code = (
        "import resource, sys; from companion.commands.check import analyze_file;"
        f"a = analyze_file({str(path)!r}, 'https://big.example/');"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return float(out.stdout.strip())


def make_article(target_bytes: int, seed: int = 3) -> bytes:
    """A long read: few elements (about one per 400 bytes), long paragraphs, a JSON blob."""
    rnd = random.Random(seed)
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>Long read</title>"
             "<style>body{font:16px serif}.cookie-bar{position:fixed;bottom:0}</style></head>"
             "<body><main><article>"]
    size = 0
    i = 0
    while size < target_bytes * 3 // 4:
        para = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(60, 140)))
        block = f"<h2>Section {i}</h2><p>{para} <a href='/x{i}'>more</a> {para[:200]}</p>"
        parts.append(block)
        size += len(block)
        i += 1
    state = [" ".join(rnd.choice(WORDS) for _ in range(12)) for _ in range(target_bytes // 4 // 80)]
    parts.append(
        f"</article></main><script type='application/json'>{json.dumps({'items': state})}</script>"
        "<div class='cookie-bar'><p>We use cookies.</p><button>Accept</button>"
        "<a href='#'>Reject</a></div></body></html>"
    )
    return "".join(parts).encode()


def text_floor(path: Path) -> tuple[float, float]:
    """The page's readable text (scripts and styles dropped) joined in C, then one
    normalising pass as the copy rules need it (``lexicon.fold``, collapse white space,
    lower-case): the least any text rule costs in this design. Median ms of both, interleaved."""
    from lxml import etree

    from companion.lexicon import fold

    root = lxml.html.fromstring(path.read_bytes())
    etree.strip_elements(root, "script", "style", with_tail=False)
    text = etree.tostring(root, method="text", encoding=str)
    parse, normalise, _ = interleaved(
        lambda: lxml.html.fromstring(path.read_bytes()),
        lambda: " ".join(fold(text).split()).lower(),
        ROUNDS,
    )
    return parse, normalise


def measure(label: str, path: Path) -> None:
    from companion.commands.check import analyze_file

    elements = sum(1 for _ in lxml.html.parse(str(path)).iter())
    analyze_file(path, "https://big.example/")  # warm caches: data files, compiled patterns
    t_lxml, t_check, ratio = interleaved(
        lambda: lxml.html.fromstring(path.read_bytes()),
        lambda: analyze_file(path, "https://big.example/"),
        ROUNDS,
    )
    result = analyze_file(path, "https://big.example/")
    parse, normalise = text_floor(path)
    print(f"{label}: {path.stat().st_size / 1e6:.2f} MB, {elements} elements")
    print(f"  lxml parse (median of {ROUNDS}):       {t_lxml * 1000:8.1f} ms")
    print(f"  check in-process (median of {ROUNDS}): {t_check * 1000:8.1f} ms  -> {t_check / t_lxml:.2f}x lxml")
    print(f"  median of the per-round ratios:  {ratio:8.2f}x (target <= 3x)")
    print(f"  floor: normalising the page text once takes {normalise * 1000:.1f} ms "
          f"= {normalise / parse:.2f}x the parse")
    print(f"  findings: {sorted({f.rule for f in result.findings})}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        two = Path(tmp) / "two.html"
        two.write_bytes(make_page(2 * 1024 * 1024))
        article = Path(tmp) / "article.html"
        article.write_bytes(make_article(2 * 1024 * 1024))
        shop = Path(tmp) / "shop.html"
        shop.write_bytes(make_shop(2 * 1024 * 1024))
        five = Path(tmp) / "five.html"
        five.write_bytes(make_page(5 * 1024 * 1024, seed=11))
        measure("2 MB page, dense markup", two)
        measure("2 MB page, a long read", article)
        measure("2 MB page, a shop listing with inline scripts and a large style sheet", shop)
        cli = [sys.executable, "-m", "companion", "check", str(two), "--url", "https://big.example/"]
        cold = subprocess.run(cli, capture_output=True, cwd=ROOT)
        start = time.perf_counter()
        subprocess.run(cli, capture_output=True, cwd=ROOT, check=False)
        t_cli = time.perf_counter() - start
        print(f"check CLI on the dense page, whole process: {t_cli * 1000:.1f} ms "
              f"(includes interpreter start and imports; exit {cold.returncode})")
        print(f"5 MB page: {five.stat().st_size / 1e6:.2f} MB, "
              f"peak RSS of a check process: {peak_rss_mb(five):.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()

"""Benchmark ``brightline diff`` on two 1,000-page reports.

Target (issue 6): diffing two 1,000-page reports takes under 1 s.

Report A is built from real findings: the analyzer's output on every static fixture page (their
evidence shapes: banner controls, tracker hosts, selectors, copy matches), spread over 1,000 pages
of one shop with 5-25 findings each, in the phases a crawl records. Report B is A re-crawled
after a release: pages in another order, other product ids, shifted nth-of-type indexes,
reworded text, other counts and cache busters, a few new trackers, some fixed findings and a
few pages that failed to load.

Run: .venv/bin/python bench/bench_diff.py [--pages 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from companion.analyzer import analyze  # noqa: E402
from companion.cli import main as cli_main  # noqa: E402
from companion.report import build_report, page_entry  # noqa: E402
from companion.static.html_page import load_html  # noqa: E402

STATIC = ROOT / "tests" / "fixtures" / "static"
SHOP = "https://www.shop.example"
STATIC_PAGES = ("/", "/search", "/account/settings", "/about", "/basket", "/help/returns")
TEMPLATES = ("/product/{id}", "/p/{slug}-{id}.html", "/category/{cat}/page/{id}", "/blog/{slug}-{id}",
             "/order/{uuid}/status", "/stores/{id}")
CATS = ("boots", "sandals", "bags", "belts", "socks", "sale", "new-in", "gifts")
SLUGS = ("leather-care", "winter-boots", "how-to-size", "our-workshop", "summer-sandals", "gift-guide")
TRACKER_HOSTS = (
    ("www.google-analytics.com", "Google", "analytics"), ("www.googletagmanager.com", "Google", "tag-manager"),
    ("connect.facebook.net", "Meta", "advertising"), ("static.hotjar.com", "Contentsquare", "session-replay"),
    ("bat.bing.com", "Microsoft", "advertising"), ("snap.licdn.com", "LinkedIn", "advertising"),
    ("analytics.tiktok.com", "ByteDance", "advertising"), ("cdn.segment.com", "Twilio", "analytics"),
    ("js.hs-analytics.net", "HubSpot", "analytics"), ("script.crazyegg.com", "Crazy Egg", "session-replay"),
)
NEW_HOSTS = (("static.ads-twitter.com", "X (Twitter)", "advertising"), ("ct.pinterest.com", "Pinterest", "advertising"))


def real_findings() -> list[dict[str, Any]]:
    """Every finding the analyzer reports on the static fixture pages (the real evidence shapes)."""
    found = []
    for html in sorted(STATIC.glob("*/page.html")):
        page = load_html(html.read_bytes(), url=f"{SHOP}/", path=html)
        analysis = analyze(page.snapshot, root=page.root, styles=page.styles, markup=page.markup)
        found.extend(page_entry(f"{SHOP}/", analysis)["findings"])
    return found


def tracker_finding(rnd: random.Random, host: str, org: str, category: str, phase: str) -> dict[str, Any]:
    return {
        "rule": "tracker.third-party", "severity": "medium", "phase": phase,
        "message": f"{org}, {category}, is present at {host} before any choice; listed in Brightline's tracker map.",
        "evidence": {"host": host, "organization": org, "service": org, "category": category, "source": "list",
                     "reason": f"entity map: {org}", "url": f"https://{host}/t.js?cb={rnd.randrange(10**9)}",
                     "requests": rnd.randrange(1, 12)},
    }


def page_findings(rnd: random.Random, pool: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """5-25 findings: trackers in both phases, tracking-before-consent, then real findings of the fixtures."""
    count = rnd.randrange(5, 26)
    hosts = rnd.sample(TRACKER_HOSTS, rnd.randrange(2, 6))
    findings = []
    for phase in ("initial", "after-reject"):
        rule = "consent.tracking-before-consent" if phase == "initial" else "consent.choice-not-respected"
        evidence = {"hosts": sorted(h for h, _, _ in hosts), "organizations": sorted({o for _, o, _ in hosts}),
                    "cookies": ["_ga", "_fbp"], "categories": sorted({c for _, _, c in hosts})}
        findings.append({"rule": rule, "severity": "high", "phase": phase,
                         "message": f"{len(hosts)} trackers contacted.", "evidence": evidence})
        findings.extend(tracker_finding(rnd, h, o, c, phase) for h, o, c in hosts)
    while len(findings) < count:
        findings.append({**copy.deepcopy(rnd.choice(pool)), "phase": "initial"})
    return findings[:count]


def page_detail(findings: list[dict[str, Any]]) -> dict[str, Any]:
    """What a crawl report keeps per page besides findings (the diff has to read past it)."""
    banner = next((f["evidence"] for f in findings if f["rule"] == "consent.banner"), None)
    trackers = [{"host": f["evidence"]["host"], "site": f["evidence"]["host"].split(".", 1)[-1],
                 "organization": f["evidence"]["organization"], "category": f["evidence"]["category"],
                 "source": "list", "reason": f["evidence"]["reason"], "requests": f["evidence"]["requests"],
                 "cookies": []} for f in findings if f["rule"] == "tracker.third-party"]
    phases = {phase: {"phase": phase, "snapshot": f"pages/page-{id(findings):x}/{phase}.json",
                      "findings": [f["rule"] for f in findings if f.get("phase") == phase], "trackers": trackers}
              for phase in ("initial", "after-reject")}
    return {"phase": "initial", "banner": banner, "trackers": trackers, "phases": phases}


def url_for(rnd: random.Random, template: str) -> str:
    uuid = "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}".format(*(rnd.getrandbits(b) for b in (32, 16, 12, 12, 48)))
    return SHOP + template.format(id=rnd.randrange(1000, 99999), slug=rnd.choice(SLUGS), cat=rnd.choice(CATS),
                                  uuid=uuid)


def make_report_a(pages: int, pool: list[dict[str, Any]], seed: int = 1) -> dict[str, Any]:
    rnd = random.Random(seed)
    urls = [SHOP + path for path in STATIC_PAGES]
    seen = set(urls)
    while len(urls) < pages:  # a crawl visits each URL once
        url = url_for(rnd, rnd.choice(TEMPLATES))
        if url not in seen:
            seen.add(url)
            urls.append(url)
    entries = []
    for url in urls[:pages]:
        findings = page_findings(rnd, pool)
        entries.append({"url": url, "final_url": None, "depth": rnd.randrange(4), "status": 200, "error": None,
                        "findings": findings, **page_detail(findings)})
    return build_report(SHOP + "/", entries)


def _shift_selector(selector: str) -> str:
    """Content inserted above: the tag path's sibling indexes move."""
    if selector.startswith("body > div"):
        return selector.replace("body > div", "body > div:nth-of-type(2)", 1)
    return selector


def make_report_b(a: dict[str, Any], seed: int = 2) -> dict[str, Any]:
    """A after a release: re-crawled, with cosmetic changes, new trackers, fixes and failures."""
    rnd = random.Random(seed)
    pages = copy.deepcopy(a["pages"])
    rnd.shuffle(pages)
    for page in pages:
        page["url"] = page["url"].split("?")[0] + f"?utm_source=ci{rnd.randrange(100)}"
        roll = rnd.random()
        if roll < 0.01:
            page.update(error="net::ERR_CONNECTION_RESET", status=None, findings=[])
            continue
        kept = []
        for f in page["findings"]:
            ev = f["evidence"]
            if rnd.random() < 0.03:
                continue  # fixed
            if "selector" in ev:
                ev["selector"] = _shift_selector(ev["selector"])
            if "text" in ev:
                ev["text"] = ev["text"] + " (updated copy)"
            if "url" in ev:
                ev["url"] = ev["url"].split("?")[0] + f"?cb={rnd.randrange(10**9)}"
            if "requests" in ev:
                ev["requests"] = rnd.randrange(1, 12)
            kept.append(f)
        if roll > 0.98:  # a release added a tracker to 2% of the pages
            host, org, category = rnd.choice(NEW_HOSTS)
            kept.append(tracker_finding(rnd, host, org, category, "initial"))
            for f in kept:
                if f["rule"] == "consent.tracking-before-consent":
                    f["evidence"]["hosts"] = sorted([*f["evidence"]["hosts"], host])
        page["findings"] = kept
    return build_report(SHOP + "/", pages)


def in_process(a: Path, b: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds, output): CPU time shows the cost on a machine busy with other work."""
    from companion import baseline, fingerprint

    for cache in (fingerprint._MEMO, fingerprint.page_template, fingerprint.normalise_selector, baseline.page_key):
        cache.clear() if isinstance(cache, dict) else cache.cache_clear()  # every run starts cold
    out = io.StringIO()
    started, cpu = time.perf_counter(), time.process_time()
    with redirect_stdout(out):
        cli_main(["diff", str(a), str(b)])
    return time.perf_counter() - started, time.process_time() - cpu, out.getvalue()


def as_subprocess(a: Path, b: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "companion", "diff", str(a), str(b)], check=True,
                   stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    pool = real_findings()
    report_a = make_report_a(args.pages, pool)
    report_b = make_report_b(report_a)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "A.json", Path(tmp) / "B.json"
        a.write_text(json.dumps(report_a))
        b.write_text(json.dumps(report_b))
        findings = sum(len(p["findings"]) for p in report_a["pages"])
        rules = len({f["rule"] for p in report_a["pages"] for f in p["findings"]})
        print(f"reports: {args.pages} pages, {findings} findings in A ({rules} rules, from {len(pool)} real "
              f"fixture findings); A {a.stat().st_size / 1e6:.1f} MB, B {b.stat().st_size / 1e6:.1f} MB")
        runs = [in_process(a, b) for _ in range(args.runs)]
        print(runs[0][2].splitlines()[0])
        inproc = statistics.median(wall for wall, _, _ in runs)
        cpu = statistics.median(cpu for _, cpu, _ in runs)
        sub = statistics.median(as_subprocess(a, b) for _ in range(args.runs))
    print(f"in-process (load + compare + render): median {inproc * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU "
          f"over {args.runs} runs")
    print(f"subprocess `brightline diff A B`:      median {sub * 1000:.0f} ms over {args.runs} runs")
    verdict = "OK" if max(inproc, sub) < 1.0 else "OVER TARGET"
    print(f"target < 1000 ms: {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    raise SystemExit(main())

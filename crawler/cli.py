"""``brightline crawl``: audit a whole site the way a person meets it."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

HELP = "audit a whole site: crawl it, interact with its consent banner, write reports"
DESCRIPTION = """\
Crawls a site from URL (same registrable domain), loads every page in a fresh browser
profile, and checks what a person would meet: the consent banner and its choices, dark
patterns, and trackers before consent. With --interact reject (the default) it also
refuses consent on pages with a banner, reloads, and checks that the refusal is respected.

Writes DIR/report.json, DIR/report.html (self-contained, for people), a snapshot JSON per
page and phase (`brightline check DIR/pages/…/initial.json` reproduces its findings
offline), and outlined screenshots of every banner and flagged element.

examples:
  brightline crawl https://www.example.com/ --out audit
  brightline crawl https://staging.example.com/ --max-pages 200 --concurrency 4 --fail-on medium \\
      --chrome-flags "--host-resolver-rules='MAP * 10.0.0.5' --ignore-certificate-errors"
  brightline crawl https://www.example.com/ --out audit --resume     continue an interrupted crawl

exit codes: 0 nothing at or above --fail-on, 1 findings fail the gate, 2 usage or runtime
error (including a start URL that could not be loaded), 130 interrupted (report written)
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from crawler.gate import FAIL_ON_CHOICES  # light: no browser imports

    parser.add_argument("url", help="start URL (http or https)")
    parser.add_argument("--max-pages", type=int, default=50, metavar="N", help="visit at most N pages (default 50)")
    parser.add_argument(
        "--max-depth",
        type=int,
        default=3,
        metavar="D",
        help="follow links at most D clicks from the start (default 3)",
    )
    parser.add_argument("--concurrency", type=int, default=2, metavar="C", help="pages visited at once (default 2)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("brightline-report"),
        metavar="DIR",
        help="output directory (default ./brightline-report)",
    )
    parser.add_argument(
        "--interact",
        choices=("reject", "accept", "both", "none"),
        default="reject",
        help="consent interaction on pages with a banner (default reject)",
    )
    parser.add_argument(
        "--chrome-flags",
        default="",
        metavar='"FLAGS"',
        help="extra browser flags, split with shell quoting rules",
    )
    parser.add_argument(
        "--browser",
        metavar="PATH",
        help="Chromium to use (else BRIGHTLINE_CHROMIUM, Playwright's, the system's)",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        default=None,
        metavar="SEVERITY",
        help="exit 1 when a finding of this severity or worse is found: high, medium, low, info or none "
        "(default: the policy's fail-on, else high)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="REPORT",
        help="an earlier report.json: only new or changed findings fail the gate (report.json marks each finding)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="per-page time limit in seconds (default 30)",
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=0.25,
        metavar="S",
        help="politeness: seconds between page loads on one host (default 0.25; robots.txt Crawl-delay raises it)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="continue the interrupted crawl whose state is in --out",
    )
    parser.add_argument("--ignore-robots", action="store_true", help="ignore robots.txt (for the site's owner)")
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="RE",
        help="only crawl URLs matching this regex (repeatable)",
    )
    parser.add_argument(
        "--deny",
        action="append",
        default=[],
        metavar="RE",
        help="never crawl URLs matching this regex (repeatable)",
    )
    parser.add_argument("--no-sitemap", action="store_true", help="do not seed the crawl from sitemap.xml")
    parser.add_argument(
        "--har",
        action="store_true",
        help="also save a HAR per page (cookie values and credentials removed)",
    )
    parser.add_argument(
        "--policy",
        type=Path,
        metavar="FILE",
        help="gate policy (default: ./brightline.toml, else [tool.brightline] in ./pyproject.toml)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar and no summary line")


def run(args: argparse.Namespace) -> int:
    from companion.policy import discover_policy, print_expiry_warnings, resolve_fail_on
    from crawler.engine import Crawler, CrawlError, CrawlOptions
    from crawler.gate import failing
    from crawler.progress import make_progress

    policy = discover_policy(args.policy)
    fail_on = resolve_fail_on(args.fail_on, policy, "high")
    options = CrawlOptions(
        url=args.url,
        out=args.out,
        max_pages=args.max_pages,
        max_depth=args.max_depth,
        concurrency=args.concurrency,
        interact=args.interact,
        chrome_flags=args.chrome_flags,
        browser=args.browser,
        timeout=args.timeout,
        resume=args.resume,
        ignore_robots=args.ignore_robots,
        allow=args.allow,
        deny=args.deny,
        har=args.har,
        delay=args.delay,
        sitemap=not args.no_sitemap,
        baseline=args.baseline,
        policy=policy,
        fail_on=fail_on,
    )
    _check_patterns(options.allow + options.deny)
    _check_flags(options.chrome_flags)
    crawler = Crawler(options, progress=make_progress(quiet=args.quiet))
    result = asyncio.run(_run_interruptible(crawler))
    if result.start_error:
        raise CrawlError(f"could not load the start URL {args.url}: {result.start_error}")
    print_expiry_warnings(result.report)
    bad = failing(result.report, fail_on)
    if not args.quiet:
        _summary(result, len(bad), fail_on)
    if result.interrupted:
        print(
            "brightline: interrupted; report written for the pages done so far (--resume continues)",
            file=sys.stderr,
        )
        return 130
    return 1 if bad else 0


async def _run_interruptible(crawler):  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()

    def first_interrupt() -> None:
        crawler.stop()
        loop.remove_signal_handler(signal.SIGINT)  # a second Ctrl-C stops at once

    try:
        loop.add_signal_handler(signal.SIGINT, first_interrupt)
    except (NotImplementedError, RuntimeError):  # not the main thread, or Windows
        pass
    return await crawler.run()


def _check_flags(flags: str) -> None:
    import shlex

    from crawler.engine import CrawlError

    try:
        shlex.split(flags)
    except ValueError as err:
        raise CrawlError(f"--chrome-flags: cannot split with shell quoting rules: {err}") from None


def _check_patterns(patterns: list[str]) -> None:
    import re

    from crawler.engine import CrawlError

    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise CrawlError(f"--allow/--deny {pattern!r} is not a valid regex: {err}") from None


def _summary(result, failing_count: int, fail_on: str) -> None:  # type: ignore[no-untyped-def]
    summary = result.report["summary"]
    sev = ", ".join(f"{k} {v}" for k, v in summary["by_severity"].items())
    where = result.written.get("html") or result.written.get("json")
    context = ""
    policy = result.report.get("policy")
    if policy:
        context += f"; policy {policy.get('file')}: {policy.get('suppressed', 0)} accepted"
    baseline = result.report.get("baseline")
    if baseline:
        context += f"; against the baseline: {baseline.get('new', 0)} new, {baseline.get('changed', 0)} changed"
    print(
        f"brightline: {summary['pages']} pages ({summary['failed']} failed); findings: {sev}{context}; "
        f"{failing_count} failing --fail-on {fail_on}; report: {where}",
        file=sys.stderr,
    )

"""``brightline check``: analyse a saved page (HTML) or a saved snapshot (JSON), offline."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import msgspec

from companion.analyzer import Analysis, analyze
from companion.errors import InputError
from companion.models import SEVERITIES
from companion.policy import apply_policy, clock, discover_policy, print_expiry_warnings, resolve_fail_on
from companion.report import build_report, fails_gate, page_entry
from companion.schema import decode_snapshot

HELP = "analyse saved pages (HTML) or snapshots (JSON) offline, with no browser"
DESCRIPTION = """\
Analyse pages offline. Each FILE is either
  * a page saved from a browser: File > Save page as… as HTML ("complete" keeps its CSS
    next to it) or as a web archive (.mhtml, "Webpage, Single File", which holds its CSS
    and its frames), or
  * a snapshot JSON captured by the crawler or the extension (snapshots/*.json in a crawl).
Several FILEs make one report with a page each; a file that cannot be used is reported
(stderr, and as a page with an error) and the others are still analysed.

For a saved page, style judgements (is "reject" a faint link next to a bright "accept"
button?) come from the page's own <style> rules, linked local CSS and style attributes.
For a snapshot they come from the computed style the browser measured. Frames whose
document a saved page holds (<iframe srcdoc>, an archive's frames) are analysed too.

examples:
  brightline check shop.html --url https://shop.example/checkout
  brightline check audit/snapshots/0001-initial.json --format text
  brightline check audit/pages/*/initial.json --fail-on high     every page of a crawl, again
  brightline check shop.html --url https://shop.example/ --format sarif > brightline.sarif
  curl -s https://example.com/ | brightline check - --url https://example.com/
  brightline check shop.html --baseline last-release/report.json --fail-on high   only new findings fail

exit codes: 0 done (nothing at or above --fail-on), 1 findings at or above --fail-on,
            2 a file cannot be used (missing, binary, too large, invalid snapshot)
"""

MAX_BYTES = 50 * 1024 * 1024
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="saved .html/.mhtml page or snapshot .json ('-' reads stdin)")
    parser.add_argument("--url", help="the page's address (tells first from third parties in a saved page); "
                                      "with one FILE only")
    parser.add_argument("--format", choices=("json", "text", "sarif", "junit"), default="json",
                        help="json: the report format (default); text: a readable summary; "
                             "sarif: SARIF 2.1.0 (code scanning); junit: JUnit XML (CI test dashboards)")
    parser.add_argument("--fail-on", choices=(*SEVERITIES, "none"), default=None,
                        help="exit 1 when a finding at or above this severity is found "
                             "(default: the policy's fail-on, else none)")
    parser.add_argument("--policy", metavar="FILE",
                        help="gate policy (default: ./brightline.toml, else [tool.brightline] in ./pyproject.toml)")
    parser.add_argument("--baseline", metavar="REPORT",
                        help="an earlier report.json: mark findings new/changed/unchanged; only new and changed "
                             "ones fail --fail-on")


def read_input(name: str) -> tuple[bytes, Path | None]:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        path = None
    else:
        path = Path(name)
        if not path.exists():
            raise InputError(f"{name}: no such file")
        if path.is_dir():
            raise InputError(f"{name}: is a directory; give a saved .html page or a snapshot .json")
        size = path.stat().st_size
        if size >= MAX_BYTES:
            raise InputError(
                f"{name}: {size / 1024 / 1024:.1f} MB is too large; check reads pages under 50 MB"
            )
        try:
            data = path.read_bytes()
        except OSError as err:
            raise InputError(f"{name}: cannot read ({err.strerror})") from None
    if len(data) >= MAX_BYTES:
        raise InputError(f"{name}: input is too large; check reads pages under 50 MB")
    if not data.strip():
        raise InputError(f"{name}: is empty")
    head = data[:8192]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and (head.startswith(_BINARY_MAGIC) or b"\x00" in head):
        raise InputError(f"{name}: looks like a binary file, not an HTML page or a snapshot JSON")
    if utf16:
        data = data.decode("utf-16").encode("utf-8")
    return data, path


def _is_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def analyze_file(name: str | Path, url: str | None = None) -> Analysis:
    """Analyse a saved page or snapshot file; raises InputError with a one-line reason."""
    data, path = read_input(str(name))
    if _is_json(data):
        return analyze(_snapshot_from_json(data, str(name), url))
    from companion.static.html_page import load_html

    page = load_html(data, url=url, path=path)
    return analyze(page.snapshot, root=page.root, styles=page.styles, markup=page.markup)


def _snapshot_from_json(data: bytes, name: str, url: str | None):
    body = data.lstrip(b"\xef\xbb\xbf")
    try:
        peek = json.loads(body)
    except ValueError as err:
        raise InputError(f"{name}: not valid JSON ({err})") from None
    if isinstance(peek, dict) and str(peek.get("schema", "")).startswith("brightline.report"):
        raise InputError(
            f"{name}: is a report, not a snapshot; pass a snapshot JSON (a crawl keeps them in snapshots/)"
        )
    snapshot = decode_snapshot(body)
    if url:
        snapshot = msgspec.structs.replace(snapshot, url=url)
    return snapshot


def run(args: argparse.Namespace) -> int:
    if len(args.files) > 1 and args.url:
        raise InputError("--url names one page; give it with one FILE (snapshots carry their own URL)")
    if args.files.count("-") > 1:
        raise InputError("'-' (stdin) can be given once")
    if len(args.files) == 1:
        analysis = analyze_file(args.files[0], args.url)
        report = build_report(analysis.url, [page_entry(analysis.url, analysis, status=None)])
        unusable = 0
    else:
        pages, unusable = _analyze_files(args.files)
        report = build_report(_common_folder(args.files), pages)
    policy = discover_policy(args.policy)
    if policy is not None:
        report = apply_policy(report, policy, clock.today())
        print_expiry_warnings(report)
    fail_on = resolve_fail_on(args.fail_on, policy, "none")
    if args.baseline:
        from companion.baseline import compare, load_report

        compare(report, load_report(args.baseline, "--baseline"), args.baseline)
    if args.format == "text":
        from companion.textreport import render_text

        sys.stdout.write(render_text(report))
    elif args.format in ("sarif", "junit"):
        from crawler.reports import junit, sarif

        ci_format = sarif if args.format == "sarif" else junit
        sys.stdout.write(ci_format.dumps({**report, "run": {"fail_on": fail_on}}))  # junit gates on run.fail_on
    else:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    if unusable:
        print(f"brightline: {unusable} of {len(args.files)} files could not be analysed", file=sys.stderr)
        return 2
    if args.baseline:
        from companion.baseline import gate_failures

        return 1 if gate_failures(report, fail_on) else 0
    return 1 if fails_gate(report, fail_on) else 0


def _analyze_files(names: list[str]) -> tuple[list[dict], int]:
    """A page entry per file, in the order given; unusable files become error entries."""
    pages = []
    unusable = 0
    progress = sys.stderr.isatty() and len(names) >= 20
    for done, name in enumerate(names, 1):
        try:
            analysis = analyze_file(name)
        except InputError as err:
            print(f"brightline: {err}", file=sys.stderr)
            pages.append(page_entry(name, error=str(err), file=name))
            unusable += 1
        else:
            pages.append(page_entry(analysis.url, analysis, status=None, file=name))
        if progress:
            print(f"\rchecked {done}/{len(names)}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    return pages, unusable


def _common_folder(names: list[str]) -> str:
    try:
        return os.path.commonpath([os.path.abspath(n) for n in names if n != "-"])
    except ValueError:  # different drives
        return "several files"

"""``brightline lint-text``: check marketing or consent copy, one text per line, before it ships."""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, Any

from companion.errors import BrightlineError
from companion.models import SEVERITIES

HELP = "check marketing or consent copy (one text per line on stdin) for manipulative wording"
DESCRIPTION = """\
Reads one text per line on stdin and writes one JSON object per line on stdout, in the
same order: {"text": "...", "findings": [{"rule", "severity", "message", "evidence"}]}.
Evidence holds the words that matched ("text") and a language guess ("lang").

It checks the copy rules of the catalog, in English, German, French, Spanish, Italian
and Dutch:
  consent.confirmshaming     "No thanks, I prefer paying full price"
  consent.implied-consent    "By continuing to browse you accept our use of cookies"
  sharing.trick-question     "Tick this box if you would prefer not to stop receiving offers"
  pressure.countdown         "Offer ends in 09:59", "Sale ends Sunday"
  pressure.scarcity          "Only 2 left in stock", "Almost sold out"
  pressure.social-proof      "27 people are looking at this", "Anna from Berlin just bought"

Empty lines give empty findings; bytes that are not UTF-8 are replaced, never fatal.
Output is flushed after every line when stdin is a terminal, so you can type and see.

examples:
  printf 'No thanks, I hate saving money\\n' | brightline lint-text
  brightline lint-text < banner-strings.txt > findings.jsonl
  brightline lint-text --fail-on medium < release/copy.txt     # CI gate: exit 1 on medium+
  brightline lint-text --checkbox < checkbox-labels.txt        # each line labels a checkbox
  jq -r '.[].label' strings.json | brightline lint-text --rules pressure.countdown,pressure.scarcity

exit codes: 0 nothing at or above --fail-on, 1 a finding at or above --fail-on, 2 usage error
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail-on", choices=(*SEVERITIES, "none"), default="none",
        help="exit 1 when a finding at or above this severity appears (default: none)",
    )
    parser.add_argument(
        "--rules", metavar="RULE[,RULE…]",
        help="only check these rule ids (comma-separated; default: every copy rule)",
    )
    parser.add_argument(
        "--checkbox", action="store_true",
        help="each line is a checkbox label, so a double negative needs no 'tick this box'",
    )


def run(args: argparse.Namespace) -> int:
    from companion.copy import COPY_RULES

    rules = _parse_rules(args.rules, COPY_RULES)
    threshold = SEVERITIES.index(args.fail_on) if args.fail_on != "none" else -1
    stdin = sys.stdin.buffer
    interactive = _isatty(sys.stdin)
    try:
        failed = lint_stream(stdin, sys.stdout.buffer, rules=rules, checkbox=args.checkbox,
                             threshold=threshold, flush_each=interactive)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, and keep Python's exit flush quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 1 if failed else 0


def lint_stream(
    source: IO[bytes],
    sink: IO[bytes],
    *,
    rules: tuple[str, ...] | None = None,
    checkbox: bool = False,
    threshold: int = -1,
    flush_each: bool = False,
) -> bool:
    """Lint every line of ``source`` into ``sink``; True when a finding reached ``threshold``."""
    import msgspec

    from companion.copy import classify_copy

    encode = msgspec.json.Encoder().encode
    failed = False
    first = True
    pending: list[bytes] = []  # written in batches: one write per line costs a system call each
    for raw in source:
        line = raw.decode("utf-8", "replace").rstrip("\r\n")
        if first:
            line, first = line.lstrip("\ufeff"), False
        findings: list[dict[str, Any]] = []
        if line.strip():
            for f in classify_copy(line, rules=rules, control=checkbox):
                findings.append({"rule": f.rule, "severity": f.severity, "message": f.message,
                                 "evidence": f.evidence})
                if threshold >= 0 and SEVERITIES.index(f.severity) <= threshold:
                    failed = True
        pending.append(encode({"text": line, "findings": findings}) + b"\n")
        if flush_each or len(pending) >= 512:
            sink.write(b"".join(pending))
            pending.clear()
            if flush_each:
                sink.flush()
    sink.write(b"".join(pending))
    sink.flush()
    return failed


def _parse_rules(raw: str | None, known: tuple[str, ...]) -> tuple[str, ...] | None:
    if raw is None:
        return None
    wanted = tuple(r.strip() for r in raw.split(",") if r.strip())
    unknown = [r for r in wanted if r not in known]
    if unknown or not wanted:
        raise BrightlineError(
            f"--rules: unknown rule {', '.join(unknown) or '(none given)'}; "
            f"lint-text checks {', '.join(known)}"
        )
    return wanted


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False

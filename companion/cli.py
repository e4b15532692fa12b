"""The ``brightline`` command. Each subcommand lives in its own module, listed in COMMANDS.

A command module exposes ``HELP`` (one line), ``DESCRIPTION`` (the teaching text shown by
``brightline CMD --help``), ``add_arguments(parser)`` and ``run(args) -> int``. Modules keep
heavy imports inside ``run`` so ``brightline --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from companion import __version__
from companion.errors import BrightlineError

COMMANDS: dict[str, str] = {
    "check": "companion.commands.check",
    "lint-text": "companion.commands.lint_text",
    "diff": "companion.commands.diff",
    "serve": "companion.service.cli",
    "crawl": "crawler.cli",
}

EPILOG = """\
examples:
  brightline check saved-page.html --url https://shop.example/   analyse a saved page offline
  brightline check snapshot.json --format text                   re-run a captured snapshot
  printf 'No thanks, I hate saving money\\n' | brightline lint-text review copy before it ships
  brightline serve                                               start the local companion
  brightline crawl https://www.example.com/ --out audit          audit a whole site
  brightline diff last-release/report.json audit/report.json     what a release added or fixed

exit codes: 0 nothing failed the gate, 1 findings failed the gate, 2 usage or runtime error

environment:
  BRIGHTLINE_CACHE_DIR   where derived data is kept between runs (parsed tracker lists, compiled
                         patterns; no page content), else $XDG_CACHE_HOME/brightline or
                         ~/.cache/brightline. Deleting it is always safe.
  BRIGHTLINE_NO_CACHE=1  compile the copy patterns afresh at every start instead
  BRIGHTLINE_CHROMIUM    the Chromium that crawl uses when --browser is not given
"""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with command ``only`` alone (importing one command
    module keeps a CI step's start-up short)."""
    parser = argparse.ArgumentParser(
        prog="brightline",
        description="Shows when a website manipulates consent or tracks you without it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"brightline {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and debug detail to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name and err.name.startswith((module_name, "companion.service", "crawler")):
                continue  # the command's module is not part of this installation yet
            raise
        cmd = sub.add_parser(
            name,
            help=module.HELP,
            description=module.DESCRIPTION,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "_run", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args._run(args) or 0)
    except BrightlineError as err:
        print(f"brightline: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("brightline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())

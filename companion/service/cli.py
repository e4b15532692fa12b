"""``brightline serve``: run the local companion the extension talks to."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from companion.service.settings import DEFAULT_HOST, DEFAULT_PORT, default_db_path

HELP = "run the local companion service (API, private history, dashboard)"
DESCRIPTION = """\
Runs the companion on loopback. The Brightline extension sends page snapshots to it for
analysis; it keeps a private history on this machine and serves a dashboard at /.

It answers only to its own loopback address (127.0.0.1, localhost, [::1] with this port)
and only to the Brightline extension's origin (add others with --allow-origin). Requests
without an Origin, from local tools such as curl, are allowed.

History holds sites, page addresses (without query strings), findings and trackers;
never cookie values, and page HTML only with --store-html. The dashboard's forget buttons
(or DELETE /api/v1/history) delete for real.

examples:
  brightline serve                                  http://127.0.0.1:8765/
  brightline serve --port 9000 --db ./history.sqlite3
  curl -s -H 'Content-Type: application/json' --data @snapshot.json \\
       http://127.0.0.1:8765/api/v1/analyze
"""

log = logging.getLogger("brightline.service")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help="address to bind (default 127.0.0.1; keep it on loopback)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port (default {DEFAULT_PORT}, the extension's default)")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help=f"history database (default {default_db_path()})")
    parser.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                        help="another extension origin allowed to call the API (repeatable)")
    parser.add_argument("--max-body", type=float, default=20.0, metavar="MB",
                        help="largest snapshot accepted, in MB (default 20)")
    parser.add_argument("--store-html", action="store_true",
                        help="also keep each page's HTML in the history (off by default)")
    parser.add_argument("--executor", choices=("process", "thread"), default="process",
                        help="where analyses run (default process: bounded in time)")
    parser.add_argument("--workers", type=int, default=None,
                        help="analysis workers (default: CPU count, at most 4)")
    parser.add_argument("--timeout", type=float, default=15.0, metavar="SECONDS",
                        help="longest one analysis may take (default 15)")


def settings_from_args(args: argparse.Namespace):  # -> Settings, imported lazily
    from companion.service.settings import Settings

    extra = {} if args.workers is None else {"workers": args.workers}
    return Settings(
        host=args.host,
        port=args.port,
        db_path=args.db or default_db_path(),
        extra_origins=tuple(args.allow_origin),
        max_body_mb=args.max_body,
        store_html=args.store_html,
        executor=args.executor,
        analysis_timeout_s=args.timeout,
        **extra,
    )


def event_loop():  # -> asyncio.AbstractEventLoop | None
    """uvloop where it is installed (not on Windows), else None for asyncio's own loop.

    Reading a snapshot off the socket and writing the reply back is most of what HTTP adds
    to an analysis, and uvloop does that I/O in C.
    """
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop()


def run(args: argparse.Namespace) -> int:
    from aiohttp import web

    from companion.errors import BrightlineError
    from companion.service.app import create_app

    settings = settings_from_args(args)
    if not settings.loopback_only:
        log.warning(
            "binding to %s exposes the companion beyond this machine; keep it on 127.0.0.1",
            settings.host,
        )
    host = settings.host.strip("[]")
    shown = f"[{host}]" if ":" in host else host
    try:
        # run_app turns SIGINT and SIGTERM into a graceful shutdown: in-flight requests
        # finish, then cleanup closes the history (checkpointed) and the workers.
        web.run_app(
            create_app(settings),
            loop=event_loop(),
            host=host,
            port=settings.port,
            shutdown_timeout=10,
            access_log=None,
            print=lambda _: print(
                f"brightline companion on http://{shown}:{settings.port}/ "
                f"(history: {settings.db_path}); Ctrl-C to stop",
                flush=True,
            ),
        )
    except OSError as err:
        raise BrightlineError(
            f"cannot listen on {shown}:{settings.port} ({err.strerror or err}); "
            "is another companion running? pass --port to use another"
        ) from None
    return 0

"""The crawl's progress bar: pages done, queued, failed, an ETA and the current URL.

It is shown only on a terminal and without ``--quiet``; otherwise ``NullProgress`` keeps
the same interface and prints nothing (CI logs stay clean).
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

MAX_URL = 70


class Progress(Protocol):
    def start(self) -> None: ...

    def update(self, *, done: int, failed: int, queued: int, current: str | None = None) -> None: ...

    def stop(self) -> None: ...


class NullProgress:
    def start(self) -> None:
        pass

    def update(self, *, done: int, failed: int, queued: int, current: str | None = None) -> None:
        pass

    def stop(self) -> None:
        pass


class RichProgress:
    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as _Progress

        self._bar = _Progress(
            TextColumn("[bold]crawl[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("failed {task.fields[failed]} · queued {task.fields[queued]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[current]}", style="dim"),
            console=Console(stderr=True),
            transient=False,
        )
        self._task: Any = None

    def start(self) -> None:
        self._bar.start()
        self._task = self._bar.add_task("crawl", total=1, failed=0, queued=0, current="")

    def update(self, *, done: int, failed: int, queued: int, current: str | None = None) -> None:
        if self._task is None:
            return
        fields: dict[str, Any] = {"failed": failed, "queued": queued}
        if current is not None:
            fields["current"] = current if len(current) <= MAX_URL else current[: MAX_URL - 1] + "…"
        self._bar.update(self._task, completed=done, total=max(done + queued, 1), **fields)

    def stop(self) -> None:
        self._bar.stop()


def make_progress(*, quiet: bool, stream: Any = None) -> Progress:
    stream = stream or sys.stderr
    if quiet or not getattr(stream, "isatty", lambda: False)():
        return NullProgress()
    return RichProgress()

"""An in-memory log of the requests the fixture web answered. Cookie names only, never values."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class LoggedRequest:
    time: float
    method: str
    host: str
    path: str
    query: str
    status: int
    referer: str | None
    cookies: tuple[str, ...]  # names of the cookies the browser sent
    set_cookies: tuple[str, ...]  # names of the cookies the response set

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}" + (f"?{self.query}" if self.query else "")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["url"] = self.url
        return data


@dataclass
class RequestLog:
    entries: list[LoggedRequest] = field(default_factory=list)
    limit: int = 50_000

    def add(self, entry: LoggedRequest) -> None:
        if len(self.entries) >= self.limit:
            del self.entries[: self.limit // 10]
        self.entries.append(entry)

    def clear(self) -> None:
        self.entries.clear()

    def mark(self) -> float:
        """A timestamp to pass to ``since`` later: only requests after it."""
        return time.time()

    def since(self, mark: float) -> list[LoggedRequest]:
        return [e for e in self.entries if e.time >= mark]

    def for_host(self, host: str, since: float = 0.0) -> list[LoggedRequest]:
        host = host.lower()
        return [e for e in self.entries if e.host == host and e.time >= since]

    def hosts(self, since: float = 0.0) -> set[str]:
        return {e.host for e in self.entries if e.time >= since}

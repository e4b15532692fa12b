"""Every error leaves the service as JSON: ``{"error": {"status", "message", "path"?}}``."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from aiohttp.typedefs import Handler

from companion.errors import BrightlineError

log = logging.getLogger("brightline.service")


def error_response(
    status: int, message: str, *, path: str | None = None, headers: Any = None
) -> web.Response:
    error: dict[str, Any] = {"status": status, "message": message}
    if path is not None:
        error["path"] = path
    return web.json_response({"error": error}, status=status, headers=headers)


class ApiError(BrightlineError):
    """A request the service refuses, with its HTTP status and, for bodies, the field path."""

    def __init__(self, status: int, message: str, path: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.path = path
        self.message = message


_KEEP_HEADERS = ("Allow", "Retry-After")


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as err:
        return error_response(err.status, err.message, path=err.path)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        headers = {h: exc.headers[h] for h in _KEEP_HEADERS if h in exc.headers}
        return error_response(exc.status, exc.reason, headers=headers)
    except BrightlineError as err:
        return error_response(400, str(err), path=getattr(err, "path", None))
    except Exception:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal error; the details are in the companion's log")

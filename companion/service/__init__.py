"""The local companion service: a secure loopback API, private history and a dashboard."""

from companion.service.app import create_app
from companion.service.settings import Settings

__all__ = ["Settings", "create_app"]

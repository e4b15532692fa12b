"""Brightline: the analyzer and the local companion service."""

__version__ = "0.1.0"

"""Errors that carry a one-line message a user can act on."""


class BrightlineError(Exception):
    """Base for every error Brightline reports to a person (exit code 2, HTTP 4xx)."""

    status = 400


class InputError(BrightlineError):
    """The input file or request body cannot be used."""


class SnapshotError(InputError):
    """A snapshot does not match the schema. ``path`` names the field, JSON-path style."""

    def __init__(self, message: str, path: str = "$") -> None:
        super().__init__(f"invalid snapshot at {path}: {message}")
        self.path = path
        self.detail = message

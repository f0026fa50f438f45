"""Errors the tool reports to people: each names the file, the line where known, and the fix."""

from pathlib import Path

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
"""A defect of kg itself: the message asks for a report; no traceback is shown."""


class KgError(Exception):
    """A problem with the user's input or request; the CLI prints it and exits non-zero."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class InputError(KgError):
    """A file that cannot be read or parsed."""


class QueryError(KgError):
    """A query that is unknown, malformed, unsafe or given wrong parameters."""

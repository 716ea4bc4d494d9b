"""Errors that reach the user as one line: the file, the place, what was expected.

Readers raise these; `cli.main` is the only place that turns them into exit codes.
"""

from __future__ import annotations

from pathlib import Path


class SprintcheckError(Exception):
    """An input or usage problem the user can fix. Never shown with a traceback (unless --debug)."""

    def __init__(self, message: str, *, path: Path | str | None = None, place: str | None = None):
        self.message = message
        self.path = str(path) if path is not None else None
        self.place = place
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = ":".join(part for part in (self.path, self.place) if part)
        return f"{where}: {self.message}" if where else self.message


class UsageError(SprintcheckError):
    """The command line itself is wrong."""


class PlanError(SprintcheckError):
    """The plan file is not valid TOML or does not follow the plan format."""


class JUnitError(SprintcheckError):
    """A results file is not readable JUnit XML."""


class InventoryError(SprintcheckError):
    """A test file could not be parsed."""


class StatusDocError(SprintcheckError):
    """A status document to audit is missing, unreadable or not text."""


class NoDataError(SprintcheckError):
    """There is nothing to analyse: no tests in the code and no results."""


class ReviewError(SprintcheckError):
    """The review file (review marks) cannot be read or written."""


class PlanImportError(SprintcheckError):
    """A Markdown plan cannot be imported: unreadable, binary, or holding no tasks."""

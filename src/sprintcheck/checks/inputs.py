"""Input checks (SC901): what could not be read, so the reader knows what the report stands on."""

from __future__ import annotations

from sprintcheck.model import Finding, Location, Severity, Snapshot


def check_unreadable_inputs(snapshot: Snapshot) -> list[Finding]:
    """SC901: one finding per input that could not be (fully) read."""
    return [
        Finding(
            code="SC901",
            severity=Severity.WARNING,
            title=str(problem),
            detail="This input was left out (or read in part); the report stands on the others.",
            evidence=(Location(problem.path, problem.line),),
            key=f"{problem.path}:{problem.message}",
        )
        for problem in snapshot.problems
    ]

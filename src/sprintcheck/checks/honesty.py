"""Honesty checks (SC201-SC207): tests that pass without proving anything, one finding per test."""

from __future__ import annotations

from sprintcheck.model import Finding, HonestyIssue, Location, Severity, Snapshot, TestRecord

TITLES = {
    "SC201": "has no assertion",
    "SC202": "is a placeholder",
    "SC203": "accepts the failure it should catch",
    "SC204": "has an assertion that cannot fail",
    "SC205": "checks only weak things",
    "SC206": "is skipped unconditionally",
    "SC207": "swallows its failures",
}
SEVERITIES = {
    "SC201": Severity.WARNING,
    "SC202": Severity.WARNING,
    "SC203": Severity.WARNING,
    "SC204": Severity.WARNING,
    "SC205": Severity.INFO,
    "SC206": Severity.INFO,
    "SC207": Severity.WARNING,
}


def check_honesty(snapshot: Snapshot) -> list[Finding]:
    """One finding per test and issue that no comment or plan rule suppresses."""
    return [
        _finding(record, issue)
        for record in snapshot.records
        if record.honesty is not None
        for issue in record.honesty.issues
        if issue.suppressed is None
    ]


def _finding(record: TestRecord, issue: HonestyIssue) -> Finding:
    test = record.test
    status = record.status.value
    return Finding(
        code=issue.code,
        severity=SEVERITIES[issue.code],
        # The path stands on the evidence line below the title.
        title=f"{'::'.join(filter(None, (test.cls, test.name)))} {TITLES[issue.code]}",
        detail=f"{issue.reason} The test {status}" + (
            ", and counts as passing evidence it is not." if status == "passed" else "."
        ),
        category=record.category,
        evidence=(Location(test.location.path, issue.line),),
        # The offending line's text, not its number: a mark must survive lines added above it.
        key=f"{test.nodeid}:{' '.join((issue.quote or '').split())}",
        quote=issue.quote,
    )

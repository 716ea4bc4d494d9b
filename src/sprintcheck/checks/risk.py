"""Risk checks (SC501, SC502): are the ways the system really fails guarded by tests that ran?"""

from __future__ import annotations

from sprintcheck.model import Finding, Severity, Snapshot
from sprintcheck.wording import plural


def check_failure_modes(snapshot: Snapshot) -> list[Finding]:
    by_id = {record.test.nodeid: record for record in snapshot.records}
    findings = []
    for status in snapshot.failure_modes:
        mode = status.mode
        impact = f" Impact: {mode.impact}." if mode.impact else ""
        if status.state == "unguarded":
            named = f" Its selectors ({', '.join(mode.tests)}) match no test." if mode.tests else ""
            findings.append(
                Finding(
                    code="SC501",
                    severity=Severity.WARNING,
                    title=f"no test guards the failure mode “{mode.name}”",
                    detail=f"Nothing would catch it before production.{impact}{named}",
                    key=mode.name,
                )
            )
        elif status.state in ("never ran", "failing"):
            failing = status.n_executed - status.n_passing
            findings.append(
                Finding(
                    code="SC502",
                    severity=Severity.WARNING,
                    title=(
                        f"{_the(len(status.tests))} guarding “{mode.name}” never ran"
                        if status.state == "never ran"
                        else f"{failing} of {plural(len(status.tests), 'test')} guarding "
                        f"“{mode.name}” {'fails' if failing == 1 else 'fail'}"
                    ),
                    detail=f"A guard that does not run or does not pass guards nothing.{impact}",
                    figures=(
                        ("guarding_tests", len(status.tests)),
                        ("executed", status.n_executed),
                        ("passing", status.n_passing),
                    ),
                    evidence=tuple(by_id[n].test.location for n in status.tests if n in by_id)[:50],
                    key=mode.name,
                )
            )
    return findings


def _the(n: int) -> str:
    return "the test" if n == 1 else f"all {n} tests"

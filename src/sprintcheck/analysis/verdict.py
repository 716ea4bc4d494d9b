"""The one-line answer to "is the evidence as good as the claim?", shared by every view."""

from __future__ import annotations

from dataclasses import dataclass

from sprintcheck.model import Severity, SprintReport
from sprintcheck.wording import plural


@dataclass(frozen=True)
class Verdict:
    label: str
    severity: Severity | None
    headline: str
    counts: tuple[tuple[Severity, int], ...]


LABELS = {
    Severity.CRITICAL: "NOT SUPPORTED",
    Severity.WARNING: "PARTLY SUPPORTED",
    Severity.INFO: "SUPPORTED",
    None: "SUPPORTED",
}


def verdict(report: SprintReport) -> Verdict:
    worst = report.worst_severity()
    tests = report.snapshot.tests
    headline = (
        f"{plural(tests.n_created, 'test')} created, {tests.n_executed} executed, "
        f"{tests.n_passing} passing"
    )
    if worst in (Severity.CRITICAL, Severity.WARNING):
        top = next(f for f in report.findings if f.severity is worst)
        headline = f"{headline}; {top.title}"
    counts = tuple(
        (severity, sum(f.severity is severity for f in report.findings)) for severity in Severity
    )
    return Verdict(label=LABELS[worst], severity=worst, headline=headline, counts=counts)

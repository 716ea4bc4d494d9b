"""The failure-mode map: each way the system really fails, and what its guarding tests show."""

from __future__ import annotations

from sprintcheck.analysis.selectors import selected
from sprintcheck.model import FailureModeStatus, Plan, TestRecord, TestStatus


def failure_modes(plan: Plan, records: tuple[TestRecord, ...]) -> tuple[FailureModeStatus, ...]:
    categories = frozenset(record.category for record in records)
    statuses = []
    for mode in plan.failure_modes:
        guards = selected(records, mode.tests, categories) if mode.tests else ()
        statuses.append(
            FailureModeStatus(
                mode=mode,
                tests=tuple(r.test.nodeid for r in guards),
                n_executed=sum(r.status in (TestStatus.PASSED, TestStatus.FAILED) for r in guards),
                n_passing=sum(r.status is TestStatus.PASSED for r in guards),
            )
        )
    return tuple(statuses)

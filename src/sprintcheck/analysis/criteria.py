"""Success criteria: each `metric op target` of the plan, with what the evidence achieved.

A metric whose data is absent (no coverage data, nothing executed, no history) is achieved
`None` and the criterion is neither met nor missed: the table says "no data".
"""

from __future__ import annotations

from collections.abc import Callable

from sprintcheck.model import CriterionResult, Snapshot


def _pass_rate(snapshot: Snapshot) -> float | None:
    tests = snapshot.tests
    return 100.0 * tests.n_passing / tests.n_executed if tests.n_executed else None


def _suite_seconds(snapshot: Snapshot) -> float | None:
    timed = [c for c in snapshot.categories if c.n_timed]
    return sum(c.seconds for c in timed) if timed else None


METRICS: dict[str, Callable[[Snapshot], float | None]] = {
    "coverage": lambda s: s.coverage.percent if s.coverage else None,
    "pass_rate": _pass_rate,
    "completion": lambda s: s.completion.evidence if s.completion else None,
    "tests_created": lambda s: s.tests.n_created,
    "tests_executed": lambda s: s.tests.n_executed,
    "tests_passing": lambda s: s.tests.n_passing,
    "tests_failing": lambda s: s.tests.n_failing,
    "tests_hollow": lambda s: s.tests.n_hollow,
    "tests_never_ran": lambda s: s.tests.n_never_ran,
    "suite_seconds": _suite_seconds,
    "speedup": lambda s: s.time.speedup if s.time else None,
}


def evaluate_criteria(snapshot: Snapshot) -> tuple[CriterionResult, ...]:
    return tuple(
        CriterionResult(criterion, METRICS[criterion.metric](snapshot))
        for criterion in snapshot.plan.criteria
    )

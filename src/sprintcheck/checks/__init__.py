"""Checks are pure functions Snapshot -> list[Finding], one module per family."""

from __future__ import annotations

from collections.abc import Callable

from sprintcheck.checks.completion import check_completion_claim, check_done_tasks
from sprintcheck.checks.coverage import check_claims, check_out_of_process, check_targets
from sprintcheck.checks.execution import (
    check_failing,
    check_never_ran,
    check_no_results,
    check_skipped,
    check_unmatched,
)
from sprintcheck.checks.honesty import check_honesty
from sprintcheck.checks.inputs import check_unreadable_inputs
from sprintcheck.checks.risk import check_failure_modes
from sprintcheck.checks.time import (
    check_history,
    check_speedup,
    check_stale_results,
    check_unpaid_work,
)
from sprintcheck.model import Finding, Snapshot

CHECKS: tuple[Callable[[Snapshot], list[Finding]], ...] = (
    check_never_ran,
    check_failing,
    check_skipped,
    check_unmatched,
    check_no_results,
    check_honesty,
    check_stale_results,
    check_speedup,
    check_unpaid_work,
    check_completion_claim,
    check_done_tasks,
    check_targets,
    check_claims,
    check_out_of_process,
    check_failure_modes,
    check_unreadable_inputs,
    check_history,
)


def run_checks(snapshot: Snapshot) -> tuple[Finding, ...]:
    """Every finding, most severe first, then by code, in a stable order."""
    findings = [finding for check in CHECKS for finding in check(snapshot)]
    return tuple(sorted(findings, key=lambda f: (-f.severity.rank, f.code)))

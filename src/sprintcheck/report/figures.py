"""Rows shared by the text and Markdown reporters, so both tables always hold the same figures."""

from __future__ import annotations

from sprintcheck.analysis.honesty import suppressed_issues
from sprintcheck.model import (
    CaseCounts,
    Completion,
    Snapshot,
    TaskEvidence,
    TestCounts,
    TimeFigures,
)
from sprintcheck.wording import plural

DEFINITION_COLUMNS = ("category", "planned", "created", "executed", "passing", "failing", "skipped", "never ran")
CASE_COLUMNS = ("category", "executed", "passed", "failed", "errors", "skipped", "xfailed")
NOT_IN_CODE = "not in the code"


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def _definition_row(name: str, planned: int | None, tests: TestCounts) -> tuple[str, ...]:
    return (
        name,
        _number(planned),
        *(
            str(n)
            for n in (
                tests.n_created,
                tests.n_executed,
                tests.n_passing,
                tests.n_failing,
                tests.n_skipped,
                tests.n_never_ran,
            )
        ),
    )


def _case_row(name: str, cases: CaseCounts) -> tuple[str, ...]:
    return (
        name,
        *(
            str(n)
            for n in (
                cases.n_executed,
                cases.n_passed,
                cases.n_failed,
                cases.n_errors,
                cases.n_skipped,
                cases.n_xfailed,
            )
        ),
    )


def definition_rows(snapshot: Snapshot) -> list[tuple[str, ...]]:
    """One row per category, then the total (last)."""
    planned = [c.planned for c in snapshot.categories]
    # A total of only some categories' plans would read as the plan for all of them.
    total_planned = None if None in planned else sum(p for p in planned if p is not None)
    return [
        *(_definition_row(c.name, c.planned, c.tests) for c in snapshot.categories),
        _definition_row("total", total_planned, snapshot.tests),
    ]


def case_rows(snapshot: Snapshot) -> list[tuple[str, ...]]:
    """One row per category, the results not in the code (if any), then the total (last)."""
    rows = [_case_row(c.name, c.cases) for c in snapshot.categories]
    if snapshot.unmatched_cases.n_total:  # renamed tests, or modules pytest could not collect
        rows.append(_case_row(NOT_IN_CODE, snapshot.unmatched_cases))
    rows.append(_case_row("total", snapshot.cases))
    return rows


def claim_rows(snapshot: Snapshot) -> list[tuple[str, str, str]]:
    """(claim, claimed, evidence) for each figure the plan claims."""
    claims = snapshot.plan.claims
    tests = snapshot.tests
    counts = (
        ("tests created", claims.tests_created, tests.n_created),
        ("tests executed", claims.tests_executed, tests.n_executed),
        ("tests passing", claims.tests_passing, tests.n_passing),
    )
    completion = snapshot.completion.evidence if snapshot.completion else None
    coverage = snapshot.coverage.percent if snapshot.coverage else None
    percents = (
        ("completion", claims.completion, completion, 1),
        ("coverage", claims.coverage, coverage, 2),
    )
    return [
        (name, str(claimed), str(evidence)) for name, claimed, evidence in counts if claimed is not None
    ] + [
        (name, f"{claimed:g} %", "unknown" if evidence is None else f"{evidence:.{digits}f} %")
        for name, claimed, evidence, digits in percents
        if claimed is not None
    ]


def sprint_title(snapshot: Snapshot) -> str:
    sprint = snapshot.plan.sprint
    name = sprint.name or snapshot.plan.root.name
    if sprint.start and sprint.end:
        return f"{name} ({sprint.start} to {sprint.end})"
    return name


TASK_COLUMNS = ("task", "status", "estimate", "actual", "speedup", "ran/pass/solid", "evidence")
TIMELINE_COLUMNS = ("day", "tests created", "cases run", "commits")


def _hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} h"


def _factor(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}×"


def time_summary(time: TimeFigures) -> str:
    """One line: planned, actual and the speedup, with how actual hours were made."""
    if not time.history_available:
        return f"planned {_hours(time.planned_hours)}; actual hours unknown: {time.history_note}"
    settings = time.settings
    return (
        f"planned {_hours(time.planned_hours)} · actual {_hours(time.actual_hours)} in git "
        f"({plural(time.n_commits, 'commit')}, {plural(time.n_sessions, 'session')}: commits "
        f"< {settings.session_gap_hours:g} h apart, +{settings.lead_in_minutes:g} min lead-in) · "
        f"speedup {_factor(time.speedup)}"
    )


def task_rows(time: TimeFigures, completion: Completion | None) -> list[tuple[str, ...]]:
    """Plan against git and against the tests, one row per task."""
    evidence = {t.task.id: t for t in completion.tasks} if completion else {}
    return [
        (
            task.id,
            task.status or "—",
            _estimate(evidence[task.id].task.estimate_hours)
            if task.id in evidence
            else _hours(task.planned_hours),
            _hours(task.actual_hours),
            _factor(task.speedup),
            *_task_evidence(evidence.get(task.id)),
        )
        for task in time.tasks
    ]


def _estimate(hours: tuple[float, float] | None) -> str:
    """A range as the plan gives it ("4–6 h"), a single figure when low and high agree."""
    if hours is None:
        return "—"
    low, high = hours
    return f"{low:g} h" if low == high else f"{low:g}–{high:g} h"


def _task_evidence(task: TaskEvidence | None) -> tuple[str, str]:
    if task is None or task.evidence is None:
        return ("—", "unverifiable")
    steps = f"{task.n_executed}/{task.n_passing}/{task.n_solid} of {len(task.tests)}"
    return (steps, f"{100 * task.evidence:.0f} %")


def timeline_rows(time: TimeFigures) -> list[tuple[str, ...]]:
    return [
        (day.day.isoformat(), str(day.tests_created), str(day.cases_executed), str(day.commits))
        for day in time.timeline
    ]


def churn_summary(time: TimeFigures) -> str:
    return " · ".join(f"{kind} +{added} −{removed}" for kind, added, removed in time.churn)


HONESTY_COLUMNS = ("category", "passing", "hollow", "passing, not hollow")


def honesty_rows(snapshot: Snapshot) -> list[tuple[str, ...]] | None:
    """Passing beside passing-and-not-hollow per category; None when no test's code was read."""
    if snapshot.tests.n_hollow is None:
        return None
    rows = [(c.name, c.tests) for c in snapshot.categories] + [("total", snapshot.tests)]
    return [
        (name, str(t.n_passing), _number(t.n_hollow), _number(t.n_passing_not_hollow))
        for name, t in rows
    ]


def suppressed_rows(snapshot: Snapshot) -> list[tuple[str, ...]]:
    return [
        (issue.code, f"{record.test.location.path}:{issue.line}", issue.suppressed or "")
        for record, issue in suppressed_issues(snapshot.records)
    ]

"""Planned against actual hours, per sprint and per task, and the timeline of tests written and run.

Pure: the history, the test timeline and the results files are read elsewhere and passed in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from sprintcheck.analysis.churn import churn_by_kind, classify
from sprintcheck.analysis.hours import actual_hours, commits_touching, work_sessions
from sprintcheck.globs import matches_any
from sprintcheck.model import (
    DayActivity,
    Plan,
    ResultsFile,
    TaskPlan,
    TaskTime,
    TestRecord,
    TestStatus,
    TimeFigures,
)
from sprintcheck.sources.history import Commit, History

# Kinds of change after which results must be re-run to still describe the code.
CODE_KINDS = ("tests", "source")


def estimate_hours(task: TaskPlan) -> float | None:
    """The middle of a task's estimate range: what the plan expected it to take."""
    if task.estimate_hours is None:
        return None
    low, high = task.estimate_hours
    return (low + high) / 2


def time_figures(
    plan: Plan,
    history: History,
    tests_created: dict[str, dict[date, int]],
    results_files: Iterable[ResultsFile],
    records: Iterable[TestRecord],
) -> TimeFigures:
    settings = plan.time
    gap = timedelta(hours=settings.session_gap_hours)
    lead_in = timedelta(minutes=settings.lead_in_minutes)
    commits = history.commits if history.available else ()
    sessions = work_sessions(commits, gap, lead_in) if commits else ()
    records = tuple(records)
    estimates = [estimate_hours(task) for task in plan.tasks]
    known = [hours for hours in estimates if hours is not None]
    done = [
        hours
        for task, hours in zip(plan.tasks, estimates)
        if task.status == "done" and hours is not None
    ]
    planned = plan.sprint.planned_hours
    return TimeFigures(
        settings=settings,
        history_available=history.available,
        history_note=history.reason,
        n_commits=len(commits),
        n_sessions=len(sessions),
        actual_hours=actual_hours(sessions) if history.available else None,
        planned_hours=planned if planned is not None else (sum(known) if known else None),
        planned_done_hours=sum(done) if done else None,
        tasks=tuple(
            _task_time(task, hours, commits, history.available, gap, lead_in, records)
            for task, hours in zip(plan.tasks, estimates)
        ),
        # Without history there is nothing to say per kind or per day: leave them out, not zero.
        churn=tuple((kind, *lines) for kind, lines in churn_by_kind(commits).items())
        if history.available
        else (),
        timeline=_timeline(commits, tests_created, results_files)
        if history.available
        else (),
        newest_change=max(
            (c.authored_at for c in commits if any(classify(f.path) in CODE_KINDS for f in c.files)),
            default=None,
        ),
    )


def _task_time(
    task: TaskPlan,
    planned: float | None,
    commits: tuple[Commit, ...],
    history_available: bool,
    gap: timedelta,
    lead_in: timedelta,
    records: tuple[TestRecord, ...],
) -> TaskTime:
    own = commits_touching(commits, lambda path: matches_any(path, task.paths)) if task.paths else ()
    evidence = [r for r in records if task.tests and matches_any(r.test.path, task.tests)]
    measured = history_available and bool(task.paths)
    return TaskTime(
        id=task.id,
        title=task.title,
        status=task.status,
        planned_hours=planned,
        actual_hours=actual_hours(work_sessions(own, gap, lead_in)) if measured else None,
        n_commits=len(own),
        tests_created=len(evidence),
        tests_executed=sum(r.status in (TestStatus.PASSED, TestStatus.FAILED) for r in evidence),
    )


def _timeline(
    commits: tuple[Commit, ...],
    created: dict[str, dict[date, int]],
    results_files: Iterable[ResultsFile],
) -> tuple[DayActivity, ...]:
    """`created` holds, per category, the net tests written per day."""
    commits_per_day = Counter(c.authored_at.date() for c in commits)
    executed: Counter[date] = Counter()
    for results in results_files:
        if results.newest_timestamp is not None:
            executed[results.newest_timestamp.date()] += results.n_cases
    written_days = {day for per_day in created.values() for day in per_day}
    days = sorted(set(commits_per_day) | written_days | set(executed))
    return tuple(
        DayActivity(
            day,
            sum(per_day.get(day, 0) for per_day in created.values()),
            executed.get(day, 0),
            commits_per_day.get(day, 0),
            tuple((name, per_day[day]) for name, per_day in created.items() if day in per_day),
        )
        for day in days
    )

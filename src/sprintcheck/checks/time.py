"""Time checks (SC104, SC301, SC304, SC902): is "done fast" real, or was the slow part skipped?"""

from __future__ import annotations

from sprintcheck.model import Finding, Location, Severity, Snapshot, TestStatus
from sprintcheck.timestamps import as_instant
from sprintcheck.wording import plural

# Below this, running the never-run tests is not a measurable part of the work.
MEASURABLE_SECONDS = 60.0


def check_history(snapshot: Snapshot) -> list[Finding]:
    """SC902: git history is missing or shallow, so the time checks are partial."""
    time = snapshot.time
    if time is None or time.history_note is None:
        return []
    plan = snapshot.plan
    has_time_claims = plan.sprint.planned_hours is not None or any(t.estimate_hours for t in plan.tasks)
    return [
        Finding(
            code="SC902",
            severity=Severity.WARNING if has_time_claims else Severity.INFO,
            title="git history " + ("is partial" if time.history_available else "is not available"),
            detail=(
                f"{time.history_note}. "
                + (
                    "Actual hours count only the commits that are there."
                    if time.history_available
                    else "Actual hours, speedup and the staleness check are skipped."
                )
            ),
            key="partial" if time.history_available else "missing",
        )
    ]


def check_speedup(snapshot: Snapshot) -> list[Finding]:
    """SC301: planned ÷ actual hours for the sprint is above the threshold."""
    time = snapshot.time
    threshold = snapshot.plan.thresholds.speedup
    if time is None or time.speedup is None or time.speedup <= threshold:
        return []
    done = [task for task in time.tasks if task.status == "done"]
    created, executed = _done_evidence(snapshot, {task.id for task in done})
    fast = [t for t in done if t.speedup is not None and t.speedup > threshold]
    settings = time.settings
    tasks = "; ".join(
        f"{t.id} {t.planned_hours:g} h planned, {t.actual_hours:.1f} h actual ({t.speedup:.1f}×)"
        for t in fast
        if t.planned_hours is not None and t.actual_hours is not None and t.speedup is not None
    )
    return [
        Finding(
            code="SC301",
            severity=Severity.WARNING,
            title=(
                f"{time.speedup:.1f}× faster than planned: {time.planned_hours:g} h planned, "
                f"{time.actual_hours:.1f} h in git"
            ),
            detail=" ".join(
                part
                for part in (
                    f"{time.n_commits} commits make {time.n_sessions} work sessions "
                    f"(commits closer than {settings.session_gap_hours:g} h are one session, each "
                    f"with {settings.lead_in_minutes:g} min of lead-in).",
                    f"The tasks claimed done are judged by {plural(created, 'test')}, of which "
                    f"{executed} ever ran: a speedup often means the slow part (running and "
                    "debugging the tests) has not been done yet." if done else "",
                    f"Fast tasks: {tasks}." if tasks else "",
                )
                if part
            ),
            figures=(
                ("planned_hours", time.planned_hours),
                ("actual_hours", round(time.actual_hours or 0.0, 2)),
                ("speedup", round(time.speedup, 2)),
                ("threshold", threshold),
                ("done_tests_created", created),
                ("done_tests_executed", executed),
            ),
            key="sprint",
        )
    ]


def _done_evidence(snapshot: Snapshot, done: set[str]) -> tuple[int, int]:
    """Distinct evidence tests of the tasks claimed done, and how many of them ran: a test that
    two tasks name (a file inside another task's folder) counts once."""
    tasks = snapshot.completion.tasks if snapshot.completion else ()
    evidence = {nodeid for task in tasks if task.task.id in done for nodeid in task.tests}
    ran = sum(
        record.status in (TestStatus.PASSED, TestStatus.FAILED)
        for record in snapshot.records
        if record.test.nodeid in evidence
    )
    return len(evidence), ran


def check_unpaid_work(snapshot: Snapshot) -> list[Finding]:
    """SC304: what running the never-run tests would cost, from observed or expected durations."""
    timed = [c for c in snapshot.categories if c.n_timed]
    observed = sum(c.seconds for c in timed) / sum(c.n_timed for c in timed) if timed else None
    parts = []
    total = 0.0
    for category in snapshot.categories:
        never = category.tests.n_never_ran
        if not never or not snapshot.has_results:
            continue
        if category.expected_seconds is not None:
            each, source = category.expected_seconds, "expected in the plan"
        elif category.mean_seconds is not None:
            each, source = category.mean_seconds, f"observed for {category.name}"
        elif observed is not None:
            each, source = observed, "observed for " + ", ".join(c.name for c in timed)
        else:
            continue
        total += never * each
        parts.append(f"{category.name}: {never} × {_duration(each)} ({source})")
    if total < MEASURABLE_SECONDS:
        return []
    n_never = snapshot.tests.n_never_ran
    return [
        Finding(
            code="SC304",
            severity=Severity.WARNING,
            title=f"{plural(n_never, 'unexecuted test')} ≈ {_duration(total)} of test running still to do",
            detail="Running them is part of the work: " + "; ".join(parts) + ".",
            figures=(("never_ran", n_never), ("estimated_seconds", round(total, 1))),
            key="sprint",
        )
    ]


def check_stale_results(snapshot: Snapshot) -> list[Finding]:
    """SC104: the results are older than the newest commit touching tests or source."""
    time = snapshot.time
    stamps = [f.newest_timestamp for f in snapshot.results_files if f.newest_timestamp]
    if time is None or time.newest_change is None or not stamps:
        return []
    newest_results = max(as_instant(stamp) for stamp in stamps)
    if newest_results >= time.newest_change:
        return []
    behind = time.newest_change - newest_results
    return [
        Finding(
            code="SC104",
            severity=Severity.WARNING,
            title=f"results are {_duration(behind.total_seconds())} older than the latest code change",
            detail=(
                f"The newest results were written {newest_results:%Y-%m-%d %H:%M %Z}; tests or source "
                f"changed after that, on {time.newest_change:%Y-%m-%d %H:%M %z}. "
                "They may no longer describe the code: run the tests again."
            ),
            evidence=tuple(Location(f.path) for f in snapshot.results_files),
            key="results",
        )
    ]


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s" if seconds >= 1 else f"{seconds:.2f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"

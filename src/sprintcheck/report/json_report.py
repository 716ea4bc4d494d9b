"""The JSON report: the public contract for tools ("sprintcheck/1"). Absent input is null, never 0."""

from __future__ import annotations

import json
from typing import Any

from sprintcheck.analysis.honesty import suppressed_issues
from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import CaseCounts, Finding, SprintReport, TestCounts, TimeFigures

SCHEMA = "sprintcheck/1"


def _cases(cases: CaseCounts) -> dict[str, int]:
    return {
        "executed": cases.n_executed,
        "passed": cases.n_passed,
        "failed": cases.n_failed,
        "errors": cases.n_errors,
        "skipped": cases.n_skipped,
        "xfailed": cases.n_xfailed,
    }


def _tests(tests: TestCounts) -> dict[str, int | None]:
    return {
        "created": tests.n_created,
        "executed": tests.n_executed,
        "passing": tests.n_passing,
        "failing": tests.n_failing,
        "skipped": tests.n_skipped,
        "never_ran": tests.n_never_ran,
        "hollow": tests.n_hollow,
        "passing_not_hollow": tests.n_passing_not_hollow,
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "family": finding.family,
        "title": finding.title,
        "detail": finding.detail,
        "category": finding.category,
        "figures": dict(finding.figures),
        "evidence": [{"path": loc.path, "line": loc.line} for loc in finding.evidence],
        "quote": finding.quote,
        "fingerprint": finding.fingerprint,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _time(time: TimeFigures | None, planned: float | None) -> dict[str, Any]:
    if time is None:
        return {"planned_hours": planned, "actual_hours": None, "speedup": None}
    return {
        "planned_hours": time.planned_hours,
        "actual_hours": _round(time.actual_hours),
        "speedup": _round(time.speedup),
        "planned_done_hours": time.planned_done_hours,
        "history": {"available": time.history_available, "note": time.history_note},
        "sessions": {
            "count": time.n_sessions if time.history_available else None,
            "commits": time.n_commits if time.history_available else None,
            "max_gap_hours": time.settings.session_gap_hours,
            "lead_in_minutes": time.settings.lead_in_minutes,
        },
        "tasks": [
            {
                "id": task.id,
                "title": task.title,
                "status": task.status,
                "planned_hours": task.planned_hours,
                "actual_hours": _round(task.actual_hours),
                "speedup": _round(task.speedup),
                "commits": task.n_commits,
                "tests_created": task.tests_created,
                "tests_executed": task.tests_executed,
            }
            for task in time.tasks
        ],
        "churn": {kind: {"added": added, "removed": removed} for kind, added, removed in time.churn}
        if time.history_available
        else None,
        "timeline": None
        if not time.history_available
        else [
            {
                "day": day.day.isoformat(),
                "tests_created": day.tests_created,
                "cases_executed": day.cases_executed,
                "commits": day.commits,
                "created_by_category": dict(day.created_by_category),
            }
            for day in time.timeline
        ],
    }


def report_dict(report: SprintReport) -> dict[str, Any]:
    snapshot = report.snapshot
    plan = snapshot.plan
    sprint = plan.sprint
    answer = verdict(report)
    return {
        "schema": SCHEMA,
        "sprint": {
            "name": sprint.name,
            "start": sprint.start.isoformat() if sprint.start else None,
            "end": sprint.end.isoformat() if sprint.end else None,
            "plan": str(plan.source) if plan.source else None,
        },
        "verdict": {"label": answer.label, "headline": answer.headline},
        "categories": [
            {
                "name": c.name,
                "paths": list(c.paths),
                "planned": c.planned,
                **_tests(c.tests),
                "cases": _cases(c.cases),
            }
            for c in snapshot.categories
        ],
        "totals": {**_tests(snapshot.tests), "cases": _cases(snapshot.cases)},
        "unmatched": {
            "cases": _cases(snapshot.unmatched_cases),
            "files": [
                {"path": u.results_file, "runner": u.runner, "cases": u.n_cases, "examples": list(u.examples)}
                for u in snapshot.unmatched
            ],
        },
        "results_files": [
            {
                "path": f.path,
                "runner": f.runner,
                "cases": f.n_cases,
                "newest_timestamp": f.newest_timestamp.isoformat() if f.newest_timestamp else None,
            }
            for f in snapshot.results_files
        ],
        "claims": {
            "completion": plan.claims.completion,
            "tests_created": plan.claims.tests_created,
            "tests_executed": plan.claims.tests_executed,
            "tests_passing": plan.claims.tests_passing,
            "coverage": plan.claims.coverage,
        },
        # Evidence figures stay null until the time, completion and coverage readers supply them.
        "time": _time(snapshot.time, sprint.planned_hours),
        "completion": {"claimed": plan.claims.completion, "evidence": None},
        "coverage": {"percent": None, "target": None, "claimed": plan.claims.coverage},
        "findings": [_finding(f) for f in report.findings],
        "suppressed": [
            {
                "code": issue.code,
                "test": record.test.nodeid,
                "path": record.test.location.path,
                "line": issue.line,
                "reason": issue.suppressed,
            }
            for record, issue in suppressed_issues(snapshot.records)
        ],
    }


def render_json(report: SprintReport) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False)

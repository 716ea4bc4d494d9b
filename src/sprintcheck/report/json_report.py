"""The JSON report: the public contract for tools ("sprintcheck/1"). Absent input is null, never 0."""

from __future__ import annotations

import json
from typing import Any

from sprintcheck.analysis.honesty import suppressed_issues
from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import (
    CaseCounts,
    Completion,
    CoverageCount,
    CoverageReport,
    Finding,
    Plan,
    SprintReport,
    TestCounts,
    TimeFigures,
)
from sprintcheck.review import Review, ReviewMark, resolved

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


def _completion(completion: Completion | None, claimed: float | None) -> dict[str, Any]:
    if completion is None:
        return {"claimed": claimed, "evidence": None, "equal_weights": None, "tasks": []}
    return {
        "claimed": completion.claimed,
        "evidence": _round(completion.evidence),
        "equal_weights": completion.equal_weights,
        "tasks": [
            {
                "id": t.task.id,
                "weight": t.weight,
                "claimed": t.claimed,
                "evidence": _round(None if t.evidence is None else 100 * t.evidence),
                "tests": len(t.tests),
                "executed": t.n_executed,
                "passing": t.n_passing,
                "passing_not_hollow": t.n_solid,
            }
            for t in completion.tasks
        ],
    }


def _count(count: CoverageCount | None) -> dict[str, Any] | None:
    if count is None:
        return None
    return {
        "percent": _round(count.percent),
        "statements": count.statements,
        "covered_statements": count.covered_statements,
        "branches": count.branches,
        "covered_branches": count.covered_branches,
    }


def _coverage(coverage: CoverageReport | None, plan: Plan) -> dict[str, Any]:
    target, claimed = plan.coverage_settings.target, plan.claims.coverage
    if coverage is None:
        return {"percent": None, "target": target, "claimed": claimed, "data": None}
    data = coverage.data
    return {
        "percent": _round(coverage.percent),
        "target": target,
        "claimed": claimed,
        "data": {
            "sources": list(data.sources),
            "kind": data.kind,
            "measure": data.measure,
            "contexts": data.has_contexts,
            "unmapped": len(data.unmapped),
        },
        "total": _count(data.total),
        "categories": [
            {
                "name": c.category,
                "percent": _round(c.percent),
                "covered_statements": c.covered_statements,
                "statements": c.statements,
                "tests_executed": c.tests_executed,
            }
            for c in coverage.categories
        ]
        if data.has_contexts
        else None,
        "targets": [
            {
                "label": r.target.label,
                "category": r.target.category,
                "modules": list(r.target.modules),
                "target": r.target.percent,
                "claimed": r.target.claimed,
                "achieved": _round(r.achieved),
            }
            for r in coverage.targets
        ],
        "modules": [{"path": m.path, **(_count(m.count) or {})} for m in data.modules],
        "baseline": None
        if coverage.baseline is None
        else {
            "sources": list(coverage.baseline.sources),
            "percent": _round(coverage.baseline.total.percent),
            "changes": [
                {"path": c.path, "before": _round(c.before), "after": _round(c.after)}
                for c in coverage.changes
            ],
        },
    }


def _review(mark: ReviewMark | None) -> dict[str, Any] | None:
    return None if mark is None else {"mark": mark.mark, "note": mark.note, "at": mark.at}


def report_dict(report: SprintReport, review: Review | None = None) -> dict[str, Any]:
    """The contract; `review` (when a review file exists) adds each finding's mark and the
    findings resolved since the review."""
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
        "time": _time(snapshot.time, sprint.planned_hours),
        "completion": _completion(snapshot.completion, plan.claims.completion),
        "coverage": _coverage(snapshot.coverage, plan),
        "criteria": [
            {
                "name": r.criterion.name,
                "metric": r.criterion.metric,
                "op": r.criterion.op,
                "target": r.criterion.target,
                "achieved": _round(r.achieved),
                "met": r.met,
            }
            for r in snapshot.criteria
        ],
        "failure_modes": [
            {
                "name": s.mode.name,
                "impact": s.mode.impact,
                "selectors": list(s.mode.tests),
                "state": s.state,
                "tests": list(s.tests),
                "executed": s.n_executed,
                "passing": s.n_passing,
            }
            for s in snapshot.failure_modes
        ],
        "findings": [
            {**_finding(f), "review": _review(review.get(f.fingerprint) if review else None)}
            for f in report.findings
        ],
        "resolved": None
        if review is None
        else [
            {"fingerprint": m.fingerprint, "code": m.code, "title": m.title, **(_review(m) or {})}
            for m in resolved(review, report.findings)
        ],
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


def render_json(report: SprintReport, review: Review | None = None) -> str:
    return json.dumps(report_dict(report, review), indent=2, ensure_ascii=False)

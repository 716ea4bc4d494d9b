"""The evidence parts of the JSON report: time, completion and coverage figures.

Absent input is null, never 0: each function takes what may be None and says so.
"""

from __future__ import annotations

from typing import Any

from sprintcheck.model import Completion, CoverageCount, CoverageReport, Plan, TimeFigures


def round2(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def time_figures(time: TimeFigures | None, planned: float | None) -> dict[str, Any]:
    if time is None:
        return {"planned_hours": planned, "actual_hours": None, "speedup": None}
    return {
        "planned_hours": time.planned_hours,
        "actual_hours": round2(time.actual_hours),
        "speedup": round2(time.speedup),
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
                "actual_hours": round2(task.actual_hours),
                "speedup": round2(task.speedup),
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


def completion_figures(completion: Completion | None, claimed: float | None) -> dict[str, Any]:
    if completion is None:
        return {"claimed": claimed, "evidence": None, "equal_weights": None, "tasks": []}
    return {
        "claimed": completion.claimed,
        "evidence": round2(completion.evidence),
        "equal_weights": completion.equal_weights,
        "tasks": [
            {
                "id": t.task.id,
                "weight": t.weight,
                "claimed": t.claimed,
                "evidence": round2(None if t.evidence is None else 100 * t.evidence),
                "tests": len(t.tests),
                "executed": t.n_executed,
                "passing": t.n_passing,
                "passing_not_hollow": t.n_solid,
            }
            for t in completion.tasks
        ],
    }


def _count(count: CoverageCount | None, branches: bool) -> dict[str, Any] | None:
    """`branches` says whether branches were measured: if not they are null, not 0."""
    if count is None:
        return None
    return {
        "percent": round2(count.percent),
        "statements": count.statements,
        "covered_statements": count.covered_statements,
        "branches": count.branches if branches else None,
        "covered_branches": count.covered_branches if branches else None,
    }


def coverage_figures(coverage: CoverageReport | None, plan: Plan) -> dict[str, Any]:
    target, claimed = plan.coverage_settings.target, plan.claims.coverage
    if coverage is None:
        absent = ("data", "total", "categories", "targets", "modules", "baseline")
        return {"percent": None, "target": target, "claimed": claimed, **dict.fromkeys(absent)}
    data = coverage.data
    return {
        "percent": round2(coverage.percent),
        "target": target,
        "claimed": claimed,
        "data": {
            "sources": list(data.sources),
            "kind": data.kind,
            "measure": data.measure,
            "contexts": data.has_contexts,
            "unmapped": len(data.unmapped),
        },
        "total": _count(data.total, data.has_branches),
        "categories": [
            {
                "name": c.category,
                "percent": round2(c.percent),
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
                "achieved": round2(r.achieved),
            }
            for r in coverage.targets
        ],
        "modules": [{"path": m.path, **(_count(m.count, data.has_branches) or {})} for m in data.modules],
        "baseline": None
        if coverage.baseline is None
        else {
            "sources": list(coverage.baseline.sources),
            "percent": round2(coverage.baseline.total.percent),
            "changes": [
                {"path": c.path, "before": round2(c.before), "after": round2(c.after)}
                for c in coverage.changes
            ],
        },
    }

"""The JSON report: the public contract for tools ("sprintcheck/1"). Absent input is null, never 0."""

from __future__ import annotations

import json
from typing import Any

from sprintcheck.analysis.honesty import suppressed_issues
from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import (
    CaseCounts,
    Finding,
    SprintReport,
    TestCounts,
)
from sprintcheck.report.json_evidence import (
    completion_figures,
    coverage_figures,
    round2,
    time_figures,
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
        "time": time_figures(snapshot.time, sprint.planned_hours),
        "completion": completion_figures(snapshot.completion, plan.claims.completion),
        "coverage": coverage_figures(snapshot.coverage, plan),
        "criteria": [
            {
                "name": r.criterion.name,
                "metric": r.criterion.metric,
                "op": r.criterion.op,
                "target": r.criterion.target,
                "achieved": round2(r.achieved),
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

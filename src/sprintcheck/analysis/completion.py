"""Evidence-based completion: how much of the plan the tests show done, beside the claim.

A task weighs the middle of its estimate. Its evidence tests (its `tests` selectors) each count
1 when they passed and can fail, 2/3 when they passed but are hollow, 1/3 when they ran and failed,
and 0 when they never ran; the task's evidence is their mean (0 when none exists). A task with no
selectors is unverifiable and counts for nothing, shown as such. The sprint figure is
Σ weight × evidence ÷ Σ weight over every task.
"""

from __future__ import annotations

from statistics import mean

from sprintcheck.analysis.selectors import selected
from sprintcheck.analysis.time_report import estimate_hours
from sprintcheck.model import Completion, Plan, TaskEvidence, TaskPlan, TestRecord, TestStatus

CLAIMED_BY_STATUS = {"done": 1.0, "in_progress": None, "todo": 0.0}


def completion(plan: Plan, records: tuple[TestRecord, ...]) -> Completion | None:
    """None when the plan has neither tasks nor a completion claim: nothing to compare."""
    if not plan.tasks and plan.claims.completion is None:
        return None
    estimates = [estimate_hours(task) for task in plan.tasks]
    known = [hours for hours in estimates if hours is not None]
    # A task without an estimate weighs what an average estimated task weighs.
    fallback = mean(known) if known else 1.0
    categories = frozenset(record.category for record in records)
    tasks = tuple(
        _task_evidence(task, fallback if hours is None else hours, records, categories)
        for task, hours in zip(plan.tasks, estimates)
    )
    total = sum(task.weight for task in tasks)
    evidence = (
        100.0 * sum(task.weight * (task.evidence or 0.0) for task in tasks) / total
        if total
        else None
    )
    return Completion(
        claimed=plan.claims.completion,
        evidence=evidence,
        tasks=tasks,
        equal_weights=bool(plan.tasks) and not known,
    )


def _task_evidence(
    task: TaskPlan, weight: float, records: tuple[TestRecord, ...], categories: frozenset[str]
) -> TaskEvidence:
    evidence = selected(records, task.tests, categories) if task.tests else ()
    passing = [r for r in evidence if r.status is TestStatus.PASSED]
    return TaskEvidence(
        task=task,
        weight=weight,
        claimed=task.progress if task.progress is not None else CLAIMED_BY_STATUS.get(task.status or ""),
        tests=tuple(r.test.nodeid for r in evidence),
        n_executed=sum(r.status in (TestStatus.PASSED, TestStatus.FAILED) for r in evidence),
        n_passing=len(passing),
        n_solid=sum(not (r.honesty and r.honesty.hollow) for r in passing),
    )

"""Completion checks (SC302, SC303): does the evidence carry the claimed progress?"""

from __future__ import annotations

from sprintcheck.model import Finding, Location, Severity, Snapshot, TaskEvidence, TestStatus
from sprintcheck.wording import plural

EVIDENCE_LIMIT = 50


def check_completion_claim(snapshot: Snapshot) -> list[Finding]:
    """SC302: the claimed completion exceeds the evidence by more than the threshold."""
    completion = snapshot.completion
    if completion is None or completion.claimed is None or completion.evidence is None:
        return []
    gap = completion.claimed - completion.evidence
    threshold = snapshot.plan.thresholds.completion_gap
    if gap <= threshold:
        return []
    unverifiable = [t.task.id for t in completion.tasks if t.evidence is None]
    return [
        Finding(
            code="SC302",
            # Twice the allowed gap is no longer optimism: the claim is mostly unsupported.
            severity=Severity.CRITICAL if gap > 2 * threshold else Severity.WARNING,
            title=(
                f"claimed {completion.claimed:g} % complete, the evidence supports "
                f"{completion.evidence:.1f} %"
            ),
            detail=" ".join(
                part
                for part in (
                    "Each task weighs the middle of its estimate and counts as far as its "
                    "evidence tests got: ran, passed, and able to fail (not hollow). "
                    f"The gap is {gap:.1f} points (allowed {threshold:g}).",
                    "Tasks with no evidence tests count for nothing: "
                    + ", ".join(unverifiable)
                    + "."
                    if unverifiable
                    else "",
                    "No task has an estimate, so every task weighs the same."
                    if completion.equal_weights
                    else "",
                )
                if part
            ),
            figures=(
                ("claimed", completion.claimed),
                ("evidence", round(completion.evidence, 1)),
                ("gap", round(gap, 1)),
                ("threshold", threshold),
            ),
            key="sprint",
        )
    ]


def check_done_tasks(snapshot: Snapshot) -> list[Finding]:
    """SC303: a task claimed done whose evidence tests are missing, unexecuted, failing or hollow."""
    completion = snapshot.completion
    if completion is None:
        return []
    by_id = {record.test.nodeid: record for record in snapshot.records}
    findings = []
    for task in completion.tasks:
        if task.claimed != 1.0 or task.evidence == 1.0:
            continue
        weak = [by_id[nodeid] for nodeid in task.tests if nodeid in by_id]
        weak = [r for r in weak if r.status is not TestStatus.PASSED or (r.honesty and r.honesty.hollow)]
        findings.append(
            Finding(
                code="SC303",
                severity=Severity.INFO if task.evidence is None else Severity.WARNING,
                title=f"task {task.task.id} is claimed done: {_shortfall(task)}",
                detail=(
                    f"{task.task.title or task.task.id}. "
                    + (
                        "The plan names no evidence tests for it, so nothing can show it is done; "
                        "add `tests` selectors to the task."
                        if task.evidence is None
                        else f"Its evidence is {', '.join(task.task.tests)}; only tests that "
                        "passed and can fail count."
                    )
                ),
                figures=(
                    ("evidence_tests", len(task.tests)),
                    ("executed", task.n_executed),
                    ("passing", task.n_passing),
                    ("passing_not_hollow", task.n_solid),
                ),
                evidence=tuple(Location(r.test.location.path, r.test.location.line) for r in weak)[
                    :EVIDENCE_LIMIT
                ],
                key=task.task.id,
            )
        )
    return findings


def _shortfall(task: TaskEvidence) -> str:
    if task.evidence is None:
        return "no evidence tests are named"
    n = len(task.tests)
    if not n:
        return "its evidence tests do not exist"
    parts = [
        f"{n - task.n_executed} never ran" if n - task.n_executed else "",
        f"{task.n_executed - task.n_passing} failing" if task.n_executed - task.n_passing else "",
        f"{task.n_passing - task.n_solid} hollow" if task.n_passing - task.n_solid else "",
    ]
    return f"of {plural(n, 'evidence test')}, " + ", ".join(p for p in parts if p)

"""Execution checks (SC101-SC106): were the tests that exist actually run, and did they pass?"""

from __future__ import annotations

from sprintcheck.model import (
    Finding,
    Location,
    Severity,
    Snapshot,
    TestRecord,
    TestStatus,
)
from sprintcheck.wording import plural

EVIDENCE_LIMIT = 50


def _evidence(records: list[TestRecord]) -> tuple[Location, ...]:
    return tuple(record.test.location for record in records[:EVIDENCE_LIMIT])


def _records(snapshot: Snapshot, category: str, status: TestStatus) -> list[TestRecord]:
    return [r for r in snapshot.records if r.category == category and r.status is status]


def check_never_ran(snapshot: Snapshot) -> list[Finding]:
    """SC101: tests exist in the code but never appear in the results."""
    if not snapshot.has_results:
        return []  # SC106 says it once, for everything
    findings = []
    for category in snapshot.categories:
        tests = category.tests
        if tests.n_never_ran == 0:
            continue
        whole = tests.n_executed == 0 and tests.n_skipped == 0
        never = _records(snapshot, category.name, TestStatus.NEVER_RAN)
        findings.append(
            Finding(
                code="SC101",
                severity=Severity.CRITICAL if whole else Severity.WARNING,
                title=(
                    f"{category.name}: none of its {plural(tests.n_created, 'test')} ever ran"
                    if whole
                    else f"{category.name}: {tests.n_never_ran} of {plural(tests.n_created, 'test')} never ran"
                ),
                detail=(
                    f"{tests.n_never_ran} test definitions in {', '.join(category.paths)} do not "
                    "appear in any results file, so nothing shows they work. Run them and add "
                    "their JUnit XML to the results."
                ),
                category=category.name,
                figures=(("created", tests.n_created), ("never_ran", tests.n_never_ran)),
                evidence=_evidence(never),
                key="whole" if whole else "partial",
            )
        )
    return findings


def check_failing(snapshot: Snapshot) -> list[Finding]:
    """SC102: executed tests fail or error."""
    findings = []
    for category in snapshot.categories:
        tests = category.tests
        if tests.n_failing == 0:
            continue
        failing = _records(snapshot, category.name, TestStatus.FAILED)
        reasons = [f"{r.test.nodeid}: {r.message}" for r in failing[:3] if r.message]
        findings.append(
            Finding(
                code="SC102",
                severity=Severity.WARNING,
                title=f"{category.name}: {tests.n_failing} of {plural(tests.n_executed, 'executed test')} fail",
                detail=_sentence(
                    f"{plural(category.cases.n_failed, 'case')} failed and {category.cases.n_errors} errored.",
                    *reasons,
                ),
                category=category.name,
                figures=(
                    ("executed", tests.n_executed),
                    ("failing", tests.n_failing),
                    ("cases_failed", category.cases.n_failed),
                    ("cases_errors", category.cases.n_errors),
                ),
                evidence=_evidence(failing),
                key="failing",
            )
        )
    return findings


def check_skipped(snapshot: Snapshot) -> list[Finding]:
    """SC103: skipped or xfailed cases make "passing" count less than it seems."""
    findings = []
    for category in snapshot.categories:
        cases = category.cases
        if cases.n_skipped == 0 and cases.n_xfailed == 0:
            continue
        skipped = _records(snapshot, category.name, TestStatus.SKIPPED)
        findings.append(
            Finding(
                code="SC103",
                severity=Severity.INFO,
                title=(
                    f"{category.name}: {plural(cases.n_skipped, 'case')} skipped, "
                    f"{cases.n_xfailed} expected to fail"
                ),
                detail=(
                    f"{category.tests.n_skipped} tests ran no case at all (every case skipped or "
                    "xfailed). A skipped test is not evidence; an xfailed one shows a known bug."
                ),
                category=category.name,
                figures=(
                    ("cases_skipped", cases.n_skipped),
                    ("cases_xfailed", cases.n_xfailed),
                    ("tests_skipped", category.tests.n_skipped),
                ),
                evidence=_evidence(skipped),
                key="skipped",
            )
        )
    return findings


def check_unmatched(snapshot: Snapshot) -> list[Finding]:
    """SC105: results name tests that are not in the code (renamed, deleted, another revision)."""
    findings = []
    for unmatched in snapshot.unmatched:
        python = unmatched.runner == "pytest"
        findings.append(
            Finding(
                code="SC105",
                severity=Severity.WARNING if python else Severity.INFO,
                title=(
                    f"{plural(unmatched.n_cases, 'result')} in {unmatched.results_file} name tests "
                    + ("that are not in the code" if python else f"not matched to Python tests ({unmatched.runner})")
                ),
                detail=_sentence(
                    "These cases are counted in the case totals but belong to no test definition: "
                    "the test was renamed or deleted, or the results come from another revision or "
                    "another runner.",
                    "For example: " + ", ".join(unmatched.examples[:5]) + ".",
                ),
                figures=(("cases", unmatched.n_cases),),
                evidence=(Location(unmatched.results_file),),
                key=unmatched.results_file,
            )
        )
    return findings


def check_no_results(snapshot: Snapshot) -> list[Finding]:
    """SC106: no results at all, while tests exist."""
    tests = snapshot.tests
    if snapshot.has_results or tests.n_created == 0:
        return []
    plan = snapshot.plan
    claims = plan.claims.claims_tested_work or any(t.status == "done" for t in plan.tasks)
    searched = ", ".join(snapshot.results_searched) or "nowhere"
    return [
        Finding(
            code="SC106",
            severity=Severity.CRITICAL if claims else Severity.WARNING,
            title=f"no test results: {plural(tests.n_created, 'test')} created, none shown to have run",
            detail=(
                f"No JUnit XML results were found (searched: {searched}). "
                + ("The plan claims tested work, but nothing shows a test ran. " if claims else "")
                + "Run the tests with --junitxml and point results.junit (or --junit) at the file."
            ),
            figures=(("created", tests.n_created),),
            key="results",
        )
    ]


def _sentence(*parts: str) -> str:
    return " ".join(part for part in parts if part)

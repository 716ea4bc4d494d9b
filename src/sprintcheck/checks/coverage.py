"""Coverage checks (SC401-SC403): targets met, claims supported, and code measured where it ran."""

from __future__ import annotations

import math

from sprintcheck.model import CoverageCount, Finding, Severity, Snapshot
from sprintcheck.wording import plural

# A claimed percentage within this many points of the measured one is the same figure, rounded.
CLAIM_TOLERANCE = 0.5


def check_targets(snapshot: Snapshot) -> list[Finding]:
    """SC401: coverage below the plan's target, overall and for each target entry."""
    report = snapshot.coverage
    if report is None:
        return []
    findings = []
    if report.target is not None:
        missed = _missed("overall", report.data.total, report.target, "overall")
        findings += [missed] if missed else []
    for result in report.targets:
        target = result.target
        if result.count is None:
            findings.append(
                Finding(
                    code="SC401",
                    severity=Severity.INFO,
                    title=f"coverage target for {target.label} cannot be checked",
                    detail=(
                        "The coverage data has no measurement contexts, so coverage per category "
                        "is unknown; record with `--cov-context=test` or `dynamic_context = "
                        "test_function`."
                        if target.category
                        else "No measured module matches " + ", ".join(target.modules) + "."
                    ),
                    category=target.category,
                    key=target.label,
                )
            )
            continue
        missed = _missed(target.label, result.count, target.percent, target.label, target.category)
        findings += [missed] if missed else []
    return findings


def _missed(
    label: str, count: CoverageCount, target: float, key: str, category: str | None = None
) -> Finding | None:
    achieved = count.percent
    if achieved is None or achieved >= target:
        return None
    units = count.statements + count.branches
    needed = math.ceil(target / 100 * units - (count.covered_statements + count.covered_branches))
    what = "statements or branches" if count.branches else "statements"
    return Finding(
        code="SC401",
        severity=Severity.WARNING,
        title=f"coverage {label}: {achieved:.2f} % against a target of {target:g} %",
        detail=(
            f"{target - achieved:.2f} points short: about {needed} more {what} of "
            f"{units} must run under the tests to reach the target."
        ),
        category=category,
        figures=(
            ("percent", round(achieved, 2)),
            ("target", target),
            ("gap_points", round(target - achieved, 2)),
            ("units_to_cover", needed),
        ),
        key=key,
    )


def check_claims(snapshot: Snapshot) -> list[Finding]:
    """SC402: a coverage claim (overall or per target) that the data does not support."""
    report = snapshot.coverage
    claimed = snapshot.plan.claims.coverage
    claims = [("overall", claimed, report.percent if report else None, None)] if claimed is not None else []
    claims += [
        (r.target.label, r.target.claimed, r.achieved, r.target.category)
        for r in (report.targets if report else ())
        if r.target.claimed is not None
    ]
    findings = []
    for label, claim, achieved, category in claims:
        if report is None or achieved is None:
            findings.append(
                Finding(
                    code="SC402",
                    severity=Severity.INFO,
                    title=f"coverage claim for {label} ({claim:g} %) cannot be checked",
                    detail="No coverage data measures it: add the data file to results.coverage.",
                    category=category,
                    key=label,
                )
            )
        elif claim > achieved + CLAIM_TOLERANCE:
            findings.append(
                Finding(
                    code="SC402",
                    severity=Severity.WARNING,
                    title=f"coverage {label}: claimed {claim:g} %, measured {achieved:.2f} %",
                    detail=(
                        f"The claim is {claim - achieved:.2f} points above what the data shows "
                        f"({report.data.measure}, from {', '.join(report.data.sources)})."
                    ),
                    category=category,
                    figures=(("claimed", claim), ("measured", round(achieved, 2))),
                    key=label,
                )
            )
    return findings


def check_out_of_process(snapshot: Snapshot) -> list[Finding]:
    """SC403: a category's tests ran, yet it contributed no covered line."""
    report = snapshot.coverage
    if report is None:
        return []
    if report.data.has_contexts:
        silent = [(c.category, c.tests_executed) for c in report.categories if not c.covered_statements]
    elif report.data.total.covered_statements == 0:
        silent = [(c.name, c.tests.n_executed) for c in snapshot.categories]
    else:
        return []  # without contexts a category's share is unknown; the README says so
    return [
        Finding(
            code="SC403",
            severity=Severity.WARNING,
            title=f"{name}: its {plural(executed, 'test')} ran but covered no line of the measured code",
            detail=(
                "The code they exercise most likely ran in another process (a server or worker "
                "started by the tests), where coverage was not measuring. Measure it there: set "
                "`[run] patch = subprocess` (coverage ≥ 7.10) or start the server with "
                "COVERAGE_PROCESS_START pointing at the coverage configuration, with "
                "`parallel = true` (and `sigterm = true` when it is stopped by a signal), then "
                "`coverage combine` before reading the data."
            ),
            category=name,
            figures=(("tests_executed", executed),),
            key="out-of-process",
        )
        for name, executed in silent
        if executed
    ]

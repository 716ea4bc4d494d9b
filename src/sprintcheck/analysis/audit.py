"""The claims audit: each claim of a status document beside what the evidence measures. Pure.

Counts must match exactly; percentages (completion, pass rate, coverage) within PERCENT_TOLERANCE
points, so a document that rounds 52.559 % to "52.56%" or "52.6%" is not called wrong. A claim the
report holds no figure for is "not checkable", with the reason, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import CategorySummary, Snapshot, SprintReport, TestCounts
from sprintcheck.sources.status_doc import StatusClaim

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
NOT_CHECKABLE = "not checkable"
VERDICTS = (SUPPORTED, CONTRADICTED, NOT_CHECKABLE)
PERCENT_TOLERANCE = 0.5  # percentage points
PERCENT_KINDS = frozenset({"completion", "pass_rate", "coverage"})
UNSUPPORTED_LABELS = frozenset({"NOT SUPPORTED", "PARTLY SUPPORTED"})

# The measured value, and what to say when it is None.
Measure = tuple[float | None, str]


@dataclass(frozen=True)
class AuditLine:
    claim: StatusClaim
    measured: float | None
    verdict: str  # one of VERDICTS
    reason: str  # a few words: "claimed 78 %, evidence 36.4 %"


def audit(claims: Iterable[StatusClaim], report: SprintReport) -> tuple[AuditLine, ...]:
    return tuple(_judge(claim, report) for claim in claims)


def verdict_counts(lines: Iterable[AuditLine]) -> dict[str, int]:
    """How many lines got each verdict, every verdict present, in VERDICTS order."""
    counts = dict.fromkeys(VERDICTS, 0)
    for line in lines:
        counts[line.verdict] += 1
    return counts


def shown(kind: str, value: float | None) -> str:
    """A claimed or measured figure as reports print it: "52.56 %", "43", "—"."""
    if value is None:
        return "—"
    return f"{round(value, 2):g} %" if kind in PERCENT_KINDS else f"{value:g}"


def _judge(claim: StatusClaim, report: SprintReport) -> AuditLine:
    if claim.kind == "status":
        return _status(claim, report)
    measured, missing = MEASURES[claim.kind](claim.subject, report.snapshot)
    if measured is None or claim.value is None:
        return AuditLine(claim, measured, NOT_CHECKABLE, missing)
    if claim.kind in PERCENT_KINDS:
        agrees = abs(claim.value - measured) <= PERCENT_TOLERANCE
    else:
        agrees = claim.value == measured
    reason = f"claimed {shown(claim.kind, claim.value)}, evidence {shown(claim.kind, measured)}"
    return AuditLine(claim, measured, SUPPORTED if agrees else CONTRADICTED, reason)


def _status(claim: StatusClaim, report: SprintReport) -> AuditLine:
    """"Complete" for the whole document stands only when the report's verdict does."""
    if claim.subject is not None:
        reason = f"only the whole document's status is judged, not {claim.subject}'s"
        return AuditLine(claim, None, NOT_CHECKABLE, reason)
    answer = verdict(report)
    judged = CONTRADICTED if answer.label in UNSUPPORTED_LABELS else SUPPORTED
    return AuditLine(claim, None, judged, f"{answer.label}: {answer.headline}")


def _completion(subject: str | None, snapshot: Snapshot) -> Measure:
    if subject is not None:
        return None, f"no evidence for one part of the work ({subject})"
    completion = snapshot.completion
    if completion is None or completion.evidence is None:
        return None, "the plan has no tasks with evidence"
    return completion.evidence, ""


def _counted(field: str) -> Callable[[str | None, Snapshot], Measure]:
    def measure(subject: str | None, snapshot: Snapshot) -> Measure:
        tests, missing = _tests_of(subject, snapshot)
        return (None, missing) if tests is None else (float(getattr(tests, field)), "")

    return measure


def _pass_rate(subject: str | None, snapshot: Snapshot) -> Measure:
    tests, missing = _tests_of(subject, snapshot)
    if tests is None:
        return None, missing
    if not tests.n_executed:
        return None, "no test was executed"
    return 100.0 * tests.n_passing / tests.n_executed, ""


def _coverage(subject: str | None, snapshot: Snapshot) -> Measure:
    coverage = snapshot.coverage
    if coverage is None:
        return None, "no coverage data"
    if subject is None:
        return coverage.percent, "the coverage data measures no code"
    # A module first: samples name categories after modules ("model_service"), and a document's
    # per-module table means the module's own coverage, not what one category's tests reached.
    modules = [m for m in coverage.data.modules if _names_module(subject, m.path)]
    if len(modules) > 1:
        return None, f"{subject} matches {len(modules)} measured modules"
    if modules:
        return modules[0].count.percent, "no statements"
    for category in coverage.categories:
        if _same_category(category.category, subject):
            return category.percent, "no statements"
    return None, f"no measured module or category matches {subject}"


def _tests_of(subject: str | None, snapshot: Snapshot) -> tuple[TestCounts | None, str]:
    if subject is None:
        return snapshot.tests, ""
    category = _category(subject, snapshot.categories)
    if category is None:
        names = ", ".join(c.name for c in snapshot.categories) or "none"
        return None, f"no test category {subject} (categories: {names})"
    return category.tests, ""


def _category(subject: str, categories: tuple[CategorySummary, ...]) -> CategorySummary | None:
    return next((c for c in categories if _same_category(c.name, subject)), None)


def _same_category(name: str, subject: str) -> bool:
    """"Benchmarks" is "benchmark", "End-to-end" is "e2e", "Unit tests" is "unit"."""
    return _category_key(name) == _category_key(subject)


def _category_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]", "", re.sub(r"\btests?\b", "", name.lower()))
    return ("e2e" if key == "endtoend" else key).removesuffix("s")


def _names_module(subject: str, path: str) -> bool:
    """The subject names this module: by path, path suffix, file name, stem or dotted name."""
    wanted = subject.strip("`").lower()
    path = path.lower()
    name = path.rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0]
    dotted = path.rsplit(".", 1)[0].replace("/", ".")
    return (
        wanted in (path, name, stem, dotted)
        or path.endswith("/" + wanted)
        or dotted.endswith("." + wanted)
    )


MEASURES: dict[str, Callable[[str | None, Snapshot], Measure]] = {
    "completion": _completion,
    "tests_created": _counted("n_created"),
    "tests_executed": _counted("n_executed"),
    "tests_passing": _counted("n_passing"),
    "tests_failing": _counted("n_failing"),
    "pass_rate": _pass_rate,
    "coverage": _coverage,
}

"""The claims audit: each claim of a status document beside what the evidence measures. Pure.

Counts must match exactly; percentages (completion, pass rate, coverage) within PERCENT_TOLERANCE
points, so a document that rounds 52.559 % to "52.56%" or "52.6%" is not called wrong; a percentage
said approximately ("~40%", "about 40 %") within APPROXIMATE_TOLERANCE points, as its reason says.
A claim the report holds no figure for is "not checkable", with the reason, never guessed.

Status: "complete" stands when the report's verdict is SUPPORTED and is contradicted otherwise.
"Not complete" is supported when the verdict is not SUPPORTED (the evidence has gaps, as the document
says); a SUPPORTED verdict does not prove the work finished, so it is contradicted only when, besides,
every planned task has its evidence (completion 100 %), and not checkable otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sprintcheck.analysis.verdict import Verdict, verdict
from sprintcheck.model import Capped, CategorySummary, Snapshot, SprintReport, TestCounts
from sprintcheck.sources.status_doc import StatusClaim

SUPPORTED = "supported"
CONTRADICTED = "contradicted"
NOT_CHECKABLE = "not checkable"
VERDICTS = (SUPPORTED, CONTRADICTED, NOT_CHECKABLE)
PERCENT_TOLERANCE = 0.5  # percentage points
APPROXIMATE_TOLERANCE = 5.0  # percentage points, for "~40%", "about 40 %"
PERCENT_KINDS = frozenset({"completion", "pass_rate", "coverage"})
UNSUPPORTED_LABELS = frozenset({"NOT SUPPORTED", "PARTLY SUPPORTED"})
VERDICT_LABELS = frozenset({*UNSUPPORTED_LABELS, "SUPPORTED"})
# The status kinds, and what each declares, as the reports print it.
STATUS_KINDS = {"status": "complete", "status_not_complete": "not complete"}

# The measured value, and what to say when it is None.
Measure = tuple[float | None, str]


@dataclass(frozen=True)
class AuditLine:
    claim: StatusClaim
    measured: float | None
    verdict: str  # one of VERDICTS
    reason: str  # a few words: "claimed 78 %, evidence 36.4 %"


def audit(claims: Iterable[StatusClaim], report: SprintReport) -> Capped[AuditLine]:
    """Each claim judged; the report's verdict is worked out once, not per claim. Claims a
    capped reading only counted stay counted (`more`), not judged."""
    answer = verdict(report)
    lines = (_judge(claim, report, answer) for claim in claims)
    return Capped(lines, more=not_judged(claims))


def not_judged(lines: Iterable[AuditLine] | Iterable[StatusClaim]) -> int:
    """How many claims the document holds beyond those read or judged (0 for a plain tuple)."""
    return lines.more if isinstance(lines, Capped) else 0


def verdict_counts(lines: Iterable[AuditLine]) -> dict[str, int]:
    """How many lines got each verdict, every verdict present, in VERDICTS order."""
    counts = dict.fromkeys(VERDICTS, 0)
    for line in lines:
        counts[line.verdict] += 1
    return counts


def shown(kind: str, value: float | None, approximate: bool = False) -> str:
    """A claimed or measured figure as reports print it: "52.56 %", "~40 %", "43", "—"."""
    if value is None:
        return "—"
    if kind not in PERCENT_KINDS:
        return f"{value:g}"
    return f"{'~' if approximate else ''}{round(value, 2):g} %"


def claimed_text(line: AuditLine) -> str:
    """The claimed value as reports print it; a status claim says what it declares."""
    claim = line.claim
    if claim.kind in STATUS_KINDS:
        return STATUS_KINDS[claim.kind]
    return shown(claim.kind, claim.value, claim.approximate)


def measured_text(line: AuditLine) -> str:
    """The measured value; for a judged status claim the report's verdict label."""
    if line.claim.kind in STATUS_KINDS:
        label = line.reason.partition(":")[0]
        return label if line.verdict != NOT_CHECKABLE and label in VERDICT_LABELS else "—"
    return shown(line.claim.kind, line.measured)


def tolerance(claim: StatusClaim) -> float:
    """How far a claimed percentage may be from the evidence, in points."""
    return APPROXIMATE_TOLERANCE if claim.approximate else PERCENT_TOLERANCE


def _judge(claim: StatusClaim, report: SprintReport, answer: Verdict) -> AuditLine:
    if claim.kind in STATUS_KINDS:
        return _status(claim, report, answer)
    measured, missing = MEASURES[claim.kind](claim.subject, report.snapshot)
    if measured is None or claim.value is None:
        return AuditLine(claim, measured, NOT_CHECKABLE, missing)
    reason = (
        f"claimed {shown(claim.kind, claim.value, claim.approximate)}, "
        f"evidence {shown(claim.kind, measured)}"
    )
    if claim.kind in PERCENT_KINDS:
        agrees = abs(claim.value - measured) <= tolerance(claim)
        if claim.approximate:
            reason += f" (approximate: within {APPROXIMATE_TOLERANCE:g} points)"
    else:
        agrees = claim.value == measured
    return AuditLine(claim, measured, SUPPORTED if agrees else CONTRADICTED, reason)


def _status(claim: StatusClaim, report: SprintReport, answer: Verdict) -> AuditLine:
    """"Complete" for the whole document stands only when the report's verdict does.

    "Not complete" agrees with a verdict that is not SUPPORTED; a SUPPORTED verdict contradicts
    it only when every planned task has its evidence too (see the module's docstring).
    """
    if claim.subject is not None:
        reason = f"only the whole document's status is judged, not {claim.subject}'s"
        return AuditLine(claim, None, NOT_CHECKABLE, reason)
    reason = f"{answer.label}: {answer.headline}"
    unsupported = answer.label in UNSUPPORTED_LABELS
    if claim.kind == "status":
        return AuditLine(claim, None, CONTRADICTED if unsupported else SUPPORTED, reason)
    if unsupported:
        return AuditLine(claim, None, SUPPORTED, reason)
    completion = report.snapshot.completion
    evidence = None if completion is None else completion.evidence
    if evidence is not None and evidence >= 100 - PERCENT_TOLERANCE:
        reason += "; every planned task has its evidence"
        return AuditLine(claim, None, CONTRADICTED, reason)
    reason += "; a SUPPORTED verdict does not show the work finished"
    return AuditLine(claim, None, NOT_CHECKABLE, reason)


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

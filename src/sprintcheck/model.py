"""Plain typed data shared by readers, analysis, checks and views. No behaviour beyond arithmetic.

This module imports nothing from the rest of the package, so every layer may depend on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Generic, TypeVar, Union

Item = TypeVar("Item")


class Capped(tuple[Item, ...], Generic[Item]):
    """The items kept under a cap, and `more`: how many came after them and were only counted
    (so memory stays bounded whatever the input holds)."""

    more: int = 0

    def __new__(cls, items: Iterable[Item] = (), more: int = 0) -> Capped[Item]:
        kept = super().__new__(cls, items)
        kept.more = more
        return kept


class Severity(str, Enum):
    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe; used to sort findings and to apply --fail-on."""
        return {"critical": 3, "warning": 2, "info": 1}[self.value]


class Outcome(str, Enum):
    """What one result element says about one test case, as pytest's summary line counts it."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"
    XFAILED = "xfailed"


class TestStatus(str, Enum):
    """The state of one test definition once all its cases are folded in."""

    __test__ = False

    NEVER_RAN = "never ran"
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Location:
    """A place a finding points at: a path relative to the analysed root, and a line when known."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be (fully) read. Becomes SC901; the rest of the report still stands."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


# --- the plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SprintInfo:
    name: str | None = None
    start: date | None = None
    end: date | None = None
    planned_hours: float | None = None


@dataclass(frozen=True)
class CategoryPlan:
    name: str
    paths: tuple[str, ...]
    planned: int | None = None
    expected_seconds: float | None = None  # what running one of its tests takes, if known


@dataclass(frozen=True)
class TaskPlan:
    id: str
    title: str | None = None
    estimate_hours: tuple[float, float] | None = None
    status: str | None = None
    progress: float | None = None
    tests: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claims:
    completion: float | None = None
    tests_created: int | None = None
    tests_executed: int | None = None
    tests_passing: int | None = None
    coverage: float | None = None

    @property
    def claims_tested_work(self) -> bool:
        return any(
            value is not None
            for value in (self.tests_executed, self.tests_passing, self.coverage, self.completion)
        )


@dataclass(frozen=True)
class Thresholds:
    speedup: float = 3.0
    completion_gap: float = 15.0


@dataclass(frozen=True)
class TimeSettings:
    """How actual hours are made from commit times (shown in every report that uses them)."""

    session_gap_hours: float = 2.0
    lead_in_minutes: float = 30.0


@dataclass(frozen=True)
class HonestyIgnore:
    """A plan rule that suppresses honesty issues under some paths (all codes when `codes` is empty)."""

    paths: tuple[str, ...]
    codes: tuple[str, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class HonestySettings:
    assertion_helpers: tuple[str, ...] = ()
    ignores: tuple[HonestyIgnore, ...] = ()


@dataclass(frozen=True)
class Plan:
    """A validated plan. `source` is None when no plan file exists and everything is inferred."""

    root: Path
    source: Path | None = None
    sprint: SprintInfo = field(default_factory=SprintInfo)
    junit: tuple[str, ...] = ()
    coverage: tuple[str, ...] = ()
    categories: tuple[CategoryPlan, ...] = ()
    tasks: tuple[TaskPlan, ...] = ()
    claims: Claims = field(default_factory=Claims)
    thresholds: Thresholds = field(default_factory=Thresholds)
    time: TimeSettings = field(default_factory=TimeSettings)
    honesty: HonestySettings = field(default_factory=HonestySettings)
    coverage_settings: CoverageSettings = field(default_factory=lambda: CoverageSettings())
    criteria: tuple[CriterionPlan, ...] = ()
    failure_modes: tuple[FailureModePlan, ...] = ()


@dataclass(frozen=True)
class CoverageTarget:
    """A coverage target for a category or a set of modules, with the figure a document claimed."""

    percent: float
    category: str | None = None  # exactly one of category / modules is set
    modules: tuple[str, ...] = ()  # globs relative to the plan's root
    name: str | None = None
    claimed: float | None = None

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        return f"category {self.category}" if self.category else ", ".join(self.modules)


@dataclass(frozen=True)
class CoverageSettings:
    target: float | None = None  # overall, percent
    targets: tuple[CoverageTarget, ...] = ()
    baseline: str | None = None  # a coverage data file (any format the reader takes)
    # Where the tests ran, mapped to the repository: (measured prefix, prefix relative to the root).
    remap: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CriterionPlan:
    """A named success criterion: `metric op target`, evaluated from the evidence."""

    name: str
    metric: str
    op: str  # one of >=, >, <=, <, ==
    target: float


@dataclass(frozen=True)
class FailureModePlan:
    """A way the system really fails, and the tests (globs or categories) that guard it."""

    name: str
    impact: str | None = None
    tests: tuple[str, ...] = ()


# --- the test inventory (parsed, never imported) ------------------------------------------------


@dataclass(frozen=True)
class TestDefinition:
    """One test as pytest would collect it: a function, or a method in the class that collects it.

    `path` is the module pytest collects it from (a subclass's module for inherited methods);
    `location` is where the `def` is written. `cls` joins nested classes with "::".
    `literal_cases` is the number of parameter sets when every parametrize argument is a literal,
    else None (1 for a test that is not parametrized).
    """

    __test__ = False

    path: str
    cls: str | None
    name: str
    location: Location
    literal_cases: int | None = 1

    @property
    def nodeid(self) -> str:
        parts = [self.path, *(self.cls.split("::") if self.cls else ()), self.name]
        return "::".join(parts)


@dataclass(frozen=True)
class Inventory:
    tests: tuple[TestDefinition, ...]
    files_scanned: int
    problems: tuple[InputProblem, ...] = ()


# Honesty codes that make a passing test hollow: it has no assertion, or none that can fail.
HOLLOW_CODES = frozenset({"SC201", "SC202", "SC203", "SC204", "SC207"})


@dataclass(frozen=True)
class HonestyIssue:
    """One reason a test proves less than it seems, found by reading its code (SC201-SC207)."""

    code: str
    line: int  # the offending line; the `def` line for SC201/SC202
    quote: str  # the offending source lines, dedented, at most a few lines
    reason: str  # one sentence: what it accepts, or why it cannot fail
    suppressed: str | None = None  # why it is suppressed ("# sprintcheck: ignore[...]" or a plan rule)


@dataclass(frozen=True)
class TestHonesty:
    """What reading one test's code says about it."""

    __test__ = False

    location: Location  # the test's `def`, as in TestDefinition.location
    n_assertions: int  # assertion-like statements, helpers followed one level deep
    issues: tuple[HonestyIssue, ...] = ()

    @property
    def hollow(self) -> bool:
        return any(i.code in HOLLOW_CODES and i.suppressed is None for i in self.issues)


# --- test results ---------------------------------------------------------------------------------


COLLECTION_FAILURE = "collection failure"  # pytest's message for a module it could not collect


@dataclass(slots=True)
class CaseResult:
    """One <testcase> element of a results file.

    `outcomes` holds what pytest's summary line counts for it: usually one entry; a test that passed
    and then errored in teardown is (PASSED, ERROR), as pytest counts "1 passed, 1 error".
    `reruns` counts rerun/flaky entries (Surefire, pytest-rerunfailures) before the final result.
    Not frozen: one is made per case streamed and dropped at once, and a frozen dataclass costs
    four times as much to build.
    """

    results_file: str
    classname: str
    name: str
    file: str | None
    time: float | None
    outcomes: tuple[Outcome, ...]
    message: str | None = None
    reruns: int = 0

    @property
    def collection_failure(self) -> bool:
        """pytest's record of a module it could not import: an error, but of no test."""
        return self.message == COLLECTION_FAILURE and not self.classname

    @property
    def worst(self) -> Outcome:
        """The most severe outcome: error > failed > passed > xfailed > skipped."""
        order = (Outcome.ERROR, Outcome.FAILED, Outcome.PASSED, Outcome.XFAILED, Outcome.SKIPPED)
        return next(outcome for outcome in order if outcome in self.outcomes)


@dataclass(frozen=True)
class ResultsFile:
    """What one results file held, counted from its cases (never from suite header attributes)."""

    path: str
    runner: str
    n_cases: int
    newest_timestamp: datetime | None = None
    internal_error: str | None = None  # the runner broke off (pytest's INTERNALERROR)
    # Modules pytest could not collect, and why: (the module as the results name it, the error).
    collection_errors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class CaseCounts:
    """Counts at the level of cases, as pytest's summary line reports them."""

    n_passed: int = 0
    n_failed: int = 0
    n_errors: int = 0
    n_skipped: int = 0
    n_xfailed: int = 0

    @property
    def n_executed(self) -> int:
        return self.n_passed + self.n_failed + self.n_errors

    @property
    def n_total(self) -> int:
        return self.n_executed + self.n_skipped + self.n_xfailed

    def __add__(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(
            self.n_passed + other.n_passed,
            self.n_failed + other.n_failed,
            self.n_errors + other.n_errors,
            self.n_skipped + other.n_skipped,
            self.n_xfailed + other.n_xfailed,
        )

    def __radd__(self, other: object) -> CaseCounts:
        # Lets sum() start from 0.
        return self if other == 0 else NotImplemented  # type: ignore[return-value]


def _add_known(a: int | None, b: int | None) -> int | None:
    """Sum two counts that may be unknown: unknown only when both are."""
    return None if a is None and b is None else (a or 0) + (b or 0)


@dataclass(frozen=True)
class TestCounts:
    """Counts at the level of test definitions. `hollow` is None until honesty checks exist."""

    __test__ = False

    n_created: int = 0
    n_executed: int = 0
    n_passing: int = 0
    n_failing: int = 0
    n_skipped: int = 0
    n_hollow: int | None = None  # tests whose code cannot fail, whether they ran or not
    n_passing_not_hollow: int | None = None  # the passing evidence that counts

    @property
    def n_never_ran(self) -> int:
        return self.n_created - self.n_executed - self.n_skipped

    def __add__(self, other: TestCounts) -> TestCounts:
        return TestCounts(
            self.n_created + other.n_created,
            self.n_executed + other.n_executed,
            self.n_passing + other.n_passing,
            self.n_failing + other.n_failing,
            self.n_skipped + other.n_skipped,
            _add_known(self.n_hollow, other.n_hollow),
            _add_known(self.n_passing_not_hollow, other.n_passing_not_hollow),
        )

    def __radd__(self, other: object) -> TestCounts:
        return self if other == 0 else NotImplemented  # type: ignore[return-value]


# --- the snapshot: everything joined, still plain data -------------------------------------------


@dataclass(frozen=True)
class TestRecord:
    """A test definition with its results folded in."""

    __test__ = False

    test: TestDefinition
    category: str
    cases: CaseCounts
    message: str | None = None
    seconds: float | None = None  # time its executed cases took, when the results say
    honesty: TestHonesty | None = None  # None when its code was not read

    @property
    def status(self) -> TestStatus:
        if self.cases.n_failed or self.cases.n_errors:
            return TestStatus.FAILED
        if self.cases.n_passed:
            return TestStatus.PASSED
        if self.cases.n_skipped or self.cases.n_xfailed:
            return TestStatus.SKIPPED
        return TestStatus.NEVER_RAN


@dataclass(frozen=True)
class UnmatchedResults:
    """Results in one file that name tests the inventory does not have (SC105)."""

    results_file: str
    runner: str
    n_cases: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class CategorySummary:
    name: str
    paths: tuple[str, ...]
    planned: int | None
    tests: TestCounts
    cases: CaseCounts
    seconds: float = 0.0  # time of its executed cases, over the tests that have a time
    n_timed: int = 0  # executed tests whose cases carry a time
    expected_seconds: float | None = None  # the plan's figure for one of its tests, if given

    @property
    def mean_seconds(self) -> float | None:
        """Observed time per executed test; None when no executed test was timed."""
        return self.seconds / self.n_timed if self.n_timed else None


@dataclass(frozen=True)
class Snapshot:
    plan: Plan
    inventory_files: int
    categories: tuple[CategorySummary, ...]
    records: tuple[TestRecord, ...]
    results_files: tuple[ResultsFile, ...]
    unmatched_cases: CaseCounts
    unmatched: tuple[UnmatchedResults, ...]
    problems: tuple[InputProblem, ...]
    results_searched: tuple[str, ...]
    time: TimeFigures | None = None
    coverage: CoverageReport | None = None
    completion: Completion | None = None
    criteria: tuple[CriterionResult, ...] = ()
    failure_modes: tuple[FailureModeStatus, ...] = ()

    @property
    def tests(self) -> TestCounts:
        return sum((c.tests for c in self.categories), TestCounts())

    @property
    def cases(self) -> CaseCounts:
        """Every case in the results, matched or not: equals pytest's own summary line."""
        return sum((c.cases for c in self.categories), CaseCounts()) + self.unmatched_cases

    @property
    def has_results(self) -> bool:
        return bool(self.results_files)


@dataclass(frozen=True)
class TaskTime:
    """Plan against git for one task: its estimate, the hours of commits touching its paths."""

    id: str
    title: str | None
    status: str | None
    planned_hours: float | None  # the middle of the estimate range
    actual_hours: float | None  # None when there is no history or the task names no paths
    n_commits: int
    tests_created: int  # tests its `tests` globs select
    tests_executed: int

    @property
    def speedup(self) -> float | None:
        if self.planned_hours is None or not self.actual_hours:
            return None
        return self.planned_hours / self.actual_hours


@dataclass(frozen=True)
class DayActivity:
    """One day of the timeline: tests written against tests run."""

    day: date
    tests_created: int  # net test definitions added that day (removals count negative)
    cases_executed: int  # cases in results files stamped that day
    commits: int
    created_by_category: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class TimeFigures:
    """Planned against actual hours, and the timeline. Actual figures are None without history."""

    settings: TimeSettings
    history_available: bool
    history_note: str | None  # why history is missing or partial (SC902)
    n_commits: int
    n_sessions: int
    actual_hours: float | None
    planned_hours: float | None  # the plan's sprint.planned_hours, else the sum of task estimates
    planned_done_hours: float | None  # estimates of the tasks claimed done
    tasks: tuple[TaskTime, ...]
    churn: tuple[tuple[str, int, int], ...]  # (kind, lines added, lines removed)
    timeline: tuple[DayActivity, ...]
    newest_change: datetime | None  # the newest commit that touched tests or source

    @property
    def speedup(self) -> float | None:
        if self.planned_hours is None or not self.actual_hours:
            return None
        return self.planned_hours / self.actual_hours


# --- coverage (read from coverage.py data, Cobertura XML or coverage.json) -----------------------


@dataclass(frozen=True)
class CoverageCount:
    """Measured units of some code. The percentage means what `coverage report` means: statements
    and branches together when branch data exists."""

    statements: int = 0
    covered_statements: int = 0
    branches: int = 0
    covered_branches: int = 0

    def __add__(self, other: CoverageCount) -> CoverageCount:
        return CoverageCount(
            self.statements + other.statements,
            self.covered_statements + other.covered_statements,
            self.branches + other.branches,
            self.covered_branches + other.covered_branches,
        )

    @property
    def missing_statements(self) -> int:
        return self.statements - self.covered_statements

    @property
    def percent(self) -> float | None:
        units = self.statements + self.branches
        if not units:
            return None
        return 100.0 * (self.covered_statements + self.covered_branches) / units


@dataclass(frozen=True)
class ModuleCoverage:
    """One measured source file, path relative to the analysed root."""

    path: str
    count: CoverageCount
    # Statements covered by the tests of each category (from measurement contexts); empty without.
    by_category: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class CoverageData:
    """What one reading of coverage data holds (the current run, or a baseline)."""

    sources: tuple[str, ...]  # the files read, relative to the root
    kind: str  # "coverage.py data", "Cobertura XML", "coverage.json"
    measure: str  # "statements and branches", "statements", "lines (Cobertura line-rate)"
    modules: tuple[ModuleCoverage, ...]
    has_contexts: bool  # per-category figures exist
    unmapped: tuple[str, ...] = ()  # measured paths that map to nothing in the repository

    @property
    def total(self) -> CoverageCount:
        return sum((m.count for m in self.modules), CoverageCount())

    @property
    def has_branches(self) -> bool:
        """Branches were measured (zero branches then means straight-line code, not unknown)."""
        return "branches" in self.measure


@dataclass(frozen=True)
class CategoryCoverage:
    """Statements of the whole measured code that one category's tests executed."""

    category: str
    statements: int
    covered_statements: int
    tests_executed: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.covered_statements / self.statements if self.statements else None


@dataclass(frozen=True)
class TargetResult:
    target: CoverageTarget
    count: CoverageCount | None  # None when the target selects nothing measured

    @property
    def achieved(self) -> float | None:
        return self.count.percent if self.count else None


@dataclass(frozen=True)
class ModuleChange:
    path: str
    before: float | None  # None: not measured in the baseline
    after: float | None


@dataclass(frozen=True)
class CoverageReport:
    data: CoverageData
    categories: tuple[CategoryCoverage, ...]  # empty when the data has no contexts
    target: float | None
    targets: tuple[TargetResult, ...]
    baseline: CoverageData | None = None
    changes: tuple[ModuleChange, ...] = ()

    @property
    def percent(self) -> float | None:
        return self.data.total.percent


# --- completion, criteria and failure modes -----------------------------------------------------


@dataclass(frozen=True)
class TaskEvidence:
    """How far the evidence carries one task. Each evidence test climbs three steps from merely
    existing: it ran, it passed, and it can fail (not hollow); the task's evidence is the share of
    those steps its tests reached. `evidence` is None for a task with no evidence selectors."""

    task: TaskPlan
    weight: float  # the middle of its estimate; 1.0 for every task when no task has one
    claimed: float | None  # its own progress: done 1.0, todo 0.0, progress as given
    tests: tuple[str, ...]  # node ids of the evidence tests
    n_executed: int
    n_passing: int
    n_solid: int  # passing and not hollow

    @property
    def evidence(self) -> float | None:
        if not self.task.tests:
            return None
        if not self.tests:
            return 0.0
        return (self.n_executed + self.n_passing + self.n_solid) / (3 * len(self.tests))


@dataclass(frozen=True)
class Completion:
    claimed: float | None  # percent, from [claims] completion
    evidence: float | None  # percent; None when the plan has no tasks
    tasks: tuple[TaskEvidence, ...]
    equal_weights: bool  # no task had an estimate, so every task weighs the same


@dataclass(frozen=True)
class CriterionResult:
    criterion: CriterionPlan
    achieved: float | None  # None when the data for the metric is absent

    @property
    def met(self) -> bool | None:
        if self.achieved is None:
            return None
        target, value = self.criterion.target, self.achieved
        return {
            ">=": value >= target,
            ">": value > target,
            "<=": value <= target,
            "<": value < target,
            "==": value == target,
        }[self.criterion.op]


@dataclass(frozen=True)
class FailureModeStatus:
    mode: FailureModePlan
    tests: tuple[str, ...]  # node ids of the guarding tests found
    n_executed: int
    n_passing: int

    @property
    def state(self) -> str:
        """unguarded / never ran / failing / guarded."""
        if not self.tests:
            return "unguarded"
        if not self.n_executed:
            return "never ran"
        return "failing" if self.n_passing < self.n_executed else "guarded"


FigureValue = Union[int, float, str, None]


@dataclass(frozen=True)
class Finding:
    """One flagged gap between claim and evidence.

    `key` identifies the finding across runs (with the code and category it makes the fingerprint
    that review marks attach to), so it must not contain counts that change from run to run.
    """

    code: str
    severity: Severity
    title: str
    detail: str
    category: str | None = None
    figures: tuple[tuple[str, FigureValue], ...] = ()
    evidence: tuple[Location, ...] = ()
    key: str = ""
    quote: str | None = None  # the offending source lines, for findings about a test's code

    @property
    def family(self) -> str:
        return {
            "1": "execution",
            "2": "honesty",
            "3": "time",
            "4": "coverage",
            "5": "risk",
            "9": "input",
        }[self.code[2]]

    @property
    def fingerprint(self) -> str:
        return ":".join((self.code, self.category or "", self.key))


@dataclass(frozen=True)
class SprintReport:
    snapshot: Snapshot
    findings: tuple[Finding, ...]

    def worst_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

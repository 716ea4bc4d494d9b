"""Join the inventory and the streamed results into a Snapshot.

Cases are folded in one at a time as the results reader streams them, so memory grows with the
number of test definitions, never with the number of cases.
"""

from __future__ import annotations

from collections import defaultdict

from sprintcheck.analysis.categories import OTHER, assign, infer_categories
from sprintcheck.analysis.matching import TestIndex
from sprintcheck.globs import matches
from sprintcheck.model import (
    CaseCounts,
    CaseResult,
    CategoryPlan,
    CategorySummary,
    InputProblem,
    Inventory,
    Location,
    Outcome,
    Plan,
    ResultsFile,
    Snapshot,
    TestCounts,
    TestHonesty,
    TestRecord,
    TestStatus,
    UnmatchedResults,
)

_SLOT = {
    Outcome.PASSED: 0,
    Outcome.FAILED: 1,
    Outcome.ERROR: 2,
    Outcome.SKIPPED: 3,
    Outcome.XFAILED: 4,
}
_EXECUTED = (Outcome.PASSED, Outcome.FAILED, Outcome.ERROR)
UNMATCHED_EXAMPLES = 10


def _counts(slots: list[int]) -> CaseCounts:
    return CaseCounts(*slots)


class SnapshotBuilder:
    """Accumulates cases (`add_case` is the results reader's callback), then `build`s the Snapshot."""

    def __init__(self, plan: Plan, inventory: Inventory):
        self.plan = plan
        self.inventory = inventory
        self._index = TestIndex(inventory.tests)
        self._tallies: dict[int, list[int]] = {}
        self._messages: dict[int, str] = {}
        self._seconds: dict[int, float] = {}
        self._unmatched = [0] * len(_SLOT)
        self._unmatched_by_file: dict[str, list[str]] = defaultdict(list)
        self._unmatched_counts: dict[str, int] = defaultdict(int)
        self._cases_per_file: dict[str, int] = defaultdict(int)

    def cases_read(self, results_file: str) -> int:
        """How many cases of `results_file` were folded in (also when it broke off midway)."""
        return self._cases_per_file[results_file]

    def add_case(self, case: CaseResult) -> None:
        self._cases_per_file[case.results_file] += 1
        found = self._index.find(case)
        if found is None and case.collection_failure:
            # pytest counts it as an error, and so do the totals; it names a module, not a test
            # that went missing, so it is reported as the broken run it is (SC901), not as SC105.
            slots = self._unmatched
        elif found is None:
            slots = self._unmatched
            self._unmatched_counts[case.results_file] += 1
            examples = self._unmatched_by_file[case.results_file]
            if len(examples) < UNMATCHED_EXAMPLES:
                examples.append(f"{case.classname}::{case.name}" if case.classname else case.name)
        else:
            slots = self._tallies.setdefault(found, [0] * len(_SLOT))
            if case.message and found not in self._messages and case.worst is not Outcome.PASSED:
                self._messages[found] = case.message
            if case.time is not None and case.worst in _EXECUTED:
                self._seconds[found] = self._seconds.get(found, 0.0) + case.time
        for outcome in case.outcomes:
            slots[_SLOT[outcome]] += 1

    def build(
        self,
        results_files: tuple[ResultsFile, ...],
        problems: tuple[InputProblem, ...],
        results_searched: tuple[str, ...],
        honesty: dict[Location, TestHonesty] | None = None,
    ) -> Snapshot:
        planned = self.plan.categories
        records = tuple(
            TestRecord(
                test=test,
                category=assign(test.path, planned),
                cases=_counts(self._tallies.get(i, [0] * len(_SLOT))),
                message=self._messages.get(i),
                seconds=self._seconds.get(i),
                honesty=None if honesty is None else honesty.get(test.location),
            )
            for i, test in enumerate(self.inventory.tests)
        )
        categories = planned or infer_categories(test.path for test in self.inventory.tests)
        if any(record.category == OTHER for record in records):
            categories = (*categories, CategoryPlan(name=OTHER, paths=("**",)))
        runners = {f.path: f.runner for f in results_files}
        unmatched = tuple(
            UnmatchedResults(
                results_file=path,
                runner=runners.get(path, "unknown"),
                n_cases=self._unmatched_counts[path],
                examples=tuple(examples),
            )
            for path, examples in self._unmatched_by_file.items()
        )
        return Snapshot(
            plan=self.plan,
            inventory_files=self.inventory.files_scanned,
            categories=tuple(
                _summarise(category, records, honesty is not None) for category in categories
            ),
            records=records,
            results_files=results_files,
            unmatched_cases=_counts(self._unmatched),
            unmatched=unmatched,
            problems=(*self.inventory.problems, *problems, *self._unused_globs()),
            results_searched=results_searched,
        )

    def _unused_globs(self) -> tuple[InputProblem, ...]:
        """Plan category globs that select no test file: usually a typo or a moved folder."""
        source = str(self.plan.source.name) if self.plan.source else "plan"
        paths = {test.path for test in self.inventory.tests}
        return tuple(
            InputProblem(
                path=source,
                message=f"category[{i}].paths[{j}] {glob!r} selects no test file",
            )
            for i, category in enumerate(self.plan.categories)
            for j, glob in enumerate(category.paths)
            if not any(matches(path, glob) for path in paths)
        )


def _summarise(
    category: CategoryPlan, records: tuple[TestRecord, ...], honesty_read: bool
) -> CategorySummary:
    mine = [record for record in records if record.category == category.name]
    statuses = [record.status for record in mine]
    hollow = [record.honesty is not None and record.honesty.hollow for record in mine]
    timed = [record.seconds for record in mine if record.seconds is not None]
    return CategorySummary(
        name=category.name,
        paths=category.paths,
        planned=category.planned,
        tests=TestCounts(
            n_created=len(mine),
            n_executed=sum(s in (TestStatus.PASSED, TestStatus.FAILED) for s in statuses),
            n_passing=statuses.count(TestStatus.PASSED),
            n_failing=statuses.count(TestStatus.FAILED),
            n_skipped=statuses.count(TestStatus.SKIPPED),
            n_hollow=sum(hollow) if honesty_read else None,
            n_passing_not_hollow=sum(
                status is TestStatus.PASSED and not is_hollow
                for status, is_hollow in zip(statuses, hollow)
            )
            if honesty_read
            else None,
        ),
        cases=sum((record.cases for record in mine), CaseCounts()),
        seconds=sum(timed),
        n_timed=len(timed),
        expected_seconds=category.expected_seconds,
    )

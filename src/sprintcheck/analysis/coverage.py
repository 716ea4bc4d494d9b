"""Coverage beside the plan: per category (from measurement contexts), against the targets, and
before/after a baseline. Pure: the coverage data is read elsewhere and passed in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sprintcheck.globs import matches_any
from sprintcheck.model import (
    CategoryCoverage,
    CategorySummary,
    CoverageCount,
    CoverageData,
    CoverageReport,
    CoverageTarget,
    ModuleChange,
    Plan,
    TargetResult,
    TestRecord,
)

_AMBIGUOUS = ""


def context_categories(records: tuple[TestRecord, ...]) -> Callable[[str], str | None]:
    """The category of the test a measurement context names, or None for anything else.

    pytest-cov's contexts are node ids (`tests/unit/test_a.py::test_x`, already stripped of
    `|run`); coverage's own `test_function` contexts are dotted names (`unit.test_a.test_x`) whose
    module part is some suffix of the test file's path, depending on how pytest imported it.
    """
    by_path = {record.test.path: record.category for record in records}
    by_module: dict[str, str] = {}
    for path, category in by_path.items():
        parts = path.removesuffix(".py").split("/")
        for i in range(len(parts)):
            module = ".".join(parts[i:])
            # A suffix shared by files of two categories says nothing about either.
            by_module[module] = category if by_module.get(module, category) == category else _AMBIGUOUS

    def category_of(context: str) -> str | None:
        if "::" in context:
            path = context.split("::", 1)[0]
            return by_path.get(path) or _by_suffix(path)
        parts = context.split(".")
        for end in range(len(parts) - 1, 0, -1):
            found = by_module.get(".".join(parts[:end]))
            if found is not None:
                return found or None
        return None

    def _by_suffix(path: str) -> str | None:
        found = by_module.get(path.removesuffix(".py").replace("/", "."))
        return found or None

    return category_of


def coverage_report(
    plan: Plan,
    data: CoverageData,
    baseline: CoverageData | None,
    categories: tuple[CategorySummary, ...],
) -> CoverageReport:
    statements = data.total.statements
    covered: dict[str, int] = defaultdict(int)
    for module in data.modules:
        for name, n in module.by_category:
            covered[name] += n
    by_category = (
        tuple(
            CategoryCoverage(c.name, statements, covered.get(c.name, 0), c.tests.n_executed)
            for c in categories
        )
        if data.has_contexts
        else ()
    )
    return CoverageReport(
        data=data,
        categories=by_category,
        target=plan.coverage_settings.target,
        targets=tuple(
            TargetResult(target, _target_count(target, data, by_category))
            for target in plan.coverage_settings.targets
        ),
        baseline=baseline,
        changes=_changes(data, baseline) if baseline else (),
    )


def _target_count(
    target: CoverageTarget, data: CoverageData, categories: tuple[CategoryCoverage, ...]
) -> CoverageCount | None:
    if target.category is not None:
        found = next((c for c in categories if c.category == target.category), None)
        return CoverageCount(found.statements, found.covered_statements) if found else None
    selected = [m.count for m in data.modules if matches_any(m.path, target.modules)]
    return sum(selected, CoverageCount()) if selected else None


def _changes(data: CoverageData, baseline: CoverageData) -> tuple[ModuleChange, ...]:
    after = {m.path: m.count.percent for m in data.modules}
    before = {m.path: m.count.percent for m in baseline.modules}
    return tuple(
        ModuleChange(path, before.get(path), after.get(path)) for path in sorted(after | before)
    )

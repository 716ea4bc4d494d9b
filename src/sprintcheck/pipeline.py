"""From a folder (or plan file) to a SprintReport: read every input once, then join and check.

This is the one place that calls the readers; the TUI and the headless reporters both start here,
so they can never show different figures.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from sprintcheck.analysis.categories import assign
from sprintcheck.analysis.completion import completion
from sprintcheck.analysis.coverage import context_categories, coverage_report
from sprintcheck.analysis.criteria import evaluate_criteria
from sprintcheck.analysis.failure_modes import failure_modes
from sprintcheck.analysis.honesty import apply_ignores
from sprintcheck.analysis.snapshot import SnapshotBuilder
from sprintcheck.analysis.time_report import time_figures
from sprintcheck.checks import run_checks
from sprintcheck.errors import JUnitError, NoDataError, UsageError
from sprintcheck.model import (
    CoverageReport,
    InputProblem,
    Plan,
    ResultsFile,
    Snapshot,
    SprintReport,
)
from sprintcheck.sources.collection_walk import CollectionRules
from sprintcheck.sources.coverage_data import read_coverage
from sprintcheck.sources.definition_count import definition_counter
from sprintcheck.sources.discovery import select_coverage, select_results
from sprintcheck.sources.history import read_history
from sprintcheck.sources.honesty import inspect_honesty
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.junit import read_results
from sprintcheck.sources.plan import find_plan, inferred_plan, read_plan
from sprintcheck.sources.pytest_config import read_pytest_config
from sprintcheck.sources.timeline import read_test_timeline


@dataclass(frozen=True)
class Inputs:
    """What the user pointed at: a folder, an optional plan file, optional results and coverage
    globs (which replace the plan's), an optional baseline coverage file."""

    target: Path
    plan_file: Path | None = None
    junit: tuple[str, ...] = ()
    coverage: tuple[str, ...] = ()
    baseline_coverage: Path | None = None


def load_plan(inputs: Inputs) -> Plan:
    """The plan, its root absolute (so a report never names the folder ".")."""
    plan = _plan(inputs)
    return replace(plan, root=plan.root.resolve())


def _plan(inputs: Inputs) -> Plan:
    target = inputs.target
    if not target.exists():
        raise UsageError("no such file or folder", path=target)
    if inputs.plan_file is not None:
        return read_plan(inputs.plan_file)
    if target.is_file():
        return read_plan(target)
    found = find_plan(target)
    return read_plan(found) if found else inferred_plan(target)


def analyze(inputs: Inputs) -> SprintReport:
    plan = load_plan(inputs)
    root = plan.root.resolve()
    config = read_pytest_config(root)
    inventory = scan_tests(root, config)
    patterns, origin = (
        (inputs.junit, "--junit")
        if inputs.junit
        else (plan.junit, f"{plan.source.name if plan.source else 'plan'}: results.junit")
    )
    selection = select_results(root, patterns, origin)
    builder = SnapshotBuilder(plan, inventory)
    files, problems = _read_results(selection.files, root, builder)
    # With a plan there is always something to report: a plan written before the work (imported
    # by `init --from`) is compared with nothing done yet, which is the honest picture.
    if not inventory.tests and not files and plan.source is None:
        raise NoDataError(
            "no tests and no results found: expected test files "
            f"({', '.join(config.python_files)}) or JUnit XML results",
            path=inputs.target,
        )
    history = read_history(root, plan.sprint.start, plan.sprint.end)
    # The files the inventory's walk would collect, by the same rules, at every path in history;
    # what reading the rules finds is already among the inventory's problems.
    collected = CollectionRules(root, config, []).is_collected
    timeline = read_test_timeline(root, history, collected, definition_counter(config))
    found, honesty_problems = inspect_honesty(root, inventory.tests, plan.honesty.assertion_helpers)
    snapshot = builder.build(
        files,
        (*selection.problems, *problems, *timeline.problems, *honesty_problems),
        selection.searched,
        apply_ignores(found, plan.honesty.ignores),
    )
    created = timeline.per_day_by(lambda path: assign(path, plan.categories))
    time = time_figures(plan, history, created, files, snapshot.records)
    coverage, coverage_problems = _read_coverage(plan, root, inputs, snapshot)
    snapshot = replace(
        snapshot,
        problems=snapshot.problems + coverage_problems,
        coverage=coverage,
        time=time,
        completion=completion(plan, snapshot.records),
        failure_modes=failure_modes(plan, snapshot.records),
    )
    # Criteria read every other figure, so they come last.
    snapshot = replace(snapshot, criteria=evaluate_criteria(snapshot))
    return SprintReport(snapshot=snapshot, findings=run_checks(snapshot))


def _read_coverage(
    plan: Plan, root: Path, inputs: Inputs, snapshot: Snapshot
) -> tuple[CoverageReport | None, tuple[InputProblem, ...]]:
    """The coverage data (and the baseline's) beside the plan's targets; absent data is None."""
    settings = plan.coverage_settings
    patterns, origin = (
        (inputs.coverage, "--coverage")
        if inputs.coverage
        else (plan.coverage, f"{plan.source.name if plan.source else 'plan'}: results.coverage")
    )
    selection = select_coverage(root, patterns, origin)
    category_of = context_categories(snapshot.records)
    data, problems = read_coverage(selection.files, root, settings.remap, category_of)
    problems = (*selection.problems, *problems)
    if data is None:
        return None, problems
    baseline_file = inputs.baseline_coverage or (
        root / settings.baseline if settings.baseline else None
    )
    baseline = None
    if baseline_file is not None:
        if baseline_file.exists():
            baseline, found = read_coverage((baseline_file.resolve(),), root, settings.remap)
            problems += found
        else:
            problems += (InputProblem(str(baseline_file), "the baseline coverage file does not exist"),)
    return coverage_report(plan, data, baseline, snapshot.categories), problems


def _read_results(
    paths: tuple[Path, ...], root: Path, builder: SnapshotBuilder
) -> tuple[tuple[ResultsFile, ...], tuple[InputProblem, ...]]:
    """Stream every results file into the builder; a bad file is a problem, never a stop."""
    files: list[ResultsFile] = []
    problems: list[InputProblem] = []
    for path in paths:
        shown = Path(os.path.relpath(path, root)).as_posix()
        try:
            results = read_results(path, shown, builder.add_case)
        except JUnitError as err:
            problems.append(InputProblem(path=shown, message=_place_and_message(err)))
            # Cases read before a file broke off did run; keep the file so they are not orphans.
            if builder.cases_read(shown):
                files.append(ResultsFile(shown, "unknown", builder.cases_read(shown)))
            continue
        files.append(results)
        if results.internal_error:
            message = f"the test run broke off ({results.internal_error}); results are incomplete"
            problems.append(InputProblem(path=shown, message=message))
        for module, error in results.collection_errors:
            message = f"pytest could not collect {module} ({error}); its tests did not run"
            problems.append(InputProblem(path=shown, message=message))
    return tuple(files), tuple(problems)


def _place_and_message(err: JUnitError) -> str:
    return f"{err.place}: {err.message}" if err.place else err.message

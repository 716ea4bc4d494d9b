"""The evidence sections every reporter shows (completion, criteria, failure modes, coverage), as
plain titled tables, so the text, Markdown and minutes views hold the same figures in one order.
A section whose input is absent says what is missing instead of showing zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

from sprintcheck.model import (
    Completion,
    CoverageReport,
    CriterionResult,
    FailureModeStatus,
    Snapshot,
)

MODULES_SHOWN = 15


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()  # sentences before the table
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    notes: tuple[str, ...] = ()  # after the table


def percent(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f} %"


def evidence_sections(snapshot: Snapshot) -> list[Section]:
    sections = []
    if snapshot.completion is not None:
        sections.append(completion_section(snapshot.completion))
    if snapshot.criteria:
        sections.append(criteria_section(snapshot.criteria))
    if snapshot.failure_modes:
        sections.append(failure_mode_section(snapshot.failure_modes))
    sections += coverage_sections(snapshot)
    return sections


def completion_section(completion: Completion) -> Section:
    if completion.evidence is None:
        return Section(
            "Completion",
            (
                f"claimed {percent(completion.claimed)}; evidence unknown: the plan has no tasks. "
                "Add [[task]] entries with estimate_hours and tests to measure it.",
            ),
        )
    unverifiable = [t.task.id for t in completion.tasks if t.evidence is None]
    return Section(
        "Completion",
        (
            f"claimed {percent(completion.claimed)} · evidence {percent(completion.evidence, 1)} "
            "= Σ weight × evidence ÷ Σ weight",
        ),
        notes=tuple(
            note
            for note in (
                "A task weighs the middle of its estimate; its evidence tests count 1 passed and "
                "able to fail, ⅔ passed but hollow, ⅓ ran and failed, 0 never ran.",
                "No task has an estimate: every task weighs the same." if completion.equal_weights else "",
                f"Unverifiable (no evidence tests named, counted 0): {', '.join(unverifiable)}."
                if unverifiable
                else "",
            )
            if note
        ),
    )


def criteria_section(criteria: tuple[CriterionResult, ...]) -> Section:
    return Section(
        "Success criteria",
        columns=("criterion", "target", "achieved", "met"),
        rows=tuple(
            (
                r.criterion.name,
                f"{r.criterion.metric} {r.criterion.op} {r.criterion.target:g}",
                "no data" if r.achieved is None else f"{r.achieved:.4g}",
                {True: "yes", False: "NO", None: "—"}[r.met],
            )
            for r in criteria
        ),
    )


def failure_mode_section(modes: tuple[FailureModeStatus, ...]) -> Section:
    return Section(
        "Failure modes",
        columns=("failure mode", "tests", "ran", "passing", "state"),
        rows=tuple(
            (s.mode.name, str(len(s.tests)), str(s.n_executed), str(s.n_passing), s.state)
            for s in modes
        ),
        notes=(f"{sum(s.state == 'unguarded' for s in modes)} of {len(modes)} unguarded.",),
    )


def coverage_sections(snapshot: Snapshot) -> list[Section]:
    report = snapshot.coverage
    plan = snapshot.plan
    if report is None:
        settings = plan.coverage_settings
        targets = len(settings.targets) + (settings.target is not None)
        if not (plan.coverage or targets or plan.claims.coverage):
            return []
        unchecked = f" {targets} coverage targets are not checked." if targets else ""
        return [
            Section(
                "Coverage",
                (
                    "No coverage data was read: point results.coverage at .coverage, "
                    f"coverage.xml or coverage.json.{unchecked}",
                ),
            )
        ]
    return [_coverage_summary(report), *_coverage_tables(report)]


def _coverage_summary(report: CoverageReport) -> Section:
    data = report.data
    total = data.total
    line = (
        f"{percent(report.percent, 2)} of {total.statements} statements"
        + (f" and {total.branches} branches" if total.branches else "")
        + f" ({data.measure}; {data.kind}: {', '.join(data.sources)})"
    )
    if report.target is not None:
        line += f" · target {report.target:g} %"
    if report.baseline is not None:
        line += f" · baseline {percent(report.baseline.total.percent, 2)}"
    notes = () if data.has_contexts else (
        "No measurement contexts in the data: coverage per category is unknown "
        "(record with --cov-context=test or dynamic_context = test_function).",
    )
    if data.unmapped:
        notes += (f"{len(data.unmapped)} measured files map to nothing in the repository.",)
    return Section("Coverage", (line,), notes=notes)


def _coverage_tables(report: CoverageReport) -> list[Section]:
    tables = []
    if report.categories:
        tables.append(
            Section(
                "Coverage per category (statements its tests ran)",
                columns=("category", "tests ran", "covered", "of", "coverage"),
                rows=tuple(
                    (c.category, str(c.tests_executed), str(c.covered_statements),
                     str(c.statements), percent(c.percent, 2))
                    for c in report.categories
                ),
            )
        )
    if report.targets:
        tables.append(
            Section(
                "Coverage targets",
                columns=("target", "goal", "achieved", "claimed", "met"),
                rows=tuple(
                    (
                        r.target.label,
                        f"{r.target.percent:g} %",
                        percent(r.achieved, 2),
                        percent(r.target.claimed, 2),
                        "—" if r.achieved is None else ("yes" if r.achieved >= r.target.percent else "NO"),
                    )
                    for r in report.targets
                ),
            )
        )
    if report.changes:
        changed = [c for c in report.changes if c.before != c.after]
        tables.append(
            Section(
                "Coverage against the baseline",
                columns=("module", "before", "after", "change"),
                rows=tuple(
                    (
                        c.path,
                        percent(c.before, 2),
                        percent(c.after, 2),
                        "new" if c.before is None else "gone" if c.after is None
                        # the difference of the figures shown, so the row adds up as printed
                        else f"{round(c.after, 2) - round(c.before, 2):+.2f}",
                    )
                    for c in changed[:MODULES_SHOWN]
                ),
                notes=(f"… and {len(changed) - MODULES_SHOWN} more changed modules (all in --format json).",)
                if len(changed) > MODULES_SHOWN
                else (),
            )
        )
    return tables

"""6 Coverage: overall, per category and per module against the targets, before and after."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from sprintcheck.model import CoverageReport, Plan, SprintReport
from sprintcheck.report.sections import coverage_sections, percent
from sprintcheck.tui.screens.base import ReportScreen, absent
from sprintcheck.tui.widgets.bars import meter
from sprintcheck.tui.widgets.section import section

BAR = 30
MODULES_SHOWN = 200


def no_coverage(plan: Plan) -> str:
    if plan.coverage:
        return (
            f"No coverage data was read: the plan names {', '.join(plan.coverage)}, and none of it "
            "could be used (see the input findings, SC9xx)."
        )
    return (
        "No coverage data. Run the tests under coverage.py and add "
        'coverage = [".coverage"] (or coverage.xml, coverage.json) under [results] in the plan.'
    )


def gauge(coverage: CoverageReport) -> RenderableType:
    """The overall figure as a bar, with the target marked on it."""
    value = coverage.percent
    if value is None:
        return absent("The coverage data measured no code.")
    below = coverage.target is not None and value < coverage.target
    # To 0.01, as the sections below and the headless reports give the measured figure.
    line = Text.assemble((f"{percent(value, 2)} ", "bold"))
    line.append_text(meter(value, coverage.target, BAR, "red" if below else "green"))
    line.append(
        f"  target {coverage.target:g} %" if coverage.target is not None else "  no target set"
    )
    return Group(line, Text(""))


def modules(coverage: CoverageReport) -> RenderableType:
    table = Table(
        title="Per module", title_justify="left", title_style="bold", box=None,
        pad_edge=False, header_style="bold underline", padding=(0, 1),
    )  # fmt: skip
    for i, name in enumerate(("module", "statements", "missing", "coverage")):
        table.add_column(name, justify="left" if i == 0 else "right", no_wrap=i > 0)
    for module in coverage.data.modules[:MODULES_SHOWN]:
        count = module.count
        table.add_row(
            module.path,
            str(count.statements),
            str(count.missing_statements),
            percent(count.percent, 2),
        )
    more = len(coverage.data.modules) - MODULES_SHOWN
    return Group(table, Text(f"… and {more} more modules" if more > 0 else "", style="dim"))


class CoverageScreen(ReportScreen):
    MODE = "coverage"
    TITLE = "Coverage"

    def compose_view(self) -> ComposeResult:
        with VerticalScroll(id="coverage-view"):
            yield Static(id="coverage-gauge")
            yield Static(id="coverage-sections")
            yield Static(id="coverage-modules")

    def show_report(self, report: SprintReport) -> None:
        coverage = report.snapshot.coverage
        self.query_one("#coverage-modules").display = coverage is not None
        if coverage is None:
            self.query_one("#coverage-gauge", Static).update(
                absent(no_coverage(report.snapshot.plan))
            )
            self.query_one("#coverage-sections", Static).update("")
            return
        self.query_one("#coverage-gauge", Static).update(gauge(coverage))
        parts = [section(part) for part in coverage_sections(report.snapshot)]
        if coverage.baseline is None:
            parts.append(
                absent(
                    "No baseline: set [coverage] baseline to a coverage file to see before "
                    "and after.\n"
                )
            )
        self.query_one("#coverage-sections", Static).update(Group(*parts))
        self.query_one("#coverage-modules", Static).update(modules(coverage))

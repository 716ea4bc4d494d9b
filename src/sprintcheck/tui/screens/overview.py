"""1 Overview: the sprint in one glance, verdict first and biggest."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import CategorySummary, Severity, Snapshot, SprintReport
from sprintcheck.report.figures import sprint_title
from sprintcheck.review import NOT_DISCUSSED, Review
from sprintcheck.tui.screens.base import ReportScreen, absent
from sprintcheck.tui.widgets.bars import meter, stacked_bar
from sprintcheck.tui.widgets.verdict import VerdictBanner

TOP_FINDINGS = 4  # at most, on a screen of up to 30 lines; each line more shows one more
ROOMY = 30
BAR = 16
SEVERITY_STYLES = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _number(value: int | None) -> str:
    return "—" if value is None else str(value)


def funnel(snapshot: Snapshot) -> Text:
    tests = snapshot.tests
    steps = [
        (tests.n_created, "created"),
        (tests.n_executed, "executed"),
        (tests.n_passing, "passing"),
        (tests.n_passing_not_hollow, "not hollow"),
    ]
    line = Text.assemble(("Funnel  ", "bold"))
    for i, (count, label) in enumerate(steps):
        if i:
            line.append(" → ", style="dim")
        line.append(_number(count), style="bold")
        line.append(f" {label}")
    if tests.n_passing_not_hollow is None:
        line.append("  (hollow unknown: the test code was not read)", style="italic")
    return line


def _percent(value: float | None, digits: int = 0) -> str:
    """As the headless reports write it: a claim as given, completion to 0.1, coverage to 0.01."""
    return "—" if value is None else f"{value:.{digits}f} %"


def _claimed(value: float | None) -> str:
    return "—" if value is None else f"{value:g} %"


def claims(snapshot: Snapshot) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("Completion", _completion(snapshot))
    table.add_row("Speedup", _speedup(snapshot))
    table.add_row("Coverage", _coverage(snapshot))
    if snapshot.criteria:
        met = sum(result.met is True for result in snapshot.criteria)
        table.add_row("Criteria", f"{met} of {len(snapshot.criteria)} met (4 Tasks lists them)")
    if snapshot.failure_modes:
        open_modes = sum(status.state != "guarded" for status in snapshot.failure_modes)
        table.add_row(
            "Risks",
            f"{open_modes} of {len(snapshot.failure_modes)} failure modes not guarded by passing "
            "tests (4 Tasks)",
        )
    return table


def _completion(snapshot: Snapshot) -> Text:
    done = snapshot.completion
    claimed = snapshot.plan.claims.completion
    if done is None or done.evidence is None:
        why = (
            "the plan has no [[task]] entries with `tests = [...]` to judge them by"
            if not any(task.tests for task in snapshot.plan.tasks)
            else "not computed for this report"
        )
        head = f"claimed {_claimed(claimed)}; " if claimed is not None else ""
        return Text.assemble(head, absent(f"evidence-based completion unknown: {why}"))
    text = Text.assemble("claimed ", (_claimed(done.claimed), "bold"), " · evidence ")
    text.append(_percent(done.evidence, 1), style="bold")
    return text


def _speedup(snapshot: Snapshot) -> Text:
    time = snapshot.time
    if time is None or not time.history_available:
        note = time.history_note if time else "no time figures"
        return absent(f"unknown: {note}")
    if time.speedup is None:
        return absent(
            "unknown: the plan gives no planned hours (sprint.planned_hours or task estimates)"
        )
    return Text.assemble(
        (f"{time.speedup:.1f}×", "bold"),
        f"  {time.planned_hours:.1f} h planned · {time.actual_hours:.1f} h in git",
    )


def _coverage(snapshot: Snapshot) -> Text:
    coverage = snapshot.coverage
    if coverage is None:
        return absent('no coverage data: add coverage = [".coverage"] under [results] in the plan')
    percent = coverage.percent
    if percent is None:
        return absent(f"the coverage data ({', '.join(coverage.data.sources)}) measured no code")
    below = coverage.target is not None and percent < coverage.target
    text = Text.assemble((_percent(percent, 2), "bold"), " ")
    text.append_text(meter(percent, coverage.target, BAR, "red" if below else "green"))
    text.append(
        f" target {_claimed(coverage.target)}" if coverage.target is not None else " no target"
    )
    return text


def matrix(snapshot: Snapshot) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold underline", padding=(0, 1))
    for i, name in enumerate(("category", "created", "ran", "pass", "solid", "")):
        table.add_column(name, justify="left" if i in (0, 5) else "right", no_wrap=True)
    for category in snapshot.categories:
        table.add_row(*_matrix_row(category))
    tests = snapshot.tests
    table.add_row(
        "total",
        str(tests.n_created),
        str(tests.n_executed),
        str(tests.n_passing),
        _number(tests.n_passing_not_hollow),
        "",
        style="bold",
    )
    return table


def _matrix_row(category: CategorySummary) -> tuple[RenderableType, ...]:
    tests = category.tests
    bar = stacked_bar(
        [
            (tests.n_passing, "█", "green"),
            (tests.n_failing, "▓", "red"),
            (tests.n_created - tests.n_passing - tests.n_failing, "░", "dim"),
        ],
        tests.n_created,
        BAR,
    )
    return (
        category.name,
        str(tests.n_created),
        str(tests.n_executed),
        str(tests.n_passing),
        _number(tests.n_passing_not_hollow),
        bar,
    )


MATRIX_LEGEND = Group(
    Text("█ passing  ▓ failing  ░ never ran or skipped", style="dim"),
    Text("solid: passing, and not hollow", style="dim"),
)


def top_findings(report: SprintReport, review: Review, shown: int = TOP_FINDINGS) -> RenderableType:
    if not report.findings:
        return Text("No findings: the evidence supports the claim.", style="green")
    more = len(report.findings) - shown
    heading = "Most severe findings" if more > 0 else "Findings, most severe first"
    lines = [Text(heading, style="bold")]
    for finding in report.findings[:shown]:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(
            f"{finding.severity.value.upper():<8} ", style=SEVERITY_STYLES[finding.severity]
        )
        line.append(f"{finding.code} ", style="bold")
        line.append(finding.title)
        state = review.state_of(finding)
        if state != NOT_DISCUSSED:
            line.append(f"  [{state}]", style="bold")
        lines.append(line)
    if more > 0:
        lines.append(Text(f"… and {more} more: press 2 for every finding", style="dim"))
    return Group(*lines)


class OverviewScreen(ReportScreen):
    MODE = "overview"
    TITLE = "Overview"

    def compose_view(self) -> ComposeResult:
        with VerticalScroll(id="overview"):
            yield Static(id="sprint-title")
            yield VerdictBanner(id="verdict")
            yield Static(id="headline")
            yield Static(id="funnel")
            with Horizontal(id="overview-columns"):
                with Vertical(id="overview-left"):
                    yield Static(id="matrix")
                with Vertical(id="overview-right"):
                    yield Static(id="claims")
            # Full width under the columns: a finding's title is a sentence, not a cell.
            yield Static(id="top-findings")

    def show_report(self, report: SprintReport) -> None:
        snapshot = report.snapshot
        answer = verdict(report)
        self.query_one("#sprint-title", Static).update(Text(sprint_title(snapshot), style="bold"))
        self.query_one(VerdictBanner).show(answer)
        self.query_one("#headline", Static).update(answer.headline)
        self.query_one("#funnel", Static).update(funnel(snapshot))
        self.query_one("#matrix", Static).update(Group(matrix(snapshot), MATRIX_LEGEND))
        self.query_one("#claims", Static).update(claims(snapshot))
        self.show_review(report, self.sprint_app.review)

    def show_review(self, report: SprintReport, review: Review) -> None:
        shown = TOP_FINDINGS + max(0, self.app.size.height - ROOMY)
        self.query_one("#top-findings", Static).update(top_findings(report, review, shown))

    def on_resize(self) -> None:
        if self.sprint_app.report is not None:
            self.show_review(self.sprint_app.report, self.sprint_app.review)

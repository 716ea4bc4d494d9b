"""4 Tasks: plan against actual per task, and the evidence tests behind each claim."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from sprintcheck.model import SprintReport, TaskEvidence, TaskTime, TestRecord
from sprintcheck.report.figures import TASK_COLUMNS, task_rows, time_summary
from sprintcheck.report.sections import criteria_section, failure_mode_section, percent
from sprintcheck.tui.screens.base import ReportScreen, absent
from sprintcheck.tui.screens.tests import test_label
from sprintcheck.tui.widgets.section import section
from sprintcheck.wording import plural

TESTS_SHOWN = 40
NO_TASKS = (
    "The plan has no [[task]] entries. Add tasks with estimate_hours, status, tests (the evidence) "
    "and paths (where the work lands) to compare plan against actual per task."
)


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{100 * share:.0f} %"


def task_detail(
    task: TaskTime,
    evidence: TaskEvidence | None,
    records: dict[str, TestRecord],
    has_completion: bool,
) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble((f"{task.id} ", "bold"), task.title or ""),
        Text(
            f"status {task.status or '—'} · {plural(task.n_commits, 'commit')} in git on its paths"
        ),
    ]
    if evidence is None:
        why = (
            "evidence-based completion was not computed for this report"
            if not has_completion
            else "this task is not in the completion figures"
        )
        parts.append(absent(f"The tests behind this task are not known: {why}."))
        return Group(*parts)
    plan = evidence.task
    if plan.paths:
        parts.append(Text(f"work lands in {', '.join(plan.paths)}"))
    if not plan.tests:
        parts.append(
            absent("It names no evidence tests (tests = [...]), so nothing can confirm it.")
        )
        return Group(*parts)
    parts.append(
        Text(
            f"judged by {', '.join(plan.tests)}: {len(evidence.tests)} tests, "
            f"{evidence.n_executed} executed, {evidence.n_passing} passing, "
            f"{evidence.n_solid} not hollow → evidence {_percent(evidence.evidence)}"
        )
    )
    for nodeid in evidence.tests[:TESTS_SHOWN]:
        record = records.get(nodeid)
        parts.append(test_label(record) if record else Text(nodeid))
    more = len(evidence.tests) - TESTS_SHOWN
    if more > 0:
        parts.append(Text(f"… and {more} more (3 Tests lists them all)", style="dim"))
    return Group(*parts)


class TasksScreen(ReportScreen):
    MODE = "tasks"
    TITLE = "Tasks"

    def __init__(self) -> None:
        super().__init__()
        self.selected: str | None = None  # task id
        self.records: dict[str, TestRecord] = {}

    def compose_view(self) -> ComposeResult:
        yield Static(id="tasks-summary")
        with Horizontal(classes="split", id="tasks-body"):
            yield DataTable(id="tasks-table", cursor_type="row")
            with VerticalScroll(id="task-detail", classes="detail"):
                yield Static(id="task-text")
        yield Static(id="plan-checks")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in TASK_COLUMNS:
            table.add_column(name, key=name)
        super().on_mount()

    def show_report(self, report: SprintReport) -> None:
        snapshot = report.snapshot
        checks = [
            *([section(criteria_section(snapshot.criteria))] if snapshot.criteria else []),
            *(
                [section(failure_mode_section(snapshot.failure_modes))]
                if snapshot.failure_modes
                else []
            ),
        ]
        plan_checks = self.query_one("#plan-checks", Static)
        plan_checks.display = bool(checks)
        plan_checks.update(Group(*checks))
        time = snapshot.time
        tasks = time.tasks if time else ()
        self.query_one("#tasks-body").display = bool(tasks)
        summary = self.query_one("#tasks-summary", Static)
        if not tasks:
            summary.update(absent(NO_TASKS))
            return
        self.records = {r.test.nodeid: r for r in report.snapshot.records}
        completion = report.snapshot.completion
        claimed = Text("")
        if completion is not None and completion.evidence is not None:
            claimed = Text(  # as the headless reports: the claim as given, evidence to 0.1
                f"completion: claimed {percent(completion.claimed)} · "
                f"evidence {percent(completion.evidence, 1)}"
            )
        summary.update(Group(Text(time_summary(time)), claimed))
        table = self.query_one(DataTable)
        self.selected = self._under_cursor() or self.selected
        table.clear()
        for task, row in zip(tasks, task_rows(time, completion)):
            table.add_row(*row, key=task.id)
        ids = [task.id for task in tasks]
        if self.selected in ids:
            table.move_cursor(row=ids.index(self.selected))
        self._show_detail(report)

    def _under_cursor(self) -> str | None:
        """The task id on the cursor's row now (a RowHighlighted message may lag behind)."""
        table = self.query_one(DataTable)
        if not 0 <= table.cursor_row < table.row_count:
            return None
        return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.selected = self._under_cursor() or event.row_key.value
        if self.sprint_app.report is not None:
            self._show_detail(self.sprint_app.report)

    def _show_detail(self, report: SprintReport) -> None:
        time = report.snapshot.time
        if time is None:
            return
        task = next(
            (t for t in time.tasks if t.id == self.selected), time.tasks[0] if time.tasks else None
        )
        if task is None:
            return
        completion = report.snapshot.completion
        evidence = (
            next((t for t in completion.tasks if t.task.id == task.id), None)
            if completion
            else None
        )
        self.query_one("#task-text", Static).update(
            task_detail(task, evidence, self.records, completion is not None)
        )

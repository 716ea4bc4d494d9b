"""5 Timeline: per day, tests created against tests executed, and commits."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from sprintcheck.model import SprintReport
from sprintcheck.report.figures import churn_summary, time_summary
from sprintcheck.tui.screens.base import ReportScreen, absent
from sprintcheck.tui.widgets.timeline_chart import TimelineChart


class TimelineScreen(ReportScreen):
    MODE = "timeline"
    TITLE = "Timeline"

    def compose_view(self) -> ComposeResult:
        yield Static(id="timeline-summary")
        yield TimelineChart(id="timeline-chart")

    def show_report(self, report: SprintReport) -> None:
        time = report.snapshot.time
        summary = self.query_one("#timeline-summary", Static)
        chart = self.query_one(TimelineChart)
        if time is None or not time.history_available:
            note = time.history_note if time else "no time figures were made"
            summary.update(
                absent(
                    f"No timeline: {note}. The timeline is read from the repository's git history; "
                    "analyse a clone with its full history (not a shallow one)."
                )
            )
            chart.display = False
            return
        if not time.timeline:
            summary.update(
                absent("No commit in the sprint's dates touched tests, and no results are dated.")
            )
            chart.display = False
            return
        chart.display = True
        lines = [Text(time_summary(time))]
        if time.churn:
            lines.append(Text(f"lines changed: {churn_summary(time)}", style="dim"))
        summary.update(Group(*lines))
        chart.show(time.timeline, report.snapshot.plan.sprint)

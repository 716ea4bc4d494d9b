"""What every view shares: the number-key bar, a loading state until the first report, the footer.

A view receives the report pushed down from the app (`show_report`) and rebuilds from it, keeping
its own selection by a stable key; it never reads an input itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from sprintcheck.model import SprintReport
from sprintcheck.review import Review
from sprintcheck.tui.widgets.nav import NavBar

if TYPE_CHECKING:
    from sprintcheck.tui.app import SprintcheckApp


class ReportScreen(Screen[None]):
    MODE: ClassVar[str]
    TITLE: ClassVar[str]

    @property
    def sprint_app(self) -> SprintcheckApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield NavBar(self.sprint_app.VIEWS, self.MODE)
        if self.sprint_app.report is None:
            yield Static(self.sprint_app.loading_message, id="loading")
        with Vertical(id="view"):
            yield from self.compose_view()
        # The view's keys, help, export and quit fit 80 columns only without the palette hint on
        # the right: ctrl+p is the first key the help (?) names.
        yield Footer(compact=True, show_command_palette=False)

    def compose_view(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        self.watch(self.app, "report", self._report_changed)
        self.watch(self.app, "review", self._review_changed, init=False)
        self.watch(self.app, "status", self._status_changed)

    def _report_changed(self, report: SprintReport | None) -> None:
        self.query_one("#view").display = report is not None
        if report is not None:
            # Gone for good once there is a report: a reload shows in the bar, the view stays.
            self.query("#loading").remove()
            self.show_report(report)

    def _review_changed(self, review: Review) -> None:
        report = self.sprint_app.report
        if report is not None:
            self.show_review(report, review)

    def _status_changed(self, status: str) -> None:
        self.query_one(NavBar).status = status

    def show_report(self, report: SprintReport) -> None:
        """Rebuild the view from a new report (first load, reload), keeping the selection."""
        raise NotImplementedError

    def show_review(self, report: SprintReport, review: Review) -> None:
        """A mark changed; views that show marks redraw them."""


def absent(sentence: str) -> Text:
    """What a view says in place of data that is absent: a plain sentence, never zeros."""
    return Text(sentence, style="italic")

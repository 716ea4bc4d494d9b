"""The interactive review: a thin Textual app over `analyze()`.

It does four things: run the analysis in a thread worker (the first screen paints at once, with a
loading indicator), push the immutable report down into the views, save review marks to the review
file the moment they are made, and export the minutes. It computes nothing of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from time import monotonic

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive, var
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from sprintcheck.errors import SprintcheckError
from sprintcheck.model import Finding, SprintReport
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.report.minutes import render_minutes
from sprintcheck.review import (
    Review,
    default_review_path,
    load_review,
    minutes_path,
    save_review,
    with_mark,
    without_mark,
    write_atomic,
)
from sprintcheck.tui.screens.coverage import CoverageScreen
from sprintcheck.tui.screens.findings import FindingsScreen
from sprintcheck.tui.screens.help import HelpScreen
from sprintcheck.tui.screens.overview import OverviewScreen
from sprintcheck.tui.screens.tasks import TasksScreen
from sprintcheck.tui.screens.tests import TestsScreen
from sprintcheck.tui.screens.timeline import TimelineScreen
from sprintcheck.tui.watching import stamps, watched_paths

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"
# The progress shown while analysing is a spinner and a clock in the top bar, ticking twice a
# second: Textual's animated LoadingIndicator repaints so often that, holding the GIL, it made the
# analysis thread twice as slow on a large suite.
TICK_SECONDS = 0.5
SCREENS = (OverviewScreen, FindingsScreen, TestsScreen, TasksScreen, TimelineScreen, CoverageScreen)
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class Loaded:
    report: SprintReport
    review_path: Path
    review: Review | None  # None on a reload: the marks in memory are the newer ones


def load(inputs: Inputs, review_path: Path | None, with_review: bool) -> Loaded:
    """Everything the worker thread does: analyse, then find and read the review file."""
    report = analyze(inputs)
    path = review_path or default_review_path(report.snapshot.plan, inputs.target)
    return Loaded(report, path, load_review(path) if with_review else None)


class SprintcheckApp(App[None]):
    CSS_PATH = "sprintcheck.tcss"
    TITLE = "sprintcheck"
    MODES = {screen.MODE: screen for screen in SCREENS}
    DEFAULT_MODE = OverviewScreen.MODE
    VIEWS = tuple((screen.MODE, screen.TITLE) for screen in SCREENS)
    # Overview columns side by side from 100 columns; list and detail side by side from 150.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]
    BINDINGS = [
        *(
            Binding(
                str(n), f"switch_mode('{screen.MODE}')", screen.TITLE, show=False, id=screen.MODE
            )
            for n, screen in enumerate(SCREENS, start=1)
        ),
        Binding(
            "question_mark",
            "help",
            "Help",
            key_display="?",
            tooltip="Every key, and how a review goes",
            id="help",
        ),
        Binding(
            "r", "reload", "Reload", tooltip="Analyse again, keeping the selection", id="reload"
        ),
        Binding("e", "export", "Export", tooltip="Export the minutes as Markdown", id="export"),
        # The Findings screen binds t itself; from any other screen (or while switching to it,
        # when a fast typist's t reaches the old screen) this opens Findings and jumps.
        Binding(
            "t",
            "next_test_finding",
            "Next test finding",
            show=False,
            tooltip="Open the next finding about a test's own code",
            id="next-test-anywhere",
        ),
        Binding("q", "quit", "Quit", tooltip="Quit (marks are already saved)", id="quit"),
    ]

    report: var[SprintReport | None] = var(None)
    review: var[Review] = var(Review())
    status: reactive[str] = reactive("")

    def __init__(
        self, inputs: Inputs, review_path: Path | None = None, watch: bool = False
    ) -> None:
        super().__init__()
        self.inputs = inputs
        self.review_path = review_path
        self.watching = watch
        self.failure: SprintcheckError | None = None  # a first load that failed: cli reports it
        self._stamps: tuple = ()
        self._load_started = 0.0
        self._ticks = 0

    @property
    def loading_message(self) -> str:
        name = self.inputs.target.name or self.inputs.target
        return f"Analysing {name}: plan, git history, tests, results…"

    def on_mount(self) -> None:
        self.set_interval(TICK_SECONDS, self._tick)
        self.action_reload()
        if self.watching:
            self.set_interval(POLL_SECONDS, self._poll)

    @property
    def _loading(self) -> bool:
        return any(w.group == "load" and w.is_running for w in self.workers)

    def _tick(self) -> None:
        if not self._loading and self._ticks:
            return
        self._ticks += 1
        verb = "loading" if self.report is None else "reloading"
        elapsed = monotonic() - self._load_started
        self.status = f"{SPINNER[self._ticks % len(SPINNER)]} {verb} {elapsed:.0f} s"

    # --- loading ----------------------------------------------------------------------------------

    def action_reload(self) -> None:
        if self.report is not None:
            self._stamps = stamps(watched_paths(self.report, self.inputs.junit))
        self._load_started = monotonic()
        self._ticks = 0
        self._tick()
        self.run_worker(
            partial(load, self.inputs, self.review_path, self.report is None),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="load",
            name="analyze",
        )

    @on(Worker.StateChanged)
    def _load_finished(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "load":
            return
        if event.state is WorkerState.SUCCESS:
            loaded: Loaded = event.worker.result
            self.review_path = loaded.review_path
            if loaded.review is not None:
                self.review = loaded.review
            first = self.report is None
            self.report = loaded.report
            if first:
                self._stamps = stamps(watched_paths(loaded.report, self.inputs.junit))
            self.status = "watching" if self.watching else ""
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            if not isinstance(error, SprintcheckError):
                raise error  # a bug: let Textual show the traceback
            if self.report is None:
                self.failure = error  # nothing to show: quit, and let the command line say why
                self.exit(return_code=2)
            else:
                self.status = "watching" if self.watching else ""
                self.notify(
                    error.one_line(),
                    title="Reload failed; showing the last report",
                    severity="error",
                )

    def _poll(self) -> None:
        """Reload when the plan, a results file or a coverage file changed (and none is running)."""
        if self.report is None or self._loading:
            return
        now = stamps(watched_paths(self.report, self.inputs.junit))
        if now != self._stamps:
            self.action_reload()

    # --- review marks and minutes -----------------------------------------------------------------

    def save_mark(self, finding: Finding, mark: str | None, note: str | None = None) -> None:
        """Record a decision and write the review file at once, so quitting never loses one."""
        self._save(
            with_mark(self.review, finding, mark, note), f"{finding.code}: {mark or 'note saved'}"
        )

    def clear_mark(self, finding: Finding) -> None:
        self._save(without_mark(self.review, finding.fingerprint), f"{finding.code}: mark cleared")

    def _save(self, review: Review, done: str) -> None:
        if self.review_path is None:
            self.notify(
                "Still loading: marks can be made once the report is shown.", severity="warning"
            )
            return
        try:
            save_review(self.review_path, review)
        except SprintcheckError as err:
            self.notify(err.one_line(), title="Mark NOT saved", severity="error", timeout=10)
            return
        self.review = review
        self.notify(f"{done} (saved to {self._shown(self.review_path)})", timeout=3)

    async def action_next_test_finding(self) -> None:
        await self.switch_mode(FindingsScreen.MODE)
        screen = self.screen
        if isinstance(screen, FindingsScreen):
            screen.action_next_test_finding()

    def action_export(self) -> None:
        if self.report is None or self.review_path is None:
            self.notify("Still loading: nothing to export yet.", severity="warning")
            return
        path = minutes_path(self.review_path, self.report.snapshot.plan.sprint.name)
        try:
            write_atomic(path, render_minutes(self.report, self.review))
        except SprintcheckError as err:
            self.notify(err.one_line(), title="Minutes NOT written", severity="error", timeout=10)
            return
        self.notify(f"Minutes written to {path}", title="Exported", timeout=10)

    def _shown(self, path: Path) -> str:
        """Relative to the analysed folder when inside it: shorter on a wall screen."""
        root = self.report.snapshot.plan.root if self.report else None
        if root is not None and path.is_relative_to(root):
            return str(path.relative_to(root))
        return str(path)

    # --- help and the command palette -------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_table(self.screen)))

    def key_table(self, screen: Screen) -> tuple[tuple[str, tuple[Binding, ...]], ...]:
        """(section, bindings): the current view's own keys first, then the keys of every view."""
        # The view's own keys only: Screen's inherited tab/shift+tab are not the app's to explain.
        own = tuple(b for b in type(screen).__dict__.get("BINDINGS", ()) if isinstance(b, Binding))
        title = getattr(screen, "TITLE", "This view")
        return (
            (title, own),
            ("Everywhere", tuple(b for b in self.BINDINGS if isinstance(b, Binding))),
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action on a key is also a command, so the palette lists them all."""
        for section, bindings in self.key_table(screen):
            for binding in bindings:
                key = binding.key_display or binding.key
                yield SystemCommand(
                    f"{binding.description} ({key})",
                    binding.tooltip or f"{section}: press {key}",
                    partial(screen.run_action, binding.action)
                    if section != "Everywhere"
                    else partial(self.run_action, binding.action),
                )
        yield from super().get_system_commands(screen)


def run_app(inputs: Inputs, review_path: Path | None, watch: bool) -> int:
    """Run the review until the user quits; a first load that fails is raised for cli to report."""
    app = SprintcheckApp(inputs, review_path, watch)
    app.run()
    if app.failure is not None:
        raise app.failure
    return app.return_code or 0

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

from sprintcheck.errors import ReviewError, SprintcheckError
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
from sprintcheck.tui.nocolor import readable
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
# What each number key opens, for the help and the command palette.
VIEW_TOOLTIPS = {
    OverviewScreen.MODE: "The verdict, the test funnel, the claims and the worst findings",
    FindingsScreen.MODE: "Walk every finding and mark it",
    TestsScreen.MODE: "Every test by category and file, with its state and source",
    TasksScreen.MODE: "Plan against actual per task, and the tests behind each claim",
    TimelineScreen.MODE: "Tests created and executed, and commits, per day",
    CoverageScreen.MODE: "Coverage against its targets, overall, per category and per module",
}
# Textual's own commands that the app's bindings already give (under the same name).
SHADOWED_COMMANDS = frozenset({"Quit", "Keys"})
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class Loaded:
    report: SprintReport
    review_path: Path
    review: Review | None  # None on a reload: the marks in memory are the newer ones
    review_error: ReviewError | None = None  # the review file exists and cannot be used


def load(inputs: Inputs, review_path: Path | None, with_review: bool) -> Loaded:
    """Everything the worker thread does: analyse, then find and read the review file.

    A review file that cannot be read costs the marks, not the report (as in the headless
    reports): the app then opens read-only and never writes over the file."""
    report = analyze(inputs)
    path = review_path or default_review_path(report.snapshot.plan, inputs.target)
    if not with_review:
        return Loaded(report, path, None)
    try:
        return Loaded(report, path, load_review(path))
    except ReviewError as err:
        return Loaded(report, path, Review(), err)


def read_only_notice(error: ReviewError) -> str:
    """Why marks cannot be made, in one sentence: what is wrong with the file, and what follows."""
    message = error.message
    if message.startswith("not valid JSON"):
        problem = "is not valid JSON" + (f" ({error.place})" if error.place else "")
    else:
        problem = f"cannot be used ({error.place + ': ' if error.place else ''}{message})"
    return (
        f"the review file {problem}: marks are not shown and will not be saved until it is fixed "
        "(then press r)"
    )


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
                str(n),
                f"switch_mode('{screen.MODE}')",
                screen.TITLE,
                show=False,
                tooltip=VIEW_TOOLTIPS[screen.MODE],
                id=screen.MODE,
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
        # Not in the footer (80 columns hold the Findings keys, help and quit): ? and ctrl+p list it.
        Binding(
            "r",
            "reload",
            "Reload",
            show=False,
            tooltip="Analyse again, keeping the selection",
            id="reload",
        ),
        Binding("e", "export", "Export", tooltip="Export the minutes as Markdown", id="export"),
        # The Findings screen binds t itself; from any other screen (or while switching to it,
        # when a fast typist's t reaches the old screen) this opens Findings and jumps.
        Binding(
            "t",
            "next_test_finding",
            "Next test finding",
            show=False,
            tooltip="Open Findings on the next finding about a test's own code",
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
        self._filters = readable(self._filters)  # NO_COLOR: greys, but never grey on grey
        self.inputs = inputs
        self.review_path = review_path
        self.watching = watch
        self.failure: SprintcheckError | None = None  # a first load that failed: cli reports it
        # The review file is broken: marks are neither shown nor saved, the file is left alone.
        self.review_error: ReviewError | None = None
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
        # A broken review file is read again on every reload, so fixing it and pressing r is enough.
        with_review = self.report is None or self.review_error is not None
        self.run_worker(
            partial(load, self.inputs, self.review_path, with_review),
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
                self._review_read(loaded)
            first = self.report is None
            self.report = loaded.report
            if first:
                self._stamps = stamps(watched_paths(loaded.report, self.inputs.junit))
            self.status = self._idle_status
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            if not isinstance(error, SprintcheckError):
                raise error  # a bug: let Textual show the traceback
            if self.report is None:
                self.failure = error  # nothing to show: quit, and let the command line say why
                self.exit(return_code=2)
            else:
                self.status = self._idle_status
                self.notify(
                    error.one_line(),
                    title="Reload failed; showing the last report",
                    severity="error",
                )

    def _review_read(self, loaded: Loaded) -> None:
        fixed = self.review_error is not None and loaded.review_error is None
        self.review_error = loaded.review_error
        self.review = loaded.review or Review()
        if loaded.review_error is not None:
            self.notify(
                read_only_notice(loaded.review_error),
                title=f"Read-only: {self._shown(loaded.review_path, loaded.report)}",
                severity="error",
                timeout=30,
            )
        elif fixed:
            self.notify("The review file reads again: marks are shown and saved.", timeout=5)

    @property
    def _idle_status(self) -> str:
        parts = (
            "watching" if self.watching else "",
            "read-only" if self.review_error else "",
        )
        return " · ".join(part for part in parts if part)

    @property
    def read_only_notice(self) -> str | None:
        """Why marks cannot be made now, or None when they can."""
        return read_only_notice(self.review_error) if self.review_error else None

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
        if mark is not None:
            done = f"{finding.code} marked {mark}"
        else:
            before = self.review.get(finding.fingerprint)
            had_note = before is not None and bool(before.note)
            done = f"{finding.code}: note " + (
                "removed" if not note else "changed" if had_note else "added"
            )
        self._save(with_mark(self.review, finding, mark, note), done)

    def clear_mark(self, finding: Finding) -> None:
        self._save(
            without_mark(self.review, finding.fingerprint), f"{finding.code}: mark and note cleared"
        )

    def _save(self, review: Review, done: str) -> None:
        if self.review_error is not None:
            self.notify(
                read_only_notice(self.review_error), title="Mark NOT saved", severity="error",
                timeout=10,
            )  # fmt: skip
            return
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
        self.notify(f"{done} · in {self._shown(self.review_path)}", timeout=3)

    async def action_next_test_finding(self) -> None:
        await self.switch_mode(FindingsScreen.MODE)
        screen = self.screen
        if isinstance(screen, FindingsScreen):
            screen.action_next_test_finding()

    def action_export(self) -> None:
        if self.report is None or self.review_path is None:
            self.notify("Still loading: nothing to export yet.", severity="warning")
            return
        if self.review_error is not None:  # minutes without the marks would misreport the meeting
            self.notify(
                read_only_notice(self.review_error), title="Minutes NOT written", severity="error",
                timeout=10,
            )  # fmt: skip
            return
        path = minutes_path(self.review_path, self.report.snapshot.plan.sprint.name)
        try:
            write_atomic(path, render_minutes(self.report, self.review))
        except SprintcheckError as err:
            self.notify(err.one_line(), title="Minutes NOT written", severity="error", timeout=10)
            return
        self.notify(f"Minutes written to {path}", title="Exported", timeout=10)

    def _shown(self, path: Path, report: SprintReport | None = None) -> str:
        """Relative to the analysed folder when inside it: shorter on a wall screen."""
        report = report or self.report
        root = report.snapshot.plan.root if report else None
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
        # A key the view binds itself does the view's action there: list it once, as the view's.
        taken = {key for b in own for key in b.key.split(",")}
        everywhere = tuple(
            b
            for b in self.BINDINGS
            if isinstance(b, Binding) and not taken.intersection(b.key.split(","))
        )
        title = getattr(screen, "TITLE", None) or "This view"
        return ((title, own), ("Everywhere", everywhere))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action on a key is also a command, so the palette lists them all, each once."""
        for section, bindings in self.key_table(screen):
            for binding in bindings:
                key = binding.key_display or binding.key
                yield SystemCommand(
                    f"{binding.description} ({key})",
                    binding.tooltip or binding.description,
                    partial(screen.run_action, binding.action)
                    if section != "Everywhere"
                    else partial(self.run_action, binding.action),
                )
        for command in super().get_system_commands(screen):
            if command.title not in SHADOWED_COMMANDS:
                yield command


def run_app(inputs: Inputs, review_path: Path | None, watch: bool) -> int:
    """Run the review until the user quits; a first load that fails is raised for cli to report."""
    app = SprintcheckApp(inputs, review_path, watch)
    app.run()
    if app.failure is not None:
        raise app.failure
    return app.return_code or 0

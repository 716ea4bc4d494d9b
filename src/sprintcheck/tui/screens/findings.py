"""2 Findings: walk every finding, read its evidence, decide what it means.

Opens on the most severe finding; `t` jumps to the next finding about a test's own code (with its
source shown), so the smoke test that accepts HTTP 501 in the sprint6 sample is `2` `t` from start.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Static

from sprintcheck.model import FigureValue, Finding, Severity, SprintReport
from sprintcheck.review import ACCEPTED, DISPUTED, NOT_DISCUSSED, NOTED, TO_FIX, Review, ReviewMark
from sprintcheck.tui.screens.base import ReportScreen
from sprintcheck.tui.screens.note import NoteScreen
from sprintcheck.tui.source import excerpt
from sprintcheck.tui.widgets.source_view import SourceView

SEVERITY_STYLES = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
STATE_STYLES = {TO_FIX: "bold red", DISPUTED: "bold yellow", ACCEPTED: "green", NOTED: "cyan"}
REVIEW_STATES = (NOT_DISCUSSED, TO_FIX, DISPUTED, ACCEPTED, NOTED)
EVIDENCE_SHOWN = 8
SHORT = {"severity": "sev", "category": "cat"}
FILTER_NOUNS = {"review": "review state"}
VALUE_WIDTH = 14  # a filter value shown longer is cut: a category name can be long

# (filter, key, what it reads from a finding)
FILTERS: tuple[tuple[str, str, Callable[[Finding, Review], str]], ...] = (
    ("severity", "s", lambda f, _: f.severity.value),
    ("family", "g", lambda f, _: f.family),
    ("category", "c", lambda f, _: f.category or "none"),
    ("review", "m", lambda f, review: review.state_of(f)),
)


def filter_options(name: str, findings: tuple[Finding, ...], review: Review) -> list[str]:
    if name == "review":
        return list(REVIEW_STATES)
    read = next(read for filter_name, _, read in FILTERS if filter_name == name)
    return list(dict.fromkeys(read(f, review) for f in findings))


def _figure(value: FigureValue) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def detail(
    finding: Finding, mark: ReviewMark | None, read_only: str | None = None
) -> tuple[RenderableType, RenderableType]:
    """(heading, body): the source of a test finding goes between them, where the eye lands.
    `read_only` is why marks cannot be made (a broken review file), shown in place of the mark."""
    head = Text.assemble(
        (f"{finding.code} ", "bold"),
        (finding.severity.value.upper(), SEVERITY_STYLES[finding.severity]),
        f" · {finding.family}",
        f" · {finding.category}" if finding.category else "",
        "\n",
        (finding.title, "bold"),
    )
    review = Text.assemble(("Review   ", "bold"))
    if read_only:
        review.append(f"read-only: {read_only}", style="bold")
    elif mark is None:
        review.append(
            "not discussed yet · a accept · d dispute · f to fix · n note", style="italic"
        )
    else:
        review.append(mark.state, style=STATE_STYLES.get(mark.state, "bold"))
        if mark.note:
            review.append(f" · {mark.note}")
    parts: list[RenderableType] = [review, Text(finding.detail)]
    if finding.figures:
        figures = " · ".join(
            f"{name.replace('_', ' ')} {_figure(value)}" for name, value in finding.figures
        )
        parts.append(Text.assemble(("Figures  ", "bold"), figures))
    if finding.evidence:
        shown = ", ".join(str(loc) for loc in finding.evidence[:EVIDENCE_SHOWN])
        more = len(finding.evidence) - EVIDENCE_SHOWN
        parts.append(
            Text.assemble(("Evidence ", "bold"), shown, f" and {more} more" if more > 0 else "")
        )
    return head, Group(*parts)


def source_of(finding: Finding) -> tuple[str, int] | None:
    """Where a finding about a test's own code points (its quote's file and line), else None."""
    first = finding.evidence[0] if finding.evidence else None
    if finding.quote is None or first is None or first.line is None:
        return None
    return first.path, first.line


class FindingsScreen(ReportScreen):
    MODE = "findings"
    TITLE = "Findings"
    BINDINGS = [
        Binding(
            "a", "mark('accepted')", "Accept", tooltip="Mark the finding accepted", id="accept"
        ),
        Binding(
            "d", "mark('disputed')", "Dispute", tooltip="Mark the finding disputed", id="dispute"
        ),
        Binding("f", "mark('to fix')", "To fix", tooltip="Mark the finding to fix", id="to-fix"),
        Binding("n", "note", "Note", tooltip="Write a note on the finding", id="note"),
        Binding(
            "u", "unmark", "Clear mark", show=False, tooltip="Remove the mark and note", id="unmark"
        ),
        Binding(
            "t",
            "next_test_finding",
            "Next test finding",
            tooltip="Go to the next finding about a test's own code, with its source",
            id="next-test",
        ),
        *(
            Binding(
                key,
                f"cycle_filter('{name}')",
                f"Filter {name}",
                show=False,
                tooltip=f"Cycle the {name} filter: each {FILTER_NOUNS.get(name, name)} in turn, then all",
                id=f"filter-{name}",
            )
            for name, key, _ in FILTERS
        ),
        Binding(
            "x",
            "clear_filters",
            "Show all",
            show=False,
            tooltip="Clear every filter",
            id="clear-filters",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters: dict[str, str | None] = {name: None for name, _, _ in FILTERS}
        self.selected: str | None = None  # fingerprint: survives reloads and filter changes
        self.listed: tuple[Finding, ...] = ()

    def compose_view(self) -> ComposeResult:
        yield Static(id="filter-bar")
        with Horizontal(id="findings-body", classes="split"):
            yield DataTable(id="findings-table", cursor_type="row", zebra_stripes=False)
            with VerticalScroll(id="finding-detail", classes="detail"):
                yield Static(id="finding-head")
                yield SourceView(id="finding-source")
                yield Static(id="finding-body")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in ("review", "severity", "code", "category", "title"):
            table.add_column(name, key=name)
        super().on_mount()

    # The row under the cursor is always read from the table itself, never from a RowHighlighted
    # message: a fast typist's "↓ a" reaches `a` before the message for ↓ is handled, and a mark
    # must land on the row the cursor is on when its key is handled.

    def show_report(self, report: SprintReport) -> None:
        """A new report (first load, reload): rebuild the list, keeping the finding selected."""
        self._rebuild(report, self.sprint_app.review)

    def show_review(self, report: SprintReport, review: Review) -> None:
        """A mark changed: redraw the marks in place, so the cursor stays where it is."""
        listed = self._filtered(report, review)
        if [f.fingerprint for f in listed] != [f.fingerprint for f in self.listed]:
            self._rebuild(report, review, listed)  # a review filter hid or showed a finding
            return
        self.listed = listed
        table = self.query_one(DataTable)
        for finding in listed:
            table.update_cell(
                finding.fingerprint, "review", self._state_cell(review, finding), update_width=True
            )
        self._show_filters(len(report.findings))
        self._show_detail()

    def _filtered(self, report: SprintReport, review: Review) -> tuple[Finding, ...]:
        read = {name: reader for name, _, reader in FILTERS}
        return tuple(
            f
            for f in report.findings
            if all(
                value is None or read[name](f, review) == value
                for name, value in self.filters.items()
            )
        )

    @staticmethod
    def _state_cell(review: Review, finding: Finding) -> Text:
        state = review.state_of(finding)
        return Text("·" if state == NOT_DISCUSSED else state, style=STATE_STYLES.get(state, "dim"))

    def _rebuild(
        self, report: SprintReport, review: Review, listed: tuple[Finding, ...] | None = None
    ) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        if (here := self.current_finding) is not None:
            self.selected = here.fingerprint
        self.listed = self._filtered(report, review) if listed is None else listed
        table.clear()
        for finding in self.listed:
            table.add_row(
                self._state_cell(review, finding),
                Text(finding.severity.value, style=SEVERITY_STYLES[finding.severity]),
                finding.code,
                finding.category or "",
                finding.title,
                key=finding.fingerprint,
            )
        self._show_filters(len(report.findings))
        keys = [f.fingerprint for f in self.listed]
        if self.selected in keys:
            table.move_cursor(row=keys.index(self.selected), scroll=True)
        elif keys:  # the selected finding left the list: stay on the same line
            table.move_cursor(row=min(max(row, 0), len(keys) - 1), scroll=True)
        self._show_detail()

    def _show_filters(self, total: int) -> None:
        """One line at 80 columns: a filter that is off says `name: all`, one that is on its value."""
        bar = Text(no_wrap=True, overflow="ellipsis")
        for name, key, _ in FILTERS:
            value = self.filters[name]
            bar.append(key, style="bold reverse")
            if value is None:
                bar.append(f" {SHORT.get(name, name)}: all  ")
            else:
                shown = value if len(value) <= VALUE_WIDTH else value[: VALUE_WIDTH - 1] + "…"
                bar.append(" ")
                bar.append(shown, style="bold underline")
                bar.append("  ")
        bar.append("x", style="bold reverse")
        bar.append(f" all · {len(self.listed)}/{total}")
        self.query_one("#filter-bar", Static).update(bar)

    @property
    def current_finding(self) -> Finding | None:
        row = self.query_one(DataTable).cursor_row
        return self.listed[row] if 0 <= row < len(self.listed) else None

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The event may be stale (the cursor has moved again since): show what is under it now.
        if (here := self.current_finding) is not None:
            self.selected = here.fingerprint
        self._show_detail()

    def _show_detail(self) -> None:
        finding = self.current_finding
        head = self.query_one("#finding-head", Static)
        body = self.query_one("#finding-body", Static)
        source = self.query_one(SourceView)
        if finding is None:
            head.update(
                Text("No finding matches these filters: press x to show all.", style="italic")
            )
            body.update("")
            source.show(None)
            return
        heading, text = detail(
            finding,
            self.sprint_app.review.get(finding.fingerprint),
            read_only=self.sprint_app.read_only_notice,
        )
        head.update(heading)
        body.update(text)
        where = source_of(finding)
        root = self.sprint_app.report.snapshot.plan.root if self.sprint_app.report else None
        source.show(excerpt(root, *where) if where and root else None)

    # --- actions ----------------------------------------------------------------------------------

    def action_mark(self, mark: str) -> None:
        if (finding := self.current_finding) is not None:
            self.sprint_app.save_mark(finding, mark)

    def action_unmark(self) -> None:
        if (finding := self.current_finding) is not None:
            self.sprint_app.clear_mark(finding)

    def action_note(self) -> None:
        finding = self.current_finding
        if finding is None:
            return
        before = self.sprint_app.review.get(finding.fingerprint)

        def save(note: str | None) -> None:
            if note is not None:
                self.sprint_app.save_mark(finding, None, note)

        self.app.push_screen(NoteScreen(finding, before.note if before else ""), save)

    def action_next_test_finding(self) -> None:
        row = self.query_one(DataTable).cursor_row
        order = self.listed[row + 1 :] + self.listed[: row + 1]
        found = next((f for f in order if f.quote is not None), None)
        if found is None:
            self.notify("No finding about a test's code among these findings.", severity="warning")
            return
        self.query_one(DataTable).move_cursor(row=self.listed.index(found), scroll=True)

    def action_cycle_filter(self, name: str) -> None:
        report = self.sprint_app.report
        if report is None:
            return
        options = [None, *filter_options(name, report.findings, self.sprint_app.review)]
        now = self.filters[name]
        self.filters[name] = options[
            (options.index(now) + 1) % len(options) if now in options else 0
        ]
        self._rebuild(report, self.sprint_app.review)

    def action_clear_filters(self) -> None:
        self.filters = {name: None for name in self.filters}
        if self.sprint_app.report is not None:
            self._rebuild(self.sprint_app.report, self.sprint_app.review)

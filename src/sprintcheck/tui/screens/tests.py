"""3 Tests: category → file → test, each with its state, filterable, its source on selection.

Files and tests are added to the tree when their parent is expanded, so a suite of 100,000 tests
costs a handful of nodes until someone opens it.
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from sprintcheck.model import SprintReport, TestRecord, TestStatus
from sprintcheck.tui.screens.base import ReportScreen
from sprintcheck.tui.source import excerpt
from sprintcheck.tui.widgets.source_view import SourceView

HOLLOW = "hollow"
STATES = (
    TestStatus.NEVER_RAN.value,
    TestStatus.FAILED.value,
    TestStatus.SKIPPED.value,
    TestStatus.PASSED.value,
    HOLLOW,
)
GLYPHS = {
    TestStatus.NEVER_RAN: "·",
    TestStatus.PASSED: "✓",
    TestStatus.FAILED: "✗",
    TestStatus.SKIPPED: "↷",
}
STYLES = {
    TestStatus.NEVER_RAN: "dim",
    TestStatus.PASSED: "green",
    TestStatus.FAILED: "bold red",
    TestStatus.SKIPPED: "yellow",
}
EXPAND_ALL_UP_TO = 150  # tests shown: beyond this, categories open closed

Node = tuple[str, str]  # ("category", name) | ("file", "category\0path") | ("test", node id)


def is_hollow(record: TestRecord) -> bool:
    return record.honesty is not None and record.honesty.hollow


def shown(record: TestRecord, state: str | None) -> bool:
    if state is None:
        return True
    return is_hollow(record) if state == HOLLOW else record.status.value == state


def test_label(record: TestRecord) -> Text:
    test = record.test
    label = Text(no_wrap=True)
    label.append(f"{GLYPHS[record.status]} ", style=STYLES[record.status])
    label.append("::".join((*(test.cls.split("::") if test.cls else ()), test.name)))
    label.append(f"  {record.status.value}", style=STYLES[record.status])
    if is_hollow(record):
        label.append(", hollow", style="bold yellow")
    return label


def test_detail(record: TestRecord) -> RenderableType:
    cases = record.cases
    parts: list[RenderableType] = [
        Text(record.test.nodeid, style="bold"),
        Text.assemble(
            (record.status.value, STYLES[record.status]),
            (", hollow" if is_hollow(record) else "", "bold yellow"),
            f" · category {record.category} · defined at {record.test.location}",
        ),
    ]
    if cases.n_total:
        counts = (
            f"cases: {cases.n_passed} passed, {cases.n_failed} failed, {cases.n_errors} errors, "
            f"{cases.n_skipped} skipped, {cases.n_xfailed} xfailed"
        )
        took = f" · {record.seconds:.2f} s" if record.seconds is not None else ""
        parts.append(Text(counts + took))
    else:
        parts.append(Text("It appears in no results file: nothing shows it works.", style="italic"))
    if record.message:
        parts.append(Text(f"message: {record.message}", style="red"))
    honesty = record.honesty
    if honesty is None:
        parts.append(
            Text("Its code was not read, so whether it can fail is unknown.", style="italic")
        )
    else:
        parts.append(Text(f"assertions: {honesty.n_assertions}"))
        for issue in honesty.issues:
            why = f" (suppressed: {issue.suppressed})" if issue.suppressed else ""
            parts.append(
                Text.assemble((f"{issue.code} line {issue.line}: ", "bold"), issue.reason + why)
            )
    parts.append(Text(""))
    return Group(*parts)


class TestsScreen(ReportScreen):
    __test__ = False  # not a pytest class, despite its name

    MODE = "tests"
    TITLE = "Tests"
    BINDINGS = [
        Binding(
            "s",
            "cycle_state",
            "State filter",
            tooltip="Show only never ran / failed / … tests",
            id="test-state",
        ),
        Binding("x", "clear_state", "Show all", tooltip="Show every test", id="test-all"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.state_filter: str | None = None
        self.selected: str | None = None  # node id: survives reloads and filter changes
        self.groups: dict[str, dict[str, list[TestRecord]]] = {}
        self.by_id: dict[str, TestRecord] = {}

    def compose_view(self) -> ComposeResult:
        yield Static(id="state-bar")
        with Horizontal(classes="split"):
            tree: Tree[Node] = Tree("tests", id="tests-tree")
            tree.show_root = False
            yield tree
            with VerticalScroll(id="test-detail", classes="detail"):
                yield Static(id="test-text")
                yield SourceView(id="test-source")

    def show_report(self, report: SprintReport) -> None:
        self.by_id = {r.test.nodeid: r for r in report.snapshot.records}
        self._fill(report)

    def _fill(self, report: SprintReport) -> None:
        groups: dict[str, dict[str, list[TestRecord]]] = {
            c.name: defaultdict(list) for c in report.snapshot.categories
        }
        for record in report.snapshot.records:
            if shown(record, self.state_filter):
                groups.setdefault(record.category, defaultdict(list))[record.test.path].append(
                    record
                )
        if self.state_filter is not None:  # a filtered tree shows only where the matches are
            groups = {name: files for name, files in groups.items() if files}
        self.groups = groups
        n_shown = sum(len(tests) for files in groups.values() for tests in files.values())
        tree: Tree[Node] = self.query_one(Tree)
        tree.clear()
        summaries = {c.name: c for c in report.snapshot.categories}
        for name, files in groups.items():
            count = sum(len(tests) for tests in files.values())
            tests = summaries[name].tests if name in summaries else None
            label = Text.assemble(
                (name, "bold"), f"  {count} shown" if self.state_filter else f"  {count}"
            )
            if tests is not None and self.state_filter is None:
                label.append(
                    f" · {tests.n_passing} passed · {tests.n_failing} failed"
                    f" · {tests.n_never_ran} never ran",
                    style="dim",
                )
            node = tree.root.add(label, data=("category", name), allow_expand=bool(files))
            if n_shown <= EXPAND_ALL_UP_TO:
                self._populate(node)
                node.expand_all()
        bar = Text(no_wrap=True, overflow="ellipsis")
        bar.append("s", style="bold reverse")
        bar.append(" state: ")
        bar.append(self.state_filter or "all", style="bold" if self.state_filter else "")
        bar.append("  ")
        bar.append("x", style="bold reverse")
        bar.append(f" all  ·  {n_shown} of {len(self.by_id)} tests")
        self.query_one("#state-bar", Static).update(bar)
        if self.selected is None:  # open on the first test, so its source shows at once
            first = next(
                (t for files in groups.values() for tests in files.values() for t in tests), None
            )
            self.selected = first.test.nodeid if first else None
        self._reselect()

    def _populate(self, node: TreeNode[Node]) -> None:
        """Add the children of a category or file node the first time it is needed."""
        if node.children or node.data is None:
            return
        kind, key = node.data
        if kind == "category":
            for path, tests in self.groups[key].items():
                node.add(
                    Text.assemble(path, (f"  {len(tests)}", "dim")), data=("file", f"{key}\0{path}")
                )
        elif kind == "file":
            category, path = key.split("\0")
            for record in self.groups[category][path]:
                node.add_leaf(test_label(record), data=("test", record.test.nodeid))

    @on(Tree.NodeExpanded)
    def _expanded(self, event: Tree.NodeExpanded[Node]) -> None:
        self._populate(event.node)

    def _reselect(self) -> None:
        tree: Tree[Node] = self.query_one(Tree)
        record = self.by_id.get(self.selected or "")
        if record is None or not shown(record, self.state_filter):
            self._show_detail(None)
            return
        for category in tree.root.children:
            if category.data != ("category", record.category):
                continue
            self._populate(category)
            category.expand()
            for file in category.children:
                if file.data != ("file", f"{record.category}\0{record.test.path}"):
                    continue
                self._populate(file)
                file.expand()
                for test in file.children:
                    if test.data == ("test", record.test.nodeid):
                        tree.move_cursor(test)
                        self._show_detail(record)
                        return

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Node]) -> None:
        data = event.node.data
        if data is not None and data[0] == "test":
            self.selected = data[1]
            self._show_detail(self.by_id.get(data[1]))

    def _show_detail(self, record: TestRecord | None) -> None:
        text = self.query_one("#test-text", Static)
        source = self.query_one(SourceView)
        if record is None:
            text.update(Text("Select a test to see its results and its source.", style="italic"))
            source.show(None)
            return
        text.update(test_detail(record))
        report = self.sprint_app.report
        location = record.test.location
        if report is None or location.line is None:
            source.show(None)
            return
        source.show(excerpt(report.snapshot.plan.root, location.path, location.line))

    def action_cycle_state(self) -> None:
        options = [None, *STATES]
        self.state_filter = options[(options.index(self.state_filter) + 1) % len(options)]
        if self.sprint_app.report is not None:
            self._fill(self.sprint_app.report)

    def action_clear_state(self) -> None:
        self.state_filter = None
        if self.sprint_app.report is not None:
            self._fill(self.sprint_app.report)

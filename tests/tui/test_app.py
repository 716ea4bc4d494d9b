"""Pilot tests: the app as the review meeting drives it, on the real sprint6 sample."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual import events
from textual.color import Color
from textual.filter import Monochrome, monochrome_style
from textual.pilot import Pilot
from textual.widgets import DataTable, Footer, Input, Static, Tree
from textual.widgets._footer import FooterKey

from sprintcheck.errors import NoDataError
from sprintcheck.pipeline import Inputs
from sprintcheck.tui.app import SCREENS, SprintcheckApp, run_app
from sprintcheck.tui.nocolor import ReadableMonochrome, readable_style
from sprintcheck.tui.screens.findings import FindingsScreen
from sprintcheck.tui.screens.help import HelpScreen
from sprintcheck.tui.screens.note import NoteScreen
from sprintcheck.tui.widgets.nav import NavBar
from sprintcheck.tui.widgets.source_view import SourceView


async def loaded(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plain(widget: Static) -> str:
    """What a Static shows, as plain text at its own width."""
    console = Console(
        width=widget.size.width or 120, file=io.StringIO(), record=True, color_system=None
    )
    console.print(widget.content)
    return console.export_text()


async def burst(pilot: Pilot, *keys: str) -> None:
    """Keys as a fast typist (or one tmux send-keys) delivers them: all queued before the first is
    handled. `pilot.press` waits for the app to go idle after every key, which hides races."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await pilot.pause()
    await pilot.pause()


def text_of(app: SprintcheckApp, selector: str) -> str:
    return plain(app.screen.query_one(selector, Static))


def findings(app: SprintcheckApp) -> FindingsScreen:
    assert isinstance(app.screen, FindingsScreen)
    return app.screen


def sc203(app: SprintcheckApp) -> str:
    """The fingerprint of the finding on the smoke test that accepts HTTP 501."""
    return next(f.fingerprint for f in app.report.findings if f.code == "SC203")


def review_marks(path: Path) -> dict[str, dict]:
    return {m["fingerprint"]: m for m in json.loads(path.read_text())["marks"]}


@pytest.mark.asyncio
async def test_number_keys_switch_views_and_the_overview_opens_on_the_verdict(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.current_mode == "overview"
        assert "43 tests created, 7 executed, 6 passing" in text_of(app, "#headline")
        assert "█▄ █ █▀█ ▀█▀" in text_of(app, "#verdict")  # NOT, in the block font
        assert "4 critical" in text_of(app, "#verdict")
        for key, mode in zip(
            "234561", ("findings", "tests", "tasks", "timeline", "coverage", "overview")
        ):
            await pilot.press(key)
            assert app.current_mode == mode
            assert app.screen.query_one(NavBar).current == mode


@pytest.mark.asyncio
async def test_two_keys_reach_the_smoke_test_that_accepts_501(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t")
        screen = findings(app)
        assert screen.current_finding.fingerprint == sc203(app)
        source = plain(screen.query_one(SourceView))
        assert "❱ 3     assert response_before.status_code in [200, 400, 501]" in source
        assert "accepts the failure it should catch" in text_of(app, "#finding-head")


@pytest.mark.asyncio
async def test_t_from_any_screen_opens_findings_on_the_next_test_finding(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("3", "t")  # from Tests: the keys a fast typist sends before a redraw
        await pilot.pause()
        assert app.current_mode == "findings"
        assert findings(app).current_finding.fingerprint == sc203(app)


@pytest.mark.asyncio
async def test_filters_narrow_the_list_and_x_shows_all(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        screen = findings(app)
        table = screen.query_one(DataTable)
        total = table.row_count
        await pilot.press("s")  # severity: critical
        assert {f.severity.value for f in screen.listed} == {"critical"}
        assert table.row_count == 4 < total
        await pilot.press("s", "g")  # severity: warning, family: the first family among them
        assert {(f.severity.value, f.family) for f in screen.listed} == {("warning", "execution")}
        assert text_of(app, "#filter-bar").startswith("s warning  g execution  c cat: all")
        await pilot.press("x", "c")  # category: e2e (the first one named)
        assert [f.code for f in screen.listed] == ["SC101"]
        await pilot.press("x", "m", "m")  # review: to fix; nothing is marked yet
        assert screen.listed == ()
        assert "No finding matches" in text_of(app, "#finding-head")
        await pilot.press("x")
        assert table.row_count == total


@pytest.mark.asyncio
async def test_marks_are_saved_at_once_and_shown_in_the_list(make_app, review_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t", "f")
        assert review_marks(review_path)[sc203(app)]["mark"] == "to fix"  # saved before quitting
        table = findings(app).query_one(DataTable)
        assert str(table.get_cell(sc203(app), "review")) == "to fix"
        await pilot.press("d")
        assert review_marks(review_path)[sc203(app)]["mark"] == "disputed"
        await pilot.press("u")
        assert sc203(app) not in review_marks(review_path)
        await pilot.press("a")
        marks = review_marks(review_path)
        assert marks[sc203(app)]["mark"] == "accepted"
        assert (
            marks[sc203(app)]["title"] == "test_basic_inference accepts the failure it should catch"
        )


@pytest.mark.asyncio
async def test_a_mark_right_after_a_move_lands_on_the_row_under_the_cursor(
    make_app, review_path: Path
) -> None:
    """↓ a ↓ f typed with no pause: each mark goes to the row the cursor is on when its key is
    handled, although the RowHighlighted message for the ↓ before it has not been handled yet."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        screen = findings(app)
        rows = [f.fingerprint for f in screen.listed]
        await burst(pilot, "down", "a", "down", "f")
        marks = review_marks(review_path)
        assert {fingerprint: m["mark"] for fingerprint, m in marks.items()} == {
            rows[1]: "accepted",
            rows[2]: "to fix",
        }
        table = screen.query_one(DataTable)
        assert table.cursor_row == 2  # saving did not move the cursor
        assert screen.current_finding.fingerprint == rows[2]
        assert screen.listed[2].title in text_of(app, "#finding-head")  # the detail followed
        await burst(pilot, "up", "u", "down", "n")  # a clear and a note take the row as well
        await burst(pilot, *"fast", "enter")
        marks = review_marks(review_path)
        assert rows[1] not in marks
        assert (marks[rows[2]]["mark"], marks[rows[2]]["note"]) == ("to fix", "fast")
        assert table.cursor_row == 2


@pytest.mark.asyncio
async def test_a_note_is_typed_in_a_dialog_and_escape_keeps_the_old_one(
    make_app, review_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t", "f", "n")
        assert isinstance(app.focused, Input)
        await pilot.press(*"501 is not a pass; Ana fixes it", "enter")
        assert review_marks(review_path)[sc203(app)]["note"] == "501 is not a pass; Ana fixes it"
        assert review_marks(review_path)[sc203(app)]["mark"] == "to fix"  # a note keeps the mark
        assert "501 is not a pass; Ana fixes it" in text_of(app, "#finding-body")
        await pilot.press("n", "x", "escape")
        assert review_marks(review_path)[sc203(app)]["note"] == "501 is not a pass; Ana fixes it"
        toasts = [n.message for n in app._notifications]
        assert toasts[-2:] == [
            f"SC203 marked to fix · in {review_path}",
            f"SC203: note added · in {review_path}",
        ]  # what was done, then where it is kept: "saved" is not said twice


@pytest.mark.asyncio
async def test_marks_survive_a_restart_and_re_attach_to_their_finding(
    make_app, review_path: Path
) -> None:
    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t", "f")
        marked = sc203(first)
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert second.review.get(marked).mark == "to fix"
        await pilot.press("2", "m", "m")  # review: to fix
        assert [f.fingerprint for f in findings(second).listed] == [marked]
        await pilot.press("1")
        assert "[to fix]" not in text_of(second, "#top-findings")  # SC203 is not among the top four


@pytest.mark.asyncio
async def test_export_writes_the_minutes_beside_the_review_file(
    make_app, review_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t", "f", "n", *"accepts 501", "enter", "e")
        minutes = review_path.parent / "minutes-sprint-6.md"
        text = minutes.read_text()
        assert text.startswith("# Sprint review minutes: Sprint 6 (2026-01-22 to 2026-02-01)")
        assert "**Verdict: NOT SUPPORTED**" in text
        assert "## To fix (1)\n\n- **SC203** (warning, smoke) test_basic_inference accepts" in text
        assert "  - Note: accepts 501" in text
        assert "## Not discussed (12)" in text
        assert any(str(minutes) in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_reload_keeps_the_selection_and_shows_the_new_figures(
    make_app, project: Path
) -> None:
    app = make_app(target=project)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t")
        plan = project / "sprintcheck.toml"
        plan.write_text(plan.read_text().replace('name = "Sprint 6"', 'name = "Sprint 6 (rerun)"'))
        await pilot.press("r")
        await loaded(pilot)
        assert findings(app).current_finding.fingerprint == sc203(app)
        await pilot.press("1")
        assert "Sprint 6 (rerun)" in text_of(app, "#sprint-title")


@pytest.mark.asyncio
async def test_watch_reloads_when_a_results_file_changes(make_app, project: Path) -> None:
    app = make_app(target=project, watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "t")
        assert app.report.snapshot.tests.n_failing == 1
        results = next((project / "reports").glob("*.xml"))
        # The failing streaming test passes in the new run.
        text = results.read_text()
        start = text.index("<failure")
        results.write_text(text[:start] + text[text.index("</failure>") + len("</failure>") :])
        deadline = time.monotonic() + 10
        while app.report.snapshot.tests.n_failing and time.monotonic() < deadline:
            await pilot.pause(0.2)
        assert app.report.snapshot.tests.n_failing == 0
        assert findings(app).current_finding.fingerprint == sc203(app)  # the selection stayed
        assert app.status == "watching"


@pytest.mark.asyncio
async def test_the_tests_view_filters_by_state_and_shows_the_source(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("3")
        assert "tests/smoke/test_basic_inference.py::test_basic_inference" in text_of(
            app, "#test-text"
        )
        source = plain(app.screen.query_one(SourceView))
        assert "❱ 1 def test_basic_inference(" in source
        assert "  3     assert response_before.status_code in [200, 400" in source
        await pilot.press("s")  # never ran
        tree = app.screen.query_one(Tree)
        shown = [node.data for node in tree.root.children]
        assert shown == [("category", name) for name in ("e2e", "stress", "benchmark")]
        assert "36 of 43 tests" in text_of(app, "#state-bar")
        await pilot.press("s", "s")  # skipped: none in sprint6
        assert "0 of 43 tests" in text_of(app, "#state-bar")


@pytest.mark.asyncio
async def test_absent_data_is_said_in_a_sentence(make_app, tmp_path: Path) -> None:
    bare = tmp_path / "bare"
    (bare / "tests").mkdir(parents=True)
    (bare / "tests" / "test_one.py").write_text("def test_one():\n    assert 1 + 1 == 2\n")
    app = make_app(target=bare)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("4")
        assert "The plan has no [[task]] entries" in text_of(app, "#tasks-summary")
        await pilot.press("5")
        assert "No timeline:" in text_of(app, "#timeline-summary")
        await pilot.press("6")
        assert "No coverage data." in text_of(app, "#coverage-gauge")
        await pilot.press("1")
        assert "no coverage data" in text_of(app, "#claims")


@pytest.mark.asyncio
async def test_the_palette_lists_every_action_and_help_every_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2")
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in (
            "Accept (a)",
            "Dispute (d)",
            "To fix (f)",
            "Note (n)",
            "Next test finding (t)",
            "Filter severity (s)",
            "Export (e)",
            "Reload (r)",
            "Tests (3)",
            "Quit (q)",
        ):
            assert title in titles
        await pilot.press("question_mark")
        help_text = "".join(plain(s) for s in app.screen.query(Static))
        assert (
            "Mark the finding to fix" in help_text and "Export the minutes as Markdown" in help_text
        )
        assert "ctrl+p" in help_text  # the footer leaves the palette hint out: help names it


@pytest.mark.asyncio
async def test_every_palette_entry_is_named_once_and_described(make_app) -> None:
    """No `None: press esc`, one Quit, and t listed once under one name on every screen."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for keys in (("2",), ("2", "question_mark"), ("escape", "3"), ("1",), ("4",)):
            await pilot.press(*keys)
            commands = list(app.get_system_commands(app.screen))
            titles = [c.title for c in commands]
            assert len(titles) == len(set(titles)), titles
            for command in commands:
                assert "None" not in command.title + command.help, command
                assert command.help and not command.help.endswith(": press esc"), command
            names = [t.split(" (")[0] for t in titles]
            assert names.count("Quit") == 1, titles
            assert sum(t.endswith("(t)") for t in titles) == 1, titles
            assert "Next test finding (t)" in titles
        assert "Close help (esc)" in [c.title for c in app.get_system_commands(HelpScreen([]))]


def test_every_binding_has_a_description_and_a_tooltip() -> None:
    screens = [SprintcheckApp, HelpScreen, NoteScreen, *SCREENS]
    for owner in screens:
        for binding in owner.__dict__.get("BINDINGS", ()):
            assert binding.description and binding.tooltip, (owner.__name__, binding)


@pytest.mark.asyncio
async def test_the_findings_footer_and_filter_bar_fit_80_columns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("2", "s", "g", "c", "m")  # every filter set: the longest bar
        keys = list(app.screen.query_one(Footer).query(FooterKey))
        assert {key.key for key in keys} >= {"a", "d", "f", "n", "t", "question_mark", "q"}
        assert all(key.region.right <= 80 and key.region.width > 0 for key in keys)
        assert keys[-1].key == "q"  # quit is last, and shown whole
        bar = app.screen.query_one("#filter-bar", Static)
        assert bar.region.height == 1
        line = text_of(app, "#filter-bar").strip()
        assert line.startswith("s critical") and line.endswith("/13") and len(line) <= 78


@pytest.mark.asyncio
async def test_the_overview_uses_a_large_screen_for_whole_finding_titles(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        top = text_of(app, "#top-findings")
        assert "CRITICAL SC302 claimed 78 % complete, the evidence supports 31.6 %" in top
        assert "WARNING  SC203 test_basic_inference accepts the failure it should catch" in top
        assert "…" not in top and "more: press 2" not in top  # all 13, none cut
        assert app.screen.query_one("#top-findings").region.width >= 110  # the full width
    small = make_app()
    async with small.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert "… and 9 more: press 2 for every finding" in text_of(small, "#top-findings")


@pytest.mark.asyncio
async def test_completion_is_shown_to_one_decimal_as_in_the_reports(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert "claimed 78 % · evidence 31.6 %" in text_of(app, "#claims")
        await pilot.press("4")
        assert "completion: claimed 78 % · evidence 31.6 %" in text_of(app, "#tasks-summary")


def test_a_first_load_that_fails_is_raised_for_the_command_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(NoDataError):
        run_app(Inputs(target=empty), tmp_path / "review.json", watch=False)


@pytest.mark.asyncio
async def test_a_malformed_review_file_opens_the_app_read_only_and_is_never_written(
    make_app, review_path: Path
) -> None:
    broken = '{"schema": "sprintcheck-review/1", "marks": ['
    review_path.parent.mkdir(parents=True)
    review_path.write_text(broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.return_code is None and app.failure is None  # the report is shown
        assert app.current_mode == "overview"
        notice = (
            "the review file is not valid JSON (line 1, column 46): marks are not shown and will "
            "not be saved until it is fixed"
        )
        assert any(notice in n.message for n in app._notifications)
        assert app.screen.query_one(NavBar).status == "read-only"
        await pilot.press("2", "t", "f", "n", *"a note", "enter", "u", "e")
        assert review_path.read_text() == broken  # no mark, note or clear wrote over it
        assert not list(review_path.parent.glob("minutes-*.md"))  # minutes without the marks
        refusals = [
            n for n in app._notifications if n.title in ("Mark NOT saved", "Minutes NOT written")
        ]
        assert len(refusals) == 4 and all(notice in n.message for n in refusals)
        assert f"Review read-only: {notice}" in " ".join(text_of(app, "#finding-body").split())
        # Fixed on disk, the next reload reads it again and marks work.
        review_path.write_text('{"schema": "sprintcheck-review/1", "marks": []}')
        await pilot.press("r")
        await loaded(pilot)
        assert app.review_error is None and "read-only" not in app.status
        await pilot.press("f")
        assert review_marks(review_path)[sc203(app)]["mark"] == "to fix"


@pytest.mark.asyncio
async def test_the_coverage_view_shows_real_coverage_against_its_target(
    make_app, tmp_path: Path
) -> None:
    project = tmp_path / "covered"
    (project / "src").mkdir(parents=True)
    (project / "tests").mkdir()
    (project / "pytest.ini").write_text("[pytest]\npythonpath = src\n")
    (project / "src" / "calc.py").write_text(
        "def add(a, b):\n    return a + b\n\n\ndef div(a, b):\n    if b == 0:\n        raise ValueError\n    return a / b\n"
    )
    (project / "tests" / "test_calc.py").write_text(
        "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
    )
    (project / "sprintcheck.toml").write_text(
        '[results]\njunit = ["reports/*.xml"]\ncoverage = [".coverage"]\n\n[coverage]\ntarget = 90\n'
    )
    subprocess.run(
        [sys.executable, "-m", "coverage", "run", "--branch", "--source=src", "-m", "pytest", "-q",
         "-p", "no:cacheprovider", "--junitxml=reports/junit.xml"],
        cwd=project, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    app = make_app(target=project)
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("6")
        gauge = text_of(app, "#coverage-gauge")
        assert (
            gauge.startswith("37.50 % ") and "│" in gauge and gauge.rstrip().endswith("target 90 %")
        )
        assert "src/calc.py" in text_of(app, "#coverage-modules")
        assert "37.50 % of 6 statements and 2 branches" in text_of(app, "#coverage-sections")
        assert "37.5 %" not in gauge.replace("37.50 %", "")  # one figure, one precision
        await pilot.press("1")
        assert "Coverage    37.50 % " in text_of(app, "#claims")


def test_no_color_text_is_never_grey_on_grey() -> None:
    """Textual's NO_COLOR greys turn red on near-black into 237 on 235; the app's filter keeps
    the grey conversion and draws such text at full contrast, in bold."""
    background = Color.parse("#1e1e1e")
    red = readable_style(Style(color="#b93c5b", bold=True), background)  # $error, "critical"
    assert red.color.triplet == (255, 255, 255) and red.bold
    plain_text = readable_style(Style(color="#e0e0e0"), background)  # already readable: as grey
    assert plain_text == monochrome_style(Style(color="#e0e0e0"))
    on_light = readable_style(Style(color="#f0c040", bgcolor="#f5f5f5"), background)
    assert on_light.color.triplet == (0, 0, 0)


def test_the_app_uses_the_readable_no_color_filter(make_app, monkeypatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert any(isinstance(f, ReadableMonochrome) for f in app._filters)
    assert not any(type(f) is Monochrome for f in app._filters)

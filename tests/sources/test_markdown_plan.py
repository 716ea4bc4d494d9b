"""The Markdown plan reader on real files: phases, checkbox tasks, hour estimates, coverage goals,
mojibake, and the status document it was made for, read in place."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sprintcheck.errors import PlanImportError
from sprintcheck.sources.markdown_plan import (
    NO_TASKS,
    CoverageGoal,
    ImportedTask,
    MarkdownPlan,
    Phase,
    hours_in,
    read_markdown_plan,
)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "coverage-expansion-plan.md"

SEED_SHAPED = """\
    # Search Rewrite

    **Created:** 2026-01-05
    **Estimated Time:** 20-26 hours (3 developer days)
    **Status:** IN PROGRESS

    ### Coverage Goals
    | Test Type | Current | Target | Gap |
    |-----------|---------|--------|-----|
    | **Unit Tests** | 35% | 75% | +40 pp |
    | **E2E Tests** | — | 25% | |

    ## Phase 1: Index (10-12 hours) 🔴 CRITICAL

    **Status:** NOT STARTED

    ### Tasks

    - [x] **1.1 Build the "inverted" index** (4-6 hours)
      - [ ] a step of 1.1, not a task (1 hour)
      - Files: `src/index.py`
    - [ ] **1.2 Rank by BM25** (3 hours)
    - [ ] 1.3 Stem queries (2h)

    ```markdown
    - [ ] **9.9 A task inside a code sample** (99 hours)
    ```

    ## Phase 2: API (Optional - Backlog)

    **Estimated Time:** 6-8 hours

    - [X] **2.1 Query endpoint**
    - [ ] Pagination 1–2 h

    ## Follow-ups

    - [ ] Tell the docs team
    """


def write(tmp_path: Path, text: str, name: str = "STATUS.md") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_a_seed_shaped_document_gives_phases_tasks_ranges_and_goals(tmp_path: Path) -> None:
    plan = read_markdown_plan(write(tmp_path, SEED_SHAPED))

    assert plan == MarkdownPlan(
        title="Search Rewrite",
        phases=(
            Phase(
                "Phase 1: Index",
                (10.0, 12.0),
                (
                    ImportedTask("1.1", 'Build the "inverted" index', (4.0, 6.0), True, 19),
                    ImportedTask("1.2", "Rank by BM25", (3.0, 3.0), False, 22),
                    ImportedTask("1.3", "Stem queries", (2.0, 2.0), False, 23),
                ),
                13,
            ),
            Phase(
                "Phase 2: API (Optional - Backlog)",
                (6.0, 8.0),
                (
                    ImportedTask("2.1", "Query endpoint", None, True, 33),
                    ImportedTask("2.2", "Pagination", (1.0, 2.0), False, 34),
                ),
                29,
            ),
        ),
        coverage_targets=(
            CoverageGoal("Unit Tests", 35.0, 75.0), CoverageGoal("E2E Tests", None, 25.0)
        ),
        estimate_hours=(20.0, 26.0),
        completion=None,
        left_out=(38,),
    )
    assert plan.task_hours == (10.0, 13.0)


def test_mojibake_is_repaired_before_reading(tmp_path: Path) -> None:
    clean = "# Plan\n\n## Phase 1: Fix (4–6 hours) 🔴 HIGH\n\n- [ ] **1.1 Fix → ship** (4–6 h) ✅\n"
    # What the document looks like after an editor read its UTF-8 as cp1252 and saved it again.
    garbled = clean.encode("utf-8").decode("cp1252")
    assert "â€“" in garbled and "ðŸ”´" in garbled
    path = tmp_path / "STATUS.md"
    path.write_text(garbled, encoding="utf-8")

    plan = read_markdown_plan(path)

    task = ImportedTask("1.1", "Fix → ship", (4.0, 6.0), False, 5)
    assert plan.phases == (Phase("Phase 1: Fix", (4.0, 6.0), (task,), 3),)


def test_a_document_without_phase_headings_takes_its_sections_as_phases(tmp_path: Path) -> None:
    text = """\
        # Sprint 7
        - [ ] Triage the backlog (1h)

        ## Backend
        Nothing to do here yet.
        ### Notes
        - [x] Add the cache (3-4 hours)
        - [ ] Add the cache metrics (2 hours)

        ## Docs
        ## Frontend
        * [ ] Dark mode (5 h)
        """
    plan = read_markdown_plan(write(tmp_path, text))

    assert [(p.name, [(t.id, t.title, t.done) for t in p.tasks]) for p in plan.phases] == [
        ("Sprint 7", [("1.1", "Triage the backlog", False)]),
        ("Backend", [("2.1", "Add the cache", True), ("2.2", "Add the cache metrics", False)]),
        ("Frontend", [("4.1", "Dark mode", False)]),
    ]
    assert plan.left_out == ()


def test_tasks_numbered_alike_are_told_apart_by_their_line(tmp_path: Path) -> None:
    text = "## Phase 1: A\n- [ ] **1.1 First**\n- [ ] **1.1 Second**\n- [ ] Third\n- [ ] ****\n"
    plan = read_markdown_plan(write(tmp_path, text))

    assert [(task.id, task.title) for task in plan.tasks] == [
        ("1.1", "First"), ("line-3", "Second"), ("1.3", "Third"),
    ]  # fmt: skip
    assert plan.title == "STATUS"  # no level-1 heading: the file's name


@pytest.mark.parametrize(
    ("status_line", "completion"),
    [
        ("**Progress:** 60%", 60.0),
        ("**Status:** In progress (45% complete)", 45.0),
        ("**Completion:** 72.5 %", 72.5),
        ("**Status:** PLANNED - Ready for Execution", None),
        ("**Current Coverage:** Unit 40%", None),
    ],
)
def test_a_completion_is_read_only_when_the_document_states_one(
    tmp_path: Path, status_line: str, completion: float | None
) -> None:
    text = f"# Plan\n{status_line}\n\n## Phase 1: A\n**Progress:** 10%\n- [ ] **1.1 Task** (2h)\n"
    assert read_markdown_plan(write(tmp_path, text)).completion == completion


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("(4-6 hours)", (4.0, 6.0)),
        ("(3 hours)", (3.0, 3.0)),
        ("(2h)", (2.0, 2.0)),
        ("4–6 h", (4.0, 6.0)),
        ("12—16 hrs", (12.0, 16.0)),
        ("1 to 2 hours", (1.0, 2.0)),
        ("1.5 hour", (1.5, 1.5)),
        ("6-4 hours", (4.0, 6.0)),
        ("Run a 24h soak test (3 hours)", (3.0, 3.0)),
        ("(Playwright recommended)", None),
        ("(10-14 developer days)", None),
        ("3 high-priority bugs", None),
    ],
)
def test_hour_estimates_in_the_forms_plans_write_them(
    text: str, hours: tuple[float, float] | None
) -> None:
    assert hours_in(text) == hours


def test_a_metadata_value_takes_its_first_figure() -> None:
    assert hours_in("84-108 hours (about 96 h)", last=False) == (84.0, 108.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", NO_TASKS),
        (b"# Plan\n\nJust prose, and a list:\n- one\n- two\n", NO_TASKS),
        (b"```\n- [ ] **1.1 Only in code** (2h)\n```\n", NO_TASKS),
        (b"# Plan\x00\x01\x02 - [ ] **1.1 Task**", "is a binary file, expected Markdown text"),
        (b"# Plan\n- [ ] caf\xe9 (2h)\n", "is not UTF-8 text (byte 16)"),
    ],
)
def test_unusable_documents_give_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "STATUS.md"
    path.write_bytes(content)

    with pytest.raises(PlanImportError) as raised:
        read_markdown_plan(path)

    assert str(raised.value) == f"{path}: {message}"


def test_a_missing_file_or_a_folder_gives_one_line(tmp_path: Path) -> None:
    with pytest.raises(PlanImportError, match=r"STATUS\.md: no such file$"):
        read_markdown_plan(tmp_path / "STATUS.md")
    with pytest.raises(PlanImportError, match="is a folder, expected a Markdown file$"):
        read_markdown_plan(tmp_path)


@pytest.mark.skipif(not SEED.is_file(), reason="the seed status documents are not checked out")
def test_the_coverage_expansion_plan_imports_in_place() -> None:
    plan = read_markdown_plan(SEED)

    assert plan.title == "Test Coverage Expansion"
    assert [(phase.name, phase.estimate_hours, len(phase.tasks)) for phase in plan.phases] == [
        ("Phase 1: Fix Failing Tests", (12.0, 16.0), 4),
        ("Phase 2: WebSocket Reliability Tests", (16.0, 20.0), 5),
        ("Phase 3: Multi-Tokenization Tests", (12.0, 16.0), 4),
        ("Phase 4: Feature Labeling Tests", (8.0, 12.0), 3),
        ("Phase 5: Unit Test Expansion", (20.0, 24.0), 4),
        ("Phase 6: Integration Test Expansion", (16.0, 20.0), 4),
        ("Phase 7: E2E Test Foundation (Optional - Backlog)", (12.0, 16.0), 5),
    ]
    first = ImportedTask("1.1", "Investigate all 52 failing tests", (4.0, 6.0), False, 45)
    assert plan.tasks[0] == first
    assert not any(task.done for task in plan.tasks)
    assert all(task.estimate_hours is None for task in plan.phases[6].tasks)
    # The document's 84-108 h is the sum of phases 1-6 (phase 7 is backlog). Its task estimates add
    # up to 84-110 h: the tasks of phase 2 give 16-21 h against 16-20, those of phase 5 20-25 h
    # against 20-24.
    assert plan.estimate_hours == (84.0, 108.0)
    phase_sums = [phase.estimate_hours for phase in plan.phases[:6]]
    assert (sum(low for low, _ in phase_sums), sum(high for _, high in phase_sums)) == (84.0, 108.0)
    assert plan.task_hours == (84.0, 110.0)
    assert plan.coverage_targets == (
        CoverageGoal("Unit Tests", 40.0, 70.0),
        CoverageGoal("Integration Tests", 20.0, 50.0),
        CoverageGoal("E2E Tests", 10.0, 30.0),
    )
    assert plan.completion is None  # "PLANNED - Ready for Execution"
    # The eight "Post-Completion Actions" checkboxes belong to no phase.
    assert plan.left_out == (451, 452, 453, 454, 457, 458, 459, 460)


def test_only_numbered_phase_headings_open_a_phase(tmp_path: Path) -> None:
    text = """\
        ## Phase Summary
        - [ ] Read me first
        ## Phase II: Build (2-3 hours)
        - [ ] **Build it** (2h)
        ## Phase B: Ship
        - [x] Ship it
        """
    plan = read_markdown_plan(write(tmp_path, text))

    assert [(p.name, p.estimate_hours, [t.id for t in p.tasks]) for p in plan.phases] == [
        ("Phase II: Build", (2.0, 3.0), ["II.1"]),
        ("Phase B: Ship", None, ["B.1"]),
    ]
    assert plan.left_out == (2,)

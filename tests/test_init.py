"""`sprintcheck init` on real project folders: what it writes reads back as a plan, agrees with the
analysis, never replaces a plan unasked, and imports a Markdown plan's tasks and goals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import SAMPLES, run_pytest, write_files

from sprintcheck.errors import PlanImportError, UsageError
from sprintcheck.init_command import run_init
from sprintcheck.model import CategoryPlan, Claims, CoverageTarget, TaskPlan
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.plan_writer import plan_from_markdown, toml_string
from sprintcheck.sources.markdown_plan import read_markdown_plan
from sprintcheck.sources.plan import read_plan

EXPANSION = SAMPLES / "expansion-plan"

STATUS = """\
    # Checkout Hardening

    **Estimated Time:** 9-13 hours

    ### Coverage Goals
    | Test Type | Current | Target |
    |---|---|---|
    | **Unit Tests** | 40% | 70% |
    | **Integration Tests** | 20% | 50% |

    ## Phase 1: Fix Failing Tests (5-7 hours)

    - [x] **1.1 Investigate the "flaky" C:\\temp tests** (4-6 hours)
    - [ ] **1.2 Verify all tests passing** (1h)

    ## Phase 2: E2E (Backlog)

    - [ ] **2.1 Payment workflow** (4–6 h)
    """


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with unit and integration tests and the JUnit XML of a real run (run once)."""
    project = tmp_path_factory.mktemp("pristine") / "project"
    write_files(
        project,
        {
            "pytest.ini": "[pytest]\n",
            "tests/unit/test_price.py": """\
                def test_total():
                    assert sum([2, 3]) == 5

                def test_discount():
                    assert round(10 * 0.9, 2) == 9.0
                """,
            "tests/integration/test_cart.py": """\
                def test_checkout():
                    assert sorted({"b": 1, "a": 2}) == ["a", "b"]
                """,
        },
    )
    assert run_pytest(project).summary["passed"] == 3
    return project


@pytest.fixture
def repo(pristine: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(pristine, tmp_path / "project"))


def test_init_writes_a_starter_plan_that_reads_back(repo: Path) -> None:
    before = set(os.listdir(repo))

    written = run_init(repo, None, force=False, output=None)

    assert written == repo / "sprintcheck.toml"
    assert set(os.listdir(repo)) == before | {"sprintcheck.toml"}  # and no temporary file
    plan = read_plan(written)
    assert plan.sprint.name == "project"
    assert plan.categories == (
        CategoryPlan("integration", ("tests/integration/**",)),
        CategoryPlan("unit", ("tests/unit/**",)),
    )
    assert plan.junit == ("reports/junit.xml",)
    assert plan.coverage == ()
    assert (plan.tasks, plan.claims) == ((), Claims())
    text = written.read_text()
    assert "# planned = 2                       # tests the sprint plans (this many exist now)" in text
    assert '# coverage = [".coverage"]' in text


def test_the_starter_plan_and_the_analysis_without_a_plan_agree(repo: Path) -> None:
    inferred = analyze(Inputs(repo)).snapshot.categories

    run_init(repo, None, force=False, output=None)
    planned = analyze(Inputs(repo)).snapshot.categories

    assert [(c.name, c.paths, c.tests) for c in planned] == [
        (c.name, c.paths, c.tests) for c in inferred
    ]
    assert [c.name for c in planned] == ["integration", "unit"]


def test_a_folder_with_nothing_yet_gets_a_commented_starter(tmp_path: Path) -> None:
    plan = read_plan(run_init(tmp_path, None, force=False, output=None))

    assert (plan.categories, plan.junit, plan.coverage) == ((), (), ())
    text = (tmp_path / "sprintcheck.toml").read_text()
    assert '# junit = ["reports/*.xml"]         # none found; default: the usual places\n' in text
    assert "# No tests found. A category is a named group of tests" in text


def test_coverage_data_is_found_and_other_files_of_the_same_names_are_not(repo: Path) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (["run", "-m", "pytest", "-q", "-p", "no:cacheprovider"], ["xml", "-q"]):
        done = subprocess.run(
            [sys.executable, "-m", "coverage", *args], cwd=repo, env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr
    # A parallel data file another CI job left, as `coverage run -p` names them.
    shutil.copy(repo / ".coverage", repo / "reports" / ".coverage.ci-2.4711.XkQf")
    write_files(repo, {"docs/coverage.json": '{"title": "a page about coverage"}\n'})

    plan = read_plan(run_init(repo, None, force=False, output=None))

    assert plan.coverage == (".coverage", "coverage.xml", "reports/.coverage.*")


@pytest.mark.parametrize(
    ("other", "junit"),
    [
        (None, ("reports/*.xml",)),
        # A glob would also select the coverage report, so the results are named one by one.
        ("reports/coverage.xml", ("reports/junit.xml", "reports/rerun.xml")),
    ],
)
def test_a_folder_of_nothing_but_results_becomes_one_glob(
    repo: Path, other: str | None, junit: tuple[str, ...]
) -> None:
    shutil.copy(repo / "reports" / "junit.xml", repo / "reports" / "rerun.xml")
    if other:
        write_files(repo, {other: '<?xml version="1.0" ?>\n<coverage line-rate="0.5"/>\n'})

    assert read_plan(run_init(repo, None, force=False, output=None)).junit == junit


def test_an_existing_plan_is_kept_without_force_and_replaced_with_it(repo: Path) -> None:
    existing = repo / "sprintcheck.toml"
    existing.write_text('[sprint]\nname = "ours"\n')

    with pytest.raises(UsageError) as refused:
        run_init(repo, None, force=False, output=None)

    assert str(refused.value) == f"{repo}: sprintcheck.toml exists; use --force to replace it"
    assert existing.read_text() == '[sprint]\nname = "ours"\n'

    run_init(repo, None, force=True, output=None)

    assert read_plan(existing).sprint.name == "project"


def test_a_plan_in_pyproject_is_not_hidden_without_force(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.sprintcheck.sprint]\nname = "ours"\n')

    with pytest.raises(UsageError, match=r"pyproject\.toml has a \[tool\.sprintcheck\] plan"):
        run_init(repo, None, force=False, output=None)
    assert not (repo / "sprintcheck.toml").exists()


def test_output_names_another_file_in_the_folder_never_overwritten_unasked(repo: Path) -> None:
    written = run_init(repo, None, force=False, output=repo / "sprint7.toml")

    assert written == repo / "sprint7.toml"
    assert not (repo / "sprintcheck.toml").exists()
    assert read_plan(written).junit == ("reports/junit.xml",)
    with pytest.raises(UsageError, match="sprint7.toml exists; use --force to replace it$"):
        run_init(repo, None, force=False, output=written)


def test_output_outside_the_folder_is_refused(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="paths in a plan are relative to its folder"):
        run_init(repo, None, force=False, output=tmp_path / "elsewhere.toml")


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_target_that_is_not_a_folder_is_refused(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "file":
        target.write_text("x")
    expected = "no such folder" if kind == "missing" else "is not a folder"

    with pytest.raises(UsageError) as refused:
        run_init(target, None, force=False, output=None)

    assert str(refused.value) == f"{target}: {expected}"


def test_init_from_a_markdown_plan_imports_tasks_ranges_status_and_targets(
    repo: Path, tmp_path: Path
) -> None:
    status = tmp_path / "STATUS.md"
    status.write_text(textwrap.dedent(STATUS), encoding="utf-8")

    plan = read_plan(run_init(repo, status, force=False, output=None))

    assert plan.sprint.name == "Checkout Hardening"
    assert plan.tasks == (
        TaskPlan("1.1", 'Investigate the "flaky" C:\\temp tests', (4.0, 6.0), "done"),
        TaskPlan("1.2", "Verify all tests passing", (1.0, 1.0), "todo"),
        TaskPlan("2.1", "Payment workflow", (4.0, 6.0), "todo"),
    )
    assert plan.coverage_settings.targets == (
        CoverageTarget(70.0, category="unit", name="Unit Tests"),
        CoverageTarget(50.0, category="integration", name="Integration Tests"),
    )
    assert plan.claims == Claims()  # the document states no completion
    assert [c.name for c in plan.categories] == ["integration", "unit"]
    text = (repo / "sprintcheck.toml").read_text()
    assert "# phase: Phase 1: Fix Failing Tests, estimated 5-7 h\n" in text
    assert "# 3 tasks in 2 phases from STATUS.md, 9-13 h by their estimates" in text
    assert "# planned_hours = 11                # 9-13 h in the document" in text


def test_a_stated_completion_becomes_the_claim(repo: Path, tmp_path: Path) -> None:
    status = tmp_path / "STATUS.md"
    status.write_text("# Plan\n**Progress:** 78%\n## Phase 1: A\n- [x] **1.1 Done** (2h)\n")

    plan = read_plan(run_init(repo, status, force=False, output=None))

    assert plan.claims == Claims(completion=78.0)


def test_a_document_inside_the_folder_is_named_by_its_relative_path(repo: Path) -> None:
    write_files(repo, {"docs/STATUS.md": "## Phase 1: A\n- [ ] **1.1 Task** (2h)\n"})

    run_init(repo, repo / "docs" / "STATUS.md", force=False, output=None)

    first = (repo / "sprintcheck.toml").read_text().splitlines()[0]
    assert first == (
        "# sprintcheck plan for project, imported from docs/STATUS.md by `sprintcheck init --from`."
    )


def test_a_document_with_no_tasks_writes_nothing(repo: Path, tmp_path: Path) -> None:
    status = tmp_path / "STATUS.md"
    status.write_text("# Plan\n\nWe will write tests.\n")

    with pytest.raises(PlanImportError, match="no checkbox tasks found"):
        run_init(repo, status, force=False, output=None)
    assert not (repo / "sprintcheck.toml").exists()


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ('say "hi"', '"say \\"hi\\""'),
        ("C:\\temp", '"C:\\\\temp"'),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\u0007"'),
        ("délai → ✅", '"délai → ✅"'),
    ],
)
def test_strings_are_toml_escaped(tmp_path: Path, text: str, escaped: str) -> None:
    assert toml_string(text) == escaped
    path = tmp_path / "sprintcheck.toml"
    path.write_text(f"[sprint]\nname = {escaped}\n", encoding="utf-8")
    assert read_plan(path).sprint.name == text


def test_the_expansion_sample_plan_is_what_init_writes_for_it() -> None:
    doc = read_markdown_plan(EXPANSION / "PLAN.md")

    regenerated = plan_from_markdown(doc, EXPANSION, "PLAN.md")

    assert regenerated == (EXPANSION / "sprintcheck.toml").read_text(encoding="utf-8")


def test_the_expansion_sample_shows_52_failing_tests_and_claims_nothing_undone() -> None:
    report = analyze(Inputs(EXPANSION))
    snapshot = report.snapshot

    tests = {c.name: c.tests for c in snapshot.categories}
    assert [(name, t.n_created, t.n_passing, t.n_failing) for name, t in tests.items()] == [
        ("integration", 46, 14, 32),
        ("unit", 46, 26, 20),
    ]
    assert (snapshot.cases.n_passed, snapshot.cases.n_failed) == (40, 52)
    assert len(snapshot.plan.tasks) == 29
    assert {task.status for task in snapshot.plan.tasks} == {"todo"}
    assert snapshot.plan.claims == Claims()
    # No SC302: nothing is claimed done and no completion is claimed. SC902: the sample has no git
    # history of its own, and its tasks carry estimates, so the time checks are skipped.
    assert sorted((f.code, f.category or "", f.severity.value) for f in report.findings) == [
        ("SC102", "integration", "warning"),
        ("SC102", "unit", "warning"),
        ("SC902", "", "warning"),
    ]
    assert report.snapshot.completion is not None and report.snapshot.completion.claimed is None

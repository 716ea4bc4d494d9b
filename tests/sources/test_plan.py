"""The plan reader on real TOML files, good and bad: every mistake names the file, the key and what was expected."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sprintcheck.errors import PlanError
from sprintcheck.model import (
    CategoryPlan,
    Claims,
    CoverageSettings,
    CoverageTarget,
    CriterionPlan,
    FailureModePlan,
    HonestyIgnore,
    HonestySettings,
    SprintInfo,
    TaskPlan,
    Thresholds,
    TimeSettings,
)
from sprintcheck.sources.plan import find_plan, read_plan

PLANS = Path(__file__).parents[1] / "data" / "plans"


def test_full_plan_reads_every_section() -> None:
    plan = read_plan(PLANS / "full.toml")

    assert plan.root == PLANS
    assert plan.source == PLANS / "full.toml"
    assert plan.sprint == SprintInfo("Sprint 6", date(2026, 1, 22), date(2026, 2, 1), 60.0)
    assert plan.junit == ("reports/*.xml",)
    assert plan.coverage == (".coverage",)
    assert plan.categories == (
        CategoryPlan("smoke", ("tests/smoke/**",), 7),
        CategoryPlan("e2e", ("tests/e2e",), None, 60.0),
    )
    assert plan.tasks == (
        TaskPlan("D5", "E2E tests against the live server", (6.0, 10.0), "done", None,
                 ("tests/e2e/**",), ("src/server/**",)),
        TaskPlan("D6", None, (4.0, 4.0), None, 0.5),
    )
    assert plan.claims == Claims(completion=78.0, tests_created=43)
    assert plan.thresholds == Thresholds(speedup=4.0, completion_gap=15.0)
    assert plan.time == TimeSettings(session_gap_hours=1.5, lead_in_minutes=30.0)
    assert plan.honesty == HonestySettings(
        assertion_helpers=("expect_json",),
        ignores=(HonestyIgnore(("tests/legacy/**",), ("SC205",), "legacy suite, rewritten next sprint"),),
    )
    assert plan.coverage_settings == CoverageSettings(
        target=60.0,
        targets=(
            CoverageTarget(80.0, modules=("src/app/db/**",), name="database", claimed=82.5),
            CoverageTarget(30.0, category="smoke"),
        ),
        baseline="reports/before.json",
        remap=(("/home/ci/build/", ""),),
    )
    assert plan.criteria == (
        CriterionPlan("Coverage", "coverage", ">=", 60.0),
        CriterionPlan("Suite time", "suite_seconds", "<", 300.0),
    )
    assert plan.failure_modes == (
        FailureModePlan(
            "GPU out of memory",
            "the worker dies and the batch is lost",
            ("tests/e2e/test_oom.py::test_large_batch*", "stress"),
        ),
        FailureModePlan("Malformed input line"),
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not_toml.toml", "not_toml.toml:line 2, column 17: invalid TOML: Illegal character"),
        ("wrong_type.toml", "wrong_type.toml:claims.completion: expected a number, got '78%'"),
        (
            "bad_date_toml.toml",
            "bad_date_toml.toml:sprint.start: expected a date like 2026-01-22, got 2026-02-30 "
            "(no such day)",
        ),
        (
            "bad_date_string.toml",
            "bad_date_string.toml:sprint.start: expected a date like 2026-01-22, got '22/01/2026'",
        ),
        (
            "unknown_key.toml",
            "unknown_key.toml:sprint.owner: unknown key (expected one of: name, start, end, planned_hours)",
        ),
        (
            "bad_range.toml",
            "bad_range.toml:task[1].estimate_hours: expected a [low, high] pair with low <= high, got [10, 6]",
        ),
        (
            "bad_status.toml",
            "bad_status.toml:task[0].status: expected one of todo, in_progress, done, got 'finished'",
        ),
        ("over_100.toml", "over_100.toml:claims.completion: expected a percentage from 0 to 100, got 140"),
        ("category_no_paths.toml", "category_no_paths.toml:category[0]: a category needs a name and paths"),
        ("binary.toml", "binary.toml: is not UTF-8 text (byte 0)"),
        (
            "bad_honesty_code.toml",
            "bad_honesty_code.toml:honesty.ignore[0].codes[0]: expected one of SC201, SC202, SC203, "
            "SC204, SC205, SC206, SC207, got 'SC999'",
        ),
        ("zero_gap.toml", "zero_gap.toml:time.session_gap_hours: expected a number above zero, got 0"),
        (
            "coverage_target_both.toml",
            "coverage_target_both.toml:coverage.targets[0]: a coverage target needs percent and "
            "exactly one of category or modules",
        ),
        (
            "coverage_over_100.toml",
            "coverage_over_100.toml:coverage.target: expected a percentage from 0 to 100, got 160",
        ),
        (
            "bad_metric.toml",
            "bad_metric.toml:criterion[0].metric: expected one of coverage, pass_rate, completion,",
        ),
        ("duplicate_task.toml", "duplicate_task.toml:task[2].id: expected an id not used by another task, got 'A'"),
        ("failure_mode_no_name.toml", "failure_mode_no_name.toml:failure_mode[0]: a failure mode needs a name"),
    ],
)
def test_bad_plans_name_the_file_the_key_and_the_expectation(name: str, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        read_plan(PLANS / name)

    line = caught.value.one_line()
    assert line.startswith(str(PLANS / name)), line
    assert line[len(str(PLANS)) + 1 :].startswith(message), line
    assert "\n" not in line


def test_tool_sprintcheck_in_pyproject_is_found_and_validated(tmp_path: Path) -> None:
    shutil.copy(PLANS / "pyproject_wrong.toml", tmp_path / "pyproject.toml")

    assert find_plan(tmp_path) == tmp_path / "pyproject.toml"
    with pytest.raises(PlanError) as caught:
        read_plan(tmp_path / "pyproject.toml")
    assert caught.value.one_line() == (
        f"{tmp_path / 'pyproject.toml'}:tool.sprintcheck.claims.tests_passing: "
        "expected a whole number of zero or more, got 'all'"
    )


def test_sprintcheck_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.sprintcheck.sprint]\nname = "py"\n')
    (tmp_path / "sprintcheck.toml").write_text('[sprint]\nname = "toml"\n')

    assert find_plan(tmp_path) == tmp_path / "sprintcheck.toml"
    assert read_plan(find_plan(tmp_path)).sprint.name == "toml"


def test_folder_without_a_plan_has_none(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')

    assert find_plan(tmp_path) is None


def test_missing_plan_file_is_a_plan_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as caught:
        read_plan(tmp_path / "nope.toml")
    assert caught.value.one_line() == f"{tmp_path / 'nope.toml'}: no such file"


def test_an_impossible_date_in_an_array_of_tables_names_its_entry(tmp_path: Path) -> None:
    plan = tmp_path / "sprintcheck.toml"
    plan.write_text(
        '[sprint]\nstart = 2026-01-22\n\n[[task]]\nid = "T1"\n\n[[task]]  # the second\n'
        'id = "T2"\ndue = 2026-04-31\n'
    )

    with pytest.raises(PlanError) as raised:
        read_plan(plan)

    assert raised.value.one_line() == (
        f"{plan}:task[1].due: expected a date like 2026-01-22, got 2026-04-31 (no such day)"
    )


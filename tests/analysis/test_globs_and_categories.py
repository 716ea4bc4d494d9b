"""Plan globs and category assignment."""

from __future__ import annotations

import pytest

from sprintcheck.analysis.categories import OTHER, assign, infer_categories
from sprintcheck.globs import matches
from sprintcheck.model import CategoryPlan


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("tests/e2e/**", "tests/e2e/test_flow.py", True),
        ("tests/e2e/**", "tests/e2e/deep/er/test_flow.py", True),
        ("tests/e2e/**", "tests/e2e_old/test_flow.py", False),
        ("tests/e2e", "tests/e2e/test_flow.py", True),
        ("tests/e2e/", "tests/e2e/test_flow.py", True),
        ("tests/e2e", "tests/e2e2/test_flow.py", False),
        ("tests/*/test_*.py", "tests/unit/test_a.py", True),
        ("tests/*/test_*.py", "tests/unit/sub/test_a.py", False),
        ("**/test_*.py", "test_a.py", True),
        ("**/test_*.py", "pkg/tests/test_a.py", True),
        ("tests/test_[ab].py", "tests/test_b.py", True),
        ("tests/test_[!ab].py", "tests/test_b.py", False),
        ("./tests/unit/**", "tests/unit/test_a.py", True),
        ("tests/unit/test_?.py", "tests/unit/test_ab.py", False),
    ],
)
def test_glob_matching(pattern: str, path: str, expected: bool) -> None:
    assert matches(path, pattern) is expected


def test_inferred_categories_are_the_folders_under_tests() -> None:
    paths = ["tests/unit/test_a.py", "tests/unit/deep/test_b.py", "tests/e2e/test_c.py", "tests/test_root.py"]

    assert infer_categories(paths) == (
        CategoryPlan("e2e", ("tests/e2e/**",)),
        CategoryPlan("tests", ("tests/*",)),
        CategoryPlan("unit", ("tests/unit/**",)),
    )
    assert [assign(p, ()) for p in paths] == ["unit", "unit", "e2e", "tests"]


def test_a_single_tests_category_when_there_are_no_folders() -> None:
    paths = ["tests/test_a.py", "test_top.py", "src/pkg/test/test_c.py"]

    assert [c.name for c in infer_categories(paths)] == ["tests"]
    assert {assign(p, ()) for p in paths} == {"tests"}


def test_plan_categories_assign_in_plan_order_and_the_rest_is_other() -> None:
    planned = (
        CategoryPlan("slow", ("tests/unit/test_slow*.py",)),
        CategoryPlan("unit", ("tests/unit",)),
    )

    assert assign("tests/unit/test_slow_io.py", planned) == "slow"
    assert assign("tests/unit/test_fast.py", planned) == "unit"
    assert assign("tests/e2e/test_flow.py", planned) == OTHER

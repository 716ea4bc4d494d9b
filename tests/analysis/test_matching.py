"""Matching result cases to test definitions, as pytest names them in JUnit XML."""

from __future__ import annotations

from sprintcheck.analysis.matching import TestIndex
from sprintcheck.model import CaseResult, Location, Outcome, TestDefinition

DEFINITIONS = [
    TestDefinition("tests/smoke/test_api.py", None, "test_health", Location("tests/smoke/test_api.py", 3)),
    TestDefinition("tests/smoke/test_api.py", "TestModels", "test_list", Location("tests/smoke/test_api.py", 9)),
    TestDefinition("tests/smoke/test_api.py", "TestModels::TestNested", "test_x", Location("tests/smoke/test_api.py", 14)),
    TestDefinition("tests/e2e/test_api.py", None, "test_health", Location("tests/e2e/test_api.py", 3)),
    TestDefinition("tests/v1.2/test_dots.py", None, "test_dot", Location("tests/v1.2/test_dots.py", 1)),
]


def case(classname: str, name: str) -> CaseResult:
    return CaseResult("r.xml", classname, name, None, 0.1, (Outcome.PASSED,))


def test_pytest_classnames_match_exactly() -> None:
    index = TestIndex(DEFINITIONS)

    assert index.find(case("tests.smoke.test_api", "test_health")) == 0
    assert index.find(case("tests.smoke.test_api.TestModels", "test_list")) == 1
    assert index.find(case("tests.smoke.test_api.TestModels.TestNested", "test_x")) == 2
    assert index.find(case("tests.e2e.test_api", "test_health")) == 3
    assert index.find(case("tests.v1.2.test_dots", "test_dot")) == 4


def test_parameter_suffix_is_ignored_even_with_dots_and_brackets_inside() -> None:
    index = TestIndex(DEFINITIONS)

    assert index.find(case("tests.smoke.test_api", "test_health[a.b-[1]]")) == 0


def test_results_from_another_rootdir_match_on_an_unambiguous_suffix() -> None:
    index = TestIndex(DEFINITIONS)

    # pytest ran inside tests/: one folder fewer in the classname.
    assert index.find(case("smoke.test_api.TestModels", "test_list")) == 1
    # pytest ran from the parent of the repository: one folder more.
    assert index.find(case("repo.tests.smoke.test_api", "test_health")) == 0
    # "test_api.test_health" exists in both smoke and e2e: refuse to guess.
    assert index.find(case("test_api", "test_health")) is None


def test_unknown_tests_and_other_runners_do_not_match() -> None:
    index = TestIndex(DEFINITIONS)

    assert index.find(case("tests.smoke.test_api", "test_removed")) is None
    assert index.find(case("com.example.HealthTest", "testHealth")) is None
    assert index.find(case("", "test_health")) is None

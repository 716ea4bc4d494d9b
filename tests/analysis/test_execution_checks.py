"""Execution checks SC101-SC106 and SC901 on snapshots folded from definitions and cases."""

from __future__ import annotations

from pathlib import Path

from sprintcheck.analysis.snapshot import SnapshotBuilder
from sprintcheck.checks import run_checks
from sprintcheck.model import (
    CaseCounts,
    CaseResult,
    CategoryPlan,
    Claims,
    InputProblem,
    Inventory,
    Location,
    Outcome,
    Plan,
    ResultsFile,
    Severity,
    Snapshot,
    TestCounts,
    TestDefinition,
)

P, F, E, S, X = Outcome.PASSED, Outcome.FAILED, Outcome.ERROR, Outcome.SKIPPED, Outcome.XFAILED
CATEGORIES = (
    CategoryPlan("smoke", ("tests/smoke/**",), 3),
    CategoryPlan("e2e", ("tests/e2e/**",), 2),
)


def definition(path: str, name: str, line: int = 1) -> TestDefinition:
    return TestDefinition(path, None, name, Location(path, line))


SMOKE = [definition("tests/smoke/test_api.py", f"test_{n}", i + 1) for i, n in enumerate("abc")]
E2E = [definition("tests/e2e/test_flow.py", f"test_{n}", i + 1) for i, n in enumerate("xy")]


def snapshot(
    cases: list[tuple[str, str, tuple[Outcome, ...]]],
    *,
    claims: Claims = Claims(),
    problems: tuple[InputProblem, ...] = (),
    runner: str = "pytest",
    with_results: bool = True,
) -> Snapshot:
    plan = Plan(root=Path("."), source=Path("sprintcheck.toml"), categories=CATEGORIES, claims=claims)
    builder = SnapshotBuilder(plan, Inventory(tests=(*SMOKE, *E2E), files_scanned=2))
    for classname, name, outcomes in cases:
        builder.add_case(CaseResult("reports/junit.xml", classname, name, None, 0.5, outcomes, "boom"))
    files = (ResultsFile("reports/junit.xml", runner, len(cases)),) if with_results else ()
    return builder.build(files, problems, ("reports/*.xml",))


SMOKE_RAN = [
    ("tests.smoke.test_api", "test_a", (P,)),
    ("tests.smoke.test_api", "test_b", (P,)),
    ("tests.smoke.test_api", "test_c", (F,)),
]


def codes(snap: Snapshot) -> list[tuple[str, Severity, str | None]]:
    return [(f.code, f.severity, f.category) for f in run_checks(snap)]


def test_sprint6_shape_one_category_ran_with_a_failure_the_other_never() -> None:
    snap = snapshot(SMOKE_RAN)

    assert snap.categories[0].tests == TestCounts(3, 3, 2, 1, 0)
    assert snap.categories[1].tests == TestCounts(2, 0, 0, 0, 0)
    assert snap.tests == TestCounts(5, 3, 2, 1, 0)
    assert snap.cases == CaseCounts(n_passed=2, n_failed=1)
    assert (snap.categories[0].seconds, snap.categories[0].n_timed) == (1.5, 3)
    assert snap.categories[0].mean_seconds == 0.5
    assert snap.categories[1].mean_seconds is None
    assert codes(snap) == [
        ("SC101", Severity.CRITICAL, "e2e"),
        ("SC102", Severity.WARNING, "smoke"),
    ]
    never_ran = run_checks(snap)[0]
    assert never_ran.title == "e2e: none of its 2 tests ever ran"
    assert never_ran.evidence == (Location("tests/e2e/test_flow.py", 1), Location("tests/e2e/test_flow.py", 2))


def test_a_category_that_ran_in_part_is_a_warning() -> None:
    snap = snapshot([*SMOKE_RAN[:2], ("tests.e2e.test_flow", "test_x", (P,)), ("tests.e2e.test_flow", "test_y", (P,))])

    [finding] = run_checks(snap)
    assert (finding.code, finding.severity, finding.title) == (
        "SC101",
        Severity.WARNING,
        "smoke: 1 of 3 tests never ran",
    )
    assert finding.evidence == (Location("tests/smoke/test_api.py", 3),)


def test_parametrized_cases_fold_into_one_definition() -> None:
    cases = [("tests.smoke.test_api", f"test_a[{i}]", (P,)) for i in range(4)]
    cases.append(("tests.smoke.test_api", "test_a[4]", (F,)))
    snap = snapshot(cases)

    smoke = snap.categories[0]
    assert smoke.cases == CaseCounts(n_passed=4, n_failed=1)
    assert smoke.tests == TestCounts(n_created=3, n_executed=1, n_passing=0, n_failing=1)


def test_teardown_error_counts_as_passed_and_error_at_case_level_and_failing_as_a_test() -> None:
    snap = snapshot([("tests.smoke.test_api", "test_a", (P, E))])

    assert snap.cases == CaseCounts(n_passed=1, n_errors=1)
    assert snap.categories[0].tests.n_failing == 1


def test_skipped_and_xfailed_are_info_and_not_executed() -> None:
    cases = [
        ("tests.smoke.test_api", "test_a", (S,)),
        ("tests.smoke.test_api", "test_b", (X,)),
        ("tests.smoke.test_api", "test_c", (P,)),
        ("tests.e2e.test_flow", "test_x", (P,)),
        ("tests.e2e.test_flow", "test_y", (P,)),
    ]
    snap = snapshot(cases)

    assert snap.categories[0].tests == TestCounts(3, 1, 1, 0, 2)
    assert snap.cases == CaseCounts(n_passed=3, n_skipped=1, n_xfailed=1)
    assert codes(snap) == [("SC103", Severity.INFO, "smoke")]
    assert run_checks(snap)[0].title == "smoke: 1 case skipped, 1 expected to fail"


def test_results_for_tests_not_in_the_code_are_counted_and_flagged() -> None:
    cases = [*SMOKE_RAN[:2], ("tests.smoke.test_api", "test_renamed", (P,)), ("tests.gone", "test_z", (F,))]
    snap = snapshot(cases)

    assert snap.unmatched_cases == CaseCounts(n_passed=1, n_failed=1)
    assert snap.cases == CaseCounts(n_passed=3, n_failed=1)
    unmatched = [f for f in run_checks(snap) if f.code == "SC105"]
    assert [(f.severity, f.title) for f in unmatched] == [
        (Severity.WARNING, "2 results in reports/junit.xml name tests that are not in the code")
    ]
    assert "tests.smoke.test_api::test_renamed" in unmatched[0].detail


def test_results_of_another_runner_are_counted_but_only_noted() -> None:
    snap = snapshot([("com.example.ApiTest", "testHealth", (P,))], runner="surefire")

    unmatched = [f for f in run_checks(snap) if f.code == "SC105"]
    assert [(f.severity, f.title) for f in unmatched] == [
        (Severity.INFO, "1 result in reports/junit.xml name tests not matched to Python tests (surefire)")
    ]


def test_no_results_at_all_is_one_finding_critical_when_the_plan_claims_tested_work() -> None:
    quiet = snapshot([], with_results=False)
    claimed = snapshot([], with_results=False, claims=Claims(tests_passing=5))

    assert codes(quiet) == [("SC106", Severity.WARNING, None)]
    assert codes(claimed) == [("SC106", Severity.CRITICAL, None)]
    assert run_checks(claimed)[0].title == "no test results: 5 tests created, none shown to have run"


def test_unreadable_inputs_become_sc901_and_the_rest_stands() -> None:
    problem = InputProblem("tests/smoke/test_broken.py", "syntax error: invalid syntax", 7)
    snap = snapshot(SMOKE_RAN, problems=(problem,))

    found = [f for f in run_checks(snap) if f.code == "SC901"]
    assert [(f.severity, f.title, f.evidence) for f in found] == [
        (
            Severity.WARNING,
            "tests/smoke/test_broken.py:7: syntax error: invalid syntax",
            (Location("tests/smoke/test_broken.py", 7),),
        )
    ]
    assert snap.tests.n_executed == 3


def test_a_plan_glob_that_selects_no_test_is_reported() -> None:
    plan = Plan(
        root=Path("."),
        source=Path("sprintcheck.toml"),
        categories=(*CATEGORIES, CategoryPlan("stress", ("tests/stress/**",), 12)),
    )
    snap = SnapshotBuilder(plan, Inventory(tests=tuple(SMOKE), files_scanned=1)).build((), (), ())

    assert [str(p) for p in snap.problems] == [
        "sprintcheck.toml: category[1].paths[0] 'tests/e2e/**' selects no test file",
        "sprintcheck.toml: category[2].paths[0] 'tests/stress/**' selects no test file",
    ]

"""Each bundled sample raises exactly the findings its README names (analysed in place, so the
samples without a history of their own also carry SC902)."""

from __future__ import annotations

from collections import Counter

from conftest import SAMPLES

from sprintcheck.pipeline import Inputs, analyze


def findings(sample: str) -> Counter[tuple[str, str, str | None]]:
    report = analyze(Inputs(SAMPLES / sample))
    return Counter((f.code, f.severity.value, f.category) for f in report.findings)


def test_test_value_raises_sc501_for_the_four_unguarded_failure_modes() -> None:
    report = analyze(Inputs(SAMPLES / "test-value"))

    assert findings("test-value") == Counter(
        {
            ("SC501", "warning", None): 4,
            ("SC205", "info", "metrics"): 25,
            ("SC902", "info", None): 1,
        }
    )
    unguarded = [f.key for f in report.findings if f.code == "SC501"]
    assert unguarded == ["GPU out of memory", "Invalid input data", "Worker crashes", "API errors"]
    states = {s.mode.name: (s.state, len(s.tests)) for s in report.snapshot.failure_modes}
    assert states["Webhook failures"] == ("guarded", 10)
    assert states["Database corruption"] == ("guarded", 19)


def test_honest_raises_nothing_but_the_missing_history() -> None:
    report = analyze(Inputs(SAMPLES / "honest"))

    # A warning: the plan has hours, and in place the sample has no history of its own.
    assert findings("honest") == Counter({("SC902", "warning", None): 1})
    completion = report.snapshot.completion
    # S1-S3 (15 h of 17) fully evidenced, S4 (todo, no evidence tests) counts 0: 88.2 % >= 75 %.
    assert (completion.claimed, round(completion.evidence, 1)) == (75.0, 88.2)


def test_hp2_misses_its_coverage_target_and_has_failing_tests() -> None:
    report = analyze(Inputs(SAMPLES / "hp2"))

    assert findings("hp2") == Counter(
        {
            ("SC401", "warning", None): 3,  # overall 52.56 < 60, workers, api
            ("SC102", "warning", "model_service"): 1,
            ("SC102", "warning", "dataset_service"): 1,
            ("SC102", "warning", "training_template_service"): 1,
            ("SC902", "info", None): 1,
        }
    )
    coverage = report.snapshot.coverage
    assert (round(coverage.percent, 2), round(coverage.baseline.total.percent, 2)) == (52.56, 42.70)
    assert (report.snapshot.tests.n_created, report.snapshot.tests.n_passing) == (90, 77)
    # Recorded with test contexts: coverage per category, in statements its tests ran.
    per_category = {c.category: c.covered_statements for c in coverage.categories}
    assert per_category == {"model_service": 146, "dataset_service": 137, "training_template_service": 125}
    changes = {c.path: (round(c.before, 2), round(c.after, 2)) for c in coverage.changes if c.after}
    assert changes["src/studio/services/model_service.py"] == (69.47, 98.47)


def test_coverage_e2e_ran_its_e2e_tests_out_of_process() -> None:
    report = analyze(Inputs(SAMPLES / "coverage-e2e"))

    assert findings("coverage-e2e") == Counter(
        {
            ("SC101", "critical", "unit"): 1,
            ("SC101", "critical", "integration"): 1,
            ("SC202", "warning", "unit"): 18,
            ("SC202", "warning", "integration"): 3,
            ("SC401", "warning", None): 6,  # overall 80 % and five per-module targets, all at 0 %
            ("SC403", "warning", "e2e"): 1,
            ("SC902", "info", None): 1,
        }
    )
    assert report.snapshot.coverage.percent == 0.0


def test_expansion_plan_claims_nothing_it_has_not_done() -> None:
    report = analyze(Inputs(SAMPLES / "expansion-plan"))

    assert findings("expansion-plan") == Counter(
        {
            ("SC102", "warning", "unit"): 1,
            ("SC102", "warning", "integration"): 1,
            ("SC902", "warning", None): 1,
        }
    )
    assert report.snapshot.tests.n_failing == 52
    assert len(report.snapshot.plan.tasks) == 29

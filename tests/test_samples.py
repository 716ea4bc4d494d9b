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

"""Conformance against an outside oracle: a peer tool's counts for real-world JUnit files.

The corpus (publish-unit-test-result-action's test files, each `NAME.xml` with that tool's own
parse in `NAME.results.json`, or `NAME.exception` when it refuses the file) lives outside the
repository: in `../shared/corpus/junit` beside the checkout, or under `$SPRINTCHECK_CORPUS/junit`.
Without it these tests skip. Never copy its files into the project.

Their figures, in our terms:
- `runs*`: their suite header attributes (`tests=`, `skipped=`...), or, where a header is absent,
  junitparser's recount of one per result element; we compare our per-case sums of outcomes.
- `tests*`: distinct tests by (classname, name), each with its most severe outcome; we fold the
  outcomes of all cases of a test through `CaseResult.worst`.
- they count xfailed as skipped.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from sprintcheck.errors import JUnitError
from sprintcheck.model import CaseResult, Outcome
from sprintcheck.sources.junit import read_results

CORPUS = (
    Path(os.environ["SPRINTCHECK_CORPUS"])
    if os.environ.get("SPRINTCHECK_CORPUS")
    else Path(__file__).parents[2] / ".." / "shared" / "corpus"
) / "junit"
FILES = sorted(path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*.xml"))

FIELDS = (
    "tests", "tests_succ", "tests_skip", "tests_fail", "tests_error",
    "runs", "runs_succ", "runs_skip", "runs_fail", "runs_error",
)  # fmt: skip
PEER_WORD = {
    Outcome.PASSED: "succ",
    Outcome.SKIPPED: "skip",
    Outcome.XFAILED: "skip",
    Outcome.FAILED: "fail",
    Outcome.ERROR: "error",
}

# Files where we knowingly differ: (why, our figure for each field that differs, and only those).
KNOWN_DIFFERENCES: dict[str, tuple[str, dict[str, int]]] = {
    "junit.multiresult.xml": (
        "They compute runs_succ as runs minus every skipped/failure/error element, and one case "
        "holds three of them, so theirs is -2. We count one outcome per result element too, and "
        "PASSED only for the case with no result element.",
        {"runs_succ": 1},
    ),
    "no-attributes.xml": (
        "No case has a classname or a name. They drop such cases and fall back to the suite "
        "statistics (4 tests); keyed by (classname, name) the four cases are one test, whose most "
        "severe outcome is an error. Per case we agree.",
        {"tests": 1, "tests_succ": 0, "tests_skip": 0, "tests_fail": 0},
    ),
    "no-cases-but-tests.xml": (
        "The suite header claims tests=6 failures=1 skipped=2 but holds no <testcase>. They take "
        "the header; we count from cases, never from headers, so there is nothing to count.",
        dict.fromkeys(("tests", "tests_succ", "tests_skip", "tests_fail"), 0)
        | dict.fromkeys(("runs", "runs_succ", "runs_skip", "runs_fail"), 0),
    ),
}

needs_corpus = pytest.mark.skipif(not FILES, reason=f"no conformance corpus at {CORPUS}")


def our_figures(path: Path) -> dict[str, int]:
    cases: list[CaseResult] = []
    results = read_results(path, path.name, cases.append)
    figures = Counter({field: 0 for field in FIELDS})
    figures["runs"] = results.n_cases
    for case in cases:
        for outcome in case.outcomes:
            figures[f"runs_{PEER_WORD[outcome]}"] += 1
    by_test: defaultdict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for case in cases:
        by_test[(case.classname, case.name)].extend(case.outcomes)
    figures["tests"] = len(by_test)
    for outcomes in by_test.values():
        worst = dataclasses.replace(cases[0], outcomes=tuple(outcomes)).worst
        figures[f"tests_{PEER_WORD[worst]}"] += 1
    return dict(figures)


def peer_figures(name: str) -> dict[str, int]:
    stats = json.loads((CORPUS / name).with_suffix(".results.json").read_text("utf-8"))["stats"]
    return {field: stats[field] for field in FIELDS}


@needs_corpus
@pytest.mark.parametrize("name", FILES or ["(no corpus)"])
def test_our_counts_match_the_peer(name: str):
    path = CORPUS / name
    if path.with_suffix(".exception").exists():
        with pytest.raises(JUnitError) as refused:
            read_results(path, name, lambda case: None)
        assert "\n" not in str(refused.value)
        return

    expected = peer_figures(name)
    if name in KNOWN_DIFFERENCES:
        expected.update(KNOWN_DIFFERENCES[name][1])

    assert our_figures(path) == expected


@needs_corpus
@pytest.mark.parametrize("name", sorted(KNOWN_DIFFERENCES))
def test_each_known_difference_is_still_a_difference(name: str):
    reason, ours = KNOWN_DIFFERENCES[name]
    assert name in FILES and reason
    peer = peer_figures(name)
    assert {field: peer[field] for field in ours} != ours
    assert all(peer[field] != value for field, value in ours.items())

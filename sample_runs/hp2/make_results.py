#!/usr/bin/env python3
"""Regenerate the HP-2 sample's results and coverage by really running its tests under coverage.

Two runs, both under `coverage run` with the sample's .coveragerc (statements only, one context
per test function, repository-relative paths):

1. the baseline: the tests that stand for the suite before the initiative (BEFORE below), run
   alone -> reports/baseline.coverage, which `coverage report` must total at 42.70 %;
2. the full suite, 90 tests in three files -> reports/junit.xml (pytest must report 13 failed,
   77 passed) and reports/.coverage, which must total 52.56 %.

Run from anywhere, with an interpreter that has pytest and coverage:

    python sample_runs/hp2/make_results.py

The results are stamped 2025-10-28 17:30 (-04:00), the day the initiative was declared complete.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sampleresults import check_coverage_totals, make_results, sample_env  # noqa: E402

BASELINE = "reports/baseline.coverage"
AFTER = "reports/.coverage"
# The tests that stand for the suite before HP-2 (the sample keeps a single suite): the create,
# get, list, update and delete classes of the three services.
BEFORE = [
    f"tests/unit/test_{module}.py::Test{verb}{noun}{'s' if verb == 'List' else ''}"
    for module, noun in (
        ("model_service", "Model"),
        ("dataset_service", "Dataset"),
        ("training_template_service", "Template"),
    )
    for verb in ("Create", "Get", "List", "Update", "Delete")
]
EXPECTED_TOTALS = {BASELINE: "42.70", AFTER: "52.56"}


def baseline() -> int:
    (HERE / BASELINE).unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "coverage", "run", f"--data-file={BASELINE}", "-m", "pytest",
           *BEFORE, "-q", "-p", "no:cacheprovider"]  # fmt: skip
    done = subprocess.run(cmd, cwd=HERE, env=sample_env(), check=False)
    if done.returncode not in (0, 1) or not (HERE / BASELINE).exists():
        print(f"make_results: the baseline run failed ({done.returncode})", file=sys.stderr)
        return done.returncode or 1
    return 0


def main() -> int:
    status = baseline() or make_results(
        HERE,
        tests=["tests"],
        expected={"tests": 90, "failures": 13, "errors": 0, "skipped": 0},
        run_at="2025-10-28T17:30:00-04:00",
        coverage_data=AFTER,
    )
    return status or check_coverage_totals(HERE, EXPECTED_TOTALS)


if __name__ == "__main__":
    sys.exit(main())

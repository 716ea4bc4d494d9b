#!/usr/bin/env python3
"""Regenerate the coverage-e2e sample's results and coverage by really running the e2e tests.

Only tests/e2e is run, as in the report: the unit and integration stubs were never run. Each
e2e module starts the server as a subprocess on 127.0.0.1 (a free port) and stops it afterwards.
Run from anywhere, with an interpreter that has pytest and coverage:

    python sample_runs/coverage-e2e/make_results.py

Two runs of the same 5 tests, each of which must report "5 passed":

1. as the report measured: `coverage run -m pytest tests/e2e` with .coveragerc (the pytest process
   only, `batch_app` as the source) -> reports/junit.xml and reports/.coverage, 0.00 % of
   218 statements. The run is stamped 2025-10-31 08:45 (-04:00), the morning of the report.
2. the fix the README describes, with coverage-subprocess.rc: COVERAGE_PROCESS_START makes the
   server process measure itself; its data is combined into reports/subprocess/.coverage
   (90.83 %). The plan does not read this file; its JUnit file is not kept.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sampleresults import check_coverage_totals, make_results, sample_env  # noqa: E402

IN_PROCESS = "reports/.coverage"
SUBPROCESS_RC = "coverage-subprocess.rc"
SUBPROCESS = "reports/subprocess/.coverage"  # the data_file of coverage-subprocess.rc
EXPECTED_TOTALS = {IN_PROCESS: "0.00", SUBPROCESS: "90.83"}


def subprocess_run() -> int:
    """The e2e tests with the server measured too; its parallel data files combined, none left."""
    folder = HERE / SUBPROCESS
    folder.parent.mkdir(parents=True, exist_ok=True)
    for old in folder.parent.glob(".coverage*"):
        old.unlink()
    env = dict(sample_env(), COVERAGE_PROCESS_START=str(HERE / SUBPROCESS_RC))
    python = [sys.executable, "-m"]
    with tempfile.TemporaryDirectory() as scratch:  # this run's JUnit file is not kept
        junit = Path(scratch, "junit.xml")
        run = subprocess.run(
            [*python, "coverage", "run", f"--rcfile={SUBPROCESS_RC}", "-m", "pytest", "tests/e2e",
             "-q", "-p", "no:cacheprovider", f"--junitxml={junit}"],
            cwd=HERE, env=env, check=False,
        )  # fmt: skip
    combine = subprocess.run(
        [*python, "coverage", "combine", f"--rcfile={SUBPROCESS_RC}", "-q"],
        cwd=HERE, env=sample_env(), check=False,
    )  # fmt: skip
    leftovers = [p.name for p in folder.parent.glob(".coverage.*")]
    if run.returncode != 0 or combine.returncode != 0 or leftovers:
        print(f"make_results: subprocess run {run.returncode}, combine {combine.returncode}, "
              f"left over {leftovers}", file=sys.stderr)  # fmt: skip
        return 1
    return 0


def main() -> int:
    status = make_results(
        HERE,
        tests=["tests/e2e"],
        expected={"tests": 5, "failures": 0, "errors": 0, "skipped": 0},
        run_at="2025-10-31T08:45:00-04:00",
        coverage_data=IN_PROCESS,
    ) or subprocess_run()
    return status or check_coverage_totals(HERE, EXPECTED_TOTALS)


if __name__ == "__main__":
    sys.exit(main())

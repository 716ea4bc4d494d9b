"""Run a sample's tests for real and keep pytest's JUnit XML as the sample's results.

Shared by every sample's make_results.py. It uses the interpreter that runs it (which needs
pytest), writes no __pycache__ or .pytest_cache, and checks that the counts are the ones the
sample documents, so a stale or broken report can never pass for this run's.

A sample replays a run made during its sprint, so the suite's `timestamp` is set to the story's
time of that run (`run_at`) instead of today's: the timeline and the staleness check then read
the results as the team would have. Everything else in the file is pytest's own output.

A sample with coverage passes `coverage_data`: pytest then runs under `coverage run`, with the
sample's own .coveragerc, and the data file is written there (relative to the sample).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPORT = "reports/junit.xml"


def sample_env() -> dict[str, str]:
    """The environment of a sample's runs: no bytecode, and no outside pytest or coverage settings."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for name in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "COVERAGE_PROCESS_START", "COVERAGE_RCFILE",
                 "COVERAGE_FILE", "COVERAGE_PROCESS_CONFIG"):  # fmt: skip
        env.pop(name, None)
    return env


def check_coverage_totals(sample: Path, expected: dict[str, str]) -> int:
    """0 when each data file's `coverage report` total is the expected one ("52.56"), else 1."""
    for data_file, total in expected.items():
        found = coverage_total(sample, data_file)
        if found != total:
            print(f"make_results: {data_file} totals {found} %, expected {total} %", file=sys.stderr)
            return 1
        print(f"make_results: {data_file} totals {found} %")
    return 0


def coverage_total(sample: Path, data_file: str) -> str:
    """`coverage report`'s total for a data file of the sample, to the hundredth ("52.56")."""
    cmd = [sys.executable, "-m", "coverage", "report", f"--data-file={data_file}", "--precision=2",
           "--format=total"]  # fmt: skip
    done = subprocess.run(cmd, cwd=sample, env=sample_env(), capture_output=True, text=True,
                          check=False)  # fmt: skip
    return done.stdout.strip() if done.returncode == 0 else f"error: {done.stderr.strip()}"


def make_results(
    sample: Path,
    tests: list[str],
    expected: dict[str, int],
    run_at: str,
    coverage_data: str | None = None,
) -> int:
    """Run `tests` in `sample`; `expected` holds pytest's tests/failures/errors/skipped counts."""
    env = sample_env()
    report = sample / REPORT
    report.parent.mkdir(exist_ok=True)
    report.unlink(missing_ok=True)  # never mistake an old report for this run's
    cmd = [sys.executable, "-m", "pytest", *tests, f"--junitxml={REPORT}", "-p", "no:cacheprovider"]
    if coverage_data:
        (sample / coverage_data).unlink(missing_ok=True)
        cmd[1:1] = ["-m", "coverage", "run", f"--data-file={coverage_data}"]
    proc = subprocess.run(cmd, cwd=sample, env=env, check=False)
    # exit code 1 means "some tests failed", which may be part of the scenario
    if proc.returncode not in (0, 1):
        print(f"make_results: pytest exited with {proc.returncode}", file=sys.stderr)
        return proc.returncode
    if not report.exists():
        print(f"make_results: pytest wrote no {REPORT} (is pytest installed?)", file=sys.stderr)
        return proc.returncode or 1
    suite = ET.parse(report).getroot().find("testsuite")
    counts = {key: int(suite.get(key)) for key in expected}
    if counts != expected:
        print(f"make_results: expected {expected}, got {counts}", file=sys.stderr)
        return 1
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r'timestamp="[^"]*"', f'timestamp="{run_at}"', text), encoding="utf-8")
    print(f"make_results: wrote {report} {counts}, stamped {run_at}")
    return 0

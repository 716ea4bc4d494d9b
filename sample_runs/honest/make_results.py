#!/usr/bin/env python3
"""Regenerate reports/junit.xml for the honest sample by really running every test.

Every test the sprint created is run. Run from anywhere:

    python sample_runs/honest/make_results.py

It uses the interpreter that runs it (which needs pytest), writes no __pycache__
or .pytest_cache, and checks that the counts are the ones the sample documents.
"""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = ["tests"]
REPORT = "reports/junit.xml"
# tests, failures, errors, skipped: what pytest must report ("12 passed")
EXPECTED = {"tests": 12, "failures": 0, "errors": 0, "skipped": 0}


def main() -> int:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for name in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS"):
        env.pop(name, None)
    report = HERE / REPORT
    report.parent.mkdir(exist_ok=True)
    report.unlink(missing_ok=True)  # never mistake an old report for this run's
    cmd = [
        sys.executable, "-m", "pytest", *TESTS,
        f"--junitxml={REPORT}", "-p", "no:cacheprovider",
    ]
    proc = subprocess.run(cmd, cwd=HERE, env=env, check=False)
    # exit code 1 means "some tests failed"; the counts check below reports it
    if proc.returncode not in (0, 1):
        print(f"make_results: pytest exited with {proc.returncode}", file=sys.stderr)
        return proc.returncode

    if not report.exists():
        print(f"make_results: pytest wrote no {REPORT} (is pytest installed?)", file=sys.stderr)
        return proc.returncode or 1
    suite = ET.parse(report).getroot().find("testsuite")
    counts = {key: int(suite.get(key)) for key in EXPECTED}
    if counts != EXPECTED:
        print(f"make_results: expected {EXPECTED}, got {counts}", file=sys.stderr)
        return 1
    print(f"make_results: wrote {report} {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

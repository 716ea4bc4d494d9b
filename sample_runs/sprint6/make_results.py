#!/usr/bin/env python3
"""Regenerate reports/junit.xml for the Sprint 6 sample by really running the tests.

Only the smoke suite is run, as in the sprint: the e2e, stress and benchmark tests were created
but never executed. Run from anywhere:

    python sample_runs/sprint6/make_results.py

pytest must report "1 failed, 6 passed". The run is stamped 2026-01-25 08:40 (+01:00), just
before the commit that adds these results in the sample's history (make_history.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sampleresults import make_results  # noqa: E402

if __name__ == "__main__":
    sys.exit(
        make_results(
            HERE,
            tests=["tests/smoke"],
            expected={"tests": 7, "failures": 1, "errors": 0, "skipped": 0},
            run_at="2026-01-25T08:40:00+01:00",
        )
    )

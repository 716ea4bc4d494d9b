#!/usr/bin/env python3
"""Regenerate reports/junit.xml for the expansion-plan sample by really running every test.

All 92 tests are run, as the code review ran them. Run from anywhere:

    python sample_runs/expansion-plan/make_results.py

pytest must report "52 failed, 40 passed". The run is stamped 2025-11-09 09:00 (UTC), the day of
the code review that found the 52 failing tests and of the plan written to fix them.
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
            tests=["tests"],
            expected={"tests": 92, "failures": 52, "errors": 0, "skipped": 0},
            run_at="2025-11-09T09:00:00+00:00",
        )
    )

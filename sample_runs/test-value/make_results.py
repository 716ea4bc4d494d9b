#!/usr/bin/env python3
"""Regenerate reports/junit.xml for the test-value sample by really running every test.

All 77 unit tests are run, as the team ran them. Run from anywhere:

    python sample_runs/test-value/make_results.py

pytest must report "77 passed". The run is stamped 2025-10-31 09:20 (-04:00), the morning the
test value analysis was written.
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
            expected={"tests": 77, "failures": 0, "errors": 0, "skipped": 0},
            run_at="2025-10-31T09:20:00-04:00",
        )
    )

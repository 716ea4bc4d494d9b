#!/usr/bin/env python3
"""Regenerate reports/junit.xml for the honest sample by really running every test.

Every test the sprint created is run. Run from anywhere:

    python sample_runs/honest/make_results.py

pytest must report "12 passed". The run is stamped 2026-02-12 15:40 (-05:00), just before the
last commit of the sample's history (make_history.py), which adds these results.
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
            expected={"tests": 12, "failures": 0, "errors": 0, "skipped": 0},
            run_at="2026-02-12T15:40:00-05:00",
        )
    )

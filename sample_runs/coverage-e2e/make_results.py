#!/usr/bin/env python3
"""Regenerate reports/junit.xml for the coverage-e2e sample by really running the e2e tests.

Only tests/e2e is run, as in the report: the unit and integration stubs were never run. Each
e2e module starts the server as a subprocess on 127.0.0.1 (a free port) and stops it afterwards.
Run from anywhere:

    python sample_runs/coverage-e2e/make_results.py

pytest must report "5 passed". The run is stamped 2025-10-31 08:45 (-04:00), the morning the
coverage report was written.
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
            tests=["tests/e2e"],
            expected={"tests": 5, "failures": 0, "errors": 0, "skipped": 0},
            run_at="2025-10-31T08:45:00-04:00",
        )
    )

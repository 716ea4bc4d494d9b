"""Benchmark of the interactive review: time to first paint and to fully loaded.

Each measurement runs in a fresh child process that starts the app headless (`App.run_test`, the
same driver Textual's own tests use) at 80×24, on:

  sprint6     the bundled sample, with its git history built into a temporary cache
  synthetic   the suite of bench_headless.py (`--files` test files, `--cases` JUnit cases)

Times are measured from the child's first line, interpreter start-up excluded (shown separately):

  import      importing the app (Textual, rich, sprintcheck)
  first paint the first screen is on the terminal (its loading indicator, if analysis still runs)
  loaded      the report is shown (the analysis worker finished and the screen repainted)

    .venv/bin/python benchmarks/bench_tui.py                         # full size, ~1 min
    .venv/bin/python benchmarks/bench_tui.py --files 1000 --cases 10000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_headless import build_suite

HERE = Path(__file__).resolve().parent
CHILD = r"""
import asyncio, json, sys, time
started = time.perf_counter()
from pathlib import Path
from sprintcheck.pipeline import Inputs
from sprintcheck.tui.app import SprintcheckApp
imported = time.perf_counter()

async def main():
    app = SprintcheckApp(Inputs(Path(sys.argv[1])), Path(sys.argv[2]))
    async with app.run_test(size=(80, 24)) as pilot:
        painted = time.perf_counter()  # run_test returns once the first screen is mounted and drawn
        loading_shown = app.report is None
        await app.workers.wait_for_complete()
        await pilot.pause()
        loaded = time.perf_counter()
        tests = app.report.snapshot.tests.n_created
    print(json.dumps({
        "import": imported - started, "first_paint": painted - started, "loaded": loaded - started,
        "loading_shown": loading_shown, "tests": tests,
    }))

asyncio.run(main())
"""


def measure(target: Path, review: Path, runs: int) -> dict:
    """The best of `runs` fresh processes, per figure."""
    results = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(target), str(review)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best = {key: min(r[key] for r in results) for key in ("import", "first_paint", "loaded")}
    return {**best, "loading_shown": results[0]["loading_shown"], "tests": results[0]["tests"]}


def sprint6(cache: Path) -> Path:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    script = HERE.parent / "sample_runs" / "sprint6" / "make_history.py"
    done = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, check=True
    )
    return Path(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="test files (10 tests each)")
    parser.add_argument("--cases", type=int, default=100_000, help="JUnit cases")
    parser.add_argument("--results-files", type=int, default=50, help="JUnit XML files")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure; the best is kept")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sprintcheck-bench-tui-"))
    try:
        rows = [("sprint6", measure(sprint6(work / "cache"), work / "review-a.json", args.runs))]
        print(f"Building {args.files} test files and {args.cases} cases ...", flush=True)
        suite = build_suite(work / "suite", args.files, args.cases, args.results_files)
        rows.append(
            (
                f"synthetic ({args.cases} cases)",
                measure(suite.root, work / "review-b.json", args.runs),
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"\n{'input':<28} {'tests':>7} {'import':>8} {'first paint':>12} {'loaded':>8}  loading shown"
    )
    for name, r in rows:
        print(
            f"{name:<28} {r['tests']:>7} {r['import']:>7.2f}s {r['first_paint']:>11.2f}s "
            f"{r['loaded']:>7.2f}s  {'yes' if r['loading_shown'] else 'no (loaded before the first paint)'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

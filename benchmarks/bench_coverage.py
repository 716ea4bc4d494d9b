"""Benchmark of the coverage reader on a large project: time and peak memory against coverage.

Builds, in a temporary folder, a project of `--files` small modules (`src/pkg_NN/mod_NNNNN.py`,
three functions with a branch each) and a `.coverage` data file for it, written directly with
`coverage.CoverageData` (no module is run): `--contexts` test contexts in pytest-cov's shape
(`tests/<category>/test_NNNN.py::test_it|run`), each running about a dozen lines of 10 modules.
The data is recorded under another checkout's path (`/ci/work/app/...`), so the reader maps every
file by suffix, as for data from CI.

Each measurement runs in a fresh child process; times are the best of `--runs`, measured inside
the child; peak RSS is the child's own VmHWM (see child_prelude.py):

  A       a bare CoverageData loop: measured_files() and lines() of each file
  report  `Coverage.report()` over the same data (recorded at the project's own paths, so
          coverage finds the sources), output discarded: what `coverage report` does
  reader  sprintcheck's read_coverage, with a context_category callback (per-category counts)

    .venv/bin/python benchmarks/bench_coverage.py                        # 5,000 files, ~1 min
    .venv/bin/python benchmarks/bench_coverage.py --files 500 --runs 1   # quick check
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from child_prelude import PRELUDE

CATEGORIES = ("unit", "integration", "e2e")
MODULES_PER_CONTEXT = 10

MODULE = '''"""Synthetic module {i}."""


def scale(value):
    if value > {i}:
        return value * 2
    return value


def label(value):
    if value:
        return "yes"
    return "no"


def total(values):
    result = 0
    for value in values:
        result += value
    return result
'''
# Lines each context may run: the def lines are import-time, the rest are bodies.
BODY_LINES = (5, 6, 7, 11, 12, 13, 17, 18, 19, 20)

CHILD_BARE = PRELUDE + r"""
from coverage import CoverageData
started = time.perf_counter()
data = CoverageData(basename=sys.argv[1])
data.read()
count = sum(len(data.lines(name) or ()) for name in data.measured_files())
print(json.dumps({"seconds": time.perf_counter() - started, "count": count, "peak_mb": peak_mb()}))
"""

CHILD_REPORT = PRELUDE + r"""
from coverage import Coverage
os.chdir(sys.argv[2])
started = time.perf_counter()
cov = Coverage(data_file=sys.argv[1], config_file=False)
cov.load()
with open(os.devnull, "w") as out:
    percent = cov.report(file=out, precision=2)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "count": percent, "peak_mb": peak_mb()}))
"""

CHILD_READER = PRELUDE + r"""
from pathlib import Path
from sprintcheck.sources.coverage_data import context_test, read_coverage
started = time.perf_counter()
data, problems = read_coverage(
    [Path(sys.argv[1])], Path(sys.argv[2]),
    context_category=lambda context: context_test(context).split("/")[1],
)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "count": data.total.percent, "peak_mb": peak_mb(),
                  "modules": len(data.modules), "problems": len(problems),
                  "categories": sum(n for m in data.modules for _, n in m.by_category)}))
"""


def build(folder: Path, n_files: int, n_contexts: int) -> tuple[Path, Path, Path]:
    """The project, its data at the project's own paths, and the same data from another checkout."""
    from coverage import CoverageData

    project = folder / "app"
    rels = [f"src/pkg_{i // 100:02d}/mod_{i:05d}.py" for i in range(n_files)]
    for i, rel in enumerate(rels):
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(MODULE.format(i=i))
    local, foreign = folder / "local.coverage", folder / "ci.coverage"
    for data_file, prefix in ((local, str(project)), (foreign, "/ci/work/app")):
        data = CoverageData(basename=str(data_file))
        # Import time: every module's def lines, under the empty context.
        data.add_lines({f"{prefix}/{rel}": (1, 4, 10, 16) for rel in rels})
        for c in range(n_contexts):
            category = CATEGORIES[c % len(CATEGORIES)]
            data.set_context(f"tests/{category}/test_{c:04d}.py::test_it|run")
            picked = ((c * 37 + k * 101) % n_files for k in range(MODULES_PER_CONTEXT))
            lines = BODY_LINES[c % 3 : c % 3 + 8 + c % 3]
            data.add_lines({f"{prefix}/{rels[i]}": lines for i in picked})
        data.close()
    return project, local, foreign


def measure(code: str, args: list[str], runs: int) -> dict:
    best = None
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.exit(f"benchmark child failed:\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--contexts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-coverage-") as name:
        started = time.perf_counter()
        project, local, foreign = build(Path(name), args.files, args.contexts)
        print(f"built {args.files:,} modules, {args.contexts:,} contexts in "
              f"{time.perf_counter() - started:.1f} s; data {foreign.stat().st_size / 1e6:.1f} MB")
        bare = measure(CHILD_BARE, [str(foreign)], args.runs)
        report = measure(CHILD_REPORT, [str(local), str(project)], args.runs)
        reader = measure(CHILD_READER, [str(foreign), str(project)], args.runs)
    assert reader["modules"] == args.files and reader["problems"] == 0
    print(f"\n{'row':<46} {'time (s)':>9} {'peak RSS (MB)':>14}")
    for label, result in (
        ("A: bare measured_files() + lines()", bare),
        ("coverage report (Coverage.report)", report),
        ("read_coverage (mapping, contexts, categories)", reader),
    ):
        print(f"{label:<46} {result['seconds']:>9.2f} {result['peak_mb'] or 0:>14.0f}")
    print(f"\ntotal percent: coverage report {report['count']:.2f}, reader {reader['count']:.2f}")
    print(f"category-statement pairs counted: {reader['categories']:,}")
    print(f"read_coverage / coverage report = {reader['seconds'] / report['seconds']:.2f}x")
    print(f"read_coverage / bare loop       = {reader['seconds'] / bare['seconds']:.2f}x")


if __name__ == "__main__":
    main()

"""Benchmark of the honesty reader (`inspect_honesty`) on large generated test suites.

Two suites are generated in a temporary folder (deleted afterwards unless `--keep DIR`):

  many   `--files` test files (default 2,000) of `--tests` tests each (default 50): module
         functions and a class, helpers that assert (same module, conftest, an imported module),
         pytest.raises, parametrize, try/except, weak and hollow assertions, skips, and a
         `# sprintcheck: ignore[...]` comment in every 10th file (which makes it tokenized).
  huge   one generated file of `--huge` tests (default 20,000): half module functions, half
         methods of one class (class-level work must not be repeated per method).

For each suite, in fresh child processes (best of `--runs`):

  parse    read + ast.parse of every test file, nothing else: the floor
  honesty  inspect_honesty over the suite's test definitions (found beforehand by scan_tests in
           another child and handed over as JSON, so the figure is the reader's alone)

It prints seconds, files/s, tests/s, the ratio honesty / parse, and each child's peak RSS (its
own VmHWM). `--profile` adds the top entries of one cProfile run of the honesty step.

    .venv/bin/python benchmarks/bench_honesty.py                    # full size, ~1 min
    .venv/bin/python benchmarks/bench_honesty.py --files 200 --huge 2000 --runs 1   # quick
    .venv/bin/python benchmarks/bench_honesty.py --keep /tmp/bench-honesty --profile
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from child_prelude import PRELUDE as SHARED_PRELUDE

MARKER = ".bench-honesty.json"

# --- the generated suites ------------------------------------------------------------------------

CONFTEST = """\
import pytest


@pytest.fixture
def client():
    return object()


def roundtrip_ok(value):
    assert value == value.__class__(value)
"""

HELPERS = """\
def compare_rows(rows, expected):
    assert list(rows) == list(expected)


def build(n):
    return list(range(n))
"""

MODULE_HEAD = '''\
"""Generated test module {i}."""

import json

import pytest

from tests.helpers import build, compare_rows

CONSTANT = {i}


def _same(a, b):
    assert a == b


def _make(n):
    return [n] * 3

'''

# Test bodies, chosen in turn; {n} is the test number. Most assert; a few are hollow.
BODIES = (
    "    assert build({n} % 7) == list(range({n} % 7))\n",
    "    value = _make({n})\n    _same(value, [{n}] * 3)\n",
    "    with pytest.raises(ValueError):\n        int('x{n}')\n",
    "    compare_rows(build(3), [0, 1, 2])\n",
    "    roundtrip_ok({n})\n",
    "    data = json.dumps({{'n': {n}}})\n    assert json.loads(data)['n'] == {n}\n",
    "    result = _make({n})\n    assert result is not None\n",
    "    try:\n        assert _make({n})[0] == {n}\n    except Exception:\n        pass\n",
    "    json.dumps({n})\n",
    "    assert client.status_code in [200, 400, 501]\n",
)


def module_source(i: int, tests: int, suppress: bool) -> str:
    parts = [MODULE_HEAD.format(i=i)]
    in_class = tests // 2
    for n in range(tests - in_class):
        parts.append(_test(n, indent="", suppress=suppress and n == 6))
    parts.append("\nclass TestGroup:\n")
    for n in range(tests - in_class, tests):
        parts.append(_test(n, indent="    ", suppress=False))
    return "".join(parts)


def _test(n: int, indent: str, suppress: bool) -> str:
    body = BODIES[n % len(BODIES)].format(n=n)
    if indent:
        body = "".join(indent + line + "\n" for line in body.splitlines())
    args = ("self, " if indent else "") + ("client" if n % len(BODIES) == 9 else "")
    decorator = ""
    if n % 13 == 0:
        decorator = f"{indent}@pytest.mark.parametrize('x', [1, 2, 3])\n"
        args = args + (", x" if args and not args.endswith(", ") else "x")
    elif n % 97 == 0:
        decorator = f"{indent}@pytest.mark.skip(reason='later')\n"
    comment = "  # sprintcheck: ignore[SC205]" if suppress else ""
    return f"\n{decorator}{indent}def test_{n:05d}({args.rstrip(', ')}):{comment}\n{body}"


def build_suites(root: Path, files: int, tests: int, huge: int) -> None:
    many = root / "many"
    (many / "tests").mkdir(parents=True)
    (many / "tests" / "__init__.py").write_text("")
    (many / "tests" / "conftest.py").write_text(CONFTEST)
    (many / "tests" / "helpers.py").write_text(HELPERS)
    (many / "pytest.ini").write_text("[pytest]\ntestpaths = tests\n")
    for i in range(files):
        package = many / "tests" / f"pkg_{i // 100:03d}"
        if not package.is_dir():
            package.mkdir()
            (package / "__init__.py").write_text("")
        (package / f"test_mod_{i:05d}.py").write_text(module_source(i, tests, i % 10 == 0))
    big = root / "huge"
    (big / "tests").mkdir(parents=True)
    (big / "tests" / "__init__.py").write_text("")
    (big / "tests" / "conftest.py").write_text(CONFTEST)
    (big / "tests" / "helpers.py").write_text(HELPERS)
    (big / "pytest.ini").write_text("[pytest]\ntestpaths = tests\n")
    (big / "tests" / "test_generated.py").write_text(module_source(0, huge, True))
    (root / MARKER).write_text(json.dumps({"files": files, "tests": tests, "huge": huge}))


# --- the children ---------------------------------------------------------------------------------

PRELUDE = SHARED_PRELUDE

CHILD_SCAN = (
    PRELUDE
    + r"""
from pathlib import Path
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import read_pytest_config
root = Path(sys.argv[1])
inventory = scan_tests(root, read_pytest_config(root))
tests = [[t.path, t.cls, t.name, t.location.path, t.location.line] for t in inventory.tests]
Path(sys.argv[2]).write_text(json.dumps(tests))
files = sorted({t[3] for t in tests})
Path(sys.argv[3]).write_text(json.dumps(files))
print(json.dumps({"tests": len(tests), "files": len(files)}))
"""
)

CHILD_PARSE = (
    PRELUDE
    + r"""
import ast
from pathlib import Path
root = Path(sys.argv[1])
files = json.loads(Path(sys.argv[2]).read_text())
started = time.perf_counter()
for rel in files:
    ast.parse((root / rel).read_bytes())
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))
"""
)

CHILD_HONESTY = (
    PRELUDE
    + r"""
from pathlib import Path
from sprintcheck.model import Location, TestDefinition
from sprintcheck.sources.honesty import inspect_honesty

root = Path(sys.argv[1])
tests = [
    TestDefinition(path, cls, name, Location(where, line))
    for path, cls, name, where, line in json.loads(Path(sys.argv[2]).read_text())
]
before = peak_mb()
profile = len(sys.argv) > 3
if profile:
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
started = time.perf_counter()
found, problems = inspect_honesty(root, tests)
seconds = time.perf_counter() - started
if profile:
    profiler.disable()
    profiler.dump_stats(sys.argv[3])
codes = {}
for honesty in found.values():
    for issue in honesty.issues:
        codes[issue.code] = codes.get(issue.code, 0) + 1
print(json.dumps({
    "seconds": seconds, "peak_mb": peak_mb(), "peak_before_mb": before, "read": len(found),
    "hollow": sum(h.hollow for h in found.values()), "codes": codes, "problems": len(problems),
}))
"""
)


def run_child(code: str, *args: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        sys.exit(f"benchmark child failed ({completed.returncode}):\n{completed.stderr}")
    return json.loads(lines[-1])


@dataclass
class Figures:
    suite: str
    files: int
    tests: int
    parse_s: float
    parse_mb: float
    honesty_s: float
    honesty_mb: float
    before_mb: float
    detail: dict[str, object]


def measure(suite: str, root: Path, work: Path, runs: int, profile: bool) -> Figures:
    tests_json, files_json = work / f"{suite}-tests.json", work / f"{suite}-files.json"
    scan = run_child(CHILD_SCAN, str(root), str(tests_json), str(files_json))
    parses = [run_child(CHILD_PARSE, str(root), str(files_json)) for _ in range(runs)]
    readings = [run_child(CHILD_HONESTY, str(root), str(tests_json)) for _ in range(runs)]
    best_parse = min(parses, key=lambda r: r["seconds"])  # type: ignore[arg-type,return-value]
    best = min(readings, key=lambda r: r["seconds"])  # type: ignore[arg-type,return-value]
    if profile:
        stats = work / f"{suite}.prof"
        run_child(CHILD_HONESTY, str(root), str(tests_json), str(stats))
        import pstats

        print(f"\n-- cProfile of inspect_honesty on '{suite}' (top 15 by cumulative time)")
        pstats.Stats(str(stats)).sort_stats("cumulative").print_stats(15)
    return Figures(
        suite,
        int(scan["files"]),  # type: ignore[arg-type]
        int(scan["tests"]),  # type: ignore[arg-type]
        float(best_parse["seconds"]),  # type: ignore[arg-type]
        float(best_parse["peak_mb"] or 0),  # type: ignore[arg-type]
        float(best["seconds"]),  # type: ignore[arg-type]
        float(best["peak_mb"] or 0),  # type: ignore[arg-type]
        float(best["peak_before_mb"] or 0),  # type: ignore[arg-type]
        {k: best[k] for k in ("read", "hollow", "codes", "problems")},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--tests", type=int, default=50, help="tests per file in 'many'")
    parser.add_argument("--huge", type=int, default=20000, help="tests in the one 'huge' file")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the suites here and keep them")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)

    sizes = {"files": args.files, "tests": args.tests, "huge": args.huge}
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-honesty-"))
    marker = root / MARKER
    try:
        if not (marker.is_file() and json.loads(marker.read_text()) == sizes):
            if root.exists():
                shutil.rmtree(root)
            root.mkdir(parents=True)
            started = time.perf_counter()
            build_suites(root, args.files, args.tests, args.huge)
            print(f"built the suites in {time.perf_counter() - started:.1f} s under {root}")
        work = root / "work"
        work.mkdir(exist_ok=True)
        figures = [
            measure(suite, root / suite, work, args.runs, args.profile)
            for suite in ("many", "huge")
        ]
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)

    print(f"\nPython {sys.version.split()[0]}, {os.cpu_count()} CPUs, best of {args.runs}")
    header = (
        f"{'suite':<6} {'files':>6} {'tests':>7} {'parse s':>8} {'honesty s':>10} "
        f"{'files/s':>8} {'tests/s':>8} {'ratio':>6} {'parse MB':>9} {'honesty MB':>11}"
    )
    print(header)
    for f in figures:
        print(
            f"{f.suite:<6} {f.files:>6} {f.tests:>7} {f.parse_s:>8.2f} {f.honesty_s:>10.2f} "
            f"{f.files / f.honesty_s:>8.0f} {f.tests / f.honesty_s:>8.0f} "
            f"{f.honesty_s / f.parse_s:>5.2f}x {f.parse_mb:>9.0f} {f.honesty_mb:>11.0f}"
        )
    for f in figures:
        print(f"{f.suite}: {f.detail} (peak before reading: {f.before_mb:.0f} MB)")
    if args.json:
        args.json.write_text(json.dumps([f.__dict__ for f in figures], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the headless run on a large synthetic suite: time, peak memory, where the time goes.

Builds, in a temporary folder, a pytest project of `--files` test files (10 tests each, over five
categories, some in classes, some parametrized) with a sprintcheck.toml, plus `--cases` JUnit XML
cases (pytest xunit2 shape) spread over `--results-files` files. A second results set repeats the
same cases three times over three times as many files (reruns), to show that memory does not grow
with the number of cases.

Every measurement runs in a fresh child process, and each peak RSS is that process's own (its
VmHWM; see PRELUDE); times are the best of `--runs` runs:

  A         a bare ElementTree.iterparse over the results files, counting <testcase> end events
  reader    sprintcheck's read_results over the same files, with a counting callback
  B         ast.parse of every test file (read + parse, nothing else)
  whole     `python -m sprintcheck DIR --headless --format json` (stdout discarded), wall time

A and B time only their own work (measured inside the child); `reader` likewise; `whole` is the
wall time a user sees, interpreter start-up included (shown on its own row for reference).

    .venv/bin/python benchmarks/bench_headless.py                          # full size, ~2.5 min on 2 cores
    .venv/bin/python benchmarks/bench_headless.py --files 1000 --cases 10000   # quick check
    .venv/bin/python benchmarks/bench_headless.py --keep /tmp/bench-suite      # keep the data
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from child_prelude import PRELUDE as SHARED_PRELUDE

CATEGORIES = ("unit", "integration", "api", "e2e", "perf")
FILES_PER_PACKAGE = 50
RERUNS = 3  # the large variant: every case written this many times
RSS_FLAT_TOLERANCE = 1.10  # 3x the cases may cost at most 10 % more peak memory
READER_TARGET = 1.5  # read_results within 1.5x of a bare iterparse
MARKER = ".bench-suite.json"  # in a --keep folder: the sizes it was built with

# --- the synthetic project -----------------------------------------------------------------------


def module_of(i: int, n_files: int) -> tuple[str, str]:
    """(category, relative path without .py) of test file i; files are spread evenly."""
    per_category = -(-n_files // len(CATEGORIES))
    category = CATEGORIES[min(i // per_category, len(CATEGORIES) - 1)]
    package = (i % per_category) // FILES_PER_PACKAGE
    return category, f"tests/{category}/pkg_{package:03d}/test_mod_{i:05d}"


def f4_params(i: int) -> list[int] | None:
    return [1, 2, 3] if i % 5 == 0 else None


def m4_params(i: int) -> list[str] | None:
    return ["a", "b"] if i % 7 == 0 else None


def test_file_text(i: int, category: str) -> str:
    f4 = f4_params(i)
    m4 = m4_params(i)
    lines = [
        f'"""Synthetic test module {i:05d} of the {category} suite."""',
        "",
        "import os",
        "",
        "import pytest",
        "",
        f"LIMIT = {i % 97 + 3}",
        "NAMES = ['alpha', 'beta', 'gamma']",
        "",
        "",
        "def _double(value):",
        "    return value * 2",
        "",
        "",
        "@pytest.fixture",
        "def sample():",
        "    return {'limit': LIMIT, 'names': list(NAMES)}",
        "",
    ]
    for k in range(5):
        lines.append("")
        if k == 4 and f4:
            lines.append(f"@pytest.mark.parametrize('value', {f4!r})")
            lines.append(f"def test_f{k}(value, sample):")
            lines.append("    assert _double(value) == value + value")
        else:
            lines.append(f"def test_f{k}(sample):")
            lines.append(f"    total = sum(range({k + 2}))")
            lines.append(f"    assert total == {sum(range(k + 2))}, os.sep")
            lines.append("    assert sample['limit'] <= LIMIT")
        lines.append("")
    lines += ["", "class TestGroup:", "    def setup_method(self):", "        self.data = list(range(5))"]
    for k in range(5):
        lines.append("")
        if k == 4 and m4:
            lines.append(f"    @pytest.mark.parametrize('name', {m4!r})")
            lines.append(f"    def test_m{k}(self, name):")
            lines.append("        assert name.isalpha()")
        else:
            lines.append(f"    def test_m{k}(self):")
            lines.append(f"        assert self.data[{k}] == {k}")
    lines.append("")
    return "\n".join(lines)


def file_cases(i: int, n_files: int) -> list[tuple[str, str]]:
    """(classname, name) of every case pytest would report for test file i, in order."""
    _, rel = module_of(i, n_files)
    module = rel.replace("/", ".")
    cases = []
    for k in range(5):
        if k == 4 and (params := f4_params(i)):
            cases += [(module, f"test_f4[{p}]") for p in params]
        else:
            cases.append((module, f"test_f{k}"))
    group = f"{module}.TestGroup"
    for k in range(5):
        if k == 4 and (params := m4_params(i)):
            cases += [(group, f"test_m4[{p}]") for p in params]
        else:
            cases.append((group, f"test_m{k}"))
    return cases


def all_cases(n_cases: int, n_files: int):
    """n_cases (classname, name) pairs: file after file, wrapping round; ~0.5 % match no test."""
    produced = 0
    while True:
        for i in range(n_files):
            for classname, name in file_cases(i, n_files):
                if produced == n_cases:
                    return
                if produced % 250 == 17:  # a test deleted since the run
                    name = f"test_removed_{produced}"
                elif produced % 1000 == 503:  # a module that no longer exists
                    classname = f"tests.legacy.test_old_{produced // 1000}"
                yield classname, name
                produced += 1


def xml_attr(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def junit_text(cases: list[tuple[str, str]], rng: random.Random, first: int) -> str:
    """One pytest (xunit2) results file; `{TIMESTAMP}` is left for the caller to fill in."""
    body = []
    failures = skipped = 0
    total_time = 0.0
    for n, (classname, name) in enumerate(cases, start=first):
        seconds = (n * 37 % 1000) / 997
        total_time += seconds
        head = f'<testcase classname="{xml_attr(classname)}" name="{xml_attr(name)}" time="{seconds:.3f}"'
        roll = rng.random()
        if roll < 0.02:
            failures += 1
            path = classname.split(".TestGroup")[0].replace(".", "/") + ".py"
            message = f"AssertionError: assert {n % 7} == {n % 7 + 1}"
            trace = (
                f"def {name.partition('[')[0]}(sample):\n    total = sum(range(3))\n"
                f">       assert total == {n % 7 + 1}\nE       {message}\n\n{path}:24: AssertionError"
            )
            body.append(f'{head}><failure message="{xml_attr(message)}">{xml_text(trace)}</failure></testcase>')
        elif roll < 0.03:
            skipped += 1
            path = classname.split(".TestGroup")[0].replace(".", "/") + ".py"
            body.append(
                f'{head}><skipped type="pytest.skip" message="needs the GPU runner">'
                f"{path}:30: needs the GPU runner</skipped></testcase>"
            )
        else:
            body.append(head + " />")
    header = (
        '<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="pytest tests">'
        f'<testsuite name="pytest" errors="0" failures="{failures}" skipped="{skipped}" '
        f'tests="{len(cases)}" time="{total_time:.3f}" timestamp="{{TIMESTAMP}}" hostname="bench-runner">\n'
    )
    return header + "\n".join(body) + "\n</testsuite></testsuites>\n"


@dataclass
class Suite:
    root: Path
    n_files: int
    n_cases: int
    n_results: int
    results: str  # glob, relative to root, of the base results set
    results_x: str  # glob of the repeated set
    build_seconds: float


def build_suite(root: Path, n_files: int, n_cases: int, n_results: int) -> Suite:
    started = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    (root / "pytest.ini").write_text("[pytest]\ntestpaths = tests\n")
    per_category = -(-n_files // len(CATEGORIES))
    plan = ['[sprint]', 'name = "Synthetic benchmark sprint"', "", "[results]", 'junit = ["reports/*.xml"]']
    for category in CATEGORIES:
        files = min(per_category, max(n_files - CATEGORIES.index(category) * per_category, 0))
        plan += ["", "[[category]]", f'name = "{category}"', f'paths = ["tests/{category}/**"]']
        plan.append(f"planned = {files * 10}")
    (root / "sprintcheck.toml").write_text("\n".join(plan) + "\n")

    made: set[Path] = set()
    for i in range(n_files):
        category, rel = module_of(i, n_files)
        path = root / f"{rel}.py"
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(test_file_text(i, category))

    reports, reports_x = root / "reports", root / f"reports_x{RERUNS}"
    reports.mkdir(exist_ok=True)
    reports_x.mkdir(exist_ok=True)
    cases = list(all_cases(n_cases, n_files))
    rng = random.Random(20261122)
    per_file = -(-len(cases) // n_results)
    for j in range(n_results):
        chunk = cases[j * per_file : (j + 1) * per_file]
        text = junit_text(chunk, rng, j * per_file)
        stamp = f"2026-11-20T10:{j // 60 % 60:02d}:{j % 60:02d}.000000+00:00"
        (reports / f"junit-{j:03d}.xml").write_text(text.replace("{TIMESTAMP}", stamp, 1))
        for rerun in range(RERUNS):  # the same cases again: reruns later in the day
            stamp = f"2026-11-20T{11 + rerun:02d}:{j // 60 % 60:02d}:{j % 60:02d}.000000+00:00"
            (reports_x / f"junit-{rerun}-{j:03d}.xml").write_text(text.replace("{TIMESTAMP}", stamp, 1))
    return Suite(
        root, n_files, len(cases), n_results, "reports/*.xml", f"{reports_x.name}/*.xml",
        time.perf_counter() - started,
    )


# --- measuring in child processes ----------------------------------------------------------------

# Each child prints one JSON line: {"seconds": its work time, "count": what it counted, "peak_mb"}.
# Peak memory is read by the child itself from /proc/self/status (VmHWM): on Linux a child's
# ru_maxrss keeps the *parent's* peak from before the exec, which would put a floor under every
# figure. Elsewhere the parent falls back to the ru_maxrss that os.wait4 returns.
PRELUDE = SHARED_PRELUDE

CHILD_IDLE = PRELUDE + r"""
import sprintcheck.cli
print(json.dumps({"peak_mb": peak_mb()}))
"""

CHILD_ITERPARSE = PRELUDE + r"""
import glob
from xml.etree import ElementTree
files = sorted(glob.glob(sys.argv[1]))
started = time.perf_counter()
count = 0
for path in files:
    with open(path, "rb") as stream:
        for event, elem in ElementTree.iterparse(stream, events=("end",)):
            if elem.tag == "testcase":
                count += 1
                elem.clear()
            elif elem.tag == "testsuite":
                elem.clear()
print(json.dumps({"seconds": time.perf_counter() - started, "count": count, "peak_mb": peak_mb()}))
"""

CHILD_READER = PRELUDE + r"""
import glob
from pathlib import Path
from sprintcheck.sources.junit import read_results
root = sys.argv[2]
files = sorted(glob.glob(sys.argv[1]))
started = time.perf_counter()
count = 0
def on_case(case):
    global count
    count += 1
for path in files:
    read_results(Path(path), os.path.relpath(path, root), on_case)
print(json.dumps({"seconds": time.perf_counter() - started, "count": count, "peak_mb": peak_mb()}))
"""

CHILD_AST = PRELUDE + r"""
import ast
root = sys.argv[1]
paths = []
for folder, dirs, names in os.walk(os.path.join(root, "tests")):
    dirs.sort()
    paths += [os.path.join(folder, n) for n in sorted(names) if n.endswith(".py")]
started = time.perf_counter()
for path in paths:
    with open(path, "rb") as handle:
        ast.parse(handle.read(), filename=path)
print(json.dumps({"seconds": time.perf_counter() - started, "count": len(paths), "peak_mb": peak_mb()}))
"""

# `python -m sprintcheck ARGS` with its stdout discarded, then one JSON line on the real stdout.
# Never `--output /dev/null`: the CLI writes a report atomically (a temporary file beside the
# target, then a rename), and run as root that rename replaces the /dev/null device with a plain
# file. Nor os.devnull: the report is rendered in full, then dropped by a sink.
CHILD_WHOLE = PRELUDE + r"""
import io, runpy
class Sink(io.TextIOBase):
    def write(self, text):
        return len(text)
sys.argv = ["sprintcheck", *sys.argv[1:]]
real_stdout, sys.stdout = sys.stdout, Sink()
code = 0
try:
    runpy.run_module("sprintcheck", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
sys.stdout = real_stdout
print(json.dumps({"exit": code, "peak_mb": peak_mb()}))
"""

# One plain run of analyze() + render_json with each pipeline step timed (and the time the cyclic
# garbage collector spent inside it), by wrapping the functions pipeline.py calls.
CHILD_PHASES = PRELUDE + r"""
import gc
from pathlib import Path
import sprintcheck.pipeline as pipeline
from sprintcheck.analysis.snapshot import SnapshotBuilder
from sprintcheck.report.json_report import render_json
gc_spent = [0.0, 0, 0.0]  # seconds, full (gen 2) collections, start of the current one
def on_gc(phase, info):
    if phase == "start":
        gc_spent[2] = time.perf_counter()
    else:
        gc_spent[0] += time.perf_counter() - gc_spent[2]
        gc_spent[1] += info["generation"] == 2
gc.callbacks.append(on_gc)
spent = {}
def timed(label, function):
    def wrapper(*args, **kwargs):
        started, gc_before = time.perf_counter(), gc_spent[0]
        try:
            return function(*args, **kwargs)
        finally:
            entry = spent.setdefault(label, [0.0, 0.0, 0])
            entry[0] += time.perf_counter() - started
            entry[1] += gc_spent[0] - gc_before
            entry[2] += 1
    return wrapper
for name in ("load_plan", "read_pytest_config", "scan_tests", "select_results", "read_results", "run_checks"):
    if hasattr(pipeline, name):
        setattr(pipeline, name, timed(name, getattr(pipeline, name)))
for name in ("__init__", "add_case", "build"):
    if hasattr(SnapshotBuilder, name):
        setattr(SnapshotBuilder, name, timed(f"SnapshotBuilder.{name}", getattr(SnapshotBuilder, name)))
started = time.perf_counter()
report = pipeline.analyze(pipeline.Inputs(target=Path(sys.argv[1])))
render = timed("render_json", render_json)
render(report)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "phases": spent, "gc_seconds": gc_spent[0],
                  "full_collections": gc_spent[1], "peak_mb": peak_mb()}))
"""

CHILD_PROFILE = PRELUDE + r"""
import cProfile
from pathlib import Path
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.report.json_report import render_json

inputs = Inputs(target=Path(sys.argv[1]))
profiler = cProfile.Profile()
started = time.perf_counter()
profiler.enable()
report = analyze(inputs)
text = render_json(report)
profiler.disable()
seconds = time.perf_counter() - started
profiler.dump_stats(sys.argv[2])
print(json.dumps({"seconds": seconds, "count": len(report.snapshot.records)}))
"""


@dataclass
class Run:
    wall: float  # seconds, measured by the parent: start-up included
    work: float | None  # seconds the child reported for its own work
    rss_mb: float  # the child's peak resident set
    count: int | None
    payload: dict


def run_child(argv: list[str]) -> Run:
    """Start argv, wait for it with wait4, and parse the JSON line it prints last."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        lines = out.read().decode().strip().splitlines()
        if child.returncode != 0 or not lines:
            sys.exit(f"benchmark child failed ({child.returncode}): {argv[:4]}...\n{err.read().decode()}")
        payload = json.loads(lines[-1])
    if payload.get("exit", 0) not in (0, None):
        sys.exit(f"sprintcheck exited with {payload['exit']}: {argv}")
    rss_mb = payload.get("peak_mb")
    if rss_mb is None:  # no /proc: ru_maxrss, kilobytes on Linux and bytes on macOS
        rss_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(wall, payload.get("seconds"), rss_mb, payload.get("count"), payload)


@dataclass
class Measure:
    label: str
    runs: list[Run]

    @property
    def seconds(self) -> float:
        return min(r.work if r.work is not None else r.wall for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.rss_mb for r in self.runs)

    @property
    def count(self) -> int | None:
        return self.runs[0].count


def measure(label: str, argv: list[str], runs: int) -> Measure:
    print(f"  {label} ...", end="", flush=True)
    result = Measure(label, [run_child(argv) for _ in range(runs)])
    print(f" {result.seconds:.2f} s, {result.rss_mb:.0f} MB", flush=True)
    return result


def whole_run_argv(suite: Suite, junit: str | None = None) -> list[str]:
    argv = [sys.executable, "-c", CHILD_WHOLE, str(suite.root), "--headless", "--format", "json"]
    # --fail-on never: findings (exit 1) are expected; 2 and 3 still mean the run broke.
    argv += ["--fail-on", "never"]
    return argv + (["--junit", junit] if junit else [])


# --- reporting -----------------------------------------------------------------------------------


def profile_table(prof: Path, src: Path, top: int = 10) -> list[str]:
    stats = pstats.Stats(str(prof))
    entries = stats.stats  # {(file, line, func): (cc, nc, tt, ct, callers)}
    own_prefix = str(src) + os.sep

    def where(key) -> str:
        file, line, func = key
        if file.startswith(own_prefix):
            file = "sprintcheck/" + file[len(own_prefix) :]
        elif "site-packages" in file:
            file = file.split("site-packages" + os.sep, 1)[1]
        elif file != "~":
            file = os.path.basename(file)
        return f"{file}:{line}({func})" if file != "~" else func

    def rows(keys) -> list[str]:
        out = []
        for key in keys:
            _, calls, tottime, cumtime, _ = entries[key]
            out.append(f"  {cumtime:8.2f} {tottime:8.2f} {calls:>10}  {where(key)}")
        return out

    own = sorted(
        (k for k in entries if k[0].startswith(own_prefix) and "<genexpr>" not in k[2] and k[2] != "<module>"),
        key=lambda k: entries[k][3],
        reverse=True,
    )
    anything = sorted(entries, key=lambda k: entries[k][2], reverse=True)
    head = f"  {'cum s':>8} {'own s':>8} {'calls':>10}  function"
    lines = [f"Top {top} cumulative, sprintcheck's own functions:", head, *rows(own[:top])]
    lines += ["", f"Top {top} by own time, any module (where the time is actually spent):", head]
    lines += rows(anything[:top])
    return lines


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="test files (10 tests each)")
    parser.add_argument("--cases", type=int, default=100_000, help="JUnit cases in the base set")
    parser.add_argument("--results-files", type=int, default=50, help="JUnit XML files in the base set")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the best time is kept")
    parser.add_argument(
        "--keep", type=Path, metavar="DIR",
        help="build the suite in DIR (new or empty) and keep it; a DIR kept by an earlier run "
        "with the same sizes is reused as it is",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile breakdown")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument(
        "--check", action="store_true",
        help=f"exit 1 when a target is missed (reader > {READER_TARGET}x iterparse, or memory grows with cases)",
    )
    args = parser.parse_args(argv)
    if min(args.files, args.cases, args.results_files, args.runs) < 1:
        parser.error("--files, --cases, --results-files and --runs must be at least 1")
    sizes = {"files": args.files, "cases": args.cases, "results_files": args.results_files}
    reuse = False
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        marker = args.keep / MARKER
        reuse = marker.is_file() and json.loads(marker.read_text()) == sizes
        if not reuse:
            parser.error(f"--keep {args.keep}: not empty, and not a suite of these sizes kept earlier")

    src = Path(__import__("sprintcheck").__file__).resolve().parent
    work = Path(tempfile.mkdtemp(prefix="sprintcheck-bench-"))
    root = args.keep.resolve() if args.keep else work / "suite"
    try:
        if reuse:
            print(f"Reusing the suite kept at {root}")
            suite = Suite(root, args.files, args.cases, args.results_files,
                          "reports/*.xml", f"reports_x{RERUNS}/*.xml", 0.0)
        else:
            print(f"Building {args.files} test files and {args.cases} cases in "
                  f"{args.results_files} files at {root} ...", flush=True)
            suite = build_suite(root, args.files, args.cases, args.results_files)
            print(f"  built in {suite.build_seconds:.1f} s ({suite.n_files * 10} test definitions)")
            if args.keep:
                (root / MARKER).write_text(json.dumps(sizes))
        return _bench(args, suite, work, src)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _bench(args: argparse.Namespace, suite: Suite, work: Path, src: Path) -> int:
    py, runs, root = sys.executable, args.runs, suite.root
    n_x = suite.n_cases * RERUNS
    base, rerun = str(root / suite.results), str(root / suite.results_x)
    print(f"Measuring (best of {runs}; every run a fresh process):")
    idle = measure("start-up: python + import sprintcheck.cli", [py, "-c", CHILD_IDLE], runs)
    a = measure("A: bare iterparse of the results", [py, "-c", CHILD_ITERPARSE, base], runs)
    reader = measure("read_results alone", [py, "-c", CHILD_READER, base, str(root)], runs)
    b = measure("B: ast.parse of the test files", [py, "-c", CHILD_AST, str(root)], runs)
    whole = measure("whole headless run (wall)", whole_run_argv(suite), runs)
    print(f"Same test files, {n_x} cases ({RERUNS}x, in {suite.n_results * RERUNS} files), one run each:")
    a_x = measure("A: bare iterparse of the results", [py, "-c", CHILD_ITERPARSE, rerun], 1)
    reader_x = measure("read_results alone", [py, "-c", CHILD_READER, rerun, str(root)], 1)
    whole_x = measure("whole headless run (wall)", whole_run_argv(suite, suite.results_x), 1)
    for m, expected in ((a, suite.n_cases), (reader, suite.n_cases), (a_x, n_x), (reader_x, n_x)):
        if m.count != expected:
            sys.exit(f"{m.label}: counted {m.count} cases, expected {expected}")
    print("Timing the whole run's steps once ...", flush=True)
    phases = run_child([py, "-c", CHILD_PHASES, str(root)]).payload

    wide = 44
    lines = [
        "",
        f"sprintcheck headless benchmark, {time.strftime('%Y-%m-%d')}: {suite.n_files} test files "
        f"({suite.n_files * 10} tests), {suite.n_cases} cases in {suite.n_results} JUnit XML files",
        f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs; "
        f"best of {runs} run{'s' if runs != 1 else ''}, peak RSS is each process's own",
        "",
        f"{'measurement':<{wide}} {'time (s)':>9} {'peak RSS (MB)':>14}",
        f"{'-' * wide} {'-' * 9} {'-' * 14}",
    ]
    for m in (idle, a, reader, b, whole):
        lines.append(f"{m.label:<{wide}} {m.seconds:>9.2f} {m.rss_mb:>14.0f}")
    reader_ratio = reader.seconds / a.seconds
    whole_ratio = whole.seconds / (a.seconds + b.seconds)
    verdict = "meets" if reader_ratio <= READER_TARGET else "MISSES"
    lines += [
        "",
        f"read_results / A        {reader_ratio:6.2f}x   ({verdict} the {READER_TARGET}x target)",
        f"whole run / (A + B)     {whole_ratio:6.2f}x",
        "",
        f"Peak RSS against the number of cases ({suite.n_cases} vs {n_x}, the same {suite.n_files} "
        "test files):",
        f"{'':<{wide}} {suite.n_cases:>10} {n_x:>10} {'ratio':>7}",
    ]
    flat = True
    for label, small, large in (
        ("A: bare iterparse", a, a_x),
        ("read_results alone", reader, reader_x),
        ("whole headless run", whole, whole_x),
    ):
        r = large.rss_mb / small.rss_mb
        flat = flat and (r <= RSS_FLAT_TOLERANCE or label.startswith("A"))
        lines.append(f"{label + ', peak RSS':<{wide}} {small.rss_mb:>7.0f} MB {large.rss_mb:>7.0f} MB {r:>6.2f}x")
    lines.append(
        f"{'whole headless run, time':<{wide}} {whole.seconds:>8.2f} s {whole_x.seconds:>8.2f} s "
        f"{ratio(whole_x.seconds, whole.seconds):>7}"
    )
    lines.append(
        f"=> memory is flat in the number of cases (peak RSS ratio <= {RSS_FLAT_TOLERANCE:.2f})"
        if flat
        else f"=> MEMORY GROWS with the number of cases (peak RSS ratio > {RSS_FLAT_TOLERANCE:.2f})"
    )
    lines += ["", *phase_table(phases)]

    profiled = None
    if not args.no_profile:
        prof = work / "analyze.prof"
        print("Profiling analyze() + render_json once under cProfile ...", flush=True)
        profiled = run_child([py, "-c", CHILD_PROFILE, str(root), str(prof)])
        lines += ["", f"cProfile of analyze() + render_json: {profiled.work:.1f} s with the profiler's overhead"]
        lines += profile_table(prof, src)

    print("\n".join(lines))
    if args.json:
        figures = {
            "date": time.strftime("%Y-%m-%d"),
            "files": suite.n_files,
            "cases": suite.n_cases,
            "results_files": suite.n_results,
            "measurements": {
                m.label: {"seconds": round(m.seconds, 3), "peak_rss_mb": round(m.rss_mb, 1)}
                for m in (idle, a, reader, b, whole)
            },
            "reader_over_iterparse": round(reader_ratio, 3),
            "whole_over_a_plus_b": round(whole_ratio, 3),
            "rerun_set": {
                "cases": n_x,
                "iterparse_peak_rss_mb": round(a_x.rss_mb, 1),
                "reader_peak_rss_mb": round(reader_x.rss_mb, 1),
                "whole_peak_rss_mb": round(whole_x.rss_mb, 1),
                "whole_seconds": round(whole_x.seconds, 3),
            },
            "phases": phases,
            "targets_met": {"reader_within_1_5x": reader_ratio <= READER_TARGET, "memory_flat": flat},
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if args.check and (reader_ratio > READER_TARGET or not flat) else 0


def phase_table(phases: dict) -> list[str]:
    lines = [
        f"Whole run, step by step (one plain run of analyze() + render_json: {phases['seconds']:.2f} s, "
        f"peak RSS {phases['peak_mb']:.0f} MB):",
        f"  {'step':<32} {'calls':>7} {'time (s)':>9} {'of it GC (s)':>13}",
    ]
    steps = dict(phases["phases"])
    nested = steps.pop("SnapshotBuilder.add_case", None)  # called from inside read_results
    for label, (seconds, gc_seconds, calls) in steps.items():
        lines.append(f"  {label:<32} {calls:>7} {seconds:>9.2f} {gc_seconds:>13.2f}")
        if label == "read_results" and nested:
            seconds, gc_seconds, calls = nested
            lines.append(f"  {'  of it SnapshotBuilder.add_case':<32} {calls:>7} {seconds:>9.2f} {gc_seconds:>13.2f}")
    lines.append(
        f"  cyclic GC in all: {phases['gc_seconds']:.2f} s, {phases['full_collections']} full collections"
    )
    return lines


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of the history reader on a synthetic repository of 50,000 commits, against bare git log.

Builds, with one `git fast-import` stream, a repository of `--commits` commits (default 50,000):
2-4 files changed per commit among ~2,000 source, doc and config files, by three authors in three
timezones, one commit every ~10.5 minutes over a year, and every 25th commit changing one of 100
test files (2,000 test-file changes). Built once in a temporary folder, or kept with `--keep DIR`
(reused on a later run with the same size).

Every measurement runs in a fresh child process; times are the best of `--runs` (3):

  bare git log    `git log` with exactly the arguments read_history passes (the same window),
                  stdout to /dev/null: what git alone costs
  read_history    sprintcheck.sources.history.read_history: the same git log, streamed and parsed
  timeline        read_test_timeline over the whole history's test-file changes (history read
                  first, not timed): one `git cat-file --batch` process

over (a) the whole history, (b) the last two weeks (the usual sprint window, at the end of history)
and (c) two weeks in the middle of the year. For a window, git is given committer-date bounds
widened by the timezone range and 7 days of rewrite slack (see sources/history.py); row (c) also
shows git with the exact window, so the cost of that slack is visible.

Peak RSS is each Python child's own VmHWM (/proc/self/status); for bare git log it is git's
ru_maxrss from os.wait4 (a fresh exec from a small parent).

    .venv/bin/python benchmarks/bench_history.py                    # 50,000 commits, ~4 min
    .venv/bin/python benchmarks/bench_history.py --commits 5000     # quick check
    .venv/bin/python benchmarks/bench_history.py --keep /tmp/bench-history
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from child_prelude import PRELUDE as SHARED_PRELUDE

from sprintcheck.sources.history import git_options, log_arguments

TARGET = 1.2  # read_history within 1.2x of bare git log
MARKER = ".bench-history.json"
START = datetime(2025, 11, 1, 8, 0, tzinfo=timezone.utc)
AUTHORS = (
    ("Ann Example", "ann@example.com", timedelta(hours=1)),
    ("Bob Example", "bob@example.com", timedelta(hours=-5)),
    ("Chandra Example", "chandra@example.com", timedelta(hours=5, minutes=30)),
)
N_SOURCE, N_DOCS, N_CONFIG, N_TESTS = 1800, 150, 50, 100
TEST_EVERY = 25
MAX_LINES = 40

# --- the synthetic repository --------------------------------------------------------------------


def file_paths() -> list[str]:
    paths = [f"src/pkg_{i // 60:02d}/mod_{i:04d}.py" for i in range(N_SOURCE)]
    paths += [f"docs/topic_{i:03d}.md" for i in range(N_DOCS)]
    paths += [f"config/service_{i:02d}.yaml" for i in range(N_CONFIG)]
    return paths


def test_paths() -> list[str]:
    return [f"tests/unit/test_area_{i:03d}.py" for i in range(N_TESTS)]


def edit(lines: list[str], rng: random.Random, serial: int) -> None:
    """Change a few lines, insert a few, and keep the file under MAX_LINES."""
    for _ in range(rng.randint(1, 3)):
        if lines:
            lines[rng.randrange(len(lines))] = f"value_{serial}_{rng.randrange(10**6)} = {rng.random():.6f}\n"
    for _ in range(rng.randint(0, 3)):
        lines.insert(rng.randint(0, len(lines)), f"added_{serial} = {rng.randrange(10**9)}\n")
    while len(lines) > MAX_LINES:
        del lines[rng.randrange(len(lines))]


def edit_tests(lines: list[str], rng: random.Random, serial: int) -> None:
    """Add one or two tests, or now and then remove one: test files grow over the year."""
    if lines and rng.random() < 0.2:
        starts = [i for i, line in enumerate(lines) if line.startswith("def test_")]
        i = rng.choice(starts)
        del lines[i : i + 3]
        return
    for k in range(rng.randint(1, 2)):
        lines += [f"def test_case_{serial}_{k}():\n", f"    assert {serial} + {k} == {serial + k}\n", "\n"]


def build_repository(root: Path, n_commits: int) -> float:
    started = time.perf_counter()
    root.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q"], cwd=root, env=env, check=True)
    subprocess.run(["git", "symbolic-ref", "HEAD", "refs/heads/main"], cwd=root, env=env, check=True)
    importer = subprocess.Popen(
        ["git", "fast-import", "--quiet", "--done"], cwd=root, env=env, stdin=subprocess.PIPE
    )
    rng = random.Random(20260122)
    files, tests = file_paths(), test_paths()
    content: dict[str, list[str]] = {}
    spacing = timedelta(days=365) / n_commits
    out = importer.stdin
    for serial in range(n_commits):
        name, email, offset = AUTHORS[serial % 7 % 3]
        moment = START + spacing * serial + timedelta(seconds=rng.randrange(-60, 60))
        stamp = f"{int(moment.timestamp())} {format_offset(offset)}"
        message = f"Change {serial}: adjust values\n".encode()
        changed = rng.sample(files, rng.randint(2, 4))
        if serial % TEST_EVERY == 0:
            changed.append(tests[(serial // TEST_EVERY) % N_TESTS])
        parts = [
            b"commit refs/heads/main\n",
            f"author {name} <{email}> {stamp}\ncommitter {name} <{email}> {stamp}\n".encode(),
            f"data {len(message)}\n".encode(), message,
        ]  # fmt: skip
        for path in changed:
            lines = content.setdefault(path, [])
            (edit_tests if path.startswith("tests/") else edit)(lines, rng, serial)
            blob = "".join(lines).encode()
            parts += [f"M 100644 inline {path}\ndata {len(blob)}\n".encode(), blob, b"\n"]
        out.write(b"".join(parts))
    out.write(b"done\n")
    out.close()
    if importer.wait() != 0:
        sys.exit("git fast-import failed")
    return time.perf_counter() - started


def format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


# --- measuring in child processes ----------------------------------------------------------------

PRELUDE = SHARED_PRELUDE + r"""from datetime import date
from pathlib import Path
def window(arg):
    return None if arg == "-" else date.fromisoformat(arg)
"""

CHILD_READER = PRELUDE + r"""
import git  # GitPython's import (and its `git version`) is start-up, timed on its own row
from sprintcheck.sources.history import read_history
root, since, until = Path(sys.argv[1]), window(sys.argv[2]), window(sys.argv[3])
started = time.perf_counter()
history = read_history(root, since, until)
seconds = time.perf_counter() - started
assert history.available, history.reason
files = sum(len(c.files) for c in history.commits)
print(json.dumps({"seconds": seconds, "count": len(history.commits), "files": files, "peak_mb": peak_mb()}))
"""

CHILD_TIMELINE = PRELUDE + r"""
import git
from sprintcheck.sources.history import read_history
from sprintcheck.sources.timeline import read_test_timeline
root = Path(sys.argv[1])
history = read_history(root)
def count_tests(content):
    return sum(1 for line in content.splitlines() if line.startswith(b"def test_"))
def is_test_file(path):
    return path.startswith("tests/") and path.rsplit("/", 1)[-1].startswith("test_")
started = time.perf_counter()
timeline = read_test_timeline(root, history, is_test_file, count_tests)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "count": len(timeline.changes), "files": timeline.files_read,
                  "net": sum(timeline.per_day.values()), "peak_mb": peak_mb()}))
"""


CHILD_IMPORT = PRELUDE + r"""
started = time.perf_counter()
import git
import sprintcheck.sources.history

print(json.dumps({"seconds": time.perf_counter() - started, "count": None, "peak_mb": peak_mb()}))
"""


@dataclass
class Measure:
    label: str
    seconds: float
    rss_mb: float
    count: int | None = None
    files: int | None = None


def run_python(code: str, args: list[str]) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"benchmark child failed: {done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best_python(label: str, code: str, args: list[str], runs: int) -> Measure:
    print(f"  {label} ...", end="", flush=True)
    results = [run_python(code, args) for _ in range(runs)]
    m = Measure(label, min(r["seconds"] for r in results), max(r["peak_mb"] or 0 for r in results),
                results[0]["count"], results[0].get("files"))  # fmt: skip
    print(f" {m.seconds:.2f} s, {m.rss_mb:.0f} MB", flush=True)
    return m


def best_git(label: str, root: Path, log_args: list[str], runs: int) -> Measure:
    print(f"  {label} ...", end="", flush=True)
    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(["git", *git_options(), "log", *log_args], cwd=root, env=env,
                                 stdout=subprocess.DEVNULL)  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
        times.append(time.perf_counter() - started)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"git log failed in {root}")
        peaks.append(usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024))
    m = Measure(label, min(times), max(peaks))
    print(f" {m.seconds:.2f} s, {m.rss_mb:.0f} MB", flush=True)
    return m


# --- main ----------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the repository in DIR (new or empty) and keep it; reused when "
                        "an earlier run kept one of the same size there")  # fmt: skip
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when read_history > {TARGET}x git log")
    args = parser.parse_args(argv)
    if args.commits < TEST_EVERY or args.runs < 1:
        parser.error(f"--commits must be at least {TEST_EVERY} and --runs at least 1")
    sizes = {"commits": args.commits}
    work = Path(tempfile.mkdtemp(prefix="sprintcheck-bench-history-"))
    root = args.keep.resolve() if args.keep else work / "repo"
    try:
        marker = root / ".git" / MARKER
        if marker.is_file() and json.loads(marker.read_text()) == sizes:
            print(f"Reusing the repository kept at {root}")
            build_seconds = None
        else:
            if root.exists() and any(root.iterdir()):
                parser.error(f"--keep {root}: not empty, and not a repository of this size kept earlier")
            print(f"Building {args.commits} commits with git fast-import at {root} ...", flush=True)
            build_seconds = build_repository(root, args.commits)
            marker.write_text(json.dumps(sizes))
            print(f"  built in {build_seconds:.1f} s")
        return bench(args, root, build_seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(args: argparse.Namespace, root: Path, build_seconds: float | None) -> int:
    runs = args.runs
    last = (START + timedelta(days=365)).date()
    windows = {
        "(a) whole history": (None, None),
        "(b) last 2 weeks": (last - timedelta(days=13), last),
        "(c) 2 weeks mid-year": (date(2026, 4, 1), date(2026, 4, 14)),
    }
    rows = []
    print(f"Measuring (best of {runs}; every run a fresh process):")
    startup = best_python("start-up: import GitPython and the reader", CHILD_IMPORT, [], runs)
    for label, (since, until) in windows.items():
        log_args = log_arguments(since, until)
        bare = best_git(f"{label}: bare git log", root, log_args, runs)
        reader = best_python(f"{label}: read_history", CHILD_READER,
                             [str(root), str(since or "-"), str(until or "-")], runs)  # fmt: skip
        exact = None
        if since is not None and label.startswith("(c)"):
            exact_args = [a for a in log_args if not a.startswith(("--since", "--until"))]
            exact_args += [f"--since={since}T00:00:00+00:00", f"--until={until + timedelta(days=1)}T00:00:00+00:00"]
            exact = best_git(f"{label}: bare git log, exact window", root, exact_args, runs)
        rows.append((label, since, until, bare, reader, exact))
    timeline = best_python("timeline: read_test_timeline, whole history", CHILD_TIMELINE, [str(root)], runs)

    wide = 36
    lines = [
        "",
        f"sprintcheck history benchmark, {time.strftime('%Y-%m-%d')}: {args.commits} commits "
        f"({build_seconds:.0f} s to build with fast-import)" if build_seconds else
        f"sprintcheck history benchmark, {time.strftime('%Y-%m-%d')}: {args.commits} commits",
        f"python {sys.version.split()[0]}, {subprocess.run(['git', 'version'], capture_output=True, text=True).stdout.strip()}, "
        f"{sys.platform}, {os.cpu_count()} CPUs; best of {runs}",
        "",
        f"{'window':<{wide}} {'commits':>8} {'files':>8} {'git log (s)':>12} {'reader (s)':>11} {'ratio':>7} "
        f"{'git RSS':>8} {'reader RSS':>11}",
    ]  # fmt: skip
    worst = 0.0
    for label, since, until, bare, reader, exact in rows:
        ratio = reader.seconds / bare.seconds
        worst = max(worst, ratio)
        lines.append(
            f"{label:<{wide}} {reader.count:>8} {reader.files:>8} {bare.seconds:>12.2f} {reader.seconds:>11.2f} "
            f"{ratio:>6.2f}x {bare.rss_mb:>6.0f}MB {reader.rss_mb:>9.0f}MB"
        )  # fmt: skip
        if exact is not None:
            lines.append(f"{'    git log with the exact window':<{wide}} {'':>8} {'':>8} {exact.seconds:>12.2f}"
                         f"   (the 7-day rewrite slack costs {bare.seconds - exact.seconds:+.2f} s)")  # fmt: skip
    lines += [
        "",
        f"start-up, once per run of sprintcheck and not in the reader times: import GitPython "
        f"{startup.seconds:.2f} s",
        f"timeline: {timeline.count} test-file changes, {timeline.files} blobs counted, "
        f"{timeline.seconds:.2f} s, peak RSS {timeline.rss_mb:.0f} MB "
        f"({1000 * timeline.seconds / max(timeline.count, 1):.2f} ms per change)",
        "",
        f"worst read_history / git log: {worst:.2f}x "
        f"({'meets' if worst <= TARGET else 'MISSES'} the {TARGET}x target)",
    ]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({
            "date": time.strftime("%Y-%m-%d"),
            "commits": args.commits,
            "windows": {
                label: {"commits": r.count, "files": r.files, "git_log_seconds": round(b.seconds, 3),
                        "reader_seconds": round(r.seconds, 3), "ratio": round(r.seconds / b.seconds, 3),
                        "git_peak_rss_mb": round(b.rss_mb, 1), "reader_peak_rss_mb": round(r.rss_mb, 1),
                        "exact_window_git_log_seconds": round(e.seconds, 3) if e else None}
                for label, _, _, b, r, e in rows
            },
            "import_seconds": round(startup.seconds, 3),
            "timeline": {"changes": timeline.count, "blobs": timeline.files,
                         "seconds": round(timeline.seconds, 3), "peak_rss_mb": round(timeline.rss_mb, 1)},
        }, indent=2) + "\n")  # fmt: skip
    return 1 if args.check and worst > TARGET else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End-to-end check of sprintcheck on real third-party test suites.

    .venv/bin/python scripts/verify_third_party.py attrs==26.1.0 click==8.5.1 ...

For each PROJECT==VERSION, in a fresh scratch folder (default /tmp/verify_third_party/NAME-VERSION):

1. `pip download --no-binary :all: --no-deps` the sdist and unpack it;
2. make a separate venv, install the project, pytest and the test dependencies the project
   declares (dependency group or extra named tests/test/testing, else a requirements file such as
   requirements/tests.in; KNOWN_DEPS below and `--deps NAME=req,req` add what a project needs but
   does not declare there); plugins that change what runs (xdist, randomly, rerunfailures,
   run-parallel) are left out;
3. run `python -m pytest -p no:cacheprovider --junitxml=report.xml -q` in the unpacked folder,
   under a time limit, and read pytest's own final summary line;
4. run `pytest --collect-only -q` and count the distinct node ids without their `[...]` parameter
   suffix; a tiny plugin also records every collected item *before* deselection (`-m`, `-k` and
   `--deselect` in addopts), which is the figure `totals.created` is compared with;
5. run `sprintcheck --headless DIR --junit report.xml --format json --fail-on never` and compare
   `totals.cases` (passed, failed, errors, skipped, xfailed) with the summary line and
   `totals.created` with the collected distinct node ids; when created differs, the node ids on
   either side only are listed (ours from `sprintcheck.sources.inventory.scan_tests`).

pytest's junitxml writes an xpassed (non-strict) case as a plain pass, so on a suite with xpassed
cases sprintcheck's `passed` is pytest's passed + xpassed; that is reported as a known difference.
pytest 9 counts subtests apart ("N subtests passed"); they are shown, not compared: its JUnit XML
holds one <testcase> per test.

Exit status: 0 when every project matched (known differences aside), 1 otherwise, 2 when a project
could not be set up or run.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

REPO = Path(__file__).resolve().parent.parent
SPRINTCHECK = REPO / ".venv" / "bin" / "sprintcheck"
CASE_KEYS = ("passed", "failed", "errors", "skipped", "xfailed")
TEST_GROUPS = ("tests", "test", "testing")
REQUIREMENT_FILES = (
    "requirements/tests.in",
    "requirements/test.in",
    "requirements/testing.in",
    "requirements/tests.txt",
    "requirements/test.txt",
    "requirements/testing.txt",
    "requirements-tests.txt",
    "requirements-test.txt",
    "test-requirements.txt",
    "tests/requirements.txt",
    "requirements-dev.txt",
)
# Extra test dependencies that a project needs but does not declare where the above looks.
KNOWN_DEPS: dict[str, tuple[str, ...]] = {
    "idna": ("hypothesis",),
    "python-dateutil": ("pytest-cov",),  # registers the no_cover mark its tests use
    "pyparsing": ("railroad-diagrams", "jinja2"),  # its "diagrams" extra, for test_diagram.py
}
# Plugins the check must not have: they change what runs (order, reruns, parallel workers).
BANNED_PLUGINS = ("pytest-xdist", "pytest-randomly", "pytest-rerunfailures", "pytest-run-parallel")

PLUGIN = '''
"""Loaded with -p by verify_third_party.py: records what pytest itself collected and counted."""
import json, os
import pytest

@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session, config, items):
    out = os.environ.get("VTP_COLLECT_OUT")
    if not out:
        return
    rows = []
    for item in items:  # before any deselection: this hook runs first
        name = getattr(item, "originalname", None) or item.name
        base = item.nodeid[: len(item.nodeid) - len(item.name)] + name
        rows.append({"nodeid": item.nodeid, "base": base, "type": type(item).__name__})
    with open(out, "w") as f:
        json.dump(rows, f)

@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    out = os.environ.get("VTP_STATS_OUT")
    if not out:
        return
    stats = {}
    for category, reports in terminalreporter.stats.items():
        stats[category or "(empty)"] = [
            [getattr(r, "nodeid", None), getattr(r, "when", None)] for r in reports
        ]
    with open(out, "w") as f:
        json.dump(stats, f)
'''


@dataclass
class Result:
    spec: str
    work: Path
    src: Path | None = None
    deps: list[str] = field(default_factory=list)
    summary_line: str | None = None
    summary: dict[str, int] = field(default_factory=dict)
    pytest_rc: int | None = None
    pytest_seconds: float | None = None
    timed_out: bool = False
    collect_q: set[str] = field(default_factory=set)  # distinct, from the -q listing (selected)
    collect_all: set[str] = field(default_factory=set)  # distinct, every item before deselection
    collect_types: dict[str, int] = field(default_factory=dict)
    collect_line: str | None = None
    collect_errors: set[str] = field(default_factory=set)  # files pytest could not collect
    ours: dict | None = None
    ours_nodeids: set[str] = field(default_factory=set)
    problem: str | None = None
    notes: list[str] = field(default_factory=list)
    ok: bool = True


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(cmd: list[str], cwd: Path, log_file: Path, timeout: float, env: dict | None = None):
    """Run cmd in its own process group, output to log_file; kill the group on time-out."""
    started = time.monotonic()
    with log_file.open("w") as out:
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        try:
            rc = proc.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            rc = proc.wait()
            timed_out = True
    return rc, timed_out, time.monotonic() - started


# --- setting a project up ------------------------------------------------------------------------


def download_and_unpack(spec: str, work: Path) -> Path:
    dl = work / "download"
    dl.mkdir()
    rc, _, _ = run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-binary",
            ":all:",
            "--no-deps",
            "-d",
            str(dl),
            spec,
        ],
        work,
        work / "download.log",
        600,
    )
    archives = [p for p in dl.iterdir() if p.name.endswith((".tar.gz", ".zip", ".tgz"))]
    if rc or len(archives) != 1:
        raise RuntimeError(f"pip download failed (see {work / 'download.log'})")
    unpacked = work / "src"
    unpacked.mkdir()
    archive = archives[0]
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as z:
            z.extractall(unpacked)
    else:
        with tarfile.open(archive) as t:
            t.extractall(unpacked, filter="data")
    tops = list(unpacked.iterdir())
    if len(tops) != 1 or not tops[0].is_dir():
        raise RuntimeError(f"unexpected sdist layout: {[p.name for p in tops]}")
    return tops[0]


def _group(groups: dict, name: str, seen: set[str]) -> list[str]:
    reqs: list[str] = []
    if name in seen:
        return reqs
    seen.add(name)
    for entry in groups.get(name, []):
        if isinstance(entry, str):
            reqs.append(entry)
        elif isinstance(entry, dict) and "include-group" in entry:
            reqs.extend(_group(groups, entry["include-group"], seen))
    return reqs


def test_requirements(src: Path, name: str, extra: list[str]) -> tuple[list[str], list[str]]:
    """(pip arguments for the project with its test dependencies, a description of where from)."""
    args, where = [str(src)], []
    pyproject = src / "pyproject.toml"
    data = tomllib.loads(pyproject.read_text()) if pyproject.is_file() else {}
    groups = data.get("dependency-groups") or {}
    extras = (data.get("project") or {}).get("optional-dependencies") or {}
    group = next((g for g in TEST_GROUPS if g in groups), None)
    extra_name = next((g for g in TEST_GROUPS if g in extras), None)
    if group:
        reqs = _group(groups, group, set())
        args += reqs
        where.append(f"[dependency-groups] {group}: {', '.join(reqs)}")
    elif extra_name:
        args = [f"{src}[{extra_name}]"]
        where.append(
            f"[project.optional-dependencies] {extra_name}: {', '.join(extras[extra_name])}"
        )
    else:
        for rel in REQUIREMENT_FILES:
            path = src / rel
            if path.is_file():
                reqs = [
                    line.split("#")[0].strip()
                    for line in path.read_text().splitlines()
                    if line.split("#")[0].strip() and not line.startswith("-")
                ]
                # Pins in a compiled .txt were made for other Pythons: keep the names only.
                if rel.endswith(".txt"):
                    reqs = [re.split(r"[=<>!~;\[ ]", r, maxsplit=1)[0] for r in reqs]
                args += reqs
                where.append(f"{rel}: {', '.join(reqs)}")
                break
    known = list(KNOWN_DEPS.get(name, ())) + extra
    if known:
        args += known
        where.append(f"added: {', '.join(known)}")
    args.append("pytest")
    args = list(dict.fromkeys(args))
    kept = [a for a in args if _req_name(a) not in BANNED_PLUGINS]
    dropped = [a for a in args if _req_name(a) in BANNED_PLUGINS]
    if dropped:
        where.append(f"left out (they change what runs): {', '.join(dropped)}")
    return kept, where


def _req_name(req: str) -> str:
    return re.split(r"[=<>!~;\[ ]", req, maxsplit=1)[0].strip().lower().replace("_", "-")


def make_venv(work: Path, pip_args: list[str], timeout: float) -> Path:
    venv = work / "venv"
    rc, _, _ = run([sys.executable, "-m", "venv", str(venv)], work, work / "venv.log", 300)
    if rc:
        raise RuntimeError(f"venv creation failed (see {work / 'venv.log'})")
    python = venv / "bin" / "python"
    rc, timed_out, _ = run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", *pip_args],
        work,
        work / "install.log",
        timeout,
    )
    if rc or timed_out:
        raise RuntimeError(f"pip install failed (see {work / 'install.log'})")
    return python


# --- pytest's own figures ------------------------------------------------------------------------

_SUMMARY_WORDS = {
    "passed": "passed",
    "failed": "failed",
    "error": "errors",
    "errors": "errors",
    "skipped": "skipped",
    "xfailed": "xfailed",
    "xpassed": "xpassed",
    "deselected": "deselected",
    "warning": "warnings",
    "warnings": "warnings",
    "rerun": "rerun",
    "reruns": "rerun",
}
_SUMMARY_RE = re.compile(
    r"^=*\s*((?:\d+ (?:subtests? )?\w+(?:, )?)+|no tests ran)(?: in [\d.]+s.*?)?\s*=*$"
)


def parse_summary(output: str) -> tuple[str | None, dict[str, int]]:
    for line in reversed(output.splitlines()):
        line = line.strip()
        match = _SUMMARY_RE.match(line)
        if match and " in " in line:
            counts = {
                key: 0 for key in ("passed", "failed", "errors", "skipped", "xfailed", "xpassed")
            }
            for number, word in re.findall(r"(\d+) ((?:subtests? )?\w+)", match.group(1)):
                # pytest 9 counts subtests apart ("21194 subtests passed"): keep them apart too.
                sub, _, word = word.rpartition(" ")
                key = _SUMMARY_WORDS.get(word)
                key = f"subtests {key}" if sub and key else key
                if key:
                    counts[key] = counts.get(key, 0) + int(number)
            return line, counts
    return None, {}


def strip_params(nodeid: str) -> str:
    """The node id without its `[...]` suffix (a path holds no "::"; a name holds no "[")."""
    path, sep, rest = nodeid.partition("::")
    return path + sep + rest.split("[", 1)[0] if sep else nodeid


def pytest_env(work: Path, **extra: str) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(work / "plugin")
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def run_pytest(result: Result, python: Path, timeout: float) -> None:
    work, src = result.work, result.src
    report = work / "report.xml"
    rc, timed_out, seconds = run(
        [
            str(python),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "_vtp_plugin",
            f"--junitxml={report}",
            "-q",
        ],
        src,
        work / "pytest.log",
        timeout,
        env=pytest_env(work, VTP_STATS_OUT=str(work / "pytest_stats.json")),
    )
    result.pytest_rc, result.timed_out, result.pytest_seconds = rc, timed_out, seconds
    if timed_out:
        raise RuntimeError(f"pytest ran past the {timeout:.0f}s limit (see {work / 'pytest.log'})")
    result.summary_line, result.summary = parse_summary(
        (work / "pytest.log").read_text(errors="replace")
    )
    if result.summary_line is None:
        raise RuntimeError(f"no pytest summary line (rc {rc}; see {work / 'pytest.log'})")
    if not report.is_file():
        raise RuntimeError("pytest wrote no JUnit XML")


def run_collect(result: Result, python: Path, timeout: float) -> None:
    work, src = result.work, result.src
    out = work / "collected.json"
    rc, timed_out, _ = run(
        [
            str(python),
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "_vtp_plugin",
            "--collect-only",
            "-q",
        ],
        src,
        work / "collect.log",
        timeout,
        env=pytest_env(
            work, VTP_COLLECT_OUT=str(out), VTP_STATS_OUT=str(work / "collect_stats.json")
        ),
    )
    text = (work / "collect.log").read_text(errors="replace")
    if timed_out or not out.is_file():
        raise RuntimeError(f"collect-only failed (rc {rc}; see {work / 'collect.log'})")
    listing = []
    for line in text.splitlines():
        if not line.strip():
            break  # -q lists the node ids, then a blank line, then the count
        listing.append(line.strip())
    result.collect_q = {strip_params(n) for n in listing if "::" in n}
    result.collect_line = next(
        (
            l.strip()
            for l in reversed(text.splitlines())
            if re.search(r"\d+ tests? collected|collected|error", l)
        ),
        None,
    )
    rows = json.loads(out.read_text())
    result.collect_all = {row["base"] for row in rows}
    types: dict[str, int] = {}
    for row in rows:
        types[row["type"]] = types.get(row["type"], 0) + 1
    result.collect_types = types
    if rc not in (0, 5):
        result.notes.append(f"collect-only exited {rc}: {result.collect_line}")
    stats_file = work / "collect_stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.is_file() else {}
    result.collect_errors = {nodeid for nodeid, _ in stats.get("error", []) if nodeid}


# --- sprintcheck's figures -----------------------------------------------------------------------


def run_sprintcheck(result: Result) -> None:
    work, src = result.work, result.src
    rc, _, _ = run(
        [
            str(SPRINTCHECK),
            "--headless",
            str(src),
            "--junit",
            str(work / "report.xml"),
            "--format",
            "json",
            "--fail-on",
            "never",
            "--output",
            str(work / "sprintcheck.json"),
        ],
        work,
        work / "sprintcheck.log",
        600,
    )
    if rc:
        raise RuntimeError(f"sprintcheck exited {rc} (see {work / 'sprintcheck.log'})")
    result.ours = json.loads((work / "sprintcheck.json").read_text())
    sys.path.insert(0, str(REPO / "src"))
    from sprintcheck.sources.inventory import scan_tests
    from sprintcheck.sources.pytest_config import read_pytest_config

    inventory = scan_tests(src, read_pytest_config(src))
    result.ours_nodeids = {t.nodeid for t in inventory.tests}


# --- the table -----------------------------------------------------------------------------------


def compare(result: Result) -> list[str]:
    lines = []
    theirs, cases = result.summary, result.ours["totals"]["cases"]
    xpassed = theirs.get("xpassed", 0)
    lines.append(f"  pytest summary : {result.summary_line}")
    lines.append(f"  {'':10} {'pytest':>9} {'ours':>9}")
    for key in CASE_KEYS:
        expected = theirs.get(key, 0) + (xpassed if key == "passed" else 0)
        got = cases.get(key)
        if got == expected:
            verdict = (
                "MATCH"
                if key != "passed" or not xpassed
                else f"MATCH (incl. {xpassed} xpassed, known)"
            )
        else:
            verdict, result.ok = "DIFF", False
        lines.append(f"  {key:10} {theirs.get(key, 0):>9} {got:>9}  {verdict}")
    if xpassed:
        lines.append(
            f"  xpassed    {xpassed:>9} {'-':>9}  "
            "KNOWN: JUnit XML writes xpassed as a pass, counted in passed"
        )
    subtests = {k: v for k, v in theirs.items() if k.startswith("subtests ")}
    if subtests:
        lines.append(
            f"  {', '.join(f'{v} {k}' for k, v in subtests.items())}: counted apart by pytest, "
            "not among the five figures; its JUnit XML has one <testcase> per test, not per subtest"
        )
    unmatched = result.ours.get("unmatched", {})
    n_unmatched = sum(u.get("cases", 0) for u in unmatched.get("files", []))
    if n_unmatched:
        lines.append(
            f"  (of those, {n_unmatched} cases matched no test definition: unmatched.cases "
            f"{json.dumps(unmatched['cases'])})"
        )
    created = result.ours["totals"]["created"]
    n_all, n_q = len(result.collect_all), len(result.collect_q)
    verdict = "MATCH" if created == n_all else "DIFF"
    if verdict == "DIFF":
        result.ok = False
    lines.append(
        f"  created    {n_all:>9} {created:>9}  {verdict}   (collect-only -q lists {n_q} distinct; "
        f"{n_all} with deselected; item types {result.collect_types})"
    )
    if result.ours_nodeids and len(result.ours_nodeids) != created:
        lines.append(
            f"  note: scan_tests gave {len(result.ours_nodeids)} node ids, the report {created}"
        )
    theirs_only = sorted(result.collect_all - result.ours_nodeids)
    ours_only = sorted(result.ours_nodeids - result.collect_all)
    if theirs_only or ours_only:
        lines.append(f"  node ids theirs-not-ours ({len(theirs_only)}):")
        lines += [f"    - {n}" for n in theirs_only]
        lines.append(f"  node ids ours-not-theirs ({len(ours_only)}):")
        ignored = _collect_ignored(result.src)
        for nodeid in ours_only:
            path = nodeid.split("::", 1)[0]
            why = ""
            if path in result.collect_errors:
                why = "   <- pytest could not collect this file (collection error)"
            elif any(path == p or path.startswith(p + "/") for p in ignored):
                why = "   <- in a conftest.py collect_ignore (not modelled by the inventory)"
            lines.append(f"    + {nodeid}{why}")
    lines += [f"  note: {n}" for n in result.notes]
    return lines


def _collect_ignored(src: Path) -> set[str]:
    """Paths (relative to src) named by a string literal in a `collect_ignore` statement of a
    conftest.py, whatever its condition: enough to explain a difference, not to decide one."""
    found: set[str] = set()
    for conftest in src.rglob("conftest.py"):
        try:
            tree = ast.parse(conftest.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for node in ast.walk(tree):
            if isinstance(
                node, (ast.Assign, ast.AugAssign, ast.Expr)
            ) and "collect_ignore" in ast.dump(node):
                for const in ast.walk(node):
                    if isinstance(const, ast.Constant) and isinstance(const.value, str):
                        rel = (conftest.parent / const.value).relative_to(src)
                        found.add(rel.as_posix())
    return found


def verify(spec: str, args: argparse.Namespace) -> Result:
    name = re.split(r"[=<>!~ ]", spec, maxsplit=1)[0].lower().replace("_", "-")
    work = args.workdir / spec.replace("==", "-").replace("/", "_")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    (work / "plugin").mkdir()
    (work / "plugin" / "_vtp_plugin.py").write_text(PLUGIN)
    result = Result(spec, work)
    try:
        log(f"{spec}: downloading the sdist")
        result.src = download_and_unpack(spec, work)
        extra = [
            d
            for entry in args.deps
            for key, _, ds in [entry.partition("=")]
            if key.lower() == name
            for d in ds.split(",")
            if d
        ]
        pip_args, where = test_requirements(result.src, name, extra)
        result.deps = where
        log(f"{spec}: installing into a venv: {' '.join(pip_args[1:])}")
        python = make_venv(work, pip_args, args.install_timeout)
        log(f"{spec}: running pytest (limit {args.timeout:.0f}s)")
        run_pytest(result, python, args.timeout)
        log(f"{spec}: {result.summary_line}")
        run_collect(result, python, args.timeout)
        log(f"{spec}: running sprintcheck")
        run_sprintcheck(result)
    except Exception as exc:  # noqa: BLE001 - one broken project must not hide the others
        result.problem, result.ok = str(exc), False
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("projects", nargs="+", metavar="PROJECT==VERSION")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/verify_third_party"))
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds per pytest run (default 300)"
    )
    parser.add_argument("--install-timeout", type=float, default=600)
    parser.add_argument(
        "--deps",
        action="append",
        default=[],
        metavar="NAME=REQ,REQ",
        help="extra test dependencies for one project (repeatable)",
    )
    args = parser.parse_args()
    if not SPRINTCHECK.is_file():
        parser.error(f"{SPRINTCHECK} not found: install the repo into .venv first")
    started = time.monotonic()
    results = [verify(spec, args) for spec in args.projects]
    print()
    for result in results:
        print(f"=== {result.spec}   ({result.work})")
        for line in result.deps:
            print(f"  test deps: {line}")
        if result.problem:
            print(f"  NOT CHECKED: {result.problem}")
            continue
        print(f"  pytest exit {result.pytest_rc}, {result.pytest_seconds:.1f}s")
        for line in compare(result):
            print(line)
        print(f"  => {'ALL MATCH' if result.ok else 'DIFFERENCES'}")
        print()
    print(f"total time {time.monotonic() - started:.0f}s")
    if any(r.problem for r in results):
        return 2
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

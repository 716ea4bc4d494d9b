#!/usr/bin/env python3
"""Check sprintcheck's coverage reader against coverage.py itself, on real third-party suites.

    .venv/bin/python scripts/verify_coverage_third_party.py            # the default projects
    .venv/bin/python scripts/verify_coverage_third_party.py jinja2 six  # some of them

For each project (set up as scripts/verify_third_party.py sets it up, in
/tmp/verify_third_party/NAME-VERSION, reused when present), in its own venv, with the same
coverage.py and pytest-cov as /work/main's venv installed there:

1. the suite is run three times, with the code imported from the unpacked source tree
   (PYTHONPATH), the data file kept outside it (COVERAGE_FILE):
     branch   `coverage run --rcfile=R -m pytest`, R: branch = True, source = the package(s),
              dynamic_context = test_function;
     lines    the same with branch = False and no contexts;
     cov-ctx  `pytest --cov=PKG --cov-branch --cov-context=test` (pytest-cov, the project's own
              [tool.coverage] configuration for the run);
   and, with `--variants installed`, a branch run of the copy pip installed in the venv (paths in
   site-packages: mapped by the project's [paths], by path suffix, or else by a remap);
   every report (`coverage report --precision=2`, `coverage json`, `coverage xml`) runs in the
   project folder without --rcfile, so the project's own [report]/[paths] settings apply, and
   writes into WORK/coverage_check/VARIANT/, outside the project's source folder;
2. `read_coverage` (run here, in /work/main's venv: the project's code is never imported) reads
   the .coverage file, coverage.json and coverage.xml; the first two are compared, per file and
   in total, count by count and percent to the hundredth, with `coverage json`'s own figures and
   the TOTAL of `coverage report`; the Cobertura reading with the XML's own line-rate and
   branch-rate (per file) and lines/branches-valid/covered (totals);
3. with contexts: every category's covered statements per module are at most the module's
   covered statements, and for the --categories largest categories (test modules) each module's
   count equals coverage.py's for that category's contexts alone: `coverage json --show-contexts`
   restricted to them (the report API's `contexts=`; the unrestricted listing runs to gigabytes:
   2 GB for jinja2), both its covered_lines and the lines listed with those contexts (first lines
   of their statements); for cov-ctx the pipeline's own categories (folders under tests/) too;
4. `sprintcheck ROOT --headless --format json --coverage WORK/.../.coverage` is run and its
   `coverage.percent` compared with coverage's total, to the hundredth.

A file with no statements has no percentage in sprintcheck while coverage says 100 %: that is a
known, accepted difference, counted and not flagged.

Exit status: 0 when everything agreed (known differences aside), 1 otherwise, 2 when a project
could not be set up or run.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from importlib.metadata import version as installed_version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from verify_third_party import (  # noqa: E402 - a sibling script, not a package
    REPO,
    SPRINTCHECK,
    download_and_unpack,
    log,
    make_venv,
    parse_summary,
    run,
    test_requirements,
)

sys.path.insert(0, str(REPO / "src"))
from coverage import CoverageData as MeasuredData  # noqa: E402
from coverage.python import PythonParser  # noqa: E402

from sprintcheck.analysis.categories import inferred_category  # noqa: E402
from sprintcheck.model import CoverageCount, CoverageData  # noqa: E402
from sprintcheck.sources.coverage_data import context_test, read_coverage  # noqa: E402


@dataclass(frozen=True)
class Project:
    spec: str
    packages: tuple[str, ...]  # what --source / --cov name
    path: str = "."  # the folder (relative to the unpacked sdist) that holds the packages
    omit: tuple[str, ...] = ()  # [run] omit for our own run configuration


PROJECTS: dict[str, Project] = {
    p.spec.split("==")[0]: p
    for p in (
        Project("itsdangerous==2.2.0", ("itsdangerous",), "src"),
        Project("jinja2==3.1.6", ("jinja2",), "src"),
        Project("markupsafe==3.0.4", ("markupsafe",), "src"),
        Project("six==1.17.0", ("six",)),
        Project("toolz==1.2.0", ("toolz", "tlz"), omit=("*/tests/*",)),
        Project("idna==3.20", ("idna",)),
        Project("attrs==26.1.0", ("attr", "attrs"), "src"),
        Project("more-itertools==11.2.1", ("more_itertools",)),
        Project("python-dateutil==4.0.0", ("dateutil",), "src"),
    )
}
DEFAULT = ("itsdangerous", "jinja2", "markupsafe", "six", "toolz", "idna", "attrs")
VARIANTS = ("branch", "lines", "cov-ctx")
# Also known: "installed", the branch run of the copy pip installed in the venv (no PYTHONPATH):
# measured paths are in site-packages, and must be mapped onto the source tree.
ALL_VARIANTS = (*VARIANTS, "installed")
CONTEXT_VARIANTS = ("branch", "cov-ctx")
HUNDREDTH = 0.005  # two percents that print alike at two decimals differ by less than this


# --- setting a project up (verify_third_party's folders, reused) ---------------------------------


def setup(project: Project, workdir: Path, install_timeout: float) -> tuple[Path, Path, Path]:
    """(work folder, unpacked source root, venv python), made as verify_third_party makes them."""
    name = project.spec.split("==")[0]
    work = workdir / project.spec.replace("==", "-")
    python = work / "venv" / "bin" / "python"
    tops = list((work / "src").iterdir()) if (work / "src").is_dir() else []
    if not (python.is_file() and len(tops) == 1):
        log(f"{project.spec}: not set up yet: downloading and installing")
        if work.exists():
            raise RuntimeError(f"{work} exists but holds no venv and sdist: remove it first")
        work.mkdir(parents=True)
        download_and_unpack(project.spec, work)
        tops = list((work / "src").iterdir())
        pip_args, _ = test_requirements(tops[0], name.lower(), [])
        make_venv(work, pip_args, install_timeout)
    wanted = {
        "coverage": installed_version("coverage"),
        "pytest-cov": installed_version("pytest-cov"),
    }
    rc, _, _ = run(
        [str(python), "-m", "pip", "list", "--format=json"], work, work / "pip-list.log", 120
    )
    have = {
        row["name"].lower(): row["version"]
        for row in json.loads((work / "pip-list.log").read_text() or "[]")
    }
    missing = [f"{n}=={v}" for n, v in wanted.items() if have.get(n) != v]
    if missing:
        log(f"{project.spec}: installing {' '.join(missing)} into its venv")
        rc, timed_out, _ = run(
            [str(python), "-m", "pip", "install", "--disable-pip-version-check", *missing],
            work,
            work / "install-coverage.log",
            install_timeout,
        )
        if rc or timed_out:
            raise RuntimeError(f"pip install failed (see {work / 'install-coverage.log'})")
    return work, tops[0], python


# --- coverage.py's own figures -------------------------------------------------------------------


@dataclass
class Theirs:
    """What coverage.py says about one data file."""

    report_total: str | None = None  # the TOTAL percent of `coverage report --precision=2`
    report_seconds: float = 0.0
    json: dict = field(default_factory=dict)
    xml_root: dict[str, str] = field(default_factory=dict)
    xml_files: dict[str, dict[str, str]] = field(default_factory=dict)  # root-relative path


def coverage_cmd(python: Path, *args: str) -> list[str]:
    return [str(python), "-m", "coverage", *args]


def test_env(src: Path, project: Project, data_file: Path, installed: bool) -> dict:
    env = dict(os.environ)
    for var in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS", "COVERAGE_PROCESS_START", "COVERAGE_RCFILE"):
        env.pop(var, None)
    env.pop("PYTHONPATH", None)
    if not installed:
        env["PYTHONPATH"] = str((src / project.path).resolve())
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["COVERAGE_FILE"] = str(data_file)
    return env


def run_suite(
    variant: str, project: Project, src: Path, python: Path, out: Path, timeout: float
) -> tuple[Path, str, float]:
    """Run the suite under coverage; (the data file, pytest's summary line, seconds)."""
    out.mkdir(parents=True, exist_ok=True)
    data_file = out / ".coverage"
    for old in out.glob(".coverage*"):
        old.unlink()
    pytest_args = ["-m", "pytest", "-p", "no:cacheprovider", "-q"]
    if variant == "cov-ctx":
        cmd = [str(python), *pytest_args, *(f"--cov={p}" for p in project.packages)]
        cmd += ["--cov-branch", "--cov-context=test", "--cov-report="]
    else:
        rcfile = out / "run.rc"
        lines = [
            "[run]",
            f"branch = {variant in ('branch', 'installed')}",
            "source =",
            *(f"    {p}" for p in project.packages),
        ]
        if project.omit:
            lines += ["omit =", *(f"    {p}" for p in project.omit)]
        if variant in CONTEXT_VARIANTS:
            lines.append("dynamic_context = test_function")
        rcfile.write_text("\n".join(lines) + "\n")
        cmd = coverage_cmd(python, "run", f"--rcfile={rcfile}", *pytest_args)
    rc, timed_out, seconds = run(
        cmd,
        src,
        out / "pytest.log",
        timeout,
        env=test_env(src, project, data_file, variant == "installed"),
    )
    if timed_out:
        raise RuntimeError(f"{variant}: the suite ran past {timeout:.0f}s: skipped")
    if not data_file.is_file():
        raise RuntimeError(f"{variant}: no data file (rc {rc}; see {out / 'pytest.log'})")
    line, _ = parse_summary((out / "pytest.log").read_text(errors="replace"))
    return data_file, line or f"(no summary line, rc {rc})", seconds


def repo_name(name: str, project: Project) -> str:
    """A name coverage.py reports, as a path relative to the source root: a file of the installed
    copy is named as its original in the source tree (our own mapping, not sprintcheck's)."""
    if "site-packages/" in name:
        return posixpath.normpath(posixpath.join(project.path, name.split("site-packages/", 1)[1]))
    return name


def coverage_reports(
    variant: str, project: Project, src: Path, python: Path, data_file: Path, out: Path
) -> Theirs:
    theirs = Theirs()
    data = f"--data-file={data_file}"
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("COVERAGE_FILE", None)
    env.pop("COVERAGE_RCFILE", None)
    # `coverage report`, timed; the project's fail_under may make it exit 2.
    rc, _, seconds = run(
        coverage_cmd(python, "report", data, "--precision=2"), src, out / "report.txt", 600, env=env
    )
    text = (out / "report.txt").read_text(errors="replace")
    if rc not in (0, 2):
        raise RuntimeError(f"{variant}: coverage report exited {rc} (see {out / 'report.txt'})")
    total = re.search(r"^TOTAL\b.*?([\d.]+)%\s*$", text, re.M)
    theirs.report_total = total[1] if total else None
    theirs.report_seconds = seconds
    # Without --show-contexts: with contexts the full listing runs to gigabytes (jinja2: 2 GB);
    # the per-category check asks for one category's contexts at a time instead.
    for kind, extra in (("json", []), ("xml", [])):
        target = out / f"coverage.{kind}"
        rc, _, _ = run(
            coverage_cmd(python, kind, data, "-o", str(target), *extra),
            src,
            out / f"{kind}.log",
            600,
            env=env,
        )
        if rc not in (0, 2) or not target.is_file():
            raise RuntimeError(
                f"{variant}: coverage {kind} exited {rc} (see {out / f'{kind}.log'})"
            )
    theirs.json = json.loads((out / "coverage.json").read_text())
    theirs.json["files"] = {repo_name(k, project): v for k, v in theirs.json["files"].items()}
    tree = ET.parse(out / "coverage.xml")
    root = tree.getroot()
    theirs.xml_root = dict(root.attrib)
    sources = [s.text.strip() for s in root.iter("source") if s.text]
    for cls in root.iter("class"):
        filename = cls.get("filename", "")
        full = next(
            (
                posixpath.join(s, filename)
                for s in sources
                if os.path.isfile(posixpath.join(s, filename))
            ),
            filename,
        )
        rel = os.path.relpath(
            os.path.realpath(full if os.path.isabs(full) else src / full), src.resolve()
        )
        theirs.xml_files[repo_name(Path(rel).as_posix(), project)] = dict(cls.attrib)
    return theirs


# --- comparing -----------------------------------------------------------------------------------


@dataclass
class Check:
    project: str
    version: str
    variant: str
    summary_line: str = ""
    test_seconds: float = 0.0
    n_files: int = 0
    statements: int = 0
    branches: int | None = None
    theirs_total: float | None = None
    report_total: str | None = None
    ours: dict[str, float | None] = field(default_factory=dict)  # reading -> total percent
    max_file_diff: float = 0.0
    report_seconds: float = 0.0
    read_seconds: dict[str, float] = field(default_factory=dict)
    pipeline_percent: float | None = None
    pipeline_seconds: float = 0.0
    empty_files: int = 0
    notes: list[str] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    problem: str | None = None


def percent(count: CoverageCount) -> float | None:
    return count.percent


def r2(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def differ(a: float | None, b: float | None) -> bool:
    """Percents that do not agree to the hundredth (None only agrees with None)."""
    if a is None or b is None:
        return a is not b
    return round(a, 2) != round(b, 2) and abs(a - b) > 1e-9


def timed_read(paths: list[Path], root: Path, **kwargs) -> tuple[CoverageData | None, tuple, float]:
    started = time.perf_counter()
    data, problems = read_coverage(paths, root, **kwargs)
    return data, problems, time.perf_counter() - started


def compare_with_json(check: Check, label: str, data: CoverageData | None, theirs: Theirs) -> None:
    """Per file and total, counts and percent, against `coverage json` on the same data."""
    if data is None:
        check.diffs.append(f"{label}: read nothing")
        check.ours[label] = None
        return
    files = theirs.json["files"]
    ours = {m.path: m.count for m in data.modules}
    branch = bool(theirs.json["meta"]["branch_coverage"])
    for name in sorted(set(files) | set(ours)):
        if name not in ours:
            summary = files[name]["summary"]
            if summary["num_statements"] == 0:
                continue  # counted as an empty file below, from coverage's side
            check.diffs.append(f"{label}: {name} is in coverage's report, not in ours")
            continue
        if name not in files:
            check.diffs.append(f"{label}: {name} is ours only")
            continue
        s = files[name]["summary"]
        expected = CoverageCount(
            s["num_statements"],
            s["covered_lines"],
            s.get("num_branches", 0) if branch else 0,
            s.get("covered_branches", 0) if branch else 0,
        )
        got = ours[name]
        if got != expected:
            check.diffs.append(f"{label}: {name}: counts {got} != coverage's {expected}")
        if expected.statements + expected.branches == 0:
            if got.percent is None and s["percent_covered"] == 100.0:
                continue  # known: no statements, no percentage (coverage: 100 %)
        if differ(got.percent, s["percent_covered"]):
            check.diffs.append(
                f"{label}: {name}: {r2(got.percent)} % != coverage's {s['percent_covered']:.2f} %"
            )
        if got.percent is not None:
            check.max_file_diff = max(check.max_file_diff, abs(got.percent - s["percent_covered"]))
    total = data.total.percent
    check.ours[label] = total
    if differ(total, theirs.json["totals"]["percent_covered"]):
        check.diffs.append(
            f"{label}: total {r2(total)} % != coverage json's "
            f"{theirs.json['totals']['percent_covered']:.2f} %"
        )
    if theirs.report_total is not None and r2(total) != theirs.report_total:
        check.diffs.append(
            f"{label}: total {r2(total)} % != coverage report's TOTAL {theirs.report_total} %"
        )


def compare_with_xml(check: Check, data: CoverageData | None, theirs: Theirs) -> None:
    """The Cobertura reading against the XML's own rates (per file) and counts (total)."""
    label = "xml"
    if data is None:
        check.diffs.append("xml: read nothing")
        check.ours[label] = None
        return
    check.ours[label] = data.total.percent
    ours = {m.path: m.count for m in data.modules}
    branch = (
        "branches-valid" in theirs.xml_root and int(theirs.xml_root.get("branches-valid", 0)) > 0
    )
    for name in sorted(set(theirs.xml_files) | set(ours)):
        attrs = theirs.xml_files.get(name)
        got = ours.get(name)
        if attrs is None or got is None:
            if (
                got is None
                and attrs is not None
                and attrs.get("line-rate") == "1"
                and name in theirs.json["files"]
                and theirs.json["files"][name]["summary"]["num_statements"] == 0
            ):
                continue  # an empty file
            check.diffs.append(f"xml: {name} is on one side only (ours: {got}, theirs: {attrs})")
            continue
        pairs = [("line-rate", got.statements, got.covered_statements)]
        if branch:
            pairs.append(("branch-rate", got.branches, got.covered_branches))
        for attr, n, covered in pairs:
            declared = float(attrs.get(attr, "nan"))
            mine = covered / n if n else None
            if mine is None:
                if declared != 1.0:
                    check.diffs.append(f"xml: {name}: {attr} {declared} but nothing to count")
                continue
            # coverage.py writes rates rounded to 4 decimals: a hundredth of a percent.
            if abs(mine - declared) > 0.00005 + 1e-12:
                check.diffs.append(f"xml: {name}: {attr} ours {mine:.6f} != XML's {declared}")
    total = data.total
    root = theirs.xml_root
    expected = (
        int(root["lines-valid"]),
        int(root["lines-covered"]),
        int(root.get("branches-valid", 0)),
        int(root.get("branches-covered", 0)),
    )
    got = (total.statements, total.covered_statements, total.branches, total.covered_branches)
    if got != expected:
        check.diffs.append(
            f"xml: totals (lines, covered, branches, covered) {got} != XML's {expected}"
        )
    for attr, n, covered in (
        ("line-rate", total.statements, total.covered_statements),
        ("branch-rate", total.branches, total.covered_branches),
    ):
        if n and abs(covered / n - float(root[attr])) > 0.00005 + 1e-12:
            check.diffs.append(f"xml: total {attr} ours {covered / n:.6f} != XML's {root[attr]}")
    # coverage.py's XML totals hold the same counts as its report: so must our percent.
    if differ(total.percent, theirs.json["totals"]["percent_covered"]):
        check.diffs.append(
            f"xml: total {r2(total.percent)} % != coverage's {theirs.json['totals']['percent_covered']:.2f} %"
        )


# --- contexts ------------------------------------------------------------------------------------


def test_module(context: str) -> str | None:
    """Our own category for the contexts check: the test module a context names."""
    test = context_test(context)
    if not test:
        return None
    if "::" in test:
        return posixpath.basename(test.split("::", 1)[0]).removesuffix(".py")
    parts = test.split(".")[:-1]  # the last part is the test function
    modules = [p for p in parts if p.startswith("test")]  # classes are Test..., modules test...
    return modules[-1] if modules else (parts[-1] if parts else None)


class FirstLines:
    """Raw line -> the first line of its statement, by coverage.py's parser, per file."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[str, PythonParser] = {}

    def __call__(self, name: str, line: int) -> int:
        if name not in self.cache:
            parser = PythonParser(filename=str(self.root / name))
            parser.parse_source()
            self.cache[name] = parser
        return self.cache[name].first_line(line)


# Run in the project's venv: `coverage json --show-contexts` restricted to the contexts matched
# by one regex (the API takes the regex from a file: a category can hold thousands of tests).
CATEGORY_JSON = """
import sys, coverage
data_file, pattern_file, out = sys.argv[1:4]
cov = coverage.Coverage(data_file=data_file)
cov.load()
cov.json_report(outfile=out, contexts=[open(pattern_file).read()], show_contexts=True)
"""


def measured_contexts(data_file: Path) -> set[str]:
    data = MeasuredData(basename=str(data_file))
    data.read()
    try:
        return set(data.measured_contexts())
    finally:
        data.close(force=True)


@dataclass
class CategoryOracle:
    """What coverage.py says one category's contexts executed, per file."""

    covered: dict[str, int]  # covered_lines of `coverage json --contexts=<the category's>`
    from_contexts: dict[str, int]  # lines listed with a context, first lines, among statements
    raw: dict[str, int]  # lines listed with a context taken as they are, among executed lines
    seconds: float


def category_oracle(
    contexts: set[str], python: Path, src: Path, data_file: Path, out: Path
) -> CategoryOracle:
    pattern = "^(?:" + "|".join(re.escape(c) for c in sorted(contexts)) + ")$"
    (out / "category.re").write_text(pattern)
    target = out / "category.json"
    rc, _, seconds = run(
        [str(python), "-c", CATEGORY_JSON, str(data_file), str(out / "category.re"), str(target)],
        src,
        out / "category.log",
        600,
    )
    if rc or not target.is_file():
        raise RuntimeError(f"the per-category coverage json failed (see {out / 'category.log'})")
    report = json.loads(target.read_text())
    first_line = FirstLines(src)
    covered, from_contexts, raw = {}, {}, {}
    for name, entry in report["files"].items():
        executed = set(entry["executed_lines"])
        statements = executed | set(entry["missing_lines"])
        lines = {int(line) for line, found in entry["contexts"].items() if set(found) & contexts}
        for counts, n in (
            (covered, entry["summary"]["covered_lines"]),
            (from_contexts, len({first_line(name, l) for l in lines} & statements)),
            (raw, len(lines & executed)),
        ):
            if n:
                counts[name] = n
    target.unlink()  # can be large; the figures are kept in the log
    return CategoryOracle(covered, from_contexts, raw, seconds)


def check_contexts(
    check: Check,
    data: CoverageData,
    category,
    python: Path,
    src: Path,
    data_file: Path,
    out: Path,
    n_checked: int,
) -> None:
    """Each category's covered statements, per module, at most the module's covered statements
    and equal to what coverage.py reports for that category's contexts (the n_checked largest)."""
    if not data.has_contexts:
        check.diffs.append("contexts: the data has contexts but the reading says none")
        return
    ours: dict[str, dict[str, int]] = {}
    overlapping = 0
    for module in data.modules:
        by_cat = dict(module.by_category)
        for cat, n in by_cat.items():
            ours.setdefault(cat, {})[module.path] = n
            if n > module.count.covered_statements:
                check.diffs.append(
                    f"contexts: {module.path}: {cat} covers {n} > covered "
                    f"{module.count.covered_statements}"
                )
        overlapping += sum(by_cat.values()) > module.count.covered_statements
    if not ours:
        check.diffs.append("contexts: no category found in the reading")
        return
    by_category: dict[str, set[str]] = {}
    for context in measured_contexts(data_file):
        if (cat := category(context)) is not None:
            by_category.setdefault(cat, set()).add(context)
    totals = {cat: sum(per.values()) for cat, per in ours.items()}
    check.notes.append(
        f"contexts: {len(by_category)} categories (test modules) over "
        f"{sum(map(len, by_category.values()))} test contexts; modules where categories overlap "
        f"(sum of categories > covered, legitimate): {overlapping} of {len(data.modules)}"
    )
    for rank, cat in enumerate(sorted(totals, key=lambda c: (-totals[c], c))[:n_checked]):
        oracle = category_oracle(by_category.get(cat, set()), python, src, data_file, out)
        want = sum(oracle.covered.values())
        check.notes.append(
            f"contexts: {'top' if rank == 0 else f'#{rank + 1}'} category {cat!r} "
            f"({len(by_category.get(cat, ()))} contexts): ours {totals[cat]} statements in "
            f"{len(ours[cat])} modules; coverage json --contexts: {want} (from the listed "
            f"contexts: {sum(oracle.from_contexts.values())}, raw lines: "
            f"{sum(oracle.raw.values())}) [{oracle.seconds:.1f}s]"
        )
        for name, expected in (
            ("covered_lines", oracle.covered),
            ("contexts", oracle.from_contexts),
        ):
            if ours[cat] != expected:
                bad = sorted(
                    p for p in set(ours[cat]) | set(expected) if ours[cat].get(p) != expected.get(p)
                )
                check.diffs.append(
                    f"contexts: {cat}: per-module counts differ from the JSON's {name} in "
                    f"{len(bad)} modules, e.g. "
                    + ", ".join(
                        f"{p}: ours {ours[cat].get(p, 0)}, json {expected.get(p, 0)}"
                        for p in bad[:3]
                    )
                )


def pipeline_category(context: str) -> str | None:
    """The pipeline's inferred category of a pytest-cov context (a node id)."""
    test = context_test(context)
    return inferred_category(test.split("::", 1)[0])[0] if "::" in test else None


def run_pipeline(
    check: Check,
    root: Path,
    python: Path,
    data_file: Path,
    out: Path,
    theirs: Theirs,
    needs_remap: bool = False,
) -> None:
    report = out / "sprintcheck.json"
    rc, _, seconds = run(
        [
            str(SPRINTCHECK),
            "--headless",
            str(root),
            "--coverage",
            str(data_file),
            "--format",
            "json",
            "--fail-on",
            "never",
            "--output",
            str(report),
        ],
        out,
        out / "sprintcheck.log",
        600,
    )
    check.pipeline_seconds = seconds
    if rc or not report.is_file():
        check.diffs.append(f"pipeline: sprintcheck exited {rc} (see {out / 'sprintcheck.log'})")
        return
    coverage = json.loads(report.read_text())["coverage"]
    check.pipeline_percent = coverage["percent"]
    if needs_remap and coverage["percent"] is None:
        check.notes.append("known: the pipeline (no plan, so no remap) reads no coverage: unmapped")
        return
    expected = round(theirs.json["totals"]["percent_covered"], 2)
    if coverage["percent"] != expected and r2(coverage["percent"]) != theirs.report_total:
        check.diffs.append(
            f"pipeline: coverage.percent {coverage['percent']} != coverage's {expected}"
        )
    if check.variant == "cov-ctx" and coverage.get("categories") is not None:
        # The pipeline's categories (folders under tests/), against coverage.py for the contexts
        # of each category's node ids.
        got = {c["name"]: c["covered_statements"] for c in coverage["categories"]}
        by_category: dict[str, set[str]] = {}
        for context in measured_contexts(data_file):
            if (cat := pipeline_category(context)) is not None:
                by_category.setdefault(cat, set()).add(context)
        want = {
            cat: sum(category_oracle(contexts, python, root, data_file, out).covered.values())
            for cat, contexts in sorted(by_category.items())
        }
        check.notes.append(
            f"pipeline categories (covered statements): ours {got}, coverage json --contexts {want}"
        )
        if {c: n for c, n in got.items() if n} != {c: n for c, n in want.items() if n}:
            check.diffs.append(f"pipeline: categories {got} != coverage's {want}")


# --- one project ---------------------------------------------------------------------------------


def verify(name: str, args: argparse.Namespace) -> list[Check]:
    project = PROJECTS[name]
    version = project.spec.split("==")[1]
    checks: list[Check] = []
    try:
        work, src, python = setup(project, args.workdir, args.install_timeout)
    except Exception as exc:  # noqa: BLE001 - one broken project must not hide the others
        return [Check(name, version, "-", problem=str(exc))]
    for variant in args.variants:
        check = Check(name, version, variant)
        checks.append(check)
        out = work / "coverage_check" / variant
        try:
            log(f"{project.spec} [{variant}]: running the suite under coverage")
            data_file, check.summary_line, check.test_seconds = run_suite(
                variant, project, src, python, out, args.timeout
            )
            log(f"{project.spec} [{variant}]: {check.summary_line} ({check.test_seconds:.1f}s)")
            theirs = coverage_reports(variant, project, src, python, data_file, out)
            verify_variant(
                check, theirs, src, python, data_file, out, args.categories, project.path
            )
        except RuntimeError as exc:
            check.problem = str(exc)
        except Exception as exc:  # noqa: BLE001 - a bug here must not hide the other runs
            where = traceback.extract_tb(exc.__traceback__)[-1]
            check.problem = f"{type(exc).__name__}: {exc} (line {where.lineno} of the script)"
    return checks


def verify_variant(
    check: Check,
    theirs: Theirs,
    src: Path,
    python: Path,
    data_file: Path,
    out: Path,
    n_categories: int,
    project_path: str,
) -> None:
    totals = theirs.json["totals"]
    check.n_files = len(theirs.json["files"])
    check.statements = totals["num_statements"]
    check.branches = totals.get("num_branches")
    check.theirs_total = totals["percent_covered"]
    check.report_total = theirs.report_total
    check.report_seconds = theirs.report_seconds
    check.empty_files = sum(
        1 for f in theirs.json["files"].values() if f["summary"]["num_statements"] == 0
    )
    contexts = check.variant in CONTEXT_VARIANTS
    category = test_module if contexts else (lambda context: None)
    readings = {
        ".coverage": [data_file],
        "json": [out / "coverage.json"],
        "xml": [out / "coverage.xml"],
    }
    remap: tuple[tuple[str, str], ...] = ()
    if check.variant == "installed":
        data, _, _ = timed_read([data_file], src)
        if data is None or data.unmapped:
            # What a user does then: the plan's coverage remap, site-packages -> the source folder.
            site = MeasuredData(basename=str(data_file))
            site.read()
            measured = next(n for n in sorted(site.measured_files()) if "site-packages/" in n)
            site.close(force=True)
            remap = ((measured.split("site-packages/", 1)[0] + "site-packages", project_path),)
            check.notes.append(
                "known: the installed copy's paths map to no file of the source tree (no [paths] "
                f"alias or path suffix matches); read again with the remap {remap[0]}"
            )
    for label, paths in readings.items():
        kwargs = {"context_category": category} if label == ".coverage" else {}
        data, problems, seconds = timed_read(paths, src, remap=remap, **kwargs)
        check.read_seconds[label] = seconds
        for problem in problems:
            check.notes.append(f"{label}: problem: {problem.path}: {problem.message}")
        if label == "xml":
            compare_with_xml(check, data, theirs)
        else:
            compare_with_json(check, label, data, theirs)
        if label == ".coverage" and contexts and data is not None:
            check_contexts(check, data, category, python, src, data_file, out, n_categories)
    run_pipeline(check, src, python, data_file, out, theirs, bool(remap))


# --- the table -----------------------------------------------------------------------------------


def table(checks: list[Check]) -> list[str]:
    head = (
        f"{'project':<15}{'version':<9}{'variant':<9}{'files':>6}{'stmts':>7}{'branch':>7}"
        f"{'cov %':>8}{'report':>8}{'.cov':>8}{'json':>8}{'xml':>8}{'pipe':>8}"
        f"{'maxΔfile':>10}{'report s':>10}{'read s':>8}{'json s':>8}{'xml s':>7}  verdict"
    )
    lines = [head, "-" * len(head)]
    for c in checks:
        if c.problem:
            lines.append(f"{c.project:<15}{c.version:<9}{c.variant:<9}  NOT CHECKED: {c.problem}")
            continue
        lines.append(
            f"{c.project:<15}{c.version:<9}{c.variant:<9}{c.n_files:>6}{c.statements:>7}"
            f"{'-' if c.branches is None else c.branches:>7}{r2(c.theirs_total):>8}"
            f"{c.report_total or '?':>8}{r2(c.ours.get('.coverage')):>8}{r2(c.ours.get('json')):>8}"
            f"{r2(c.ours.get('xml')):>8}{r2(c.pipeline_percent):>8}{c.max_file_diff:>10.2g}"
            f"{c.report_seconds:>10.2f}{c.read_seconds.get('.coverage', 0):>8.2f}"
            f"{c.read_seconds.get('json', 0):>8.2f}{c.read_seconds.get('xml', 0):>7.2f}  "
            f"{'MATCH' if not c.diffs else f'{len(c.diffs)} DIFF'}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("projects", nargs="*", default=list(DEFAULT), metavar="NAME")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=ALL_VARIANTS)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/verify_third_party"))
    parser.add_argument(
        "--timeout", type=float, default=240, help="seconds per suite run (default 240)"
    )
    parser.add_argument("--install-timeout", type=float, default=600)
    parser.add_argument(
        "--categories", type=int, default=3, help="categories checked per context run (default 3)"
    )
    args = parser.parse_args()
    unknown = [p for p in args.projects if p not in PROJECTS]
    if unknown:
        parser.error(f"unknown projects {unknown}; known: {', '.join(PROJECTS)}")
    if not SPRINTCHECK.is_file():
        parser.error(f"{SPRINTCHECK} not found: install the repo into .venv first")
    started = time.monotonic()
    checks = [check for name in args.projects for check in verify(name, args)]
    print()
    for c in checks:
        print(f"=== {c.project} {c.version} [{c.variant}]")
        if c.problem:
            print(f"  NOT CHECKED: {c.problem}")
            continue
        print(f"  suite: {c.summary_line} ({c.test_seconds:.1f}s under coverage)")
        if c.empty_files:
            print(
                f"  known: {c.empty_files} files with no statements: no percentage in sprintcheck, "
                "100 % in coverage.py"
            )
        for note in c.notes:
            print(f"  {note}")
        for diff in c.diffs:
            print(f"  DIFF {diff}")
        print(f"  sprintcheck pipeline: {c.pipeline_seconds:.2f}s")
    print()
    for line in table(checks):
        print(line)
    print(
        f"\ncoverage.py {installed_version('coverage')}, pytest-cov {installed_version('pytest-cov')}; "
        f"total time {time.monotonic() - started:.0f}s"
    )
    if any(c.problem for c in checks):
        return 2
    return 0 if not any(c.diffs for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

"""The coverage reader on real coverage runs, checked against `coverage report` and `coverage json`.

Every figure is compared with what coverage.py itself reports on the same data: per file and in
total, to the hundredth of a percent, and per test category from `coverage json --show-contexts`.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import write_files
from coverage import CoverageData as MeasuredData
from coverage import __version__ as coverage_version
from coverage.results import display_covered
from coverage.sqldata import SCHEMA_VERSION

from sprintcheck.model import CoverageCount, CoverageData, InputProblem
from sprintcheck.sources.cobertura import LINES, LINES_AND_BRANCHES
from sprintcheck.sources.coverage_data import PathMapper, context_test, read_coverage

JUNIT = Path(__file__).parents[1] / "data" / "junit" / "nested_testsuites.xml"

CALC = """\
DEBUG = False


def add(a, b):
    return a + b


def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    if DEBUG:
        print("debug")
    return "positive"


def total(
    values,
):
    result = 0
    for v in values:
        result += v
    return result


def never():  # pragma: no cover
    return 1
"""

UTIL = """\
def shout(text):
    if not text:
        return ""
    return text.upper() + "!"


def whisper(text):
    return text.lower()
"""

TESTS = {
    "tests/unit/test_calc.py": """\
        from app.calc import add, classify


        def test_add():
            assert add(1, 2) == 3


        class TestClassify:
            def test_negative(self):
                assert classify(-1) == "negative"
        """,
    "tests/integration/test_flow.py": """\
        from app.calc import classify, total
        from app.util import shout


        def test_flow():
            assert total([classify(5) == "positive"]) == 1
            assert shout("hi") == "HI!"
        """,
}


def app(package: str = "src") -> dict[str, str]:
    return {
        "pytest.ini": f"[pytest]\npythonpath = {package}\n",
        f"{package}/app/__init__.py": "",
        f"{package}/app/calc.py": CALC,
        f"{package}/app/util.py": UTIL,
        **TESTS,
    }


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COVERAGE_"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(project: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=project, env=child_env(), capture_output=True, text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def record(project: Path, *coverage_args: str, tests: str = "tests") -> Path:
    run(project, "-m", "coverage", "run", *coverage_args, "-m", "pytest", "-q",
        "-p", "no:cacheprovider", tests)
    return project / ".coverage"


def make_project(base: Path, files: dict[str, str]) -> Path:
    project = base / "project"
    project.mkdir(parents=True)
    return write_files(project, files)


@dataclass(frozen=True)
class Oracle:
    """What coverage.py says about the data in a project: its JSON report and its text report."""

    counts: dict[str, CoverageCount]
    shown: dict[str, str]  # `coverage report --precision=2` per file, and "TOTAL"
    files: dict[str, dict]  # `coverage json --show-contexts` per file

    def by_category(self, category_of) -> dict[str, tuple[tuple[str, int], ...]]:
        """Per file, executed statements whose contexts map to each category."""
        result = {}
        for name, entry in self.files.items():
            lines: dict[str, int] = {}
            for line in entry["executed_lines"]:
                categories = {category_of(c) for c in entry["contexts"].get(str(line), []) if c}
                for category in categories - {None}:
                    lines[category] = lines.get(category, 0) + 1
            result[name] = tuple(sorted(lines.items()))
        return result


def oracle(project: Path, out: Path) -> Oracle:
    report = run(project, "-m", "coverage", "report", "--precision=2")
    shown = {}
    for line in report.splitlines():
        fields = line.split()
        if fields and fields[-1].endswith("%"):
            shown[fields[0]] = fields[-1].rstrip("%")
    run(project, "-m", "coverage", "json", "--show-contexts", "-q", "-o", str(out))
    files = json.loads(out.read_text())["files"]
    counts = {
        name: CoverageCount(
            entry["summary"]["num_statements"],
            entry["summary"]["covered_lines"],
            entry["summary"].get("num_branches", 0),
            entry["summary"].get("covered_branches", 0),
        )
        for name, entry in files.items()
    }
    return Oracle(counts, shown, files)


def shown_percent(count: CoverageCount) -> str:
    # coverage.py shows 100 % for a file with nothing to measure; the model says "no figure".
    return display_covered(100.0 if count.percent is None else count.percent, 2)


def assert_agrees(data: CoverageData, expected: Oracle, rename=lambda path: path) -> None:
    """Same counts per file as `coverage json`, same percentages as `coverage report`."""
    shown = {rename(name): percent for name, percent in expected.shown.items()}
    counts = {rename(name): count for name, count in expected.counts.items()}
    assert {m.path: m.count for m in data.modules} == counts
    for module in data.modules:
        assert shown_percent(module.count) == shown[module.path], module.path
    assert shown_percent(data.total) == shown["TOTAL"]


def listing(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*")}


# --- recorded once per module: the runs several tests read -------------------------------------


@dataclass(frozen=True)
class Recorded:
    project: Path
    data: Path
    oracle: Oracle


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    """Statements only, no configuration."""
    base = tmp_path_factory.mktemp("plain")
    project = make_project(base, app())
    data = record(project)
    return Recorded(project, data, oracle(project, base / "oracle.json"))


@pytest.fixture(scope="module")
def branchy(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    """Branches, contexts per test function, source/omit/exclude settings in pyproject.toml."""
    base = tmp_path_factory.mktemp("branchy")
    files = app() | {
        "src/app/vendor/thing.py": "def vendored():\n    return 1\n",
        "src/app/generated.py": "VALUE = 1\n",
        "pyproject.toml": """\
            [tool.coverage.run]
            branch = true
            source = ["src"]
            omit = ["src/app/vendor/*"]
            dynamic_context = "test_function"

            [tool.coverage.report]
            exclude_also = ["if DEBUG:"]
            omit = ["src/app/generated.py"]
            """,
    }
    project = make_project(base, files)
    data = record(project)
    return Recorded(project, data, oracle(project, base / "oracle.json"))


# --- figures agree with coverage.py -------------------------------------------------------------


def test_statement_data_agrees_with_coverage_report(plain: Recorded) -> None:
    data, problems = read_coverage([plain.data], plain.project)

    assert problems == ()
    assert data is not None
    assert (data.kind, data.measure) == ("coverage.py data", "statements")
    assert data.sources == (".coverage",)
    assert data.has_contexts is False
    assert_agrees(data, plain.oracle)
    assert data.total == CoverageCount(33, 29, 0, 0)


def test_branch_data_with_config_agrees_with_coverage_report(branchy: Recorded) -> None:
    data, problems = read_coverage([branchy.data], branchy.project)

    assert problems == ()
    assert data is not None
    assert data.measure == "statements and branches"
    # [run] omit kept vendor/ out of the data; [report] omit drops generated.py from the report;
    # `if DEBUG:` and its body are excluded, so calc.py has 14 statements, not 16.
    assert [m.path for m in data.modules] == [
        "src/app/__init__.py", "src/app/calc.py", "src/app/util.py",
    ]
    assert data.modules[1].count == CoverageCount(14, 13, 4, 4)
    assert_agrees(data, branchy.oracle)


def test_test_function_contexts_count_statements_per_category(branchy: Recorded) -> None:
    def category(context: str) -> str | None:
        return {"test_calc": "unit", "test_flow": "integration"}.get(context.split(".")[0])

    data, _ = read_coverage([branchy.data], branchy.project, context_category=category)

    assert data is not None and data.has_contexts
    expected = branchy.oracle.by_category(category)
    assert {m.path: m.by_category for m in data.modules} == expected
    calc = {m.path: m for m in data.modules}["src/app/calc.py"]
    assert calc.by_category == (("integration", 7), ("unit", 3))


def test_contexts_mapped_to_no_category_are_skipped(branchy: Recorded) -> None:
    data, _ = read_coverage([branchy.data], branchy.project)

    assert data is not None and data.has_contexts
    assert [m.by_category for m in data.modules] == [(), (), ()]


def test_pytest_cov_test_contexts(tmp_path: Path) -> None:
    project = make_project(tmp_path, app())
    run(project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--cov=src", "--cov-branch",
        "--cov-context=test", "--cov-report=")
    expected = oracle(project, tmp_path / "oracle.json")

    def category(context: str) -> str | None:
        return context_test(context).split("/")[1]

    data, problems = read_coverage([project / ".coverage"], project, context_category=category)

    assert problems == ()
    assert data is not None and data.has_contexts
    assert_agrees(data, expected)
    assert {m.path: m.by_category for m in data.modules} == expected.by_category(category)
    assert {m.path: m.by_category for m in data.modules}["src/app/util.py"] == (
        ("integration", 2),
    )


@pytest.mark.parametrize(
    ("context", "test"),
    [
        ("tests/unit/test_mod.py::test_x|run", "tests/unit/test_mod.py::test_x"),
        ("tests/test_mod.py::TestA::test_x[1|2]|setup", "tests/test_mod.py::TestA::test_x[1|2]"),
        ("tests/unit/test_mod.py::test_x|teardown", "tests/unit/test_mod.py::test_x"),
        ("test_mod.TestClass.test_x", "test_mod.TestClass.test_x"),
        ("tests/test_a.py::test_pipe[a|run]", "tests/test_a.py::test_pipe[a|run]"),
        ("", ""),
    ],
)
def test_context_test_strips_the_pytest_cov_phase(context: str, test: str) -> None:
    assert context_test(context) == test


def test_cobertura_from_coverage_xml_agrees(branchy: Recorded, tmp_path: Path) -> None:
    xml = tmp_path / "coverage.xml"
    run(branchy.project, "-m", "coverage", "xml", "-q", "-o", str(xml))

    data, problems = read_coverage([xml], branchy.project)

    assert problems == ()
    assert data is not None
    assert (data.kind, data.measure) == ("Cobertura XML", LINES_AND_BRANCHES)
    assert data.sources == (xml.as_posix(),)  # outside the root: shown absolute
    assert_agrees(data, branchy.oracle)


def test_cobertura_without_branches_is_line_coverage(plain: Recorded, tmp_path: Path) -> None:
    xml = tmp_path / "coverage.xml"
    run(plain.project, "-m", "coverage", "xml", "-q", "-o", str(xml))

    data, _ = read_coverage([xml], plain.project)

    assert data is not None and data.measure == LINES
    assert_agrees(data, plain.oracle)


def test_coverage_json_agrees_and_checks_its_totals(branchy: Recorded, tmp_path: Path) -> None:
    report = tmp_path / "coverage.json"
    run(branchy.project, "-m", "coverage", "json", "-q", "-o", str(report))

    data, problems = read_coverage([report], branchy.project)

    assert problems == ()
    assert data is not None
    assert (data.kind, data.measure) == ("coverage.json", "statements and branches")
    assert_agrees(data, branchy.oracle)

    edited = json.loads(report.read_text())
    edited["totals"]["percent_covered"] = 99.5
    report.write_text(json.dumps(edited))
    data, problems = read_coverage([report], branchy.project)
    assert data is not None and len(data.modules) == 3
    assert problems == (
        InputProblem(report.as_posix(), "totals.percent_covered is 99.50 but its files add up to "
                     "84.62 (an edited or partial report?)"),
    )


def test_coverage_py_data_is_preferred_to_reports(plain: Recorded, tmp_path: Path) -> None:
    xml, report = tmp_path / "coverage.xml", tmp_path / "coverage.json"
    run(plain.project, "-m", "coverage", "xml", "-q", "-o", str(xml))
    run(plain.project, "-m", "coverage", "json", "-q", "-o", str(report))

    data, problems = read_coverage([xml, plain.data, report], plain.project)

    assert data is not None and data.kind == "coverage.py data"
    assert_agrees(data, plain.oracle)
    ignored = "ignored: coverage.py data from .coverage is read instead"
    assert problems == (
        InputProblem(report.as_posix(), ignored),
        InputProblem(xml.as_posix(), ignored),
    )


# --- several files, other places ------------------------------------------------------------------


def test_parallel_files_are_read_without_combining_on_disk(tmp_path: Path) -> None:
    project = make_project(tmp_path, app())
    record(project, "--parallel-mode", "--branch", tests="tests/unit")
    record(project, "--parallel-mode", "--branch", tests="tests/integration")
    parallel = sorted(project.glob(".coverage.*"))
    before = listing(project)

    data, problems = read_coverage(parallel, project)

    assert listing(project) == before  # nothing written, combined or deleted
    assert len(parallel) == 2 and not (project / ".coverage").exists()
    assert problems == ()
    assert data is not None and data.sources == tuple(p.name for p in parallel)
    run(project, "-m", "coverage", "combine", "-q", "--keep")  # only now, for the oracle
    expected = oracle(project, tmp_path / "oracle.json")
    assert_agrees(data, expected)
    assert {m.path: m.count for m in data.modules}["src/app/calc.py"] == CoverageCount(16, 14, 8, 6)


def test_moved_project_maps_paths_by_suffix(plain: Recorded, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(plain.project, moved)  # the recorded absolute paths do not point here

    data, problems = read_coverage([moved / ".coverage"], moved)

    assert problems == ()
    assert data is not None
    assert_agrees(data, plain.oracle)


def test_files_that_map_to_nothing_are_listed(plain: Recorded, tmp_path: Path) -> None:
    moved = tmp_path / "checkout"
    shutil.copytree(plain.project, moved)
    (moved / "src/app/util.py").unlink()

    data, problems = read_coverage([moved / ".coverage"], moved)

    assert data is not None
    assert data.unmapped == (str(plain.project / "src/app/util.py"),)
    assert "src/app/util.py" not in [m.path for m in data.modules]
    assert data.total == CoverageCount(27, 25, 0, 0)
    assert problems == (
        InputProblem(".coverage", f"1 measured files match no file in the repository "
                     f"({plain.project / 'src/app/util.py'}); map them with the plan's coverage "
                     "remap or a [paths] section"),
    )


@pytest.fixture(scope="module")
def lib_layout(tmp_path_factory: pytest.TempPathFactory) -> Recorded:
    """Recorded with the package under lib/; the repository now keeps it under src/."""
    base = tmp_path_factory.mktemp("lib")
    project = make_project(base, app("lib"))
    data = record(project)
    return Recorded(project, data, oracle(project, base / "oracle.json"))


def moved_to_src(recorded: Recorded, target: Path, config: dict[str, str]) -> Path:
    shutil.copytree(recorded.project, target)
    (target / "lib").rename(target / "src")
    write_files(target, config)
    return target


def test_a_paths_section_maps_what_suffixes_cannot(lib_layout: Recorded, tmp_path: Path) -> None:
    bare = moved_to_src(lib_layout, tmp_path / "bare", {})
    (bare / "src").rename(bare / "code")
    data, _ = read_coverage([bare / ".coverage"], bare)
    assert data is not None  # the tests still map by suffix, the code does not
    assert data.unmapped == tuple(
        str(lib_layout.project / "lib/app" / name) for name in ("__init__.py", "calc.py", "util.py")
    )

    mapped = moved_to_src(
        lib_layout, tmp_path / "mapped", {".coveragerc": "[paths]\nsrc =\n    src/\n    */lib/\n"}
    )
    data, problems = read_coverage([mapped / ".coverage"], mapped)
    assert problems == ()
    assert data is not None
    assert_agrees(data, lib_layout.oracle, rename=lambda p: p.replace("lib", "src", 1))


def test_the_plans_remap_comes_first(lib_layout: Recorded, tmp_path: Path) -> None:
    target = moved_to_src(lib_layout, tmp_path / "remapped", {})

    remap = [(str(lib_layout.project / "lib"), "src")]
    data, problems = read_coverage([target / ".coverage"], target, remap=remap)

    assert problems == ()
    assert data is not None
    assert_agrees(data, lib_layout.oracle, rename=lambda p: p.replace("lib", "src", 1))


def test_relative_files(tmp_path: Path) -> None:
    config = {".coveragerc": "[run]\nrelative_files = true\n"}
    project = make_project(tmp_path / "a", app() | config)
    record(project, "--branch")
    expected = oracle(project, tmp_path / "oracle.json")
    recorded = MeasuredData(basename=str(project / ".coverage"))
    recorded.read()
    assert "src/app/calc.py" in recorded.measured_files()
    recorded.close()
    moved = tmp_path / "b" / "project"
    shutil.move(project, moved)

    data, problems = read_coverage([moved / ".coverage"], moved)

    assert problems == ()
    assert data is not None
    assert_agrees(data, expected)


def test_path_mapper_order_and_windows_paths(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"src/app/x.py": "", "vendored/app/x.py": "", "top.py": ""})
    mapper = PathMapper(root, [("/build/src", "vendored")])

    assert mapper("/build/src/app/x.py") == "vendored/app/x.py"  # remap before suffix
    assert mapper("/ci/work/src/app/x.py") == "src/app/x.py"
    assert mapper("C:\\actions\\work\\src\\app\\x.py") == "src/app/x.py"
    assert mapper("src/app/x.py") == "src/app/x.py"
    assert mapper(str(root / "top.py")) == "top.py"
    assert mapper("../outside/top.py") == "top.py"  # by suffix, never outside the root
    assert mapper("/ci/work/src/app/missing.py") is None
    assert mapper("/usr/lib/python3/site-packages/six.py") is None
    # An installed copy of a src-layout package maps to src/ by suffix.
    assert mapper("/venv/lib/python3.11/site-packages/app/x.py") == "src/app/x.py"


# --- safety: never import the project's code, warn about test-only measurement -----------------


def test_configured_plugins_are_never_imported(
    plain: Recorded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    shutil.copytree(plain.project, project)
    marker = tmp_path / "plugin-was-imported"
    write_files(project, {
        ".coveragerc": "[run]\nplugins = evil_plugin\n[evil_plugin]\nanswer = 42\n",
        "evil_plugin.py": f"""\
            from pathlib import Path
            Path({str(marker)!r}).write_text("imported")

            def coverage_init(reg, options):
                Path({str(marker)!r}).write_text("initialised")
            """,
    })
    monkeypatch.syspath_prepend(str(project))  # importable, if anything tried

    data, problems = read_coverage([project / ".coverage"], project)

    assert not marker.exists()
    assert "evil_plugin" not in sys.modules
    assert problems == ()
    assert data is not None
    assert_agrees(data, plain.oracle)


@pytest.mark.parametrize(
    ("config", "where", "message"),
    [
        ("[run]\nsource = tests\n", ".coveragerc",
         "coverage configuration measures the tests, not the code they test: [run] source = tests"),
        ("[run]\ninclude = tests/*\n", ".coverage",
         "coverage configuration measures only test files: all 2 measured files are tests, so "
         "the figure is not the code's"),
    ],
)
def test_a_configuration_that_measures_the_tests_is_flagged(
    tmp_path: Path, config: str, where: str, message: str
) -> None:
    project = make_project(tmp_path, app() | {".coveragerc": config})
    record(project)

    data, problems = read_coverage([project / ".coverage"], project)

    assert data is not None
    assert [m.path for m in data.modules] == [
        "tests/integration/test_flow.py", "tests/unit/test_calc.py",
    ]
    assert data.total == CoverageCount(11, 11, 0, 0)
    assert problems == (InputProblem(where, message),)


# --- bad input: one problem each, never a traceback -----------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE coverage [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<coverage><packages><package><classes><class filename="a.py">&lol2;</class></classes></package>
</packages></coverage>
"""


def bump_schema(data: bytes, path: Path) -> None:
    path.write_bytes(data)
    with sqlite3.connect(path) as db:
        db.execute("update coverage_schema set version = ?", (SCHEMA_VERSION + 1,))
    db.close()


def bad_inputs(plain: Recorded, tmp_path: Path) -> dict[str, tuple[Path, InputProblem]]:
    """Each bad file, written inside a fresh copy of the project, with the problem it gives."""
    real = plain.data.read_bytes()
    xml, report = tmp_path / "real.xml", tmp_path / "real.json"
    run(plain.project, "-m", "coverage", "xml", "-q", "-o", str(xml))
    run(plain.project, "-m", "coverage", "json", "-q", "--pretty-print", "-o", str(report))
    run(plain.project, "-m", "coverage", "html", "-q", "-d", str(tmp_path / "html"))
    xml_text, json_text = xml.read_text(), report.read_text()
    root = tmp_path / "root"
    root.mkdir()

    def at(name: str, content: bytes | str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content)
        else:
            path.write_bytes(content)
        return path

    newer = root / "newer/.coverage"
    newer.parent.mkdir()
    bump_schema(real, newer)
    cut_xml = xml_text[: len(xml_text) // 2]
    return {
        "corrupt": (at(".coverage", bytes(range(256)) * 40),
                    InputProblem(".coverage", "not a coverage.py data file (not an SQLite "
                                 "database)")),
        "truncated": (at("half/.coverage", real[: len(real) // 2]),
                      InputProblem("half/.coverage", "the SQLite database is damaged, truncated? "
                                   "(database disk image is malformed)")),
        "newer schema": (newer, InputProblem(
            "newer/.coverage", f"coverage.py data schema {SCHEMA_VERSION + 1}, but coverage.py "
            f"{coverage_version} reads schema {SCHEMA_VERSION}: record it with this version, or "
            "upgrade coverage")),
        "empty data": (at("empty/.coverage", b""),
                       InputProblem("empty/.coverage", "the file is empty")),
        "junit": (at("junit/coverage.xml", JUNIT.read_bytes()), InputProblem(
            "junit/coverage.xml", "expected a Cobertura <coverage> root element, found "
            "<testsuites> (a JUnit results file?)", 1)),
        "html": (at("html/coverage.xml", (tmp_path / "html/index.html").read_bytes()),
                 InputProblem("html/coverage.xml",
                              "expected a Cobertura <coverage> root element, found <html>", 1)),
        "truncated xml": (at("cut/coverage.xml", cut_xml), InputProblem(
            "cut/coverage.xml", "the XML ends early (truncated?)", cut_xml.count("\n") + 1)),
        "malformed xml": (at("bad/coverage.xml", xml_text.replace("<class ", "<class <", 1)),
                          InputProblem("bad/coverage.xml", "not well-formed XML (not well-formed "
                                       "(invalid token))", xml_text.splitlines().index(
                                           next(l for l in xml_text.splitlines() if "<class " in l)
                                       ) + 1)),
        "entities": (at("bomb/coverage.xml", BILLION_LAUGHS), InputProblem(
            "bomb/coverage.xml", "a DOCTYPE with an internal subset is refused (entity "
            "declarations are unsafe)", 2)),
        "other json": (at("npm/coverage.json", '{"name": "app", "version": "1.0.0"}\n'),
                       InputProblem("npm/coverage.json", "not a coverage.py JSON report (expected "
                                    "meta, files and totals, as `coverage json`)")),
        "truncated json": (at("cutjson/coverage.json", json_text[: len(json_text) // 2]),
                           InputProblem("cutjson/coverage.json", "not valid JSON (Expecting "
                                        "property name enclosed in double quotes)", None)),
        "empty xml": (at("void/coverage.xml", ""),
                      InputProblem("void/coverage.xml", "the file is empty")),
    }


def test_bad_inputs_become_one_line_problems(plain: Recorded, tmp_path: Path) -> None:
    cases = bad_inputs(plain, tmp_path)
    root = tmp_path / "root"
    for label, (path, expected) in cases.items():
        data, problems = read_coverage([path], root)
        assert data is None, label
        if label == "truncated json":  # the line depends on where the cut falls
            assert problems[0].message.startswith("not valid JSON ("), label
            assert isinstance(problems[0].line, int) and problems[0].line > 1
            continue
        if label == "truncated":  # SQLite words it by where the cut falls
            assert problems[0].message.startswith("the SQLite database is damaged"), label
            assert len(problems) == 1
            continue
        assert problems == (expected,), label
        assert "\n" not in problems[0].message


def test_a_bad_file_does_not_hide_the_good_ones(plain: Recorded, tmp_path: Path) -> None:
    broken = tmp_path / ".coverage.broken"
    broken.write_bytes(b"\x00" * 100)

    data, problems = read_coverage([broken, plain.data], plain.project)

    assert data is not None and data.sources == (".coverage",)
    assert_agrees(data, plain.oracle)
    assert problems == (InputProblem(broken.as_posix(), "not a coverage.py data file (not an "
                                     "SQLite database)"),)


def test_a_java_cobertura_doctype_is_accepted_and_never_fetched(tmp_path: Path) -> None:
    root = write_files(tmp_path, {"src/Main.java": "class Main {}\n"})
    xml = root / "coverage.xml"
    xml.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE coverage SYSTEM "http://cobertura.invalid/xml/coverage-04.dtd">\n'
        '<coverage line-rate="0.5"><sources><source>/ci/src</source></sources><packages>'
        '<package name=""><classes><class name="Main" filename="Main.java"><methods><method>'
        '<lines><line number="1" hits="1"/></lines></method></methods><lines>'
        '<line number="1" hits="1"/><line number="2" hits="0"/></lines></class></classes>'
        "</package></packages></coverage>\n"
    )

    data, problems = read_coverage([xml], root)

    assert problems == ()
    assert data is not None
    assert [(m.path, m.count) for m in data.modules] == [("src/Main.java", CoverageCount(2, 1))]


def write_measured(path: Path, names: list[str], n_contexts: int, per_context: int) -> int:
    """Line data with one context per test, each running `per_context` modules; returns the
    file's size."""
    data = MeasuredData(basename=str(path))
    for c in range(n_contexts):
        data.set_context(f"tests/unit/test_{c}.py::test_it|run")
        picked = (names[(c * 7 + k) % len(names)] for k in range(per_context))
        data.add_lines({name: range(1, 26, 1 + k % 3) for k, name in enumerate(picked)})
    data.close()
    return path.stat().st_size


def peak_reading(data: Path, root: Path) -> tuple[int, CoverageData | None]:
    tracemalloc.start()
    read, problems = read_coverage([data], root, context_category=lambda c: "unit")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems == ()
    return peak, read


def test_memory_does_not_grow_with_the_data_file(tmp_path: Path) -> None:
    body = "".join(f"def f{i}(x):\n    if x > {i}:\n        return x\n    return {i}\n\n"
                   for i in range(2))
    root = write_files(tmp_path, {f"src/pkg/mod_{i:03d}.py": body for i in range(240)})
    names = [f"/ci/checkout/src/pkg/mod_{i:03d}.py" for i in range(240)]
    write_measured(tmp_path / "warm.coverage", names[:2], 2, 2)
    read_coverage([tmp_path / "warm.coverage"], root)  # lazy imports and caches, not counted
    # The same 200 tests; in the large file each ran 8x as many modules, of 8x as many: the
    # line data rows are 8x as many (over 4x the bytes), each module's share the same.
    small = write_measured(tmp_path / "small.coverage", names[:30], 200, 10)
    large = write_measured(tmp_path / "large.coverage", names, 200, 80)

    small_peak, _ = peak_reading(tmp_path / "small.coverage", root)
    large_peak, read = peak_reading(tmp_path / "large.coverage", root)

    assert read is not None and len(read.modules) == 240
    # Every line 1-25 of every module ran under some test: all 8 statements are covered.
    assert read.modules[0].count == CoverageCount(8, 8, 0, 0)
    assert read.modules[0].by_category == (("unit", 8),)
    assert large > 4 * small
    # One module's rows are held at a time; what stays is a small summary per module (the
    # peak grows by about 1.4x here, against 8x the rows).
    assert large_peak < 2 * small_peak, (small, large, small_peak, large_peak)

"""The samples' coverage data: what `coverage report` says of it is what their READMEs document.

Each check runs coverage.py itself (`python -m coverage report --precision=2`) on a copy of the
sample, with a configuration that holds only `relative_files = true` (without it, coverage.py
finds no lines for the repository-relative paths the data holds and reports 0 %), so the figures
come from the data file alone, as sprintcheck reads it, not from the sample's `source` setting.
The JUnit counts are read from the committed result files.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

SAMPLES = Path(__file__).resolve().parents[1] / "sample_runs"

pytest.importorskip("coverage")

# Per module (statements, missed); the percentages follow. Branch coverage is off in both samples.
HP2_MODULES = {
    "src/studio/api/app.py": (73, 73),
    "src/studio/api/routes.py": (108, 108),
    "src/studio/workers/dataset_tasks.py": (61, 61),
    "src/studio/workers/model_tasks.py": (65, 65),
    "src/studio/workers/queue.py": (36, 36),
    "src/studio/workers/training_tasks.py": (115, 115),
    "src/studio/events.py": (8, 0),
}
HP2_BASELINE = HP2_MODULES | {
    "src/studio/db.py": (65, 1),
    "src/studio/schemas.py": (105, 9),
    "src/studio/services/dataset_service.py": (126, 33),
    "src/studio/services/model_service.py": (131, 40),
    "src/studio/services/training_template_service.py": (121, 40),
}
HP2_AFTER = HP2_MODULES | {
    "src/studio/db.py": (65, 1),
    "src/studio/schemas.py": (105, 8),
    "src/studio/services/dataset_service.py": (126, 0),
    "src/studio/services/model_service.py": (131, 2),
    "src/studio/services/training_template_service.py": (121, 12),
}
E2E_IN_PROCESS = {
    "src/batch_app/__init__.py": (1, 1),
    "src/batch_app/__main__.py": (25, 25),
    "src/batch_app/api_server.py": (90, 90),
    "src/batch_app/database.py": (41, 41),
    "src/batch_app/logging_config.py": (17, 17),
    "src/batch_app/metrics.py": (16, 16),
    "src/batch_app/worker.py": (28, 28),
}
E2E_SUBPROCESS = {
    "src/batch_app/__init__.py": (1, 0),
    "src/batch_app/__main__.py": (25, 0),
    "src/batch_app/api_server.py": (90, 12),
    "src/batch_app/database.py": (41, 0),
    "src/batch_app/logging_config.py": (17, 0),
    "src/batch_app/metrics.py": (16, 7),
    "src/batch_app/worker.py": (28, 1),
}


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Copies of the two samples, so nothing is ever written into sample_runs."""
    root = tmp_path_factory.mktemp("samples")
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    return {name: Path(shutil.copytree(SAMPLES / name, root / name, ignore=ignore))
            for name in ("hp2", "coverage-e2e")}  # fmt: skip


def coverage_report(sample: Path, data_file: str, *args: str) -> dict[str, tuple[int, int, str]]:
    """`coverage report` on one data file: {name: (statements, missed, percent)}, TOTAL included."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    config = sample.parent / "relative.coveragerc"
    config.write_text("[run]\nrelative_files = true\n")
    done = subprocess.run(
        [sys.executable, "-m", "coverage", "report", f"--data-file={data_file}", "--precision=2",
         f"--rcfile={config}", *args],
        cwd=sample, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = {}
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3].endswith("%"):
            rows[parts[0]] = (int(parts[1]), int(parts[2]), parts[3].rstrip("%"))
    return rows


def expected_rows(modules: dict[str, tuple[int, int]], total: str) -> dict[str, tuple[int, int, str]]:
    rows = {path: (n, miss, f"{100 * (n - miss) / n:.2f}") for path, (n, miss) in modules.items()}
    statements = sum(n for n, _ in modules.values())
    missed = sum(miss for _, miss in modules.values())
    assert f"{100 * (statements - missed) / statements:.2f}" == total  # the table adds up
    return rows | {"TOTAL": (statements, missed, total)}


def without_empty_modules(rows: dict[str, tuple[int, int, str]]) -> dict[str, tuple[int, int, str]]:
    return {name: row for name, row in rows.items() if row[0]}


@pytest.mark.parametrize(
    ("data_file", "modules", "total"),
    [("reports/baseline.coverage", HP2_BASELINE, "42.70"), ("reports/.coverage", HP2_AFTER, "52.56")],
)
def test_hp2_coverage_is_what_coverage_report_says(
    copies: dict[str, Path], data_file: str, modules: dict, total: str
) -> None:
    rows = coverage_report(copies["hp2"], data_file)
    assert without_empty_modules(rows) == expected_rows(modules, total)


def test_hp2_per_category_coverage_from_contexts(copies: dict[str, Path]) -> None:
    # One category per test file; a context is the test function's dotted name.
    covered = {}
    for module in ("test_model_service", "test_dataset_service", "test_training_template_service"):
        rows = coverage_report(copies["hp2"], "reports/.coverage", rf"--contexts=^tests\.unit\.{module}\.")
        statements, missed, percent = rows["TOTAL"]
        covered[module] = (statements - missed, percent)
    assert covered == {
        "test_model_service": (146, "14.40"),
        "test_dataset_service": (137, "13.51"),
        "test_training_template_service": (125, "12.33"),
    }
    # Statements run at import time (collection) belong to no test: the empty context.
    assert coverage_report(copies["hp2"], "reports/.coverage", "--contexts=^$")["TOTAL"][2] == "23.18"


@pytest.mark.parametrize(
    ("data_file", "modules", "total"),
    [("reports/.coverage", E2E_IN_PROCESS, "0.00"), ("reports/subprocess/.coverage", E2E_SUBPROCESS, "90.83")],
)
def test_coverage_e2e_is_what_coverage_report_says(
    copies: dict[str, Path], data_file: str, modules: dict, total: str
) -> None:
    rows = coverage_report(copies["coverage-e2e"], data_file)
    assert rows == expected_rows(modules, total)


def test_the_e2e_plan_reads_only_the_in_process_data() -> None:
    plan = tomllib.loads((SAMPLES / "coverage-e2e" / "sprintcheck.toml").read_text())
    assert plan["results"]["coverage"] == ["reports/.coverage"]
    assert plan["coverage"]["target"] == 80


@pytest.mark.parametrize(
    "data_file",
    ["hp2/reports/.coverage", "hp2/reports/baseline.coverage", "coverage-e2e/reports/.coverage",
     "coverage-e2e/reports/subprocess/.coverage"],
)  # fmt: skip
def test_coverage_data_holds_relative_paths_and_contexts(data_file: str) -> None:
    """relative_files = true: the samples work wherever they are installed."""
    with sqlite3.connect(f"file:{SAMPLES / data_file}?mode=ro", uri=True) as db:
        paths = [row[0] for row in db.execute("select path from file")]
        arcs = db.execute("select value from meta where key = 'has_arcs'").fetchone()[0]
        contexts = {row[0] for row in db.execute("select context from context")}
    assert paths and all(p.startswith("src/") and not os.path.isabs(p) for p in paths)
    assert arcs == "0"  # statements only: the percentages include no branches
    if data_file == "hp2/reports/.coverage":
        assert len(contexts - {""}) == 89  # every test but one that fails before reaching the code
        assert all(c.startswith("tests.unit.test_") for c in contexts - {""})
    elif data_file == "coverage-e2e/reports/.coverage":
        assert contexts == set()  # the e2e tests executed no line of batch_app in this process


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("hp2", {"tests": 90, "failures": 13, "errors": 0, "skipped": 0}),
        ("coverage-e2e", {"tests": 5, "failures": 0, "errors": 0, "skipped": 0}),
    ],
)
def test_junit_counts(name: str, counts: dict[str, int]) -> None:
    suite = ET.parse(SAMPLES / name / "reports" / "junit.xml").getroot().find("testsuite")
    assert {key: int(suite.get(key)) for key in counts} == counts


def test_hp2_failures_per_file() -> None:
    suite = ET.parse(SAMPLES / "hp2" / "reports" / "junit.xml").getroot().find("testsuite")
    failed: dict[str, int] = {}
    passed: dict[str, int] = {}
    for case in suite.iter("testcase"):
        module = case.get("classname").split(".")[2]
        bucket = failed if case.find("failure") is not None else passed
        bucket[module] = bucket.get(module, 0) + 1
    assert passed == {"test_dataset_service": 30, "test_model_service": 26,
                      "test_training_template_service": 21}  # fmt: skip
    assert failed == {"test_dataset_service": 3, "test_model_service": 4,
                      "test_training_template_service": 6}  # fmt: skip

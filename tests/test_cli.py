"""The command as a user runs it: real samples, real pytest runs, real malformed files, exit codes."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, run_pytest, write_files

from sprintcheck.cli import main

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where `sprintcheck demo` builds the sample's history: never the user's own cache."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def sprintcheck(cache: Path) -> Run:
    def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sprintcheck", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=120,
            env={"PATH": os.environ["PATH"], "HOME": str(cache), "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"},
        )

    return run


@pytest.fixture(scope="module")
def honest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The honest sample with its own git history (the sample folder sits inside this repository)."""
    into = tmp_path_factory.mktemp("honest") / "repo"
    subprocess.run(
        [sys.executable, str(SAMPLES / "honest" / "make_history.py"), "--into", str(into)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return into


def matrix_row(output: str, name: str) -> list[str]:
    for line in output.splitlines():
        cells = line.split()
        if cells[:1] == [name] and len(cells) == 8:
            return cells[1:]
    raise AssertionError(f"no row {name!r} in:\n{output}")


def test_demo_prints_the_sprint6_matrix_and_fails_on_critical(sprintcheck: Run) -> None:
    done = sprintcheck("demo", "--headless")

    assert done.returncode == 1, done.stderr
    out = done.stdout
    #                                 planned created executed passing failing skipped never-ran
    assert matrix_row(out, "smoke") == ["7", "7", "7", "6", "1", "0", "0"]
    assert matrix_row(out, "e2e") == ["12", "12", "0", "0", "0", "0", "12"]
    assert matrix_row(out, "stress") == ["12", "12", "0", "0", "0", "0", "12"]
    assert matrix_row(out, "benchmark") == ["12", "12", "0", "0", "0", "0", "12"]
    assert matrix_row(out, "total") == ["43", "43", "7", "6", "1", "0", "36"]
    for category in ("e2e", "stress", "benchmark"):
        assert f"CRITICAL SC101 {category}: none of its 12 tests ever ran" in out
    assert "WARNING  SC102 smoke: 1 of 7 executed tests fail" in out
    assert "WARNING  SC301 6.0× faster than planned: 60 h planned, 10.0 h in git" in out
    assert "WARNING  SC304 36 unexecuted tests ≈ 36 min of test running still to do" in out
    assert "SC902" not in out  # the demo reads the sample's own history
    assert "WARNING  SC203 test_basic_inference accepts the failure it should catch" in out
    assert "  assert response_before.status_code in [200, 400, 501]" in out
    assert "NOT SUPPORTED" in out
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "\x1b[" not in out  # piped: no colour


def test_honest_sample_passes(sprintcheck: Run, honest: Path) -> None:
    done = sprintcheck("--headless", str(honest), "--fail-on", "info")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "speedup 1.4×" in done.stdout  # 20 h planned, 14.0 h in git: below the threshold
    assert matrix_row(done.stdout, "total") == ["12", "12", "12", "12", "0", "0", "0"]
    assert "SUPPORTED" in done.stdout and "NOT SUPPORTED" not in done.stdout


def test_json_follows_the_contract(sprintcheck: Run, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    done = sprintcheck("demo", "--headless", "--format", "json", "--output", str(out))

    assert done.returncode == 1
    assert done.stdout == ""
    data = json.loads(out.read_text())
    assert data["schema"] == "sprintcheck/1"
    assert data["sprint"]["name"] == "Sprint 6"
    assert data["sprint"]["start"] == "2026-01-22"
    smoke = data["categories"][0]
    counts = ("name", "created", "executed", "passing", "failing", "skipped", "hollow", "passing_not_hollow")
    assert {k: smoke[k] for k in counts} == {
        "name": "smoke", "created": 7, "executed": 7, "passing": 6, "failing": 1, "skipped": 0,
        "hollow": 1, "passing_not_hollow": 5,
    }
    assert data["totals"]["cases"] == {
        "executed": 7, "passed": 6, "failed": 1, "errors": 0, "skipped": 0, "xfailed": 0,
    }
    time = data["time"]
    assert (time["planned_hours"], time["actual_hours"], time["speedup"]) == (60.0, 10.0, 6.0)
    assert time["history"] == {"available": True, "note": None}
    assert time["sessions"] == {"count": 4, "commits": 13, "max_gap_hours": 2.0, "lead_in_minutes": 30.0}
    assert [(d["day"], d["tests_created"], d["cases_executed"]) for d in time["timeline"]] == [
        ("2026-01-22", 31, 0),
        ("2026-01-24", 12, 0),
        ("2026-01-25", 0, 7),
    ]
    assert time["timeline"][0]["created_by_category"] == {"smoke": 7, "e2e": 12, "stress": 12}
    d5 = next(task for task in time["tasks"] if task["id"] == "D5")
    assert (d5["status"], d5["planned_hours"], d5["tests_created"], d5["tests_executed"]) == ("done", 8.0, 12, 0)
    completion = data["completion"]
    assert (completion["claimed"], completion["evidence"], completion["equal_weights"]) == (78.0, 31.6, False)
    d1 = next(task for task in completion["tasks"] if task["id"] == "D1")
    assert d1 == {
        "id": "D1", "weight": 8.0, "claimed": 1.0, "evidence": 66.67, "tests": 1, "executed": 1,
        "passing": 1, "passing_not_hollow": 0,
    }
    absent = ("percent", "target", "claimed", "data", "total", "categories", "targets", "modules", "baseline")
    assert data["coverage"] == dict.fromkeys(absent)
    assert (data["criteria"], data["failure_modes"]) == ([], [])
    assert [(f["code"], f["severity"], f["category"], f["fingerprint"].split(":", 2)[2]) for f in data["findings"]] == [
        ("SC101", "critical", "e2e", "whole"),
        ("SC101", "critical", "stress", "whole"),
        ("SC101", "critical", "benchmark", "whole"),
        ("SC302", "critical", None, "sprint"),
        ("SC102", "warning", "smoke", "failing"),
        ("SC203", "warning", "smoke", "tests/smoke/test_basic_inference.py::test_basic_inference:assert response_before.status_code in [200, 400, 501]"),
        ("SC301", "warning", None, "sprint"),
        ("SC303", "warning", None, "D1"),
        ("SC303", "warning", None, "D2"),
        ("SC303", "warning", None, "D5"),
        ("SC303", "warning", None, "D6"),
        ("SC303", "warning", None, "D7"),
        ("SC304", "warning", None, "sprint"),
    ]
    speedup = next(f for f in data["findings"] if f["code"] == "SC301")
    # D1's test is also inside D2's tests/smoke/**: each evidence test counts once.
    assert (speedup["figures"]["done_tests_created"], speedup["figures"]["done_tests_executed"]) == (43, 7)
    hollow = data["findings"][5]
    assert hollow["evidence"] == [{"path": "tests/smoke/test_basic_inference.py", "line": 3}]
    assert hollow["quote"] == "assert response_before.status_code in [200, 400, 501]"
    assert len(data["findings"][0]["evidence"]) == 12
    assert data["findings"][0]["fingerprint"] == "SC101:e2e:whole"


def test_markdown_is_a_valid_gfm_summary(sprintcheck: Run, tmp_path: Path) -> None:
    done = sprintcheck("--headless", "sample_runs/sprint6", "--format", "markdown")

    lines = done.stdout.splitlines()
    assert lines[0] == "## sprintcheck: Sprint 6 (2026-01-22 to 2026-02-01)"
    assert "| **total** | **43** | **43** | **7** | **6** | **1** | **0** | **36** |" in lines
    tables = [line for line in lines if line.startswith("|")]
    header_cells = {line.count("|") for line in tables}
    assert header_cells <= {9, 8, 7, 5, 4}  # every row of each table has its header's column count
    # One per finding: SC101 ×3, SC302, SC102, SC203, SC303 ×5, SC304, and SC902 (no history).
    assert done.stdout.count("<details>") == done.stdout.count("</details>") == 13
    assert "```python\nassert response_before.status_code in [200, 400, 501]\n```" in done.stdout


def test_fail_on_sets_the_threshold(sprintcheck: Run) -> None:
    assert sprintcheck("--headless", "sample_runs/sprint6", "--fail-on", "never").returncode == 0
    assert sprintcheck("--headless", "sample_runs/honest", "--fail-on", "critical").returncode == 0
    assert sprintcheck("--headless", "sample_runs/sprint6", "--fail-on", "warning").returncode == 1


def test_junit_option_replaces_the_plan_results(project: Path) -> None:
    write_files(project, {"tests/unit/test_a.py": "def test_a():\n    assert 1 + 1 == 2\n"})
    run_pytest(project, junit_name="out/results.xml")

    # Nothing in the usual places: SC106, a warning since nothing is claimed.
    assert main(["--headless", str(project), "--fail-on", "warning"]) == 1
    assert main(["--headless", str(project), "--fail-on", "warning", "--junit", "out/*.xml"]) == 0


def test_without_a_plan_categories_are_inferred_and_results_discovered(sprintcheck: Run, project: Path) -> None:
    write_files(
        project,
        {
            "tests/unit/test_math.py": "def test_add():\n    assert 1 + 1 == 2\n\ndef test_sub():\n    assert 2 - 1 == 1\n",
            "tests/integration/test_io.py": "def test_write(tmp_path):\n    (tmp_path / 'x').write_text('x')\n    assert (tmp_path / 'x').read_text() == 'x'\n",
        },
    )
    run_pytest(project, "tests/unit", junit_name="junit.xml")
    done = sprintcheck("--headless", str(project))

    assert done.returncode == 1, done.stdout  # a whole category never ran: critical
    assert matrix_row(done.stdout, "unit") == ["—", "2", "2", "2", "0", "0", "0"]
    assert matrix_row(done.stdout, "integration") == ["—", "1", "0", "0", "0", "0", "1"]
    assert "CRITICAL SC101 integration: none of its 1 test ever ran" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--headless", "no/such/folder"], "sprintcheck: error: no/such/folder: no such file or folder\n"),
        (["--headless", "--plan", "tests/data/plans/wrong_type.toml"],
         "sprintcheck: error: tests/data/plans/wrong_type.toml:claims.completion: expected a number, got '78%'\n"),
    ],
)
def test_unusable_input_exits_2_with_one_line(sprintcheck: Run, args: list[str], message: str) -> None:
    done = sprintcheck(*args)

    assert done.returncode == 2
    assert done.stderr == message
    assert done.stdout == ""


def test_bad_results_files_become_findings_and_the_report_stands(sprintcheck: Run, project: Path) -> None:
    write_files(project, {"tests/test_ok.py": "def test_ok():\n    assert True is not False\n"})
    run_pytest(project)
    reports = project / "reports"
    (reports / "empty.xml").write_bytes(b"")
    (reports / "truncated.xml").write_text('<?xml version="1.0"?>\n<testsuites><testsuite name="x"><testcase name="a"')
    (reports / "binary.xml").write_bytes(bytes(range(256)) * 4)
    (reports / "page.xml").write_text("<html><body>not junit</body></html>")
    (reports / "bomb.xml").write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        "<testsuites>&lol2;</testsuites>"
    )
    (project / "sprintcheck.toml").write_text('[results]\njunit = ["reports/*.xml"]\n')

    done = sprintcheck("--headless", str(project), "--format", "json")

    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["totals"]["executed"] == 1
    unreadable = sorted(f["evidence"][0]["path"] for f in data["findings"] if f["code"] == "SC901")
    assert unreadable == [
        "reports/binary.xml", "reports/bomb.xml", "reports/empty.xml", "reports/page.xml", "reports/truncated.xml",
    ]
    bomb = next(f for f in data["findings"] if f["evidence"][0]["path"] == "reports/bomb.xml")
    assert "DOCTYPE" in bomb["title"]


def test_cases_read_before_a_file_broke_off_are_counted_and_the_break_reported(sprintcheck: Run, project: Path) -> None:
    write_files(project, {"tests/test_two.py": "def test_a():\n    assert [1] * 2 == [1, 1]\n\ndef test_b():\n    assert 'a'.upper() == 'A'\n"})
    run = run_pytest(project)
    whole = run.junit.read_text()
    run.junit.write_text(whole[: whole.index("test_b") + 10])  # cut inside the second case

    done = sprintcheck("--headless", str(project), "--format", "json")

    data = json.loads(done.stdout)
    assert data["totals"]["cases"]["passed"] == 1
    assert [f["code"] for f in data["findings"]] == ["SC101", "SC901", "SC902"]
    assert data["results_files"] == [{"path": "reports/junit.xml", "runner": "unknown", "cases": 1, "newest_timestamp": None}]
    assert data["findings"][1]["title"].endswith("after 1 case was read; it is counted")


def test_a_pytest_internal_error_is_reported_not_counted_as_a_case(sprintcheck: Run, project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_a.py": "def test_ok():\n    assert len('ok') == 2\n",
            "conftest.py": "def pytest_collection_modifyitems(items):\n    raise RuntimeError('boom')\n",
        },
    )
    run = run_pytest(project)
    assert "INTERNALERROR" in run.stdout

    data = json.loads(sprintcheck("--headless", str(project), "--format", "json").stdout)

    assert data["totals"]["cases"]["errors"] == 0  # pytest's summary counts no error either
    assert data["unmatched"]["files"] == []
    [broke] = [f for f in data["findings"] if f["code"] == "SC901"]
    assert broke["title"].startswith("reports/junit.xml: the test run broke off (internal error")


def test_a_test_file_with_a_syntax_error_is_reported_and_the_rest_inventoried(sprintcheck: Run, project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_good.py": "def test_good():\n    assert 2 * 2 == 4\n",
            "tests/test_broken.py": "def test_broken(:\n    pass\n",
        },
    )
    done = sprintcheck("--headless", str(project), "--format", "json")

    data = json.loads(done.stdout)
    assert data["totals"]["created"] == 1
    [problem] = [f for f in data["findings"] if f["code"] == "SC901"]
    assert problem["evidence"] == [{"path": "tests/test_broken.py", "line": 1}]


def test_a_folder_with_no_tests_and_no_results_is_unusable(sprintcheck: Run, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("nothing to see\n")
    done = sprintcheck("--headless", str(tmp_path))

    assert done.returncode == 2
    assert done.stderr == (
        f"sprintcheck: error: {tmp_path}: no tests and no results found: expected test files "
        "(test_*.py, *_test.py) or JUnit XML results\n"
    )


def test_debug_shows_the_traceback(sprintcheck: Run) -> None:
    done = sprintcheck("--headless", "--debug", "no/such/folder")

    assert done.returncode == 1
    assert "Traceback" in done.stderr and "UsageError" in done.stderr


def test_headless_never_loads_textual(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom sprintcheck.cli import main\n"
        "main(['--headless', 'sample_runs/sprint6', '--format', 'json', '--output', sys.argv[1]])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "r.json")], cwd=REPO, capture_output=True, text=True
    )

    assert done.stdout.strip() == "[]", done.stderr


def test_output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(tmp_path: Path) -> None:
    # Renaming a temporary file over the target would replace a pipe or /dev/null with a file.
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()

    code = main(["--headless", str(SAMPLES / "honest"), "--format", "json", "--output", str(fifo)])

    reader.join(timeout=30)
    assert code == 0
    assert json.loads(received[0])["schema"] == "sprintcheck/1"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_output_replaces_a_regular_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "deep" / "summary.md"
    out.parent.mkdir()
    out.write_text("old report, much longer than the new one\n" * 1000)

    assert main(["--headless", str(SAMPLES / "honest"), "--format", "markdown", "--output", str(out)]) == 0

    assert out.read_text().startswith("## sprintcheck: slugkit 0.2")
    assert "old report" not in out.read_text()
    assert [p.name for p in out.parent.iterdir()] == ["summary.md"]  # no temporary file left


def test_suppressed_honesty_issues_are_listed_not_counted(sprintcheck: Run, project: Path) -> None:
    write_files(
        project,
        {
            "sprintcheck.toml": (
                '[[honesty.ignore]]\npaths = ["tests/legacy/**"]\ncodes = ["SC201"]\n'
                'reason = "rewritten next sprint"\n'
            ),
            "tests/test_new.py": (
                "def test_real():\n    assert sorted([2, 1]) == [1, 2]\n\n"
                "def test_marker():\n    assert True  # sprintcheck: ignore[SC204]\n\n"
                "def test_accepts_anything():\n    assert True\n"
            ),
            "tests/legacy/test_old.py": "def test_runs():\n    sorted([3, 1])\n",
        },
    )
    run_pytest(project)

    data = json.loads(sprintcheck("--headless", str(project), "--format", "json").stdout)

    assert [(f["code"], f["evidence"]) for f in data["findings"] if f["family"] == "honesty"] == [
        ("SC204", [{"path": "tests/test_new.py", "line": 8}])
    ]
    assert sorted((s["code"], s["test"], s["reason"]) for s in data["suppressed"]) == [
        ("SC201", "tests/legacy/test_old.py::test_runs", "plan: honesty.ignore tests/legacy/** (rewritten next sprint)"),
        ("SC204", "tests/test_new.py::test_marker", "# sprintcheck: ignore[SC204] on line 5"),
    ]
    assert (data["totals"]["hollow"], data["totals"]["passing_not_hollow"]) == (1, 3)

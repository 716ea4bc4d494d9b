"""Time figures and checks (SC104, SC301, SC304, SC902) on real repositories with pinned dates."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import run_pytest, write_files
from gitrepo import commit, git, init

from sprintcheck.model import Severity
from sprintcheck.pipeline import Inputs, analyze

PLAN = """\
[sprint]
name = "March"
start = 2026-03-02
end = 2026-03-13
planned_hours = 40

[results]
junit = ["reports/*.xml"]

[[category]]
name = "unit"
paths = ["tests/unit/**"]

[[category]]
name = "e2e"
paths = ["tests/e2e/**"]
expected_seconds = 120

[[task]]
id = "T1"
estimate_hours = [8, 12]
status = "done"
tests = ["tests/unit/**"]
paths = ["src/**"]

[[task]]
id = "T2"
estimate_hours = 20
status = "done"
tests = ["tests/e2e/**"]
paths = ["tests/e2e/**"]
"""
UNIT = "def test_add():\n    assert 1 + 1 == 2\n\ndef test_sub():\n    assert 3 - 1 == 2\n"
E2E = "def test_flow():\n    assert 'a' + 'b' == 'ab'\n\ndef test_login():\n    assert [1][0] == 1\n"


@pytest.fixture
def sprint(tmp_path: Path) -> Path:
    """Hand computation, gap 2 h and lead-in 30 min, one author:

    03-02 09:00 10:00 11:30  -> one session 08:30-11:30  3.00 h  (src, unit tests: T1)
    03-03 14:00              -> one session 13:30-14:00  0.50 h  (e2e tests: T2)
    03-04 09:00 09:45        -> one session 08:30-09:45  1.25 h  (src again, after the run)
                                                         ------
                                                          4.75 h -> 40 / 4.75 = 8.42x
    T1 counts only the commits touching src (10:00, 11:30, and 03-04 09:00, 09:45):
    09:30-11:30 = 2.00 h + 08:30-09:45 = 1.25 h -> 3.25 h for 10 h planned.
    """
    repo = init(tmp_path / "repo")
    commit(repo, "2026-03-02T09:00:00+00:00", "plan", {"sprintcheck.toml": PLAN, "pytest.ini": "[pytest]\n"})
    commit(repo, "2026-03-02T10:00:00+00:00", "code", {"src/calc.py": "def add(a, b):\n    return a + b\n"})
    commit(repo, "2026-03-02T11:30:00+00:00", "unit tests", {"tests/unit/test_calc.py": UNIT, "src/more.py": "X = 1\n"})
    commit(repo, "2026-03-03T14:00:00+00:00", "e2e tests", {"tests/e2e/test_flow.py": E2E})
    run = run_pytest(repo, "tests/unit")
    # The run happened on the evening of 03-03, before the last code changes.
    text = run.junit.read_text()
    run.junit.write_text(re.sub(r'timestamp="[^"]*"', 'timestamp="2026-03-03T18:00:00+00:00"', text))
    git(repo, "add", "-A")
    commit(repo, "2026-03-04T09:00:00+00:00", "fix", {"src/calc.py": "def add(a, b):\n    return b + a\n"})
    commit(repo, "2026-03-04T09:45:00+00:00", "docs", {"src/calc.py": "def add(a, b):\n    return int(b + a)\n"})
    return repo


def test_hours_speedup_and_timeline_match_the_hand_computation(sprint: Path) -> None:
    report = analyze(Inputs(sprint))
    time = report.snapshot.time

    assert time is not None and time.history_available
    assert (time.n_commits, time.n_sessions) == (6, 3)
    assert time.actual_hours == pytest.approx(4.75)
    assert time.speedup == pytest.approx(40 / 4.75)
    t1, t2 = time.tasks
    assert (t1.planned_hours, t1.actual_hours, t1.tests_created, t1.tests_executed) == (10.0, 3.25, 2, 2)
    assert (t2.planned_hours, t2.actual_hours, t2.tests_created, t2.tests_executed) == (20.0, 0.5, 2, 0)
    assert [(d.day, d.tests_created, d.cases_executed, d.commits) for d in time.timeline] == [
        (date(2026, 3, 2), 2, 0, 3),
        (date(2026, 3, 3), 2, 2, 1),
        (date(2026, 3, 4), 0, 0, 2),
    ]
    assert [d.created_by_category for d in time.timeline] == [(("unit", 2),), (("e2e", 2),), ()]
    churn = {kind: (added, removed) for kind, added, removed in time.churn}
    assert churn["tests"] == (10, 0)
    assert churn["source"] == (5, 2)


def test_time_findings_explain_themselves(sprint: Path) -> None:
    findings = {f.code: f for f in analyze(Inputs(sprint)).findings}

    assert set(findings) == {"SC101", "SC104", "SC301", "SC303", "SC304"}
    speedup = findings["SC301"]
    assert (speedup.severity, speedup.title) == (
        Severity.WARNING,
        "8.4× faster than planned: 40 h planned, 4.8 h in git",
    )
    assert "6 commits make 3 work sessions" in speedup.detail
    assert "judged by 4 tests, of which 2 ever ran" in speedup.detail
    assert findings["SC304"].title == "2 unexecuted tests ≈ 4 min of test running still to do"
    assert "e2e: 2 × 2 min (expected in the plan)" in findings["SC304"].detail
    assert findings["SC104"].title == "results are 15.8 h older than the latest code change"


def test_a_project_outside_git_gets_no_time_figures_and_says_why(tmp_path: Path) -> None:
    project = tmp_path / "plain"
    write_files(project, {"sprintcheck.toml": PLAN, "tests/unit/test_calc.py": UNIT, "pytest.ini": "[pytest]\n"})
    run_pytest(project, "tests/unit")

    report = analyze(Inputs(project))
    time = report.snapshot.time

    assert time is not None
    assert (time.actual_hours, time.speedup, time.timeline, time.churn) == (None, None, (), ())
    [missing] = [f for f in report.findings if f.code == "SC902"]
    assert (missing.severity, missing.title) == (Severity.WARNING, "git history is not available")
    assert f"{project} is not a git repository" in missing.detail
    assert not any(f.code in ("SC301", "SC104") for f in report.findings)


def test_a_shallow_clone_is_partial_history(sprint: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{sprint}", str(clone)],
        check=True, capture_output=True,
    )  # fmt: skip

    [partial] = [f for f in analyze(Inputs(clone)).findings if f.code == "SC902"]

    assert (partial.severity, partial.title) == (Severity.WARNING, "git history is partial")

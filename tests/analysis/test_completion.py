"""Completion (SC302, SC303), failure modes (SC501, SC502) and success criteria, on a real project:
real test files, a real pytest run for the results, a real plan file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_pytest, write_files

from sprintcheck.model import SprintReport
from sprintcheck.pipeline import Inputs, analyze

TESTS = {
    "tests/api/test_upload.py": """
        def test_upload_accepts_jsonl():
            assert "a,b".split(",") == ["a", "b"]

        def test_upload_rejects_binary():
            assert int("3") == 4

        def test_upload_exists():
            result = len("x")
    """,
    "tests/api/test_status.py": """
        def test_status_reads_back():
            assert 2 * 3 == 6
    """,
    "tests/worker/test_crash.py": """
        def test_worker_restarts_after_a_crash():
            assert sorted([3, 1]) == [1, 3]

        def test_worker_keeps_its_heartbeat():
            assert max(1, 2) == 2
    """,
}
PLAN = """
    [claims]
    completion = {claimed}

    [[category]]
    name = "api"
    paths = ["tests/api/**"]

    [[category]]
    name = "worker"
    paths = ["tests/worker/**"]

    {tasks}

    [[failure_mode]]
    name = "worker crash"
    tests = ["tests/worker/test_crash.py::test_worker_restarts*"]

    [[failure_mode]]
    name = "bad upload"
    impact = "a batch is lost"
    tests = ["tests/api/test_upload.py::test_upload_rejects_*"]

    [[failure_mode]]
    name = "GPU out of memory"
    tests = []

    [[criterion]]
    name = "pass rate"
    metric = "pass_rate"
    op = "=="
    target = 100

    [[criterion]]
    metric = "tests_executed"
    target = 4

    [[criterion]]
    metric = "coverage"
    target = 60
"""
TASKS = """
    [[task]]
    id = "upload"
    estimate_hours = [4, 8]
    status = "done"
    tests = ["tests/api/test_upload.py"]

    [[task]]
    id = "status"
    estimate_hours = 2
    status = "done"
    tests = ["tests/api/**"]

    [[task]]
    id = "worker"
    estimate_hours = 4
    status = "done"
    tests = ["worker"]

    [[task]]
    id = "docs"
    estimate_hours = 2
    status = "done"
"""


def analysed(project: Path, claimed: float = 90, tasks: str = TASKS) -> SprintReport:
    write_files(project, {**TESTS, "sprintcheck.toml": PLAN.format(claimed=claimed, tasks=tasks)})
    run_pytest(project, "tests/api")  # the worker tests are never run
    return analyze(Inputs(project))


def test_evidence_climbs_ran_passed_not_hollow_and_weighs_by_estimate(project: Path) -> None:
    completion = analysed(project).snapshot.completion

    by_id = {t.task.id: t for t in completion.tasks}
    # upload: 3 tests; one passed (1), one failed (1/3), one passed but hollow (2/3).
    assert (by_id["upload"].n_executed, by_id["upload"].n_passing, by_id["upload"].n_solid) == (3, 2, 1)
    assert by_id["upload"].evidence == pytest.approx(2 / 3)
    # status selects the whole api folder: the upload tests count for it too, plus one more pass.
    assert len(by_id["status"].tests) == 4
    assert by_id["status"].evidence == pytest.approx(3 / 4)
    assert by_id["worker"].evidence == 0.0  # a category selector; its tests never ran
    assert by_id["docs"].evidence is None  # unverifiable
    # (6 × 2/3 + 2 × 3/4 + 4 × 0 + 2 × 0) ÷ 14
    assert completion.evidence == pytest.approx(100 * (4 + 1.5) / 14)
    assert completion.equal_weights is False


def test_sc302_when_the_claim_outruns_the_evidence(project: Path) -> None:
    report = analysed(project, claimed=90)

    sc302 = [f for f in report.findings if f.code == "SC302"]
    assert [(f.severity.value, f.title) for f in sc302] == [
        ("critical", "claimed 90 % complete, the evidence supports 39.3 %")
    ]
    assert "docs" in sc302[0].detail  # the unverifiable task is named
    assert dict(sc302[0].figures)["gap"] == 50.7


def test_no_sc302_within_the_threshold(project: Path) -> None:
    report = analysed(project, claimed=50)  # 39.3 % + 15 points allowed

    assert "SC302" not in {f.code for f in report.findings}


def test_sc303_names_each_done_task_short_of_its_evidence(project: Path) -> None:
    report = analysed(project)

    sc303 = {f.key: (f.severity.value, f.title) for f in report.findings if f.code == "SC303"}
    assert sc303 == {
        "upload": ("warning", "task upload is claimed done: of 3 evidence tests, 1 failing, 1 hollow"),
        "status": ("warning", "task status is claimed done: of 4 evidence tests, 1 failing, 1 hollow"),
        "worker": ("warning", "task worker is claimed done: of 2 evidence tests, 2 never ran"),
        "docs": ("info", "task docs is claimed done: no evidence tests are named"),
    }
    upload = next(f for f in report.findings if f.code == "SC303" and f.key == "upload")
    assert [str(loc) for loc in upload.evidence] == [
        "tests/api/test_upload.py:5",
        "tests/api/test_upload.py:8",
    ]


def test_tasks_without_estimates_weigh_the_same_and_the_report_says_so(project: Path) -> None:
    tasks = TASKS.replace('estimate_hours = [4, 8]\n', "").replace("estimate_hours = 2\n", "")
    tasks = tasks.replace("estimate_hours = 4\n", "")
    report = analysed(project, tasks=tasks)

    completion = report.snapshot.completion
    assert completion.equal_weights is True
    assert [t.weight for t in completion.tasks] == [1.0, 1.0, 1.0, 1.0]
    assert completion.evidence == pytest.approx(100 * (2 / 3 + 3 / 4) / 4)
    sc302 = next(f for f in report.findings if f.code == "SC302")
    assert "every task weighs the same" in sc302.detail


def test_failure_modes_unguarded_never_ran_and_failing(project: Path) -> None:
    report = analysed(project)

    states = {s.mode.name: s.state for s in report.snapshot.failure_modes}
    assert states == {"worker crash": "never ran", "bad upload": "failing", "GPU out of memory": "unguarded"}
    risk = sorted((f.code, f.title) for f in report.findings if f.family == "risk")
    assert risk == [
        ("SC501", "no test guards the failure mode “GPU out of memory”"),
        ("SC502", "1 of 1 test guarding “bad upload” fails"),
        ("SC502", "the test guarding “worker crash” never ran"),
    ]


def test_success_criteria_are_evaluated_and_absent_data_is_no_data(project: Path) -> None:
    criteria = analysed(project).snapshot.criteria

    table = [(c.criterion.name, c.achieved, c.met) for c in criteria]
    assert table == [
        ("pass rate", 75.0, False),
        ("tests_executed", 4.0, True),
        ("coverage", None, None),  # no coverage data: neither met nor missed
    ]

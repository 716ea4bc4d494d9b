"""The `audit` and `init` subcommands through the real command line entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLES, run_pytest, write_files

from sprintcheck.cli import main
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.sources.plan import read_plan

REVIEW = """# Sprint 6 review

**Claimed**: 78% complete (Days 0-7 of 10)

We created 43 tests but only ran 7 smoke tests.
"""


def test_audit_judges_each_claim_and_exits_1_on_a_contradiction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "review.md"
    document.write_text(REVIEW)
    out = tmp_path / "audit.json"

    code = main(["audit", str(document), str(SAMPLES / "sprint6"), "--format", "json", "--output", str(out)])

    assert code == 1
    data = json.loads(out.read_text())
    assert data["schema"] == "sprintcheck-audit/1"
    judged = [(c["line"], c["kind"], c["claimed"], c["measured"], c["verdict"]) for c in data["claims"]]
    assert judged == [
        (3, "completion", 78.0, 31.6, "contradicted"),
        (5, "tests_created", 43.0, 43.0, "supported"),
        (5, "tests_executed", 7.0, 7.0, "supported"),
    ]
    assert capsys.readouterr().out == ""


def test_audit_of_supported_claims_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "status.md"
    document.write_text("## Status\n\n- 12 tests created\n- 12 tests passing\n")

    assert main(["audit", str(document), str(SAMPLES / "honest")]) == 0
    out = capsys.readouterr().out
    assert "2 claims: 2 supported" in out


def test_audit_of_a_binary_document_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "status.md"
    document.write_bytes(b"# Status\n\x00\x01\x02 binary")

    assert main(["audit", str(document), str(SAMPLES / "honest")]) == 2
    err = capsys.readouterr().err
    assert err == f"sprintcheck: error: {document}: not a text document (binary data at byte 9)\n"


def test_init_writes_a_plan_the_reader_accepts_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tests" / "unit").mkdir(parents=True)
    (tmp_path / "tests" / "unit" / "test_a.py").write_text("def test_a():\n    assert 1 + 1 == 2\n")

    assert main(["init", str(tmp_path)]) == 0
    plan = read_plan(tmp_path / "sprintcheck.toml")
    assert [c.name for c in plan.categories] == ["unit"]
    before = (tmp_path / "sprintcheck.toml").read_text()

    assert main(["init", str(tmp_path)]) == 2
    assert "sprintcheck.toml exists; use --force to replace it" in capsys.readouterr().err
    assert (tmp_path / "sprintcheck.toml").read_text() == before
    assert main(["init", str(tmp_path), "--force"]) == 0


def test_a_plan_imported_before_any_work_is_reported_not_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = tmp_path / "PLAN.md"
    document.write_text(
        "# Plan\n\n## Phase 1: Fix failing tests (4-6 hours)\n\n"
        "- [ ] **1.1 Investigate the failures** (4-6 hours)\n"
    )
    folder = tmp_path / "repo"
    folder.mkdir()

    assert main(["init", str(folder), "--from", str(document)]) == 0
    assert main(["--headless", str(folder), "--format", "json"]) == 0

    data = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert data["totals"]["created"] == 0
    assert [(t["id"], t["evidence"]) for t in data["completion"]["tasks"]] == [("1.1", None)]


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["--bogus"],
            re.escape("sprintcheck: error: unrecognized arguments: --bogus (see sprintcheck --help)"),
        ),
        (
            ["audit"],
            re.escape(
                "sprintcheck audit: error: the following arguments are required: document "
                "(see sprintcheck audit --help)"
            ),
        ),
        (
            ["--format", "xml"],
            # Newer Pythons print the choices without their quotes: text, not 'text'.
            r"sprintcheck: error: argument --format: invalid choice: 'xml' \(choose from "
            r"'?text'?, '?markdown'?, '?json'?\) \(see sprintcheck --help\)",
        ),
    ],
)
def test_usage_mistakes_are_one_line_and_exit_2(
    argv: list[str], line: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)

    assert stopped.value.code == 2
    assert re.fullmatch(line + "\n", capsys.readouterr().err)


def test_a_module_pytest_could_not_collect_is_sc901_not_a_missing_test(project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_ok.py": "def test_ok():\n    assert 2 + 2 == 4\n",
            "tests/test_props.py": (
                "import hypothesis_not_installed\n\n\ndef test_prop():\n    assert 1 + 1 == 2\n"
            ),
        },
    )
    run = run_pytest(project)  # pytest stops: "Interrupted: 1 error during collection"
    assert (run.summary["passed"], run.summary["errors"]) == (0, 1)

    report = analyze(Inputs(project))

    codes = {(f.code, f.title) for f in report.findings}
    assert not any(code == "SC105" for code, _ in codes)
    problem = next(f for f in report.findings if f.code == "SC901")
    assert "pytest could not collect tests.test_props (ModuleNotFoundError: No module named " in problem.title + problem.detail
    assert report.snapshot.cases.n_errors == 1  # as pytest counts it
    assert {r.test.name: r.status.value for r in report.snapshot.records} == {
        "test_ok": "never ran",
        "test_prop": "never ran",
    }

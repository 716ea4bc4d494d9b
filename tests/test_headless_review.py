"""The headless reports show the team's review marks, and the findings resolved since."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLES

from sprintcheck.cli import main
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.review import Review, ReviewMark, save_review, with_mark

GONE = ReviewMark("SC102:e2e:failing", "to fix", "fix the fixture", "2026-01-20T10:00:00+00:00", "SC102", "e2e: 2 fail")


@pytest.fixture(scope="module")
def review_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = analyze(Inputs(SAMPLES / "sprint6"))
    hollow = next(f for f in report.findings if f.code == "SC203")
    review = with_mark(Review((GONE,)), hollow, "accepted", "501 is the stub's answer; fix in D8")
    path = tmp_path_factory.mktemp("review") / "review.json"
    save_review(path, review)
    return path


def test_json_carries_each_mark_and_the_resolved(review_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    main(["--headless", str(SAMPLES / "sprint6"), "--review", str(review_file), "--format", "json", "--output", str(out)])

    data = json.loads(out.read_text())
    marks = {f["code"]: f["review"] for f in data["findings"] if f["review"]}
    assert list(marks) == ["SC203"]
    assert (marks["SC203"]["mark"], marks["SC203"]["note"]) == ("accepted", "501 is the stub's answer; fix in D8")
    assert [(r["code"], r["mark"], r["note"]) for r in data["resolved"]] == [("SC102", "to fix", "fix the fixture")]


def test_text_and_markdown_show_marks(review_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    main(["--headless", str(SAMPLES / "sprint6"), "--review", str(review_file), "--output", str(out)])
    text = out.read_text()
    assert "WARNING  SC203 [accepted] test_basic_inference accepts" in text
    assert "note: 501 is the stub's answer; fix in D8" in text
    assert "Resolved since the last review (1):" in text

    main(["--headless", str(SAMPLES / "sprint6"), "--review", str(review_file), "--format", "markdown"])
    markdown = capsys.readouterr().out
    assert "| warning | SC203 | smoke | test_basic_inference accepts the failure it should catch | accepted |" in markdown
    assert "**Review: accepted**: 501 is the stub's answer; fix in D8" in markdown
    assert "| SC102 | e2e: 2 fail | to fix | fix the fixture |" in markdown


def test_a_broken_review_file_costs_the_marks_not_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "review.json"
    broken.write_text('{"schema": "sprintcheck-review/1", "marks": [')

    code = main(["--headless", str(SAMPLES / "honest"), "--review", str(broken), "--format", "json"])

    captured = capsys.readouterr()
    assert code == 0
    assert json.loads(captured.out)["resolved"] is None
    assert captured.err.startswith(f"sprintcheck: review marks not shown: {broken}:line 1, column")

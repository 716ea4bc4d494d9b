"""The review file (real files, a malformed one, atomic writes) and the minutes made from it."""

from __future__ import annotations

import json
import resource
import signal
from datetime import datetime, timezone
from pathlib import Path

import pytest

from sprintcheck.analysis.snapshot import SnapshotBuilder
from sprintcheck.errors import ReviewError
from sprintcheck.model import Finding, Inventory, Location, Plan, Severity, SprintReport
from sprintcheck.report.minutes import render_minutes
from sprintcheck.review import (
    Review,
    default_review_path,
    load_review,
    minutes_path,
    resolved,
    save_review,
    with_mark,
    without_mark,
)
from sprintcheck.sources.plan import inferred_plan

AT = datetime(2026, 1, 25, 10, 30, tzinfo=timezone.utc)
SMOKE_501 = Finding(
    "SC203", Severity.WARNING, "test_basic_inference accepts the failure it should catch",
    "It accepts 400 and 501 as a pass.", category="smoke",
    evidence=(Location("tests/smoke/test_basic_inference.py", 3),), key="test_basic_inference",
    quote="assert r.status_code in [200, 400, 501]",
)  # fmt: skip
E2E = Finding(
    "SC101",
    Severity.CRITICAL,
    "e2e: none of its 12 tests ever ran",
    "Run them.",
    category="e2e",
    key="whole",
)
SPEEDUP = Finding("SC301", Severity.WARNING, "6.0× faster than planned", "Sessions.", key="sprint")


def test_a_missing_file_is_an_empty_review(tmp_path: Path) -> None:
    assert load_review(tmp_path / ".sprintcheck" / "review.json") == Review()


def test_marks_round_trip_sorted_by_fingerprint_in_a_new_folder(tmp_path: Path) -> None:
    path = tmp_path / ".sprintcheck" / "review.json"
    review = with_mark(Review(), SMOKE_501, "to fix", "501 is not a pass", at=AT)
    review = with_mark(review, E2E, "accepted", at=AT)
    save_review(path, review)
    data = json.loads(path.read_text())
    assert data["schema"] == "sprintcheck-review/1"
    assert [m["fingerprint"] for m in data["marks"]] == [
        "SC101:e2e:whole",
        "SC203:smoke:test_basic_inference",
    ]
    assert data["marks"][1] == {
        "fingerprint": "SC203:smoke:test_basic_inference", "mark": "to fix", "note": "501 is not a pass",
        "at": "2026-01-25T10:30:00+00:00", "code": "SC203",
        "title": "test_basic_inference accepts the failure it should catch",
    }  # fmt: skip
    assert load_review(path) == review


def test_a_note_keeps_the_mark_and_a_mark_keeps_the_note() -> None:
    review = with_mark(Review(), SMOKE_501, None, "discuss with Ana", at=AT)
    assert review.state_of(SMOKE_501) == "noted"
    review = with_mark(review, SMOKE_501, "disputed", at=AT)
    assert (review.get(SMOKE_501.fingerprint).mark, review.get(SMOKE_501.fingerprint).note) == (
        "disputed",
        "discuss with Ana",
    )
    assert without_mark(review, SMOKE_501.fingerprint).state_of(SMOKE_501) == "not discussed"
    with pytest.raises(ValueError, match="unknown mark 'done'"):
        with_mark(review, SMOKE_501, "done")


def test_marks_of_findings_that_disappeared_are_resolved() -> None:
    review = with_mark(with_mark(Review(), SMOKE_501, "to fix", at=AT), E2E, "accepted", at=AT)
    assert [m.code for m in resolved(review, [E2E, SPEEDUP])] == ["SC203"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema": "sprintcheck-review/1", "marks": [', "review.json:line 1, column 46: not valid JSON"),
        ('{"schema": "other/2", "marks": []}', "review.json:schema: expected schema 'sprintcheck-review/1', found 'other/2'"),
        ('{"schema": "sprintcheck-review/1", "marks": {}}', "review.json:marks: expected a list of marks"),
        ('{"schema": "sprintcheck-review/1", "marks": [{"fingerprint": "x", "mark": "done", "note": "", '
         '"at": "", "code": "SC1", "title": ""}]}', "review.json:marks[0]: unknown mark 'done'"),
        ('{"schema": "sprintcheck-review/1", "marks": [{"fingerprint": 3}]}',
         "review.json:marks[0]: expected 'fingerprint' to be a string"),
    ],
)  # fmt: skip
def test_a_malformed_file_names_the_file_and_the_place(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "review.json"
    path.write_text(text)
    with pytest.raises(ReviewError) as raised:
        load_review(path)
    assert raised.value.one_line().startswith(str(tmp_path / message.split(":")[0]))
    assert message in raised.value.one_line()


def test_a_write_that_fails_leaves_the_old_file_intact_and_no_temp_file(tmp_path: Path) -> None:
    """A file-size limit makes the write itself fail (EFBIG), as a full disk would; root too."""
    path = tmp_path / ".sprintcheck" / "review.json"
    old = with_mark(Review(), E2E, "accepted", at=AT)
    save_review(path, old)
    before = path.read_bytes()
    huge = with_mark(old, SMOKE_501, "to fix", "x" * 200_000, at=AT)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, hard))
    try:
        with pytest.raises(ReviewError, match="cannot write"):
            save_review(path, huge)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["review.json"]


def test_the_default_path_is_beside_the_plan_or_in_the_target(tmp_path: Path) -> None:
    plan_file = tmp_path / "repo" / "sprintcheck.toml"
    assert default_review_path(Plan(root=tmp_path, source=plan_file), tmp_path) == (
        tmp_path / "repo" / ".sprintcheck" / "review.json"
    )
    assert (
        default_review_path(Plan(root=tmp_path), tmp_path)
        == tmp_path / ".sprintcheck" / "review.json"
    )
    assert minutes_path(tmp_path / "review.json", "Sprint 6") == tmp_path / "minutes-sprint-6.md"
    assert minutes_path(tmp_path / "review.json", None, AT).name == "minutes-2026-01-25.md"


def report_of(tmp_path: Path, findings: tuple[Finding, ...]) -> SprintReport:
    plan = inferred_plan(tmp_path)
    snapshot = SnapshotBuilder(plan, Inventory(tests=(), files_scanned=0)).build((), (), (), {})
    return SprintReport(snapshot=snapshot, findings=findings)


def test_minutes_list_every_finding_by_decision_then_the_resolved_ones(tmp_path: Path) -> None:
    gone = Finding(
        "SC102", Severity.WARNING, "smoke: 1 of 7 executed tests fail", "", category="smoke", key=""
    )
    review = with_mark(Review(), SMOKE_501, "to fix", "501 is not a pass;\nAna fixes it", at=AT)
    review = with_mark(review, gone, "accepted", "known flake", at=AT)
    minutes = render_minutes(report_of(tmp_path, (E2E, SMOKE_501, SPEEDUP)), review)
    assert minutes.startswith(
        f"# Sprint review minutes: {tmp_path.name}\n\n**Verdict: NOT SUPPORTED** (1 critical"
    )
    assert "Findings: 1 to fix · 2 not discussed." in minutes
    assert (
        "## To fix (1)\n\n"
        "- **SC203** (warning, smoke) test_basic_inference accepts the failure it should catch\n"
        "  - Note: 501 is not a pass; Ana fixes it\n"
        "  - Marked to fix at 2026-01-25T10:30:00+00:00\n"
        "  - Evidence: `tests/smoke/test_basic_inference.py:3`\n"
    ) in minutes
    assert (
        "## Not discussed (2)\n\n- **SC101** (critical, e2e) e2e: none of its 12 tests ever ran\n\n"
        "- **SC301** (warning) 6.0× faster than planned\n"
    ) in minutes
    assert minutes.endswith(
        "## Resolved since the last review (1)\n\n"
        "- **SC102** smoke: 1 of 7 executed tests fail: was accepted; note: known flake\n"
    )
    assert "| **total** |" in minutes  # the category matrix, as the Markdown report draws it

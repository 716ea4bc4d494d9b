"""The audit renderers: one set of audit lines as text (80 columns), Markdown and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from sprintcheck.analysis.audit import AuditLine, audit
from sprintcheck.model import Capped
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.report.audit_report import (
    audit_dict,
    render_audit_json,
    render_audit_markdown,
    render_audit_text,
)
from sprintcheck.sources.status_doc import StatusClaim, read_status_claims

LINES = (
    AuditLine(
        StatusClaim(166, "Claimed: 78% complete (Days 0-7 of 10)", "completion", None, 78.0),
        31.6,
        "contradicted",
        "claimed 78 %, evidence 31.6 %",
    ),
    AuditLine(
        StatusClaim(
            99,
            "training_template_service | After: 90.08%",
            "coverage",
            "training_template_service",
            90.08,
        ),
        None,
        "not checkable",
        "no coverage data",
    ),
    AuditLine(
        StatusClaim(140, "Total | Tests Created: 43", "tests_created", None, 43.0),
        43.0,
        "supported",
        "claimed 43, evidence 43",
    ),
)


def text(lines: tuple[AuditLine, ...]) -> str:
    console = Console(width=80, color_system=None, record=True)
    console.print(render_audit_text("sprint6-review.md", lines))
    return console.export_text()


def test_text_is_a_table_that_fits_80_columns() -> None:
    out = text(LINES)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "3 claims: 1 supported, 1 contradicted, 1 not checkable" in out
    assert "percentages within 0.5 points" in out
    row = next(line for line in out.splitlines() if line.lstrip().startswith("166"))
    assert row.split()[-3:] == ["31.6", "%", "contradicted"]
    assert "no coverage data" in out  # the reason shows where the figures cannot
    assert "claimed 43, evidence 43" not in out  # ...and not where they already say it


def test_an_audit_without_claims_says_so() -> None:
    assert "no checkable claims found" in text(())
    assert "**no checkable claims found**" in render_audit_markdown("EMPTY.md", ())
    assert audit_dict("EMPTY.md", ())["counts"] == {
        "supported": 0,
        "contradicted": 0,
        "not checkable": 0,
        "total": 0,
        "not_judged": 0,
    }


def test_markdown_is_a_gfm_table_with_the_reasons() -> None:
    out = render_audit_markdown("sprint6-review.md", LINES).splitlines()
    assert out[0] == "## sprintcheck audit: sprint6-review.md"
    assert out[4] == "| line | claim | kind | subject | claimed | measured | verdict | reason |"
    assert out[6] == (
        "| 166 | Claimed: 78% complete (Days 0-7 of 10) | completion |  | 78 % | 31.6 % "
        "| contradicted | claimed 78 %, evidence 31.6 % |"
    )
    assert out[7].startswith("| 99 | training_template_service \\| After: 90.08% | coverage |")


def test_json_follows_its_schema() -> None:
    data = json.loads(render_audit_json("sprint6-review.md", LINES))
    assert data["schema"] == "sprintcheck-audit/1"
    assert data["document"] == "sprint6-review.md"
    assert data["tolerance"] == {
        "percentage_points": 0.5,
        "approximate_percentage_points": 5.0,
        "counts": 0,
    }
    assert data["claims"][1] == {
        "line": 99,
        "text": "training_template_service | After: 90.08%",
        "kind": "coverage",
        "subject": "training_template_service",
        "claimed": 90.08,
        "approximate": False,
        "measured": None,
        "verdict": "not checkable",
        "reason": "no coverage data",
    }
    assert data["counts"] == {
        "supported": 1,
        "contradicted": 1,
        "not checkable": 1,
        "total": 3,
        "not_judged": 0,
    }
    assert data["note"] is None


SAMPLES = Path(__file__).resolve().parents[2] / "sample_runs"


def test_text_rows_stay_whole_at_80_columns_with_the_reason_under_them(tmp_path: Path) -> None:
    document = tmp_path / "STATUS.md"
    document.write_text(
        "# Review\n"
        "**Status:** ✅ COMPLETE — the team signed it off after a long and careful review of it all\n"
        "| Module | After |\n"
        "|---|---|\n"
        "| `src/app/services/training_template_service_with_a_long_name.py` | 90.08% |\n"
        "| dataset_service.py | 100% |\n"
        "We're ~35% complete.\n"
    )
    sprint = analyze(Inputs(target=SAMPLES / "sprint6"))
    out = text(audit(read_status_claims(document), sprint)).splitlines()
    assert max(len(line) for line in out) <= 80
    assert out[1].endswith("percentages within 0.5 points (5 if approximate)")
    rows = [line for line in out if line[:5].strip().isdigit()]
    assert [row.split()[0] for row in rows] == ["2", "5", "6", "7"]
    # each row: the claim (cut with "…"), claimed, measured and verdict on one line
    assert rows[0].endswith("complete  NOT SUPPORTED  contradicted")
    assert "…" in rows[0] and "…" in rows[1]
    assert rows[3].split()[-5:] == ["~35", "%", "31.6", "%", "supported"]
    # under each row, on its own dim line: kind · subject, then the reason, never cut mid-word
    under = {row.split()[0]: out[out.index(row) + 1] for row in rows}
    assert under["2"].lstrip().startswith("status — NOT SUPPORTED: 43 tests created, 7 executed")
    assert under["6"].strip() == "coverage · dataset_service.py — no coverage data"
    assert "src/app/services/training_template_service_with_a_long_name.py" in "\n".join(out)
    assert under["7"].strip() == (
        "completion — claimed ~35 %, evidence 31.6 % (approximate: within 5 points)"
    )


def test_claims_not_judged_are_said_in_every_format() -> None:
    lines = Capped(LINES, more=12345)
    note = "12,345 more claims not judged (the document holds more than 2,000)"
    assert note in text(lines)
    assert f"**{note}**" in render_audit_markdown("big.md", lines)
    data = audit_dict("big.md", lines)
    assert (data["note"], data["counts"]["not_judged"]) == (note, 12345)


def test_status_claims_show_what_they_declare_and_the_verdict_in_markdown() -> None:
    line = AuditLine(
        StatusClaim(9, "Status: Incomplete", "status_not_complete", None, None),
        None,
        "supported",
        "NOT SUPPORTED: 43 tests created, 7 executed, 6 passing",
    )
    row = render_audit_markdown("s.md", (line,)).splitlines()[6]
    assert row == (
        "| 9 | Status: Incomplete | status_not_complete |  | not complete | NOT SUPPORTED "
        "| supported | NOT SUPPORTED: 43 tests created, 7 executed, 6 passing |"
    )

"""The audit renderers: one set of audit lines as text (80 columns), Markdown and JSON."""

from __future__ import annotations

import json

from rich.console import Console

from sprintcheck.analysis.audit import AuditLine
from sprintcheck.report.audit_report import (
    audit_dict,
    render_audit_json,
    render_audit_markdown,
    render_audit_text,
)
from sprintcheck.sources.status_doc import StatusClaim

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
    assert data["tolerance"] == {"percentage_points": 0.5, "counts": 0}
    assert data["claims"][1] == {
        "line": 99,
        "text": "training_template_service | After: 90.08%",
        "kind": "coverage",
        "subject": "training_template_service",
        "claimed": 90.08,
        "measured": None,
        "verdict": "not checkable",
        "reason": "no coverage data",
    }
    assert data["counts"] == {"supported": 1, "contradicted": 1, "not checkable": 1, "total": 3}

"""The claims audit as text (rich, 80 columns), Markdown and JSON ("sprintcheck-audit/1")."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sprintcheck.analysis.audit import (
    CONTRADICTED,
    NOT_CHECKABLE,
    PERCENT_TOLERANCE,
    SUPPORTED,
    AuditLine,
    shown,
    verdict_counts,
)
from sprintcheck.model import Severity
from sprintcheck.report.markdown import cell, table
from sprintcheck.report.text import STYLES
from sprintcheck.wording import plural

SCHEMA = "sprintcheck-audit/1"
NO_CLAIMS = "no checkable claims found"
VERDICT_STYLES = {SUPPORTED: STYLES[None], CONTRADICTED: STYLES[Severity.CRITICAL]}
COLUMNS = ("line", "claim", "kind", "subject", "claimed", "measured", "verdict", "reason")


def summary(lines: tuple[AuditLine, ...]) -> str:
    """"12 claims: 9 supported, 1 contradicted, 2 not checkable" (or that there are none)."""
    if not lines:
        return NO_CLAIMS
    counts = ", ".join(f"{n} {name}" for name, n in verdict_counts(lines).items())
    return f"{plural(len(lines), 'claim')}: {counts}"


def tolerance_note() -> str:
    return f"counts must match exactly; percentages within {PERCENT_TOLERANCE:g} points"


def render_audit_text(document: str, lines: tuple[AuditLine, ...]) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"sprintcheck audit · {document}", style="bold"),
        Text(tolerance_note(), style="dim"),
        Text(""),
        Text(summary(lines)),
    ]
    if lines:
        parts += [Text(""), _text_table(lines)]
    return Group(*parts)


def _text_table(lines: tuple[AuditLine, ...]) -> Table:
    # No box and folded text: the claim and its subject wrap so the table fits 80 columns.
    table = Table(box=None, pad_edge=False, collapse_padding=True, header_style="bold underline")
    table.add_column("line", justify="right", no_wrap=True)
    table.add_column("claim", ratio=1, overflow="fold")
    table.add_column("kind", min_width=14, max_width=16, overflow="fold")
    table.add_column("claimed", justify="right", no_wrap=True)
    table.add_column("measured", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    for line in lines:
        claim = line.claim
        kind = claim.kind.replace("_", " ") + (f"\n{claim.subject}" if claim.subject else "")
        table.add_row(
            str(claim.line),
            _claim_cell(line),
            kind,
            shown(claim.kind, claim.value),
            shown(claim.kind, line.measured),
            Text(line.verdict, style=VERDICT_STYLES.get(line.verdict, "dim")),
        )
    return table


def _claim_cell(line: AuditLine) -> Text:
    """The claim as written; under it the reason, unless the figure columns already say it all."""
    if line.verdict != NOT_CHECKABLE and line.claim.kind != "status":
        return Text(line.claim.text)
    return Text.assemble(line.claim.text, "\n", (line.reason, "dim"))


def render_audit_markdown(document: str, lines: tuple[AuditLine, ...]) -> str:
    out = [
        f"## sprintcheck audit: {cell(document)}",
        "",
        f"**{summary(lines)}** ({tolerance_note()})",
        "",
    ]
    if lines:
        out += [*table(COLUMNS, [_row(line) for line in lines], left=(1, 2, 3, 6, 7)), ""]
    return "\n".join(out)


def _row(line: AuditLine) -> tuple[str, ...]:
    claim = line.claim
    return (
        str(claim.line),
        claim.text,
        claim.kind,
        claim.subject or "",
        shown(claim.kind, claim.value),
        shown(claim.kind, line.measured),
        line.verdict,
        line.reason,
    )


def audit_dict(document: str, lines: tuple[AuditLine, ...]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": document,
        "tolerance": {"percentage_points": PERCENT_TOLERANCE, "counts": 0},
        "claims": [
            {
                "line": line.claim.line,
                "text": line.claim.text,
                "kind": line.claim.kind,
                "subject": line.claim.subject,
                "claimed": line.claim.value,
                "measured": None if line.measured is None else round(line.measured, 2),
                "verdict": line.verdict,
                "reason": line.reason,
            }
            for line in lines
        ],
        "counts": {**verdict_counts(lines), "total": len(lines)},
    }


def render_audit_json(document: str, lines: tuple[AuditLine, ...]) -> str:
    return json.dumps(audit_dict(document, lines), indent=2, ensure_ascii=False)

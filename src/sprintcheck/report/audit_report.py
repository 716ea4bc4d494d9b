"""The claims audit as text (rich, fits 80 columns), Markdown and JSON ("sprintcheck-audit/1").

Text: one row per claim (line, the claim as written cut with "…", claimed, measured, verdict), and
under it a dim line, as wide as the console: what the claim is about (kind · subject) and, where the
figures do not say it all, the reason.
Markdown and JSON keep every field whole. A document holding more claims than were read says so in
every format.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from sprintcheck.analysis.audit import (
    APPROXIMATE_TOLERANCE,
    CONTRADICTED,
    NOT_CHECKABLE,
    PERCENT_TOLERANCE,
    STATUS_KINDS,
    SUPPORTED,
    AuditLine,
    claimed_text,
    measured_text,
    not_judged,
    verdict_counts,
)
from sprintcheck.model import Severity
from sprintcheck.report.markdown import cell, table
from sprintcheck.report.text import STYLES
from sprintcheck.sources.status_doc import MAX_CLAIMS
from sprintcheck.wording import plural

SCHEMA = "sprintcheck-audit/1"
NO_CLAIMS = "no checkable claims found"
VERDICT_STYLES = {SUPPORTED: STYLES[None], CONTRADICTED: STYLES[Severity.CRITICAL]}
COLUMNS = ("line", "claim", "kind", "subject", "claimed", "measured", "verdict", "reason")
# Short names for the text view's "kind" column.
KIND_NAMES = {
    "tests_created": "tests created",
    "tests_executed": "tests executed",
    "tests_passing": "tests passing",
    "tests_failing": "tests failing",
    "pass_rate": "pass rate",
    "status_not_complete": "status",
}
MIN_CLAIM_WIDTH = 16


def summary(lines: tuple[AuditLine, ...]) -> str:
    """"12 claims: 9 supported, 1 contradicted, 2 not checkable" (or that there are none)."""
    if not lines:
        return NO_CLAIMS
    counts = ", ".join(f"{n} {name}" for name, n in verdict_counts(lines).items())
    return f"{plural(len(lines), 'claim')}: {counts}"


def more_note(lines: Iterable[AuditLine]) -> str | None:
    """"123 more claims not judged (the document holds more than 2,000)", or None."""
    more = not_judged(lines)
    if not more:
        return None
    claims = "claim" if more == 1 else "claims"
    return f"{more:,} more {claims} not judged (the document holds more than {MAX_CLAIMS:,})"


def tolerance_note() -> str:
    return (
        f"counts must match exactly; percentages within {PERCENT_TOLERANCE:g} points "
        f"({APPROXIMATE_TOLERANCE:g} if approximate)"
    )


def render_audit_text(document: str, lines: tuple[AuditLine, ...]) -> RenderableType:
    parts: list[RenderableType] = [
        Text(f"sprintcheck audit · {document}", style="bold"),
        Text(tolerance_note(), style="dim"),
        Text(""),
        Text(summary(lines)),
    ]
    note = more_note(lines)
    if note:
        parts.append(Text(note, style="yellow"))
    if lines:
        parts += [Text(""), _ClaimRows(lines)]
    return Group(*parts)


class _ClaimRows:
    """The claims in fixed columns sized to the console, so no cell ever wraps (long claims are
    cut with "…"); under each row, dim and as wide as the console, what the claim is about (kind,
    subject) and, where the figures do not say it all, the reason."""

    def __init__(self, lines: tuple[AuditLine, ...]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = [_text_row(line) for line in self.lines]
        heads = ("line", "claim", "claimed", "measured", "verdict")
        widths = [max(len(head), *(len(row[i]) for row in rows)) for i, head in enumerate(heads)]
        fixed = sum(widths) - widths[1] + 2 * (len(heads) - 1)
        widths[1] = max(MIN_CLAIM_WIDTH, min(widths[1], options.max_width - fixed))
        yield _joined(heads, widths, ["bold underline"] * len(heads))
        indent = " " * (widths[0] + 2)
        wrap = max(MIN_CLAIM_WIDTH, options.max_width - len(indent))
        for line, row in zip(self.lines, rows):
            styles = [""] * 4 + [VERDICT_STYLES.get(line.verdict, "dim")]
            yield _joined(row, widths, styles)
            about = textwrap.wrap(_text_about(line), wrap, break_on_hyphens=False)
            yield Text("\n".join(indent + part for part in about), style="dim")


def _text_row(line: AuditLine) -> tuple[str, ...]:
    return (str(line.claim.line), line.claim.text, claimed_text(line), measured_text(line), line.verdict)


def _text_about(line: AuditLine) -> str:
    """"passing · smoke", then the reason where the figures do not already say it all."""
    claim = line.claim
    kind = KIND_NAMES.get(claim.kind, claim.kind)
    about = f"{kind} · {claim.subject}" if claim.subject else kind
    says_more = line.verdict == NOT_CHECKABLE or claim.kind in STATUS_KINDS or claim.approximate
    return f"{about} — {line.reason}" if says_more and line.reason else about


def _joined(cells: tuple[str, ...], widths: list[int], styles: list[str]) -> Text:
    out = Text(no_wrap=True, overflow="crop")
    right = (0, 2, 3)  # the line number and the figures
    for i, (text, width, style) in enumerate(zip(cells, widths, styles)):
        text = _cut(text, width)
        padded = text.rjust(width) if i in right else text.ljust(width)
        if i:
            out.append("  ")
        out.append(padded.rstrip() if i == len(cells) - 1 else padded, style=style or None)
    return out


def _cut(text: str, width: int) -> str:
    """The text, cut to `width` with "…" (at a word's end when one is near)."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width * 2 // 3:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—|") + "…"


def render_audit_markdown(document: str, lines: tuple[AuditLine, ...]) -> str:
    out = [
        f"## sprintcheck audit: {cell(document)}",
        "",
        f"**{summary(lines)}** ({tolerance_note()})",
        "",
    ]
    note = more_note(lines)
    if note:
        out += [f"**{note}**", ""]
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
        claimed_text(line),
        measured_text(line),
        line.verdict,
        line.reason,
    )


def audit_dict(document: str, lines: tuple[AuditLine, ...]) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": document,
        "tolerance": {
            "percentage_points": PERCENT_TOLERANCE,
            "approximate_percentage_points": APPROXIMATE_TOLERANCE,
            "counts": 0,
        },
        "claims": [
            {
                "line": line.claim.line,
                "text": line.claim.text,
                "kind": line.claim.kind,
                "subject": line.claim.subject,
                "claimed": line.claim.value,
                "approximate": line.claim.approximate,
                "measured": None if line.measured is None else round(line.measured, 2),
                "verdict": line.verdict,
                "reason": line.reason,
            }
            for line in lines
        ],
        "counts": {**verdict_counts(lines), "total": len(lines), "not_judged": not_judged(lines)},
        "note": more_note(lines),
    }


def render_audit_json(document: str, lines: tuple[AuditLine, ...]) -> str:
    return json.dumps(audit_dict(document, lines), indent=2, ensure_ascii=False)

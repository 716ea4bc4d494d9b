"""The minutes of a sprint review: the verdict, the matrix, and what was decided on every finding.

Findings are grouped by decision, action items first, so the minutes read as a to-do list; every
finding appears once, and the ones nobody marked are listed as "not discussed", never dropped.
"""

from __future__ import annotations

from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import Finding, SprintReport
from sprintcheck.report.figures import (
    DEFINITION_COLUMNS,
    HONESTY_COLUMNS,
    definition_rows,
    honesty_rows,
    sprint_title,
)
from sprintcheck.report.markdown import cell, section_lines, table
from sprintcheck.report.sections import evidence_sections
from sprintcheck.review import (
    ACCEPTED,
    DISPUTED,
    NOT_DISCUSSED,
    NOTED,
    TO_FIX,
    Review,
    ReviewMark,
    resolved,
)

# (state, heading), in the order the minutes list them.
SECTIONS = (
    (TO_FIX, "To fix"),
    (DISPUTED, "Disputed"),
    (ACCEPTED, "Accepted"),
    (NOTED, "Noted, no decision yet"),
    (NOT_DISCUSSED, "Not discussed"),
)
EVIDENCE_SHOWN = 5


def render_minutes(report: SprintReport, review: Review) -> str:
    snapshot = report.snapshot
    answer = verdict(report)
    counts = ", ".join(f"{n} {severity.value}" for severity, n in answer.counts)
    by_state: dict[str, list[Finding]] = {state: [] for state, _ in SECTIONS}
    for finding in report.findings:
        by_state[review.state_of(finding)].append(finding)
    tally = " · ".join(
        f"{len(by_state[state])} {state}" for state, _ in SECTIONS if by_state[state]
    )
    lines = [
        f"# Sprint review minutes: {cell(sprint_title(snapshot))}",
        "",
        f"**Verdict: {answer.label}** ({counts}): {cell(answer.headline)}",
        "",
        f"Findings: {tally or 'none'}.",
        "",
        "## Tests (definitions in the code)",
        "",
        *table(DEFINITION_COLUMNS, definition_rows(snapshot)),
        "",
    ]
    honesty = honesty_rows(snapshot)
    if honesty is not None:
        lines += ["## Evidence that counts", "", *table(HONESTY_COLUMNS, honesty), ""]
    for section in evidence_sections(snapshot):
        lines += section_lines(section, "##")
    for state, heading in SECTIONS:
        if by_state[state]:
            lines += [f"## {heading} ({len(by_state[state])})", ""]
            for finding in by_state[state]:
                lines += _finding(finding, review.get(finding.fingerprint))
    gone = resolved(review, report.findings)
    if gone:
        lines += [f"## Resolved since the last review ({len(gone)})", ""]
        lines += [f"- **{m.code}** {_inline(m.title)}: was {_was(m)}" for m in gone]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _finding(finding: Finding, mark: ReviewMark | None) -> list[str]:
    where = f", {finding.category}" if finding.category else ""
    lines = [f"- **{finding.code}** ({finding.severity.value}{where}) {_inline(finding.title)}"]
    if mark is not None and mark.note:
        lines.append(f"  - Note: {_inline(mark.note)}")
    if mark is not None:
        lines.append(f"  - Marked {mark.state} at {mark.at}")
    places = [f"`{loc}`" for loc in finding.evidence[:EVIDENCE_SHOWN]]
    more = len(finding.evidence) - EVIDENCE_SHOWN
    if more > 0:
        places.append(f"and {more} more")
    if places:
        lines.append(f"  - Evidence: {', '.join(places)}")
    return [*lines, ""]


def _was(mark: ReviewMark) -> str:
    return f"{mark.state}; note: {_inline(mark.note)}" if mark.note else mark.state


def _inline(text: str) -> str:
    # A newline would end the list item; angle brackets would be read as HTML.
    return " ".join(text.split()).replace("<", "&lt;").replace(">", "&gt;")

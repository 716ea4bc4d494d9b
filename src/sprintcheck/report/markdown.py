"""GitHub-flavoured Markdown: a pull-request comment or a CI step summary."""

from __future__ import annotations

from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import SprintReport
from sprintcheck.report.figures import (
    CASE_COLUMNS,
    DEFINITION_COLUMNS,
    HONESTY_COLUMNS,
    TASK_COLUMNS,
    TIMELINE_COLUMNS,
    case_rows,
    churn_summary,
    claim_rows,
    definition_rows,
    honesty_rows,
    sprint_title,
    suppressed_rows,
    task_rows,
    time_summary,
    timeline_rows,
)
from sprintcheck.report.sections import Section, evidence_sections
from sprintcheck.review import Review, resolved

EVIDENCE_SHOWN = 10


def cell(text: str) -> str:
    # A pipe or a newline would break the table row.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def table(
    columns: tuple[str, ...], rows: list[tuple[str, ...]], left: tuple[int, ...] = (0,)
) -> list[str]:
    """A GFM table; the columns at `left` hold text (left-aligned), the rest figures."""
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join(":---" if i in left else "---:" for i in range(len(columns))) + "|",
    ]
    for row in rows:
        cells = [cell(c) for c in row]
        if row[0] == "total":
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_markdown(report: SprintReport, review: Review | None = None) -> str:
    """The report; with a `review`, each finding carries its mark and note."""
    snapshot = report.snapshot
    answer = verdict(report)
    counts = ", ".join(f"{n} {severity.value}" for severity, n in answer.counts)
    lines = [
        f"## sprintcheck: {cell(sprint_title(snapshot))}",
        "",
        f"**{answer.label}** ({counts}): {cell(answer.headline)}",
        "",
        "### Tests (definitions in the code)",
        "",
        *table(DEFINITION_COLUMNS, definition_rows(snapshot)),
        "",
        "### Cases (entries in the results)",
        "",
        *table(CASE_COLUMNS, case_rows(snapshot)),
        "",
    ]
    honesty = honesty_rows(snapshot)
    if honesty is not None:
        lines += ["### Evidence that counts", "", *table(HONESTY_COLUMNS, honesty), ""]
    claims = claim_rows(snapshot)
    if claims:
        lines += ["### Claims", "", *table(("claim", "claimed", "evidence"), claims), ""]
    for section in evidence_sections(snapshot):
        lines += section_lines(section)
    time = snapshot.time
    if time is not None:
        lines += ["### Time", "", cell(time_summary(time)), ""]
        if time.tasks:
            lines += [*table(TASK_COLUMNS, task_rows(time, snapshot.completion)), ""]
        if time.history_available:
            lines += [f"Lines changed: {cell(churn_summary(time))}", ""]
        if time.timeline:
            lines += [*table(TIMELINE_COLUMNS, timeline_rows(time)), ""]
    lines += ["### Findings", ""]
    if not report.findings:
        lines += ["None.", ""]
    else:
        columns = ("severity", "code", "category", "title")
        rows = [(f.severity.value, f.code, f.category or "", f.title) for f in report.findings]
        if review is not None:
            columns += ("review",)
            rows = [(*row, review.state_of(f)) for row, f in zip(rows, report.findings)]
        lines += [*table(columns, rows, left=tuple(range(len(columns)))), ""]
        for finding in report.findings:
            lines += [
                "<details>",
                f"<summary>{finding.code} {_html(finding.title)}</summary>",
                "",
                cell(finding.detail),
                "",
            ]
            if finding.quote:
                lines += ["```python", finding.quote, "```", ""]
            mark = review.get(finding.fingerprint) if review else None
            if mark is not None:
                note = f": {cell(mark.note)}" if mark.note else ""
                lines += [f"**Review: {mark.state}**{note}", ""]
            lines += [f"- `{loc}`" for loc in finding.evidence[:EVIDENCE_SHOWN]]
            more = len(finding.evidence) - EVIDENCE_SHOWN
            if more > 0:
                lines.append(f"- … and {more} more")
            lines += ["", "</details>", ""]
    gone = resolved(review, report.findings) if review else ()
    if gone:
        rows = [(m.code, m.title, m.state, m.note) for m in gone]
        lines += [
            f"### Resolved since the last review ({len(gone)})",
            "",
            *table(("code", "title", "was", "note"), rows, left=(0, 1, 2, 3)),
            "",
        ]
    suppressed = suppressed_rows(snapshot)
    if suppressed:
        lines += [
            f"### Suppressed ({len(suppressed)})",
            "",
            *table(("code", "where", "why"), suppressed),
            "",
        ]
    return "\n".join(lines)


def section_lines(section: Section, level: str = "###") -> list[str]:
    lines = [f"{level} {section.title}", "", *(cell(line) for line in section.lines)]
    if section.lines:
        lines.append("")
    if section.rows:
        lines += [*table(section.columns, list(section.rows)), ""]
    lines += [f"_{cell(note)}_" for note in section.notes]
    return [*lines, ""] if section.notes else lines


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

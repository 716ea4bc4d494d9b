"""GitHub-flavoured Markdown: a pull-request comment or a CI step summary."""

from __future__ import annotations

from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import SprintReport
from sprintcheck.report.sections import Section, evidence_sections
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

EVIDENCE_SHOWN = 10


def _cell(text: str) -> str:
    # A pipe or a newline would break the table row.
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join(":---" if i == 0 else "---:" for i in range(len(columns))) + "|",
    ]
    for row in rows:
        cells = [_cell(c) for c in row]
        if row[0] == "total":
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render_markdown(report: SprintReport) -> str:
    snapshot = report.snapshot
    answer = verdict(report)
    counts = ", ".join(f"{n} {severity.value}" for severity, n in answer.counts)
    lines = [
        f"## sprintcheck: {_cell(sprint_title(snapshot))}",
        "",
        f"**{answer.label}** ({counts}): {_cell(answer.headline)}",
        "",
        "### Tests (definitions in the code)",
        "",
        *_table(DEFINITION_COLUMNS, definition_rows(snapshot)),
        "",
        "### Cases (entries in the results)",
        "",
        *_table(CASE_COLUMNS, case_rows(snapshot)),
        "",
    ]
    honesty = honesty_rows(snapshot)
    if honesty is not None:
        lines += ["### Evidence that counts", "", *_table(HONESTY_COLUMNS, honesty), ""]
    claims = claim_rows(snapshot)
    if claims:
        lines += ["### Claims", "", *_table(("claim", "claimed", "evidence"), claims), ""]
    for section in evidence_sections(snapshot):
        lines += _section(section)
    time = snapshot.time
    if time is not None:
        lines += ["### Time", "", _cell(time_summary(time)), ""]
        if time.tasks:
            lines += [*_table(TASK_COLUMNS, task_rows(time, snapshot.completion)), ""]
        if time.history_available:
            lines += [f"Lines changed: {_cell(churn_summary(time))}", ""]
        if time.timeline:
            lines += [*_table(TIMELINE_COLUMNS, timeline_rows(time)), ""]
    lines += ["### Findings", ""]
    if not report.findings:
        lines += ["None.", ""]
    else:
        rows = [(f.severity.value, f.code, f.category or "", f.title) for f in report.findings]
        lines += [*_table(("severity", "code", "category", "title"), rows), ""]
        for finding in report.findings:
            lines += [
                "<details>",
                f"<summary>{finding.code} {_html(finding.title)}</summary>",
                "",
                _cell(finding.detail),
                "",
            ]
            if finding.quote:
                lines += ["```python", finding.quote, "```", ""]
            lines += [f"- `{loc}`" for loc in finding.evidence[:EVIDENCE_SHOWN]]
            more = len(finding.evidence) - EVIDENCE_SHOWN
            if more > 0:
                lines.append(f"- … and {more} more")
            lines += ["", "</details>", ""]
    suppressed = suppressed_rows(snapshot)
    if suppressed:
        lines += [
            f"### Suppressed ({len(suppressed)})",
            "",
            *_table(("code", "where", "why"), suppressed),
            "",
        ]
    return "\n".join(lines)


def _section(section: Section) -> list[str]:
    lines = [f"### {section.title}", "", *(_cell(line) for line in section.lines)]
    if section.lines:
        lines.append("")
    if section.rows:
        lines += [*_table(section.columns, list(section.rows)), ""]
    lines += [f"_{_cell(note)}_" for note in section.notes]
    return [*lines, ""] if section.notes else lines


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

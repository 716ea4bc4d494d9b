"""The terminal summary: rich tables, colour only on a terminal, fits 80 columns."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sprintcheck.analysis.verdict import verdict
from sprintcheck.model import Completion, Finding, Severity, SprintReport, TimeFigures
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
from sprintcheck.review import Review, ReviewMark, resolved
from sprintcheck.wording import plural

STYLES = {Severity.CRITICAL: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan", None: "bold green"}
FILES_SHOWN = 3
QUOTE_LINES = 3
SHOWN_PER_KIND = 5


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    # No box: column separators would push the eight-column matrix past 80 characters.
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=None,
        pad_edge=False,
        collapse_padding=True,
        header_style="bold underline",
    )
    for i, column in enumerate(columns):
        table.add_column(column, justify="left" if i == 0 else "right", no_wrap=i > 0)
    for i, row in enumerate(rows):
        table.add_row(*row, style="bold" if i == len(rows) - 1 and row[0] == "total" else None)
    return table


def _finding(finding: Finding, mark: ReviewMark | None) -> RenderableType:
    head = Text.assemble(
        (f"{finding.severity.value.upper():<8} ", STYLES[finding.severity]),
        (f"{finding.code} ", "bold"),
        (f"[{mark.state}] " if mark else "", "bold"),
        finding.title,
    )
    lines: list[RenderableType] = [head]
    if mark is not None and mark.note:
        lines.append(Text(f"         note: {mark.note}", style="italic"))
    by_file: dict[str, list[str]] = {}
    for location in finding.evidence:
        by_file.setdefault(location.path, []).append(str(location.line) if location.line else "")
    for numbers in by_file.values():
        numbers.sort(key=lambda number: int(number or 0))
    for path, numbers in list(by_file.items())[:FILES_SHOWN]:
        where = f"{path}:{','.join(numbers)}" if any(numbers) else path
        lines.append(Text(f"         {where}", style="dim", no_wrap=True, overflow="ellipsis"))
    if finding.quote:
        lines.extend(
            Text(f"           {line}", style="dim", no_wrap=True, overflow="ellipsis")
            for line in finding.quote.splitlines()[:QUOTE_LINES]
        )
    hidden = list(by_file.values())[FILES_SHOWN:]
    if hidden:
        places = sum(len(numbers) for numbers in hidden)
        files = "file" if len(hidden) == 1 else "files"
        lines.append(Text(f"         (+{places} more in {len(hidden)} {files})", style="dim"))
    return Group(*lines)


def _shown_path(path: Path | None) -> str:
    if path is None:
        return "none (categories inferred)"
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _time_section(time: TimeFigures, completion: Completion | None) -> list[RenderableType]:
    parts: list[RenderableType] = [Text("Time", style="bold"), Text(time_summary(time)), Text("")]
    if time.tasks:
        rows = task_rows(time, completion)
        parts += [_table("Tasks: plan against git and tests", TASK_COLUMNS, rows), Text("")]
    if time.history_available:
        parts += [Text(f"lines changed: {churn_summary(time)}", style="dim"), Text("")]
    if time.timeline:
        parts += [_table("Timeline", TIMELINE_COLUMNS, timeline_rows(time)), Text("")]
    return parts


def render(report: SprintReport, review: Review | None = None) -> RenderableType:
    """The summary; with a `review`, each finding shows its mark and note."""
    snapshot = report.snapshot
    answer = verdict(report)
    counts = " · ".join(f"{n} {severity.value}" for severity, n in answer.counts)
    files = snapshot.results_files
    parts: list[RenderableType] = [
        Text(f"sprintcheck · {sprint_title(snapshot)}", style="bold"),
        Text(f"plan: {_shown_path(snapshot.plan.source)}", style="dim"),
        Text(
            f"results: {plural(len(files), 'file')}, {plural(snapshot.cases.n_total, 'case')}",
            style="dim",
        ),
        Text(""),
        Text.assemble((f" {answer.label} ", f"reverse {STYLES[answer.severity]}"), f"  {counts}"),
        Text(answer.headline),
        Text(""),
        _table("Tests (definitions in the code)", DEFINITION_COLUMNS, definition_rows(snapshot)),
        Text(""),
        _table("Cases (entries in the results)", CASE_COLUMNS, case_rows(snapshot)),
        Text(""),
    ]
    honesty = honesty_rows(snapshot)
    if honesty is not None:
        parts += [_table("Evidence that counts", HONESTY_COLUMNS, honesty), Text("")]
    claims = claim_rows(snapshot)
    if claims:
        parts += [_table("Claims", ("claim", "claimed", "evidence"), claims), Text("")]
    for section in evidence_sections(snapshot):
        parts += _section(section)
    if snapshot.time is not None:
        parts += _time_section(snapshot.time, snapshot.completion)
    parts.append(Text("Findings", style="bold"))
    parts.extend(_findings(report.findings, review))
    if not report.findings:
        parts.append(Text("none"))
    gone = resolved(review, report.findings) if review else ()
    if gone:
        parts.append(Text(f"Resolved since the last review ({len(gone)}):", style="dim"))
        parts.extend(
            Text(f"         {m.code} {m.title} (was {m.state})", style="dim", no_wrap=True, overflow="ellipsis")
            for m in gone
        )
    suppressed = suppressed_rows(snapshot)
    if suppressed:
        parts.append(Text(f"Suppressed ({len(suppressed)}), listed, not counted:", style="dim"))
        parts.extend(
            Text(f"         {code} {where}: {why}", style="dim", no_wrap=True, overflow="ellipsis")
            for code, where, why in suppressed
        )
    return Group(*parts)


def _section(section: Section) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(section.title, style="bold")]
    parts += [Text(line) for line in section.lines]
    if section.rows:
        parts.append(_table("", section.columns, list(section.rows)))
    parts += [Text(note, style="dim") for note in section.notes]
    return [*parts, Text("")]


def _findings(findings: tuple[Finding, ...], review: Review | None) -> list[RenderableType]:
    """Every finding, but at most SHOWN_PER_KIND of one code in one category: the rest counted."""
    totals = Counter((f.code, f.category) for f in findings)
    # Hiding a single finding behind a "1 more" line would save nothing.
    limit = {kind: n if n <= SHOWN_PER_KIND + 1 else SHOWN_PER_KIND for kind, n in totals.items()}
    seen: Counter[tuple[str, str | None]] = Counter()
    shown: list[RenderableType] = []
    for finding in findings:
        kind = (finding.code, finding.category)
        seen[kind] += 1
        if seen[kind] <= limit[kind]:
            shown.append(_finding(finding, review.get(finding.fingerprint) if review else None))
        if seen[kind] == limit[kind] and totals[kind] > limit[kind]:
            where = f" in {finding.category}" if finding.category else ""
            more = totals[kind] - SHOWN_PER_KIND
            shown.append(Text(f"         … and {more} more {finding.code}{where} (all in --format json)"))
    return shown

"""A report section (title, sentences, table, notes) as rich renderables: the same figures the
headless reporters print, laid out for the screen."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sprintcheck.report.sections import Section


def section(part: Section) -> RenderableType:
    lines: list[RenderableType] = [Text(part.title, style="bold")]
    lines += [Text(line) for line in part.lines]
    if part.columns:
        table = Table(box=None, pad_edge=False, header_style="bold underline", padding=(0, 1))
        for i, name in enumerate(part.columns):
            table.add_column(name, justify="left" if i == 0 else "right", no_wrap=i > 0)
        for row in part.rows:
            table.add_row(*row)
        lines.append(table)
    lines += [Text(note, style="dim") for note in part.notes]
    return Group(*lines, Text(""))

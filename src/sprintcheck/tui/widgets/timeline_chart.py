"""Per day, tests created against tests executed (bars on one scale), and commits (a spark row).

Every day of the sprint gets a column, quiet days too, so the shape of the sprint shows: tests
written early, run late. When the days do not fit the width, only days with activity are drawn,
the latest ones first to go in.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.widget import Widget

from sprintcheck.model import DayActivity, SprintInfo

AXIS = 5  # width of the y-axis labels and tick
CREATED = ("█", "green")
EXECUTED = ("▒", "blue")
SPARKS = " ▁▂▃▄▅▆▇█"


def chart_days(
    timeline: tuple[DayActivity, ...], sprint: SprintInfo, fits: int
) -> tuple[list[tuple[date, DayActivity | None]], int]:
    """(day, activity or None) to draw, and how many active days were left out."""
    by_day = {day.day: day for day in timeline}
    first = min([*by_day, *([sprint.start] if sprint.start else [])], default=None)
    last = max([*by_day, *([sprint.end] if sprint.end else [])], default=None)
    if first is not None and last is not None and (last - first).days + 1 <= fits:
        span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        return [(day, by_day.get(day)) for day in span], 0
    active = sorted(by_day)
    kept = active[-fits:] if fits > 0 else []
    return [(day, by_day[day]) for day in kept], len(active) - len(kept)


class TimelineChart(Widget):
    DEFAULT_CSS = """
    TimelineChart { height: 1fr; min-height: 10; }
    """

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: tuple[DayActivity, ...] = ()
        self.sprint = SprintInfo()

    def show(self, timeline: tuple[DayActivity, ...], sprint: SprintInfo) -> None:
        self.timeline = timeline
        self.sprint = sprint
        self.refresh()

    def render(self) -> Text:
        width, height = self.size
        bar_rows = max(3, height - 6)  # below the bars: axis, day labels, commits, blank, legend x2
        # Two bars of two cells and a gap of two (room for an mm-dd label), else of one cell each.
        for bar, gap in ((2, 2), (1, 1)):
            column = 2 * bar + gap
            days, left_out = chart_days(
                self.timeline, self.sprint, max(1, (width - AXIS) // column)
            )
            if not left_out:
                break
        top = max([1, *(max(d.tests_created, d.cases_executed) for _, d in days if d)])
        out = Text(no_wrap=True)
        for row in range(bar_rows):
            level = bar_rows - row  # this row is filled for values reaching `level` rows
            label = (
                f"{top:>4}" if row == 0 else (f"{top // 2:>4}" if row == bar_rows // 2 else "    ")
            )
            out.append(label + "┤" if label.strip() else label + "│", style="dim")
            for _, activity in days:
                for value, (glyph, style) in (
                    (activity.tests_created if activity else 0, CREATED),
                    (activity.cases_executed if activity else 0, EXECUTED),
                ):
                    rows = 0 if value <= 0 else max(1, round(bar_rows * value / top))
                    out.append((glyph if rows >= level else " ") * bar, style=style)
                out.append(" " * gap)
            out.append("\n")
        out.append("   0┴" + "─" * (len(days) * column) + "\n", style="dim")
        labels = Text("     ")
        for day, _ in days:
            labels.append(day.strftime("%m-%d" if bar == 2 else "%d").ljust(column))
        out.append_text(labels)
        out.append("\n")
        most = max([1, *(d.commits for _, d in days if d)])
        out.append("  git", style="dim")
        for _, activity in days:
            commits = activity.commits if activity else 0
            spark = SPARKS[0 if not commits else max(1, round(8 * commits / most))]
            out.append((spark * 2 * bar).ljust(column), style="magenta")
        out.append("\n\n")
        out.append(f"{CREATED[0]} tests created (net)  ", style=CREATED[1])
        out.append(f"{EXECUTED[0]} cases executed  ", style=EXECUTED[1])
        out.append("▁▄█ commits (git row)", style="magenta")
        if left_out:
            out.append(f"\n{left_out} earlier active days do not fit this width", style="italic")
        return out

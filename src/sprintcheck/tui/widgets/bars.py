"""Bars drawn with block characters: each part has its own glyph, so they read without colour."""

from __future__ import annotations

from rich.text import Text

Part = tuple[int, str, str]  # (count, glyph, style)


def stacked_bar(parts: list[Part], total: int, width: int) -> Text:
    """`parts` laid side by side in `width` cells, in proportion to `total`.

    Cumulative rounding keeps the cells adding up to exactly `width`, and a part that is not zero
    always gets at least one cell, so one failing test out of a thousand still shows.
    """
    bar = Text(no_wrap=True)
    if total <= 0:
        return bar
    used = 0
    seen = 0
    for i, (count, glyph, style) in enumerate(parts):
        seen += count
        end = round(width * seen / total)
        cells = end - used
        if count and cells < 1:
            cells = 1
        cells = min(cells, width - used - sum(1 for c, _, _ in parts[i + 1 :] if c))
        bar.append(glyph * max(cells, 0), style=style)
        used += max(cells, 0)
    return bar


def meter(value: float, target: float | None, width: int, style: str) -> Text:
    """A 0-100 % meter, with `│` where the target is."""
    filled = round(width * max(0.0, min(value, 100.0)) / 100)
    mark = None if target is None else min(width - 1, round(width * target / 100))
    bar = Text(no_wrap=True)
    for cell in range(width):
        if cell == mark:
            bar.append("│", style="bold")
        else:
            bar.append("█" if cell < filled else "░", style=style if cell < filled else "dim")
    return bar

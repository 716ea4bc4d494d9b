"""NO_COLOR without grey on grey.

Under NO_COLOR Textual turns every colour into its grey: the red of "critical" or "to fix" becomes
a dark grey on the near-black background, which cannot be read. This filter does the same grey
conversion, then draws any text whose grey is too close to its background's at full contrast and
in bold, so what colour emphasised is still emphasised, by weight instead of hue.
"""

from __future__ import annotations

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter, Monochrome, monochrome_style

# Perceived brightness apart (0 to 1) below which text is hard to read on its background.
MIN_CONTRAST = 0.3
WHITE, BLACK = Color(255, 255, 255), Color(0, 0, 0)


@lru_cache(1024)
def readable_style(style: Style, background: Color) -> Style:
    """`style` in greys, its foreground moved to full contrast when too close to its background."""
    grey = monochrome_style(style)
    if grey.color is None:
        return grey
    fore = Color.from_rich_color(grey.color)
    back = Color.from_rich_color(grey.bgcolor) if grey.bgcolor else background.monochrome
    if grey.reverse:
        fore, back = back, fore
    if abs(fore.brightness - back.brightness) >= MIN_CONTRAST:
        return grey
    full = WHITE if back.brightness < 0.5 else BLACK
    if grey.reverse:  # the background is drawn in the foreground colour: move that one
        return grey + Style(bgcolor=full.rich_color, bold=True)
    return grey + Style(color=full.rich_color, bold=True)


class ReadableMonochrome(LineFilter):
    """Textual's Monochrome filter, keeping every text readable against its background."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            Segment(text, None if style is None else readable_style(style, background), None)
            for text, style, _ in segments
        ]


def readable(filters: list[LineFilter]) -> list[LineFilter]:
    """The app's filters with Textual's Monochrome (the NO_COLOR filter) made readable."""
    return [ReadableMonochrome() if isinstance(f, Monochrome) else f for f in filters]

"""The line at the top of every screen: the six views on their number keys, and what is loading."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class NavBar(Widget):
    DEFAULT_CSS = """
    NavBar { height: 1; background: $panel; }
    """

    status: reactive[str] = reactive("")

    def __init__(self, views: tuple[tuple[str, str], ...], current: str) -> None:
        super().__init__()
        self.views = views  # (mode, title) in key order
        self.current = current

    def render(self) -> Text:
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, (mode, title) in enumerate(self.views, start=1):
            style = "reverse bold" if mode == self.current else ""
            line.append(f" {number} ", style=f"bold {style}")
            line.append(f"{title} ", style=style)
        if self.status:
            line.append(" " * max(1, self.size.width - line.cell_len - len(self.status) - 1))
            line.append(self.status, style="bold")
        return line

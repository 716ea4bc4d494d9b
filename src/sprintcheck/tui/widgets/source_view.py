"""A test's source, syntax-highlighted, with the offending line marked."""

from __future__ import annotations

from rich.syntax import Syntax
from rich.text import Text
from textual.widgets import Static

from sprintcheck.tui.source import Excerpt


class SourceView(Static):
    DEFAULT_CSS = """
    SourceView { height: auto; }
    """

    def show(self, found: Excerpt | str | None) -> None:
        """An excerpt, a sentence saying why there is none, or nothing at all."""
        self.display = found is not None
        if isinstance(found, Excerpt):
            self.update(self._syntax(found))
        elif found is not None:
            self.update(Text(found, style="italic"))

    def _syntax(self, found: Excerpt) -> Syntax:
        # The theme follows the app's, so tokens stay readable on a light background too.
        theme = "ansi_dark" if self.app.current_theme.dark else "ansi_light"
        return Syntax(
            "\n".join(found.lines),
            "python",
            theme=theme,
            line_numbers=True,
            start_line=found.first,
            highlight_lines={found.line},
            background_color="default",
            word_wrap=False,
        )

"""`?`: every key of the current view and of the app, and how a review goes."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

WORKFLOW = (
    "A review: read the verdict (1), walk the findings (2) with ↑/↓, mark each one "
    "accepted (a), disputed (d) or to fix (f), add a note (n), then export the minutes (e). "
    "Marks are saved to the review file the moment they are made. ctrl+p lists every action."
)


def key_table(sections: tuple[tuple[str, tuple[Binding, ...]], ...]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("ctrl+p", "Command palette: every action by name, and the theme (light or dark)")
    for title, bindings in sections:
        if not bindings:
            continue
        table.add_row(Text(title, style="bold underline"), "")
        for binding in bindings:
            table.add_row(
                binding.key_display or binding.key, binding.tooltip or binding.description
            )
    table.add_row(Text("Any view", style="bold underline"), "")
    table.add_row("↑ ↓ enter", "Move, open")
    return table


class HelpScreen(ModalScreen[None]):
    TITLE = "Help"
    BINDINGS = [
        Binding(
            "escape,question_mark",
            "dismiss",
            "Close help",
            key_display="esc",
            tooltip="Close this help (esc or ?)",
            id="close-help",
        ),
    ]

    def __init__(self, sections: tuple[tuple[str, tuple[Binding, ...]], ...]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog"):
            yield Static(Group(Text("sprintcheck keys", style="bold"), Text(WORKFLOW), Text("")))
            yield Static(key_table(self.sections))
            yield Static(Text("\nesc or ? closes this help", style="dim"))

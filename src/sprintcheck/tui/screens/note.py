"""The note dialog: one line of text about a finding, saved with its mark."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from sprintcheck.model import Finding


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the note (Enter), or None (Escape) to leave the note as it was."""

    TITLE = "Note"
    BINDINGS = [
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Close the dialog and keep the note as it was",
            id="cancel-note",
        )
    ]

    def __init__(self, finding: Finding, note: str) -> None:
        super().__init__()
        self.finding = finding
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(f"Note on {self.finding.code}: {self.finding.title}", id="note-title")
            yield Input(
                value=self.note, placeholder="what the team decided, and who acts", id="note-input"
            )
            yield Static("enter save · escape cancel · an empty note removes it", id="note-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

"""The verdict, the biggest thing on the overview: readable from across the room.

The label is drawn in a three-row block font when it fits the width, in plain bold text otherwise
(never clipped). Severity is told by the words, not only by the colour, so NO_COLOR loses nothing.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from sprintcheck.analysis.verdict import Verdict

# Three rows per letter: the letters the verdict labels use (anything else falls back to text).
GLYPHS = {
    "A": ("▄▀▄", "█▀█", "▀ ▀"),
    "D": ("█▀▄", "█ █", "▀▀ "),
    "E": ("█▀▀", "█▀▀", "▀▀▀"),
    "L": ("█  ", "█  ", "▀▀▀"),
    "N": ("█▄ █", "█ ▀█", "▀  ▀"),
    "O": ("█▀█", "█ █", "▀▀▀"),
    "P": ("█▀█", "█▀▀", "▀  "),
    "R": ("█▀█", "█▀▄", "▀ ▀"),
    "S": ("█▀▀", "▀▀█", "▀▀▀"),
    "T": ("▀█▀", " █ ", " ▀ "),
    "U": ("█ █", "█ █", "▀▀▀"),
    "Y": ("█ █", "▀█▀", " ▀ "),
    " ": ("  ", "  ", "  "),
}
SEVERITY_CLASSES = ("-critical", "-warning", "-clean")


def big_text(label: str) -> tuple[str, str, str] | None:
    if any(letter not in GLYPHS for letter in label):
        return None
    rows = tuple(" ".join(GLYPHS[letter][row] for letter in label) for row in range(3))
    return rows  # type: ignore[return-value]


class VerdictBanner(Static):
    DEFAULT_CSS = """
    VerdictBanner { height: auto; padding: 0 1; text-style: bold; }
    """
    _answer: Verdict | None = None

    def show(self, answer: Verdict) -> None:
        self.remove_class(*SEVERITY_CLASSES)
        severity = answer.severity.value if answer.severity else None
        self.add_class(
            {"critical": "-critical", "warning": "-warning"}.get(severity or "", "-clean")
        )
        self._answer = answer
        self.update(self._render_answer(answer))

    def on_resize(self) -> None:
        if self._answer is not None:
            self.update(self._render_answer(self._answer))

    def _render_answer(self, answer: Verdict) -> RenderableType:
        counts = Text(" · ".join(f"{n} {severity.value}" for severity, n in answer.counts))
        big = big_text(answer.label)
        width = self.content_region.width or self.app.size.width - 2
        if big is None or len(big[0]) > width:
            return Group(Text(answer.label, style="bold"), counts)
        return Group(*(Text(row, no_wrap=True) for row in big), counts)

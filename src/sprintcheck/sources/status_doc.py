"""The status document reader: the checkable claims of a Markdown status or review document.

It streams the file line by line (bounded memory for any size; an over-long line is cut), repairs
mojibake, skips fenced code, and follows the document's structure: which section a line is in
(targets, plans and next steps hold no claims; a phase's figures are about that phase), which
numbered item it sits under, which table row it is. What a line or row claims is read by
`status_text` and `status_tables`.

Only the first MAX_CLAIMS claims are kept; the rest are counted (the result's `more`), so memory
stays bounded whatever the document holds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sprintcheck.errors import StatusDocError
from sprintcheck.model import Capped
from sprintcheck.sources.markdown_lines import FENCE, HEADING
from sprintcheck.sources.mojibake import repair
from sprintcheck.sources.status_tables import cells, is_separator, row_claims, table_kind
from sprintcheck.sources.status_text import PART, Found, LineContext, line_claims, plain

BINARY_PROBE = 8192  # bytes looked at for a NUL, as git and grep do
MAX_LINE_BYTES = 4096  # a status line is far shorter; the rest of a longer one is skipped unread
SKIP_CHUNK = 1 << 16
SNIPPET = 100
MAX_CLAIMS = 2000  # claims kept; those after are only counted

# Sections whose figures are wishes, not claims.
SKIP_SECTION = re.compile(
    r"\b(targets?|goals?|plans?|planned|planning|next steps?|future|recommend\w*|estimat\w*|"
    r"roadmap|what we need|to ?do|options?|cost of|action items?|actions?|timeline|milestones?|"
    r"success criteria|success metrics|acceptance criteria|tasks?|how to|deferred|backlog|"
    r"risks?)\b",
    re.IGNORECASE,
)
_BOLD_LINE = re.compile(r"^\s*(?:[-*+]\s+)?\*\*.*\*\*[^\w*]*$")
_NUMBERED_TITLE = re.compile(r"^\s*(?:#{1,6}\s+)?\**\s*\d+\.\s+\**(?P<title>[^*(:]+)")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
_DIGIT = re.compile(r"[0-9]")
_STATUS_WORDS = ("complete", "done", "finished")


@dataclass(frozen=True)
class StatusClaim:
    """One checkable claim of a status document.

    `kind` is one of `status_text.KINDS`. `subject` is None for the whole work, else a category
    ("unit", "e2e"), a module ("model_service.py"), or a named part ("Phase 1", "Test execution").
    `value` is a percent or a count; None for a "status" claim (declared complete/done).
    """

    line: int
    text: str
    kind: str
    subject: str | None
    value: float | None
    approximate: bool = False  # a percentage said as "~40%", "about 40 %"


def read_status_claims(path: Path, limit: int = MAX_CLAIMS) -> Capped[StatusClaim]:
    try:
        with path.open("rb") as handle:
            nul = handle.read(BINARY_PROBE).find(b"\x00")
            if nul >= 0:
                raise StatusDocError(f"not a text document (binary data at byte {nul})", path=path)
            handle.seek(0)
            found = _Reader().claims(_lines(handle))
            kept = list(itertools.islice(found, limit))
            return Capped(kept, more=sum(1 for _ in found))
    except FileNotFoundError:
        raise StatusDocError("no such file", path=path) from None
    except IsADirectoryError:
        raise StatusDocError("is a folder, expected a Markdown file", path=path) from None
    except OSError as err:
        raise StatusDocError(f"cannot be read ({err.strerror})", path=path) from None


def _lines(handle: BinaryIO) -> Iterator[str]:
    """Decoded, repaired lines; of a line longer than MAX_LINE_BYTES only its start is kept."""
    first = True
    while raw := handle.readline(MAX_LINE_BYTES):
        if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if first:
            text, first = text.removeprefix("\ufeff"), False
        yield repair(text)


class _Reader:
    """Walks the lines once, keeping only where it is: fence, headings, lead-in, topic, table."""

    def __init__(self) -> None:
        self.fence: str | None = None
        self.headings: list[tuple[int, str]] = []
        self.lead = ""
        self.topic: str | None = None
        self.header: tuple[str, ...] | None = None  # a row that may head a table
        self.table: tuple[str, tuple[str, ...]] | None = None  # (kind, header) inside a table
        self.skipped = False  # in a section of targets, plans or next steps
        self.part: str | None = None  # "Phase 2" inside a section about one phase

    def claims(self, lines: Iterator[str]) -> Iterator[StatusClaim]:
        for number, line in enumerate(lines, 1):
            yield from self._line(number, line)

    def _line(self, number: int, line: str) -> Iterator[StatusClaim]:
        if self._in_fence(line):
            return
        start = line.lstrip()[:3]
        if not start.startswith("|"):
            self.header = self.table = None
        heading = HEADING.match(line) if start.startswith("#") else None
        if heading:
            self._enter_section(len(heading.group(1)), heading.group(2))
        elif start in ("---", "***", "___") and _THEMATIC_BREAK.match(line):
            self.lead, self.topic = "", None
            return
        if start.startswith("|"):
            if not self.skipped:
                yield from self._row(number, line)
            return
        title = _NUMBERED_TITLE.match(line) if start.startswith(("#", "**")) else None
        if title:
            self.topic = plain(title.group("title")).strip(" -–—") or None
        if not self.skipped and _worth_reading(line):
            context = LineContext(
                lead=self.lead,
                part=self.part,
                topic=self.topic,
                heading=bool(heading or _BOLD_LINE.match(line)),
            )
            text = plain(line)
            for found in line_claims(line, context):
                yield _claim(number, text, found)
        if line.rstrip(" *_").endswith(":"):
            self.lead = plain(line)

    def _in_fence(self, line: str) -> bool:
        """True for the fence lines and every line between them."""
        if self.fence is None and line.lstrip()[:3] not in ("```", "~~~"):
            return False
        fence = FENCE.match(line)
        if self.fence is None:
            if fence:
                self.fence = fence.group(1)
            return fence is not None
        if fence and fence.group(1)[0] == self.fence[0] and len(fence.group(1)) >= len(self.fence):
            self.fence = None
        return True

    def _enter_section(self, level: int, title: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, plain(title)))
        self.lead, self.topic = "", None
        self.skipped = any(SKIP_SECTION.search(text) for _, text in self.headings)
        # The phase (week, step...) the innermost heading that names one scopes the section to.
        parts = (PART.search(text) for _, text in reversed(self.headings))
        self.part = next((match.group().strip() for match in parts if match), None)

    def _row(self, number: int, line: str) -> Iterator[StatusClaim]:
        row = cells(line)
        if self.table is None:
            if self.header is not None and is_separator(row):
                kind = table_kind(self.header)
                self.table = (kind, self.header) if kind else ("", self.header)
            else:
                self.header = row
            return
        kind, header = self.table
        if kind and self.part is None:
            for claim in row_claims(kind, header, row):
                yield _claim(number, claim.text, claim.found)


def _worth_reading(line: str) -> bool:
    """Every claim holds a figure or a status word: other lines are only walked past, fast."""
    if _DIGIT.search(line):
        return True
    lower = line.lower()
    return any(word in lower for word in _STATUS_WORDS)


def _claim(number: int, text: str, found: Found) -> StatusClaim:
    snippet = _snippet(text, found)
    return StatusClaim(number, snippet, found.kind, found.subject, found.value, found.approximate)


def _snippet(text: str, found: Found) -> str:
    """The line, or a window of it around the claim when the line is long."""
    if len(text) <= SNIPPET:
        return text
    middle = (found.start + found.end) // 2
    start = max(0, min(middle - SNIPPET // 2, len(text) - SNIPPET))
    window = text[start : start + SNIPPET].strip()
    return ("…" if start else "") + window + ("…" if start + SNIPPET < len(text) else "")

"""A test's source around one line, read (never imported) from the analysed folder.

The excerpt is the whole `def` that holds the line, decorators included, so the offending
assertion is read in its test; a line outside any def gets a few lines either side.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MAX_LINES = 40
AROUND = 6


@dataclass(frozen=True)
class Excerpt:
    path: str
    first: int  # 1-based number of the first line shown
    lines: tuple[str, ...]
    line: int  # the line to highlight


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _is_def(text: str) -> bool:
    stripped = text.lstrip()
    return stripped.startswith(("def ", "async def "))


def _span(lines: list[str], index: int) -> tuple[int, int]:
    """[start, end) of the def holding lines[index], or a window around it."""
    start = index
    while start >= 0 and not (
        _is_def(lines[start]) and _indent(lines[start]) <= _indent(lines[index])
    ):
        start -= 1
    if start < 0:
        return max(0, index - AROUND), min(len(lines), index + AROUND + 1)
    body_indent = _indent(lines[start])
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > body_indent):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    while start > 0 and lines[start - 1].lstrip().startswith("@"):
        start -= 1
    if end - start > MAX_LINES:  # a very long test: keep the offending line in view
        start = max(start, index - MAX_LINES // 2)
        end = start + MAX_LINES
    return start, end


def excerpt(root: Path, path: str, line: int) -> Excerpt | str:
    """The excerpt, or one sentence saying why there is none."""
    try:
        text = (root / path).read_text(encoding="utf-8", errors="replace")
    except OSError as err:
        return f"The source of {path} cannot be read ({err.strerror or err})."
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return f"{path} has no line {line} any more (the code changed since the analysis)."
    start, end = _span(lines, line - 1)
    return Excerpt(path=path, first=start + 1, lines=tuple(lines[start:end]), line=line)

"""Claims in the rows of a Markdown table, read through its header. Pure: cells in, claims out.

Three shapes are read; any other table gives nothing:

- per module (`| Module | Before | After | Target |`): the coverage of each row's module, from the
  one column that holds the figure now ("After", "Current", "Coverage", "Achieved");
- per category (`| Category | Tests Created | Tests Run | Tests Passing |`): counts, pass rates and
  coverage of each row's category, the "Total" row for the whole;
- figures (`| Metric | Value |`): each row read as the line "metric: value".

Columns of targets, baselines, gaps, priorities or statement counts are never claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sprintcheck.sources.status_text import Found, LineContext, line_claims, plain

MODULE_HEADERS = frozenset({"module", "file", "service", "component", "package", "path", "source"})
CATEGORY_HEADERS = frozenset({"category", "type", "test type", "suite", "kind", "level"})
METRIC_HEADERS = frozenset({"metric", "measure", "item", "figure"})
VALUE_HEADERS = frozenset({"value", "result", "achieved", "actual", "current"})
TOTAL_ROWS = frozenset({"total", "all", "overall", "sum"})

IGNORED_COLUMN = re.compile(
    r"\b(target|goal|expected|planned|before|baseline|start|previous|gap|delta|change|priority|"
    r"statements|lines|score|quality|infrastructure)\b",
    re.IGNORECASE,
)
COVERAGE_COLUMN = re.compile(r"\b(after|current|coverage|now|actual|achieved|measured)\b", re.I)
PASS_RATE_COLUMN = re.compile(r"\bpass(?:ing)? rate\b", re.IGNORECASE)
COUNT_COLUMNS = (
    ("tests_created", re.compile(r"\b(created|added|written)\b", re.IGNORECASE)),
    ("tests_executed", re.compile(r"\b(run|ran|executed)\b", re.IGNORECASE)),
    ("tests_passing", re.compile(r"\b(passing|passed)\b", re.IGNORECASE)),
    ("tests_failing", re.compile(r"\b(failing|failed)\b", re.IGNORECASE)),
)
COUNT_CELL = re.compile(r"\d+")
# "98.47%", "100 %", "86.7% (26/30)": one figure, perhaps with its working in brackets.
PERCENT_CELL = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?%(?:\s*\([^()]*\))?")
SEPARATOR_CELL = re.compile(r":?-{2,}:?")


@dataclass(frozen=True)
class RowClaim:
    found: Found
    text: str  # what the row says for this claim, e.g. "Smoke | Tests Passing: 6"


def cells(row: str) -> tuple[str, ...]:
    """The cells of a table row, `|` escaped as `\\|` kept inside its cell."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return tuple(cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", row))


def is_separator(row: tuple[str, ...]) -> bool:
    return all(SEPARATOR_CELL.fullmatch(cell.replace(" ", "")) for cell in row)


def table_kind(header: tuple[str, ...]) -> str | None:
    """"module", "category", "metric", or None for a table that holds no claims we read."""
    first = plain(header[0]).lower() if header else ""
    if first in MODULE_HEADERS:
        return "module"
    if first in CATEGORY_HEADERS:
        return "category"
    if first in METRIC_HEADERS and len(header) > 1 and plain(header[1]).lower() in VALUE_HEADERS:
        return "metric"
    return None


def row_claims(kind: str, header: tuple[str, ...], row: tuple[str, ...]) -> list[RowClaim]:
    names = [plain(name) for name in header]
    values = [plain(cell) for cell in row]
    if not values or len(values) != len(names):
        return []
    if kind == "metric":
        text = f"{values[0]}: {values[1]}"
        return [RowClaim(found, text) for found in line_claims(text, LineContext())]
    label = values[0]
    subject = _row_subject(kind, label)
    claims = []
    for name, value in zip(names[1:], values[1:]):
        claim = _cell_claim(kind, name, value, subject)
        if claim is not None:
            text = f"{label} | {name}: {value}"
            claims.append(RowClaim(Found(claim[0], subject, claim[1], 0, len(text)), text))
    return claims


def _row_subject(kind: str, label: str) -> str | None:
    if kind == "module":
        return label
    words = re.sub(r"\btests?\b", "", label, flags=re.IGNORECASE).strip().lower()
    return None if words in TOTAL_ROWS else words


def _cell_claim(kind: str, name: str, value: str, subject: str | None) -> tuple[str, float] | None:
    if IGNORED_COLUMN.search(name) or (kind == "module" and subject is None):
        return None
    percent = PERCENT_CELL.fullmatch(value)
    if PASS_RATE_COLUMN.search(name):
        return ("pass_rate", float(percent.group(1))) if percent and kind == "category" else None
    if COVERAGE_COLUMN.search(name):
        return ("coverage", float(percent.group(1))) if percent else None
    count = COUNT_CELL.fullmatch(value)
    for count_kind, pattern in COUNT_COLUMNS:
        if kind == "category" and pattern.search(name):
            return (count_kind, float(count.group())) if count else None
    return None

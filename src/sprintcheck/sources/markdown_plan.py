"""The Markdown plan reader: phases of checkbox tasks with hour estimates, as status documents
hold them.

The shape it reads:

    # Test Coverage Expansion
    **Estimated Time:** 84-108 hours
    ### Coverage Goals
    | Test Type | Current | Target |
    | **Unit Tests** | 40% | 70% |
    ## Phase 1: Fix Failing Tests (12-16 hours)
    - [ ] **1.1 Investigate all 52 failing tests** (4-6 hours)
    - [x] 1.2 Fix or remove deprecated tests (3h)

Phases are the headings that start with "Phase"; a document without any takes its `##` sections
as phases. A checkbox nested under a task is a step of that task, not a task of its own, and a
checkbox outside every phase (follow-ups after the plan) is kept out but its line is recorded, so
the import can say what it left out. Fenced code is skipped. Mojibake (`ðŸ”´` for 🔴, `â€“` for
an en dash) is repaired first, or the dash of `4â€“6 hours` would hide the estimate.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.errors import PlanImportError
from sprintcheck.sources import mojibake
from sprintcheck.sources.markdown_lines import FENCE, HEADING

# A plan is a few pages; anything far larger is not one, and is not read into memory.
MAX_BYTES = 5_000_000
NO_TASKS = "no checkbox tasks found; expected lines like `- [ ] **1.1 Title** (4-6 hours)`"

Hours = tuple[float, float]

_HOURS = re.compile(
    r"(\d+(?:\.\d+)?)(?:\s*(?:-|–|—|to)\s*(\d+(?:\.\d+)?))?\s*(?:hours?|hrs?|h)\b",
    re.IGNORECASE,
)
_CHECKBOX = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(.*)$")
_META = re.compile(r"^\s*(?:[-*+]\s+)?\*\*([^*]+?):?\*\*:?\s*(.+)$")
# "Phase 1", "Phase 2b", "Phase II", "Phase A", but not "Phase Summary".
_PHASE = re.compile(r"^phase\s+(\d[\w.]*|[ivx]+|[a-z])\b", re.IGNORECASE)
# "1.1", "2.3.1", "D5", "T-12" and "3." / "3:" / "3)"; a bare number needs its punctuation, so a
# title like "100 clients connect" keeps its number.
_TASK_ID = re.compile(r"^(\d+(?:\.\d+)+|[A-Za-z]{1,4}-?\d+(?:\.\d+)*|\d+(?=[.:)]))[.:)]?\s+(\S.*)$")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_COMPLETE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*(?:complete|done)", re.IGNORECASE)
_TRAILING = " \t-–—:|,;"
# Emoji and other pictographs, their variation selectors and joiners: decoration in a title.
_DECORATION = ("So", "Sk", "Cf", "Co", "Cs")


@dataclass(frozen=True)
class ImportedTask:
    id: str
    title: str
    estimate_hours: Hours | None
    done: bool
    line: int


def total_hours(tasks: Iterable[ImportedTask]) -> Hours:
    """The sum of the tasks' estimates (a task without one adds nothing)."""
    estimates = [task.estimate_hours for task in tasks if task.estimate_hours]
    return (sum(low for low, _ in estimates), sum(high for _, high in estimates))


@dataclass(frozen=True)
class Phase:
    name: str
    estimate_hours: Hours | None  # as the document gives it for the phase, not the tasks' sum
    tasks: tuple[ImportedTask, ...]
    line: int

    @property
    def task_hours(self) -> Hours:
        return total_hours(self.tasks)


@dataclass(frozen=True)
class CoverageGoal:
    """One row of a coverage goals table: a test type, its current and its target percent."""

    test_type: str
    current: float | None
    target: float


@dataclass(frozen=True)
class MarkdownPlan:
    title: str
    phases: tuple[Phase, ...]
    coverage_targets: tuple[CoverageGoal, ...]
    estimate_hours: Hours | None  # the document's own total, when it states one
    completion: float | None = None  # percent complete, when the document states one
    left_out: tuple[int, ...] = ()  # lines of checkbox items outside every phase

    @property
    def tasks(self) -> tuple[ImportedTask, ...]:
        return tuple(task for phase in self.phases for task in phase.tasks)

    @property
    def task_hours(self) -> Hours:
        return total_hours(self.tasks)


def read_markdown_plan(path: Path) -> MarkdownPlan:
    text = mojibake.repair(_read_text(path))
    plan = _Reader(path.stem).read(text.splitlines())
    if not plan.tasks:
        raise PlanImportError(NO_TASKS, path=path)
    return plan


def _read_text(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise PlanImportError("no such file", path=path) from None
    except IsADirectoryError:
        raise PlanImportError("is a folder, expected a Markdown file", path=path) from None
    except OSError as err:
        raise PlanImportError(f"cannot be read ({err.strerror})", path=path) from None
    if len(raw) > MAX_BYTES:
        raise PlanImportError(f"is over {MAX_BYTES // 1_000_000} MB: not a plan", path=path)
    if b"\x00" in raw:
        raise PlanImportError("is a binary file, expected Markdown text", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise PlanImportError(f"is not UTF-8 text (byte {err.start})", path=path) from None


def hours_in(text: str, last: bool = True) -> Hours | None:
    """The hour estimate written in `text`: `4-6 hours`, `3 hours`, `2h`, `4–6 h`, `1 to 2 hrs`.

    A task line gives its estimate after its title ("Run a 24h soak (3 hours)"), so the last one is
    taken there; a metadata value gives the figure first ("84-108 hours (10-14 days)").
    """
    found = list(_HOURS.finditer(text))
    if not found:
        return None
    match = found[-1] if last else found[0]
    low = float(match.group(1))
    high = float(match.group(2)) if match.group(2) else low
    return (min(low, high), max(low, high))


def _without_estimate(text: str) -> str:
    """`text` cut before its estimate (and the bracket that opens it), when it has one."""
    found = list(_HOURS.finditer(text))
    if found:
        start = found[-1].start()
        before = text[:start].rstrip()
        text = before[:-1] if before.endswith("(") else before
    return text.strip(_TRAILING)


def _plain(text: str) -> str:
    """Heading or title text without emphasis markers, emoji, control characters, extra spaces."""
    text = text.replace("**", "").replace("__", "")
    return " ".join("".join(char for char in text if not _decoration(char)).split())


def _decoration(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc":
        return True
    if char.isascii():
        return False  # ` and ^ are "Sk" too, and belong in a title
    return category in _DECORATION or "\ufe00" <= char <= "\ufe0f"


def _cells(row: str) -> list[str]:
    return [_plain(cell) for cell in row.strip().strip("|").split("|")]


class _PhaseBuilder:
    def __init__(self, name: str, number: str, estimate: Hours | None, level: int, line: int):
        self.name = name
        self.number = number
        self.estimate = estimate
        self.level = level
        self.line = line
        self.tasks: list[ImportedTask] = []

    def build(self) -> Phase:
        return Phase(self.name, self.estimate, tuple(self.tasks), self.line)


class _Reader:
    """One pass over the lines outside fenced code, heading by heading."""

    def __init__(self, default_title: str):
        self.title: str | None = None
        self.default_title = default_title
        self.phases: list[_PhaseBuilder] = []
        self.current: _PhaseBuilder | None = None
        self.by_phase_heading = True
        self.heading = ""  # the nearest heading above, for tables
        self.task_indent: int | None = None  # checkboxes indented deeper are steps of a task
        self.estimate: Hours | None = None
        self.completion: float | None = None
        self.goals: list[CoverageGoal] = []
        self.table: list[str] = []
        self.left_out: list[int] = []
        self.ids: set[str] = set()

    def read(self, lines: list[str]) -> MarkdownPlan:
        numbered = list(self._outside_fences(lines))
        self.by_phase_heading = any(
            (heading := HEADING.match(text)) and _PHASE.match(_plain(heading.group(2)))
            for _, text in numbered
        )
        for number, text in numbered:
            self._line(number, text)
        self._flush_table()
        phases = [phase.build() for phase in self.phases]
        if not self.by_phase_heading:
            phases = [phase for phase in phases if phase.tasks]  # sections, not phases
        return MarkdownPlan(
            title=self.title or self.default_title,
            phases=tuple(phases),
            coverage_targets=tuple(self.goals),
            estimate_hours=self.estimate,
            completion=self.completion,
            left_out=tuple(self.left_out),
        )

    @staticmethod
    def _outside_fences(lines: list[str]) -> Iterator[tuple[int, str]]:
        fence: str | None = None
        for number, text in enumerate(lines, start=1):
            opening = FENCE.match(text)
            if fence is None and opening:
                fence = opening.group(1)
            elif fence is not None:
                marker = opening.group(1) if opening else ""
                if marker[:1] == fence[0] and len(marker) >= len(fence):
                    fence = None
            else:
                yield number, text

    def _line(self, number: int, text: str) -> None:
        if text.lstrip().startswith("|"):
            self.table.append(text)
            return
        self._flush_table()
        if heading := HEADING.match(text):
            self._heading(number, len(heading.group(1)), heading.group(2))
        elif checkbox := _CHECKBOX.match(text):
            indent, mark, rest = checkbox.groups()
            self._checkbox(number, len(indent.expandtabs(4)), mark != " ", rest)
        elif meta := _META.match(text):
            self._metadata(meta.group(1).lower(), meta.group(2))

    def _heading(self, number: int, level: int, raw: str) -> None:
        text = _plain(raw)
        self.heading = text
        self.task_indent = None
        if level == 1 and self.title is None:
            self.title = text
            return
        phase = _PHASE.match(text)
        if self.by_phase_heading and phase:
            self._open(number, level, text, phase.group(1))
        elif self.by_phase_heading and self.current and level <= self.current.level:
            self.current = None
        elif not self.by_phase_heading and level <= 2:
            self._open(number, level, text, str(len(self.phases) + 1))

    def _open(self, number: int, level: int, text: str, key: str) -> None:
        self.current = _PhaseBuilder(_without_estimate(text), key, hours_in(text), level, number)
        self.phases.append(self.current)

    def _checkbox(self, number: int, indent: int, done: bool, text: str) -> None:
        if self.task_indent is not None and indent > self.task_indent:
            return  # a step of the task above
        if not _plain(text):
            return  # an empty box names no task
        if self.current is None and not self.by_phase_heading:
            # Tasks before any section of a document without phases: its title is their section.
            self._open(number, 1, self.title or self.default_title, str(len(self.phases) + 1))
        if self.current is None:
            self.left_out.append(number)
            return
        self.task_indent = indent
        self.current.tasks.append(self._task(number, done, text, self.current))

    def _task(self, number: int, done: bool, text: str, phase: _PhaseBuilder) -> ImportedTask:
        bold = re.match(r"\*\*(.+?)\*\*(.*)$", text.strip())
        name, rest = (bold.group(1), bold.group(2)) if bold else (text, "")
        name = _plain(name)
        task_id, title = None, name
        if numbered := _TASK_ID.match(name):
            task_id, title = numbered.groups()
        title = _without_estimate(title) or _without_estimate(_plain(rest)) or name
        task_id = task_id or f"{phase.number}.{len(phase.tasks) + 1}"
        if task_id in self.ids:  # two tasks numbered alike: the line tells them apart
            task_id = f"line-{number}"
        self.ids.add(task_id)
        return ImportedTask(task_id, title, hours_in(text), done, number)

    def _metadata(self, key: str, value: str) -> None:
        if self.current is not None:
            if "estimat" in key and self.current.estimate is None:
                self.current.estimate = hours_in(value, last=False)
            return
        if "estimat" in key and self.estimate is None:
            self.estimate = hours_in(value, last=False)
        if self.completion is None:
            stated = _COMPLETE.search(value)
            if not stated and ("complet" in key or "progress" in key):
                stated = _PERCENT.search(value)
            if stated:
                self.completion = float(stated.group(1))

    def _flush_table(self) -> None:
        rows, self.table = self.table, []
        if len(rows) < 3:
            return
        header = [cell.lower() for cell in _cells(rows[0])]
        target = next((i for i, cell in enumerate(header) if "target" in cell), None)
        about_coverage = "coverage" in self.heading.lower() or any("coverage" in c for c in header)
        if target is None or not about_coverage:
            return
        current = next((i for i, cell in enumerate(header) if "current" in cell), None)
        for row in rows[2:]:  # rows[1] is the |---| line
            cells = _cells(row) + [""] * len(header)  # a short row leaves the rest empty
            goal = _PERCENT.search(cells[target])
            if not goal or not cells[0]:
                continue
            now = _PERCENT.search(cells[current]) if current is not None else None
            self.goals.append(
                CoverageGoal(cells[0], float(now.group(1)) if now else None, float(goal.group(1)))
            )

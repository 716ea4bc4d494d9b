"""Which results and coverage files to read: the plan's or the command line's globs, or the usual
places."""

from __future__ import annotations

import glob
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.model import InputProblem

# Where CI setups usually leave JUnit XML when nobody configured a path.
USUAL_PLACES = (
    "junit*.xml",
    "*.junit.xml",
    "reports/**/*.xml",
    "test-results/**/*.xml",
    "test-reports/**/*.xml",
    "build/test-results/**/*.xml",
    "target/surefire-reports/*.xml",
)
# Where coverage.py and its reporters leave their data by default.
COVERAGE_PLACES = (
    ".coverage",
    ".coverage.*",
    "coverage.xml",
    "coverage.json",
    "reports/.coverage",
    "reports/.coverage.*",
    "reports/coverage.xml",
    "reports/coverage.json",
)
_PEEK_BYTES = 4096


@dataclass(frozen=True)
class ResultsSelection:
    files: tuple[Path, ...]
    searched: tuple[str, ...]
    problems: tuple[InputProblem, ...] = ()


def select_results(root: Path, patterns: tuple[str, ...], origin: str) -> ResultsSelection:
    """Expand `patterns` (from `origin`, e.g. "sprintcheck.toml: results.junit" or "--junit").

    A glob that matches nothing is a problem to report, not a reason to stop: the report then
    says that no results exist, which is exactly what a team needs to hear.
    """
    if not patterns:
        return _discover(root, USUAL_PLACES, _looks_like_junit)
    return _select(root, patterns, origin)


def select_coverage(root: Path, patterns: tuple[str, ...], origin: str) -> ResultsSelection:
    """Coverage data files, as `select_results` finds results files."""
    if not patterns:
        # A .coverage.* that coverage is still writing (a .coverage.*-journal) is not data.
        return _discover(root, COVERAGE_PLACES, lambda path: not path.name.endswith("-journal"))
    return _select(root, patterns, origin)


def _select(root: Path, patterns: tuple[str, ...], origin: str) -> ResultsSelection:
    files: dict[Path, None] = {}
    problems = []
    for i, pattern in enumerate(patterns):
        found = _expand(root, pattern)
        if not found:
            problems.append(InputProblem(path=origin, message=f"[{i}] {pattern!r} matches no file"))
        files.update(dict.fromkeys(found))
    return ResultsSelection(tuple(files), patterns, tuple(problems))


def _expand(root: Path, pattern: str) -> list[Path]:
    matched = glob.glob(pattern, root_dir=root, recursive=True)
    return sorted((root / name).resolve() for name in matched if (root / name).is_file())


def _discover(
    root: Path, places: tuple[str, ...], accept: Callable[[Path], bool]
) -> ResultsSelection:
    files = [path for pattern in places for path in _expand(root, pattern) if accept(path)]
    return ResultsSelection(tuple(dict.fromkeys(files)), places)


def _looks_like_junit(path: Path) -> bool:
    """Auto-discovery only: skip coverage.xml and other XML that shares the usual folders."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK_BYTES)
    except OSError:
        return True  # let the reader report why it cannot be read
    return b"<testsuite" in head

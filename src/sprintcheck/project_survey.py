"""What `sprintcheck init` finds in a repository: its test categories, results and coverage data.

Categories come from the same inference the analysis uses without a plan, over the same tests
(found by parsing, as pytest would collect them), so a fresh plan and the analysis agree.
"""

from __future__ import annotations

import glob
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.analysis.categories import infer_categories, inferred_category
from sprintcheck.model import CategoryPlan
from sprintcheck.sources.discovery import select_results
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import read_pytest_config

# Where coverage.py leaves its data, at the root or one folder down (`reports/coverage.xml`).
# `.coverage.*` are the parallel files `coverage combine` has not merged yet.
COVERAGE_NAMES = (".coverage", ".coverage.*", "coverage.xml", "coverage.json")
_PEEK_BYTES = 4096
# How each kind of coverage file begins, to skip unrelated files that share a name.
_COVERAGE_MARKS = {
    ".coverage": (b"SQLite format 3", b"!coverage.py"),
    ".xml": (b"<coverage",),
    ".json": (b'"meta"',),
}


@dataclass(frozen=True)
class FoundCategory:
    category: CategoryPlan
    n_tests: int


@dataclass(frozen=True)
class ProjectSurvey:
    name: str
    categories: tuple[FoundCategory, ...]
    junit: tuple[str, ...]  # globs or paths relative to the root
    coverage: tuple[str, ...]


def survey_project(root: Path) -> ProjectSurvey:
    root = root.resolve()
    tests = scan_tests(root, read_pytest_config(root)).tests
    counts = Counter(inferred_category(test.path)[0] for test in tests)
    return ProjectSurvey(
        name=root.name,
        categories=tuple(
            FoundCategory(category, counts[category.name])
            for category in infer_categories(test.path for test in tests)
        ),
        junit=_junit_globs(root),
        coverage=_coverage_files(root),
    )


def _junit_globs(root: Path) -> tuple[str, ...]:
    """The results discovery finds; a folder of nothing but results becomes `folder/*.xml`."""
    selection = select_results(root, (), "init")
    found = [Path(os.path.relpath(path, root)).as_posix() for path in selection.files]
    by_folder: dict[str, list[str]] = {}
    for path in found:
        by_folder.setdefault(path.rpartition("/")[0], []).append(path)
    globs: list[str] = []
    for folder, files in by_folder.items():
        pattern = f"{folder}/*.xml" if folder else "*.xml"
        if len(files) > 1 and len(glob.glob(pattern, root_dir=root)) == len(files):
            globs.append(pattern)
        else:
            globs.extend(files)
    return tuple(globs)


def _coverage_files(root: Path) -> tuple[str, ...]:
    found: list[str] = []
    for folder in ("", "*/"):
        for name in COVERAGE_NAMES:
            matches = sorted(Path(p).as_posix() for p in glob.glob(folder + name, root_dir=root))
            data = [path for path in matches if _looks_like_coverage(root / path)]
            if name.endswith("*"):
                # One glob for the parallel files of each folder, however many runs left them.
                places = dict.fromkeys(path.rpartition("/")[0] for path in data)
                found.extend(f"{place}/{name}".lstrip("/") for place in places)
            else:
                found.extend(data)
    return tuple(found)


def _looks_like_coverage(path: Path) -> bool:
    kind = path.suffix if path.suffix in (".xml", ".json") else ".coverage"
    try:
        with path.open("rb") as handle:
            head = handle.read(_PEEK_BYTES)
    except OSError:
        return False
    return any(mark in head for mark in _COVERAGE_MARKS[kind])

"""Which category a test belongs to: the plan's path globs, or folders under tests/ when inferred."""

from __future__ import annotations

from collections.abc import Iterable

from sprintcheck.globs import matches_any
from sprintcheck.model import CategoryPlan

OTHER = "other"
TEST_FOLDERS = ("tests", "test")


def inferred_category(path: str) -> tuple[str, str]:
    """(name, glob) for a test file: the folder directly under tests/, else the single `tests`."""
    parts = path.split("/")
    for i, part in enumerate(parts[:-1]):
        if part in TEST_FOLDERS:
            if i + 2 < len(parts):
                return parts[i + 1], "/".join(parts[: i + 2]) + "/**"
            return "tests", "/".join(parts[: i + 1]) + "/*"
    return "tests", path


def infer_categories(test_paths: Iterable[str]) -> tuple[CategoryPlan, ...]:
    globs: dict[str, list[str]] = {}
    for path in test_paths:
        name, glob = inferred_category(path)
        found = globs.setdefault(name, [])
        if glob not in found:
            found.append(glob)
    return tuple(CategoryPlan(name=name, paths=tuple(globs[name])) for name in sorted(globs))


def assign(path: str, planned: tuple[CategoryPlan, ...]) -> str:
    """The first planned category (in plan order) that selects `path`; inferred without a plan."""
    if not planned:
        return inferred_category(path)[0]
    for category in planned:
        if matches_any(path, category.paths):
            return category.name
    return OTHER

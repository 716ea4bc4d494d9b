"""Which tests a plan entry names: its `tests` selectors, shared by tasks and failure modes.

A selector is a category name (every test of that category), a node-id pattern when it holds
`::` (`tests/test_api.py::TestUpload::*`, shell-style), or else a path glob (`tests/e2e/**`).
"""

from __future__ import annotations

from collections.abc import Iterable
from fnmatch import fnmatchcase

from sprintcheck.globs import matches
from sprintcheck.model import TestRecord


def selects(record: TestRecord, selector: str, categories: frozenset[str]) -> bool:
    if selector in categories:
        return record.category == selector
    if "::" in selector:
        return fnmatchcase(record.test.nodeid, selector)
    return matches(record.test.path, selector)


def selected(
    records: Iterable[TestRecord], selectors: tuple[str, ...], categories: frozenset[str]
) -> tuple[TestRecord, ...]:
    return tuple(
        record
        for record in records
        if any(selects(record, selector, categories) for selector in selectors)
    )

"""How many tests one version of a file defines, for the timeline of tests written per day.

The timeline reads every version of every test file changed in the window, so this counts what
the file itself writes (test functions, test methods of test classes) and leaves out what only the
whole suite can tell (inherited tests, conftest rules): a cheap, per-file figure.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable

from sprintcheck.sources.pytest_config import PytestConfig, name_matches

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef)


def definition_counter(config: PytestConfig) -> Callable[[bytes], int]:
    """A function counting the tests in a file's bytes; a version that does not parse counts 0."""

    def count(source: bytes) -> int:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # old versions may hold invalid escapes
                tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return 0
        total = 0
        for node in tree.body:
            if isinstance(node, _DEFS) and name_matches(node.name, config.python_functions):
                total += 1
            elif isinstance(node, ast.ClassDef) and name_matches(node.name, config.python_classes):
                total += sum(
                    isinstance(item, _DEFS) and name_matches(item.name, config.python_functions)
                    for item in node.body
                )
        return total

    return count

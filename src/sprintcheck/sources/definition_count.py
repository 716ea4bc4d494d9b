"""How many tests one version of a file defines, for the timeline of tests written per day.

The timeline reads every version of every test file changed in the window, so this counts what
the file itself writes (test functions, test methods of test classes) and leaves out what only the
whole suite can tell (inherited tests, conftest rules): a cheap, per-file figure.

A class is a test class when its name matches python_classes, or when it derives from a
unittest-style `...TestCase` (written as a base, or through a class defined earlier in the file),
whatever its name: pytest collects those by unittest's rule, methods named "test...", not by
python_functions (as the inventory does).
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
        unittest_classes: dict[str, bool] = {}  # the classes of this file so far: unittest or not
        for node in tree.body:
            if isinstance(node, _DEFS) and name_matches(node.name, config.python_functions):
                total += 1
            elif isinstance(node, ast.ClassDef):
                is_unittest = any(_is_unittest_base(base, unittest_classes) for base in node.bases)
                unittest_classes[node.name] = is_unittest
                if is_unittest:
                    total += sum(
                        isinstance(item, _DEFS) and item.name.startswith("test")
                        for item in node.body
                    )
                elif name_matches(node.name, config.python_classes):
                    total += sum(
                        isinstance(item, _DEFS) and name_matches(item.name, config.python_functions)
                        for item in node.body
                    )
        return total

    return count


def _is_unittest_base(base: ast.expr, unittest_classes: dict[str, bool]) -> bool:
    """A class of this file known to be a unittest class, else a name that says so (the
    inventory's rule): `TestCase`, `unittest.TestCase`, `IsolatedAsyncioTestCase`..."""
    if isinstance(base, ast.Attribute):
        return base.attr.endswith("TestCase")
    if isinstance(base, ast.Name):
        local = unittest_classes.get(base.id)
        return base.id.endswith("TestCase") if local is None else local
    return False

"""Match a result case to the test definition it ran, by module path + class + name.

pytest writes `classname` as the node id's path with `/` turned into `.` and `.py` dropped, followed
by the classes (`tests.smoke.test_api.TestHealth`), and `name` as the function name plus any
parameter suffix (`test_status[501]`). xunit2 has no `file` attribute, so the path is rebuilt from
the classname. When pytest ran from another rootdir, the classname carries more or fewer leading
folders than our paths: those are matched on the longest unambiguous suffix.
"""

from __future__ import annotations

from collections.abc import Sequence

from sprintcheck.model import CaseResult, TestDefinition

_AMBIGUOUS = -1


def definition_key(test: TestDefinition) -> str:
    module = test.path[:-3] if test.path.endswith(".py") else test.path
    dotted = [module.replace("/", "."), *(test.cls.split("::") if test.cls else ())]
    return ".".join([*dotted, test.name])


def case_key(case: CaseResult) -> str:
    name = case.name.partition("[")[0]
    return f"{case.classname}.{name}" if case.classname else name


class TestIndex:
    """Finds the index (into the inventory's tests) of the definition a case belongs to."""

    __test__ = False

    def __init__(self, tests: Sequence[TestDefinition]):
        self._exact: dict[str, int] = {}
        self._by_suffix: dict[str, int] = {}
        for i, test in enumerate(tests):
            key = definition_key(test)
            self._exact.setdefault(key, i)
            parts = key.split(".")
            # Suffixes keep at least module + name, so a bare "test_x" never matches by accident.
            for start in range(1, len(parts) - 1):
                suffix = ".".join(parts[start:])
                previous = self._by_suffix.get(suffix)
                self._by_suffix[suffix] = i if previous in (None, i) else _AMBIGUOUS

    def find(self, case: CaseResult) -> int | None:
        key = case_key(case)
        found = self._exact.get(key)
        if found is not None:
            return found
        found = self._by_suffix.get(key)
        if found is not None:
            return None if found == _AMBIGUOUS else found
        # The results carry extra leading folders (pytest ran from a parent folder).
        parts = key.split(".")
        for start in range(1, len(parts) - 1):
            suffix = ".".join(parts[start:])
            found = self._exact.get(suffix)
            if found is None:
                found = self._by_suffix.get(suffix)
            if found is not None:
                return None if found == _AMBIGUOUS else found
        return None

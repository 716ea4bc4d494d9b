"""Which files pytest would collect tests from, found as its directory collectors walk.

The walk starts at the testpaths (or the root) and goes down the folders, leaving out what
pytest's `pytest_ignore_collect` leaves out: `__pycache__`, virtualenvs, norecursedirs, and the
paths conftest.py files list in `collect_ignore` and `collect_ignore_glob`. A file is kept when it
matches python_files; a file named in testpaths is kept whatever its name.
"""

from __future__ import annotations

import glob
import os
from pathlib import Path

from sprintcheck.model import InputProblem
from sprintcheck.sources.conftests import (
    IgnoreEntry,
    IgnoreLists,
    IgnoreStatement,
    read_ignore_lists,
)
from sprintcheck.sources.pytest_config import PytestConfig, path_matches


def find_test_files(root: Path, config: PytestConfig, problems: list[InputProblem]) -> list[str]:
    """The test files under `root` in collection order, POSIX and relative to `root`."""
    return _Walk(root, config, problems).files()


class _Walk:
    def __init__(self, root: Path, config: PytestConfig, problems: list[InputProblem]):
        self.root = root
        self.config = config
        self.problems = problems
        self.found: dict[str, None] = {}
        self.visited: set[str] = set()
        self._ignore_lists: dict[str, IgnoreLists] = {}  # by folder: what applies to its entries
        # Conditional ignore statements, and the test files they were not applied to.
        self._not_applied: dict[IgnoreStatement, set[str]] = {}

    def files(self) -> list[str]:
        for rel in _start_paths(self.root, self.config, self.problems):
            full = os.path.join(self.root, rel)
            if os.path.isdir(full):
                # pytest never ignores the paths it was given (nor their parents).
                self._walk(full, rel, ())
            elif rel.endswith(".py"):
                self.found[rel] = None  # a file named in testpaths is collected whatever its name
        self._report_not_applied()
        return list(self.found)

    def _walk(self, path: str, rel: str, conditional: tuple[IgnoreEntry, ...]) -> None:
        """`conditional`: the conditional ignore entries that cover `path` itself."""
        real = os.path.realpath(path)
        if real in self.visited:  # a symlink loop, or a folder already reached another way
            return
        self.visited.add(real)
        try:
            with os.scandir(path) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            self.problems.append(InputProblem(rel or ".", f"cannot list folder: {exc.strerror}"))
            return
        ignores = [ignore for listed in self._lists_for(rel).values() for ignore in listed]
        for entry in entries:
            matching = [ignore for ignore in ignores if ignore.matches(entry.path)]
            if any(not ignore.statement.conditional for ignore in matching):
                continue
            # Policy for an ignore under a condition only running code could decide: the path is
            # counted as NOT ignored, and the count is reported. Such conditions nearly always
            # guard an environment that lacks something (an older Python, `sys.version_info <
            # (3, 8)`; an optional dependency, `except ImportError`; a data file), and the tests
            # are there for the environment that has it: the current, fully installed one that
            # CI and developers run. Counting them keeps the inventory to what exists whatever
            # Python sprintcheck runs on; the problem tells how many files the choice concerns.
            # (attrs 26.1 guards the other way, `if not PY_3_14_PLUS`: one test too many below
            # Python 3.14, and the report says so.)
            covering = (*conditional, *matching)
            child = f"{rel}/{entry.name}" if rel else entry.name
            if entry.is_dir():  # follows symlinks, as pytest does
                if not _skip_dir(entry.path, self.config.norecursedirs):
                    self._walk(entry.path, child, covering)
            elif entry.name.endswith(".py") and path_matches(self.config.python_files, entry.path):
                if entry.is_file():
                    self.found[child] = None
                    for ignore in covering:
                        self._not_applied.setdefault(ignore.statement, set()).add(child)
                elif entry.is_symlink():
                    self.problems.append(InputProblem(child, "cannot read: broken symbolic link"))

    def _lists_for(self, folder: str) -> IgnoreLists:
        """The lists pytest consults for the entries of `folder`: for each name, those of the
        nearest conftest.py (in `folder` or above) that binds it (pytest's `_rget_with_confmod`).
        """
        if folder not in self._ignore_lists:
            parent = self._lists_for(folder.rpartition("/")[0]) if folder else {}
            own = read_ignore_lists(self.root, folder, self.problems)
            self._ignore_lists[folder] = {**parent, **own}
        return self._ignore_lists[folder]

    def _report_not_applied(self) -> None:
        by_place = sorted(self._not_applied.items(), key=lambda item: _place(item[0]))
        for statement, files in by_place:
            counted = f"{len(files)} files under it are" if len(files) > 1 else "1 file under it is"
            self.problems.append(
                InputProblem(
                    statement.conftest,
                    f"{statement.name} depends on a runtime condition; "
                    f"{counted} counted as not ignored",
                    statement.line,
                )
            )


def _place(statement: IgnoreStatement) -> tuple[str, int]:
    return statement.conftest, statement.line


def _start_paths(root: Path, config: PytestConfig, problems: list[InputProblem]) -> list[str]:
    starts = []
    for pattern in config.testpaths:
        for match in sorted(glob.glob(pattern, root_dir=root, recursive=True)):
            rel = os.path.relpath(os.path.join(root, match), root)
            if not rel.startswith(os.pardir):
                starts.append("" if rel == os.curdir else Path(rel).as_posix())
    if config.testpaths and not starts:
        where = config.source or "testpaths"
        problems.append(
            InputProblem(where, "testpaths match nothing, so the whole root is searched")
        )
    return starts or [""]


def _skip_dir(path: str, norecursedirs: tuple[str, ...]) -> bool:
    if os.path.basename(path) == "__pycache__" or path_matches(norecursedirs, path):
        return True
    # A virtualenv (pytest's _in_venv).
    return os.path.isfile(os.path.join(path, "pyvenv.cfg")) or os.path.isfile(
        os.path.join(path, "conda-meta", "history")
    )

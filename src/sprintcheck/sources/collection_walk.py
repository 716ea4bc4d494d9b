"""Which files pytest would collect tests from, found as its directory collectors walk.

The walk starts at the testpaths (or the root) and goes down the folders, leaving out what
pytest's `pytest_ignore_collect` leaves out: `__pycache__`, virtualenvs, norecursedirs, and the
paths conftest.py files list in `collect_ignore` and `collect_ignore_glob`. A file is kept when it
matches python_files; a file named in testpaths is kept whatever its name.

`CollectionRules` holds those rules; the walk applies them folder by folder, and
`CollectionRules.is_collected` applies the same ones to a single path, for paths that need not
exist any more (the test files of a commit in the history). There is one definition of "a test
file" for the inventory and the timeline of tests written.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import re
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
    return _Walk(CollectionRules(root, config, problems)).files()


class CollectionRules:
    """What pytest collects under `root`, by its rules: testpaths, the folders it does not enter
    (`__pycache__`, virtualenvs, norecursedirs), conftest `collect_ignore`/`collect_ignore_glob`
    (read statically, from the files as they are now), python_files.

    `problems` receives what reading the rules finds (testpaths matching nothing, a conftest
    statement that cannot be read); the walk adds what it finds applying them.
    """

    def __init__(self, root: Path, config: PytestConfig, problems: list[InputProblem]):
        self.root = root
        self.config = config
        self.problems = problems
        self.starts = _start_paths(root, config, problems)
        # For paths that may not exist now, testpaths are matched as patterns; when they match
        # nothing now, the walk searches the whole root, and so does is_collected.
        self._start_patterns: list[tuple[str, ...]] = (
            [()] if self.starts == [""] else _start_patterns(root, config.testpaths)
        )
        self._ignore_lists: dict[str, IgnoreLists] = {}  # by folder: what applies to its entries
        self._ignores: dict[str, list[IgnoreEntry]] = {}
        self._enterable: dict[str, bool] = {}
        self._collected: dict[str, bool] = {}

    def ignores(self, folder: str) -> list[IgnoreEntry]:
        """The ignore entries pytest checks the entries of `folder` (POSIX, "" for the root)
        against."""
        if folder not in self._ignores:
            self._ignores[folder] = [
                e for listed in self._lists_for(folder).values() for e in listed
            ]
        return self._ignores[folder]

    def skips_dir(self, path: str) -> bool:
        """Whether pytest does not enter the folder at `path` (under root), when it is not a
        path it was given."""
        if os.path.basename(path) == "__pycache__" or path_matches(self.config.norecursedirs, path):
            return True
        # A virtualenv (pytest's _in_venv).
        return os.path.isfile(os.path.join(path, "pyvenv.cfg")) or os.path.isfile(
            os.path.join(path, "conda-meta", "history")
        )

    def matches_file(self, path: str) -> bool:
        """Whether the file at `path` (under root) is a test module by its name (python_files)."""
        return path.endswith(".py") and path_matches(self.config.python_files, path)

    def is_collected(self, rel: str) -> bool:
        """Whether pytest would collect the file at `rel` (POSIX, relative to root) were it there,
        by the same rules as the walk; the file need not exist. Folders are judged as they are
        now (a virtualenv's marker file, the conftest files' lists); a folder that is gone is
        entered unless its name or an ignore list keeps pytest out. An ignore under a runtime
        condition does not apply (the walk's policy)."""
        if not rel.endswith(".py"):
            return False
        known = self._collected.get(rel)
        if known is None:
            known = self._collected[rel] = self._decide(rel.split("/"))
        return known

    def _decide(self, parts: list[str]) -> bool:
        for depth in self._start_depths(parts):
            if depth == len(parts):
                return True  # a file named in testpaths is collected whatever its name
            if all(self._enters("/".join(parts[: i + 1])) for i in range(depth, len(parts) - 1)):
                rel = "/".join(parts)
                if self.matches_file(os.path.join(self.root, rel)) and not self._ignored(rel):
                    return True
        return False

    def _start_depths(self, parts: list[str]) -> list[int]:
        """The number of leading parts of a path that form a path pytest is given (testpaths)."""
        return sorted(
            {
                depth
                for pattern in self._start_patterns
                for depth in range(len(parts) + 1)
                if _glob_match(pattern, parts[:depth])
            }
        )

    def _enters(self, folder: str) -> bool:
        """Whether the walk goes into `folder` from its parent (not a path pytest is given)."""
        known = self._enterable.get(folder)
        if known is None:
            full = os.path.join(self.root, folder)
            known = not self._ignored(folder) and not self.skips_dir(full)
            self._enterable[folder] = known
        return known

    def _ignored(self, rel: str) -> bool:
        full = os.path.join(self.root, rel)
        return any(
            not ignore.statement.conditional and ignore.matches(full)
            for ignore in self.ignores(rel.rpartition("/")[0])
        )

    def _lists_for(self, folder: str) -> IgnoreLists:
        """The lists pytest consults for the entries of `folder`: for each name, those of the
        nearest conftest.py (in `folder` or above) that binds it (pytest's `_rget_with_confmod`).
        """
        if folder not in self._ignore_lists:
            parent = self._lists_for(folder.rpartition("/")[0]) if folder else {}
            own = read_ignore_lists(self.root, folder, self.problems)
            self._ignore_lists[folder] = {**parent, **own}
        return self._ignore_lists[folder]


class _Walk:
    def __init__(self, rules: CollectionRules):
        self.rules = rules
        self.root = rules.root
        self.problems = rules.problems
        self.found: dict[str, None] = {}
        self.visited: set[str] = set()
        # Conditional ignore statements, and the test files they were not applied to.
        self._not_applied: dict[IgnoreStatement, set[str]] = {}

    def files(self) -> list[str]:
        for rel in self.rules.starts:
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
        ignores = self.rules.ignores(rel)
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
                if not self.rules.skips_dir(entry.path):
                    self._walk(entry.path, child, covering)
            elif self.rules.matches_file(entry.path):
                if entry.is_file():
                    self.found[child] = None
                    for ignore in covering:
                        self._not_applied.setdefault(ignore.statement, set()).add(child)
                elif entry.is_symlink():
                    self.problems.append(InputProblem(child, "cannot read: broken symbolic link"))

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


def _start_patterns(root: Path, testpaths: tuple[str, ...]) -> list[tuple[str, ...]]:
    """testpaths as folder-by-folder glob patterns relative to root (those inside it)."""
    patterns = []
    for pattern in testpaths:
        rel = os.path.relpath(os.path.join(root, pattern), root)
        if not rel.startswith(os.pardir):
            patterns.append(() if rel == os.curdir else tuple(Path(rel).as_posix().split("/")))
    return patterns


_MAGIC = re.compile(r"[*?[]")


def _glob_match(pattern: tuple[str, ...], parts: list[str]) -> bool:
    """Whether `glob.glob(pattern, recursive=True)` would give the path `parts` were it there:
    `**` stands for any number of folders, and a wildcard matches no name starting with a dot."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return any(
            _glob_match(rest, parts[i:])
            for i in range(len(parts) + 1)
            if not any(part.startswith(".") for part in parts[:i])
        )
    if not parts:
        return False
    name = parts[0]
    if _MAGIC.search(head) is None:
        matched = head == name
    else:
        matched = (not name.startswith(".") or head.startswith(".")) and fnmatch.fnmatchcase(
            name, head
        )
    return matched and _glob_match(rest, parts[1:])

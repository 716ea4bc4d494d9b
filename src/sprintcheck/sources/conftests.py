"""What conftest.py files tell collection, read statically: which folders' conftest.py files apply
to a test module, and which paths their `collect_ignore` and `collect_ignore_glob` lists skip.

The lists are read from the conftest's top-level statements, never by importing it: a list of
string literals bound, `+=`, `.append(...)` or `.extend(...)`. A statement that changes a list in
any other way is not applied and is reported. A statement that runs only under a condition that
cannot be decided without running the conftest (an `if` on the Python version, a `try` around an
import) is kept apart, marked conditional, for the walk to decide.
"""

from __future__ import annotations

import ast
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.model import InputProblem
from sprintcheck.sources.python_syntax import literal_strings, parse_source, read_source, string

IGNORE_LISTS = ("collect_ignore", "collect_ignore_glob")
_TRY = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))
_LOOPS = (ast.For, ast.AsyncFor, ast.While)


@dataclass(frozen=True)
class IgnoreStatement:
    """A top-level conftest statement that adds paths to an ignore list."""

    conftest: str  # POSIX, relative to the root
    line: int
    name: str  # one of IGNORE_LISTS
    conditional: bool  # runs only under a condition that cannot be decided statically


@dataclass(frozen=True)
class IgnoreEntry:
    """One path or glob, made absolute as pytest makes it: against the conftest's folder."""

    pattern: str
    statement: IgnoreStatement

    def matches(self, path: str) -> bool:
        """Whether pytest's `pytest_ignore_collect` skips the absolute `path` for this entry."""
        if self.statement.name == "collect_ignore_glob":
            return fnmatch.fnmatch(path, self.pattern)
        return path == self.pattern


IgnoreLists = dict[str, list[IgnoreEntry]]  # only the names the conftest binds


def conftest_folders(path: str) -> list[str]:
    """The folders whose conftest.py applies to the module at `path`, nearest first."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def read_ignore_lists(root: Path, folder: str, problems: list[InputProblem]) -> IgnoreLists:
    """The ignore lists `folder`/conftest.py binds (`folder` POSIX, relative to `root`).

    A conftest that cannot be read or parsed gives none: pytest would stop on it, and the
    inventory of its fixtures passes over it the same way.
    """
    rel = f"{folder}/conftest.py" if folder else "conftest.py"
    path = root / rel
    if not path.is_file():
        return {}
    data = read_source(path, rel)
    # Most conftests never mention the lists; they are not parsed twice for nothing.
    if isinstance(data, InputProblem) or b"collect_ignore" not in data:
        return {}
    tree = parse_source(data, rel)
    if isinstance(tree, InputProblem):
        return {}
    reader = _IgnoreListReader(rel, str(path.parent), problems)
    reader.body(tree.body, conditional=False)
    return reader.lists


class _IgnoreListReader:
    """Follows the top-level statements that bind or change the ignore lists, in order."""

    def __init__(self, conftest: str, folder: str, problems: list[InputProblem]):
        self.conftest = conftest
        self.folder = folder
        self.problems = problems
        self.lists: IgnoreLists = {}
        # Other top-level names bound to lists of string literals, as networkx's
        # `collect_ignore += needs_numpy`.
        self._literal_lists: dict[str, list[str]] = {}

    def body(self, body: list[ast.stmt], conditional: bool) -> None:
        for stmt in body:
            if isinstance(stmt, ast.If):
                if isinstance(stmt.test, ast.Constant):  # `if True:`, `if 0:`
                    self.body(stmt.body if stmt.test.value else stmt.orelse, conditional)
                else:
                    self.body([*stmt.body, *stmt.orelse], conditional=True)
            elif isinstance(stmt, (ast.With, ast.AsyncWith)):
                self.body(stmt.body, conditional)
            elif isinstance(stmt, _TRY):
                # Whether the body runs to its end, or a handler runs, depends on what raises.
                for block in (stmt.body, *(h.body for h in stmt.handlers), stmt.orelse):
                    self.body(block, conditional=True)
                self.body(stmt.finalbody, conditional)
            elif isinstance(stmt, _LOOPS):
                self.body([*stmt.body, *stmt.orelse], conditional=True)
            elif isinstance(stmt, ast.Match):
                for case in stmt.cases:
                    self.body(case.body, conditional=True)
            elif not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self._statement(stmt, conditional)

    def _statement(self, stmt: ast.stmt, conditional: bool) -> None:
        change = _change(stmt)
        if change is None:
            for name in _names_used(stmt):
                self._unreadable(name, stmt)
            self._remember(stmt, conditional)
            return
        name, rebinds, added, single = change
        values = self._strings(added, single)
        if values is None:
            self._unreadable(name, stmt)
            self.lists.setdefault(name, [])
            return
        statement = IgnoreStatement(self.conftest, stmt.lineno, name, conditional)
        entries = [IgnoreEntry(self._absolute(value), statement) for value in values]
        if rebinds and not conditional:
            self.lists[name] = entries
        else:  # a conditional rebinding is kept beside what it would replace: see the walk
            self.lists.setdefault(name, []).extend(entries)

    def _strings(self, expr: ast.expr, single: bool) -> list[str] | None:
        """The strings `expr` adds: one string if `single`, else a list of them."""
        if single:
            value = string(expr)
            return None if value is None else [value]
        if isinstance(expr, ast.Name) and expr.id in self._literal_lists:
            return self._literal_lists[expr.id]
        return literal_strings(expr)

    def _remember(self, stmt: ast.stmt, conditional: bool) -> None:
        """Keep what names an unconditional assignment binds to a literal list of strings; any
        other statement that mentions such a name may change it, so it is forgotten."""
        values = None
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and not conditional:
            values = literal_strings(stmt.value)
        for node in ast.walk(stmt):
            if isinstance(node, ast.Name) and node.id not in IGNORE_LISTS:
                if values is not None and isinstance(node.ctx, ast.Store):
                    self._literal_lists[node.id] = values
                else:
                    self._literal_lists.pop(node.id, None)

    def _absolute(self, value: str) -> str:
        # pytest: absolutepath(conftest folder / entry), which also folds "..", "." and "//".
        return os.path.abspath(os.path.join(self.folder, value.replace("/", os.sep)))

    def _unreadable(self, name: str, stmt: ast.stmt) -> None:
        self.problems.append(
            InputProblem(
                self.conftest,
                f"{name} could not be read statically, so this statement is not applied",
                stmt.lineno,
            )
        )


def _change(stmt: ast.stmt) -> tuple[str, bool, ast.expr, bool] | None:
    """(list name, whether it rebinds the name, what it adds, whether that is one item)."""
    if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        name = next(
            (t.id for t in targets if isinstance(t, ast.Name) and t.id in IGNORE_LISTS), None
        )
        return None if name is None else (name, True, stmt.value, False)
    if isinstance(stmt, ast.AugAssign) and isinstance(stmt.op, ast.Add):
        target = stmt.target
        if isinstance(target, ast.Name) and target.id in IGNORE_LISTS:
            return target.id, False, stmt.value, False
    if isinstance(stmt, ast.Expr) and isinstance(call := stmt.value, ast.Call):
        method = call.func
        if (
            isinstance(method, ast.Attribute)
            and isinstance(method.value, ast.Name)
            and method.value.id in IGNORE_LISTS
            and method.attr in ("append", "extend")
            and len(call.args) == 1
            and not call.keywords
        ):
            return method.value.id, False, call.args[0], method.attr == "append"
    return None


def _names_used(stmt: ast.stmt) -> list[str]:
    """The ignore lists a statement mentions (in a way `_change` does not read)."""
    used = {node.id for node in ast.walk(stmt) if isinstance(node, ast.Name)}
    return [name for name in IGNORE_LISTS if name in used]

"""The tests that exist: what pytest would collect, found by parsing test files, never importing.

Each file (test modules, the conftest.py files above them, the modules they import from the
project) is parsed once into the namespace its top level would leave behind, bound statement by
statement; collection then applies pytest's rules to those namespaces. Not modelled, because only
running code could tell: conftest hooks and `collect_ignore`, plugins and their fixtures, options
in addopts, tests made by `setattr`, `exec` or a metaclass, and the parameter sets a
`pytest_generate_tests` hook adds (such tests get no case count).
"""

from __future__ import annotations

import ast
import builtins
import fnmatch
import gc
import glob
import io
import os
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sprintcheck.errors import InventoryError
from sprintcheck.model import InputProblem, Inventory, Location, TestDefinition
from sprintcheck.sources.pytest_config import PytestConfig

_FIXTURE = frozenset({"fixture", "yield_fixture"})
# Decorators whose result is not callable, so pytest does not collect it.
_NOT_CALLABLE = frozenset({"property", "cached_property", "setter", "getter", "deleter"})
_ABSTRACT = frozenset({"abstractmethod", "abstractproperty", "abstractclassmethod"})
_BLOCKS = tuple(
    getattr(ast, name)
    for name in ("If", "Try", "TryStar", "With", "AsyncWith", "For", "AsyncFor", "While")
    if hasattr(ast, name)
)

Marks = list[tuple[ast.expr, "_Module"]]


def scan_tests(root: Path, config: PytestConfig) -> Inventory:
    """Every test definition under `root` as pytest would collect it.

    A file that cannot be read, decoded or parsed becomes an InputProblem and the rest is still
    inventoried; `files_scanned` counts the test files parsed. A root that is not an existing
    folder is an InventoryError: there is no project to report on.
    """
    root = Path(os.path.abspath(root))
    if not root.is_dir():
        reason = "not a folder" if root.exists() else "no such folder"
        raise InventoryError(f"{reason}, cannot look for tests", path=root)
    problems = list(config.problems)
    project = _Project(root)
    collector = _Collector(project, config)
    tests: list[TestDefinition] = []
    scanned = 0
    # Parsing leaves millions of long-lived nodes; the cyclic collector would walk them again
    # and again, doubling the time. Nothing here needs it while the scan runs.
    collecting_garbage = gc.isenabled()
    gc.disable()
    try:
        for rel in _test_files(root, config, problems):
            module = project.load(rel, problems)
            if module is not None:
                scanned += 1
                tests.extend(collector.module_tests(module))
    finally:
        # Modules, classes and functions point at each other; untie them so reference counting
        # frees the scan at once instead of leaving a pile of cycles for the next collection.
        project.release()
        if collecting_garbage:
            gc.enable()
    return Inventory(tuple(tests), scanned, tuple(problems))


# --- which files ---------------------------------------------------------------------------------


def _test_files(root: Path, config: PytestConfig, problems: list[InputProblem]) -> list[str]:
    found: dict[str, None] = {}
    visited: set[str] = set()
    for rel in _start_paths(root, config, problems):
        full = os.path.join(root, rel)
        if os.path.isdir(full):
            _walk(full, rel, config, found, visited, problems)
        elif rel.endswith(".py"):
            found[rel] = None  # a file named in testpaths is collected whatever its name
    return list(found)


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


def _walk(
    path: str,
    rel: str,
    config: PytestConfig,
    found: dict[str, None],
    visited: set[str],
    problems: list[InputProblem],
) -> None:
    real = os.path.realpath(path)
    if real in visited:  # a symlink loop, or a folder already reached another way
        return
    visited.add(real)
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(InputProblem(rel or ".", f"cannot list folder: {exc.strerror}"))
        return
    for entry in entries:
        child = f"{rel}/{entry.name}" if rel else entry.name
        if entry.is_dir():  # follows symlinks, as pytest does
            if not _skip_dir(entry.path, config.norecursedirs):
                _walk(entry.path, child, config, found, visited, problems)
        elif entry.name.endswith(".py") and _path_matches(config.python_files, entry.path):
            if entry.is_file():
                found[child] = None
            elif entry.is_symlink():
                problems.append(InputProblem(child, "cannot read: broken symbolic link"))


def _skip_dir(path: str, norecursedirs: tuple[str, ...]) -> bool:
    if os.path.basename(path) == "__pycache__" or _path_matches(norecursedirs, path):
        return True
    # A virtualenv (pytest's _in_venv).
    return os.path.isfile(os.path.join(path, "pyvenv.cfg")) or os.path.isfile(
        os.path.join(path, "conda-meta", "history")
    )


def _path_matches(patterns: tuple[str, ...], path: str) -> bool:
    """pytest's fnmatch_ex: a pattern without a slash matches the name, else the whole path."""
    name = os.path.basename(path)
    return any(
        fnmatch.fnmatch(path, f"*/{pattern}") if "/" in pattern else fnmatch.fnmatch(name, pattern)
        for pattern in patterns
    )


# --- what a file binds ---------------------------------------------------------------------------


@dataclass(eq=False)
class _Module:
    path: str  # POSIX, relative to the root
    directory: Path
    names: dict[str, _Binding] = field(default_factory=dict)


@dataclass(eq=False)
class _Func:
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
    module: _Module
    in_class: bool = False
    test_flag: ast.expr | None = None  # from `func.__test__ = ...`
    decorators: list[ast.expr] = field(init=False)
    decorated: dict[str, ast.expr] = field(init=False)  # by the decorator's last name

    def __post_init__(self) -> None:
        self.decorators = [] if isinstance(self.node, ast.Lambda) else self.node.decorator_list
        self.decorated = {}
        for decorator in self.decorators:
            self.decorated.setdefault(_last_name(decorator), decorator)


@dataclass(frozen=True)
class _Base:
    """A base class as written: the binding its first name had then, the attributes after it."""

    binding: _Binding | None
    attrs: tuple[str, ...]
    dotted: str


@dataclass(eq=False)
class _Class:
    node: ast.ClassDef
    module: _Module
    bases: list[_Base]
    names: dict[str, _Binding] = field(default_factory=dict)
    resolved_bases: list[_Class | _External] | None = None
    mro: list[_Class] | None = None


@dataclass(frozen=True)
class _Import:
    module: str
    level: int
    name: str | None  # None: the binding is the module itself
    importer: _Module


@dataclass(frozen=True)
class _Value:
    """Any other binding; the expression is kept for marks and `__test__`."""

    expr: ast.expr | None
    module: _Module | None = None


@dataclass(frozen=True)
class _External:
    """Something outside the scanned files: a builtin, the standard library, a dependency."""

    dotted: str


_Binding = _Func | _Class | _Import | _Value
_Resolved = _Func | _Class | _Module | _Value | _External | None


class _Project:
    """The parsed modules (each file parsed at most once) and name resolution across them."""

    def __init__(self, root: Path):
        self.root = root
        self._modules: dict[str, _Module | None] = {}
        self._failures: dict[str, InputProblem] = {}
        self._found: dict[tuple[Path, str, int], str | None] = {}

    def release(self) -> None:
        """Break the reference cycles between parsed modules, classes and functions."""
        for module in self._modules.values():
            if module is None:
                continue
            for binding in module.names.values():
                if isinstance(binding, _Class):
                    binding.names.clear()
                    binding.mro = None
                    binding.resolved_bases = None
            module.names.clear()
        self._modules.clear()
        self._found.clear()

    def load(self, rel: str, problems: list[InputProblem] | None = None) -> _Module | None:
        """The module at `rel`; `problems` receives why a test file could not be read."""
        if rel not in self._modules:
            self._modules[rel] = None  # stops a star-import cycle while this module is built
            tree = _parse(self.root / rel, rel, self._failures)
            if tree is not None:
                module = self._modules[rel] = _Module(rel, (self.root / rel).parent)
                _Builder(self, module).body(tree.body, module.names)
        if problems is not None and rel in self._failures:
            problems.append(self._failures[rel])
        return self._modules[rel]

    def find_module(self, importer: _Module, dotted: str, level: int) -> _Module | None:
        key = (importer.directory, dotted, level)
        if key not in self._found:
            self._found[key] = self._module_file(importer.directory, dotted, level)
        rel = self._found[key]
        return None if rel is None else self.load(rel)

    def _module_file(self, directory: Path, dotted: str, level: int) -> str | None:
        if level:
            folders = [directory, *directory.parents]
            search = folders[level - 1 : level]
        else:  # sys.path as pytest's default import mode leaves it, roughly
            search = list(dict.fromkeys((_basedir(directory), self.root, self.root / "src")))
        parts = dotted.split(".") if dotted else []
        for folder in search:
            target = folder.joinpath(*parts)
            candidates = [target.with_name(f"{parts[-1]}.py")] if parts else []
            for candidate in (*candidates, target / "__init__.py"):
                rel = os.path.relpath(candidate, self.root)
                if not rel.startswith(os.pardir) and candidate.is_file():
                    return Path(rel).as_posix()
        return None

    def resolve(
        self, binding: _Binding | None, attrs: tuple[str, ...] = (), depth: int = 0
    ) -> _Resolved:
        """What a name (followed by attributes) finally denotes, following imports."""
        if depth > 32:
            return None
        if isinstance(binding, _Import):
            module = self.find_module(binding.importer, binding.module, binding.level)
            names = attrs if binding.name is None else (binding.name, *attrs)
            if module is None:
                return _External(".".join(filter(None, (binding.module, *names))))
            return self._in_module(module, binding, binding.module, names, depth + 1)
        if not attrs:
            return binding
        if isinstance(binding, _Class):
            return self.resolve(binding.names.get(attrs[0]), attrs[1:], depth + 1)
        return None

    def _in_module(
        self, module: _Module, imp: _Import, dotted: str, attrs: tuple[str, ...], depth: int
    ) -> _Resolved:
        if not attrs:
            return module
        head, rest = attrs[0], attrs[1:]
        if head in module.names:
            return self.resolve(module.names[head], rest, depth + 1)
        dotted = f"{dotted}.{head}" if dotted else head
        submodule = self.find_module(imp.importer, dotted, imp.level)
        if submodule is None:
            return _External(".".join((dotted, *rest)))
        return self._in_module(submodule, imp, dotted, rest, depth + 1)

    def bases(self, cls: _Class) -> list[_Class | _External]:
        if cls.resolved_bases is None:
            cls.resolved_bases = []
            for base in cls.bases:
                if base.binding is None:  # a builtin, or a name never bound
                    target: _Resolved = _External(base.dotted)
                else:
                    target = self.resolve(base.binding, base.attrs)
                if isinstance(target, (_Class, _External)) and target is not cls:
                    cls.resolved_bases.append(target)
        return cls.resolved_bases

    def class_mro(self, cls: _Class) -> list[_Class]:
        """C3 over the bases found in the scanned files; other bases contribute no names."""
        if cls.mro is None:
            cls.mro = [cls]  # what a cyclic lookup sees while this one is computed
            parents = [base for base in self.bases(cls) if isinstance(base, _Class)]
            cls.mro = [cls, *_c3_merge([*(self.class_mro(p) for p in parents), parents])]
        return cls.mro

    def externals(self, cls: _Class) -> list[str]:
        return [
            base.dotted
            for klass in self.class_mro(cls)
            for base in self.bases(klass)
            if isinstance(base, _External)
        ]


def _c3_merge(sequences: list[list[_Class]]) -> list[_Class]:
    result: list[_Class] = []
    pending = [seq for seq in sequences if seq]
    while pending:
        candidates = (seq[0] for seq in pending)
        head = next((c for c in candidates if not any(c in seq[1:] for seq in pending)), None)
        head = pending[0][0] if head is None else head  # inconsistent: Python would refuse it
        result.append(head)
        pending = [rest for seq in pending if (rest := [c for c in seq if c is not head])]
    return result


def _basedir(directory: Path) -> Path:
    """The folder pytest's default import mode puts on sys.path for a module in `directory`."""
    while (directory / "__init__.py").is_file() and directory.parent != directory:
        directory = directory.parent
    return directory


def _parse(path: Path, rel: str, failures: dict[str, InputProblem]) -> ast.Module | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        failures[rel] = InputProblem(rel, f"cannot read: {exc.strerror or exc}")
        return None
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except SyntaxError as exc:  # an unknown or contradictory coding cookie
        failures[rel] = InputProblem(rel, f"cannot decode: {exc.msg}", exc.lineno)
        return None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        failures[rel] = InputProblem(rel, f"cannot decode as {exc.encoding}: {exc.reason}", line)
        return None
    try:
        return ast.parse(text, filename=rel)
    except SyntaxError as exc:
        failures[rel] = InputProblem(rel, f"syntax error: {exc.msg}", exc.lineno)
    except (ValueError, RecursionError, MemoryError) as exc:
        failures[rel] = InputProblem(rel, f"cannot parse: {exc}")
    return None


class _Builder:
    """Binds names statement by statement, as running the module or class body would."""

    def __init__(self, project: _Project, module: _Module):
        self.project = project
        self.module = module

    def body(
        self, body: list[ast.stmt], names: dict[str, _Binding], in_class: bool = False
    ) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names[stmt.name] = _Func(stmt, self.module, in_class)
                # Bodies are never looked into: dropping them keeps thousands of trees small.
                stmt.body = []
            elif isinstance(stmt, ast.ClassDef):
                cls = _Class(
                    stmt, self.module, [self._base(b, names) for b in stmt.bases if _dotted(b)]
                )
                self.body(stmt.body, cls.names, in_class=True)
                names[stmt.name] = cls
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    names[bound] = _Import(
                        alias.name if alias.asname else bound, 0, None, self.module
                    )
            elif isinstance(stmt, ast.ImportFrom):
                self._import_from(stmt, names)
            elif isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                self._assign(stmt, names, in_class)
            elif isinstance(stmt, ast.Delete):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        names.pop(target.id, None)
            elif isinstance(stmt, _BLOCKS):
                # Every branch of a conditional definition: the last one bound wins.
                for block in ("body", "orelse", "finalbody"):
                    self.body(getattr(stmt, block, []), names, in_class)
                for handler in getattr(stmt, "handlers", []):
                    self.body(handler.body, names, in_class)

    def _lookup(self, name: str, names: dict[str, _Binding]) -> _Binding | None:
        # A class body sees its own names, then the module's (never an enclosing class's).
        return names.get(name) or self.module.names.get(name)

    def _base(self, expr: ast.expr, names: dict[str, _Binding]) -> _Base:
        dotted = _dotted(expr) or ""
        first, *attrs = dotted.split(".")
        return _Base(self._lookup(first, names), tuple(attrs), dotted)

    def _import_from(self, stmt: ast.ImportFrom, names: dict[str, _Binding]) -> None:
        dotted = stmt.module or ""
        for alias in stmt.names:
            if alias.name != "*":
                names[alias.asname or alias.name] = _Import(
                    dotted, stmt.level, alias.name, self.module
                )
                continue
            source = self.project.find_module(self.module, dotted, stmt.level)
            if source is not None:
                public = _literal_strings(source.names.get("__all__"))
                for name, binding in list(source.names.items()):
                    if name in public if public is not None else not name.startswith("_"):
                        names[name] = binding

    def _assign(
        self,
        stmt: ast.Assign | ast.AnnAssign | ast.AugAssign,
        names: dict[str, _Binding],
        in_class: bool,
    ) -> None:
        if isinstance(stmt, ast.AnnAssign) and stmt.value is None:
            return  # an annotation alone binds nothing
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        value = None if isinstance(stmt, ast.AugAssign) else stmt.value
        for target in targets:
            if isinstance(target, ast.Name):
                names[target.id] = self._value(value, names, in_class)
            elif isinstance(target, ast.Attribute) and target.attr == "__test__":
                owner = names.get(target.value.id) if isinstance(target.value, ast.Name) else None
                if isinstance(owner, _Func):
                    owner.test_flag = value
                elif isinstance(owner, _Class):
                    owner.names["__test__"] = _Value(value, self.module)
            elif isinstance(target, (ast.Tuple, ast.List)):
                for element in ast.walk(target):
                    if isinstance(element, ast.Name):
                        names[element.id] = _Value(None)

    def _value(
        self, value: ast.expr | None, names: dict[str, _Binding], in_class: bool
    ) -> _Binding:
        if isinstance(value, ast.Lambda):
            return _Func(value, self.module, in_class)
        if isinstance(value, ast.Name) and (alias := self._lookup(value.id, names)) is not None:
            return alias
        return _Value(value, self.module)


def _dotted(expr: ast.expr) -> str | None:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        head = _dotted(expr.value)
        return f"{head}.{expr.attr}" if head else None
    return None


def _last_name(expr: ast.expr) -> str:
    dotted = _dotted(expr.func if isinstance(expr, ast.Call) else expr)
    return dotted.rsplit(".", 1)[-1] if dotted else ""


def _string(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def _strings(exprs: list[ast.expr]) -> list[str]:
    return [value for expr in exprs if (value := _string(expr)) is not None]


def _literal_strings(binding: _Binding | None) -> set[str] | None:
    if isinstance(binding, _Value) and isinstance(binding.expr, (ast.List, ast.Tuple)):
        values = _strings(binding.expr.elts)
        if len(values) == len(binding.expr.elts):
            return set(values)
    return None


def _flag(binding: _Binding | ast.expr | None) -> ast.expr | None:
    """The expression bound to a `__test__` attribute, if any."""
    if isinstance(binding, _Value):
        return binding.expr
    return binding if isinstance(binding, ast.expr) else None


def _switched_off(binding: _Binding | ast.expr | None) -> bool:
    """`__test__` set to a false literal (pytest: `not getattr(obj, "__test__", True)`)."""
    expr = _flag(binding)
    return isinstance(expr, ast.Constant) and not expr.value


def _switched_on(binding: _Binding | ast.expr | None) -> bool:
    """`__test__ = True`, which collects a class or function whatever its name."""
    expr = _flag(binding)
    return isinstance(expr, ast.Constant) and expr.value is True


# --- what pytest collects ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    """What the enclosing module and classes contribute to a test: marks and fixtures."""

    module: _Module
    marks: Marks
    generated: bool  # a pytest_generate_tests hook may add parameter sets nobody can count
    fixtures: tuple[dict[str, _Func], ...]  # innermost scope first


class _Collector:
    def __init__(self, project: _Project, config: PytestConfig):
        self.project = project
        self.config = config
        self._conftests: dict[str, tuple[dict[str, _Func], bool]] = {}

    def module_tests(self, module: _Module) -> Iterator[TestDefinition]:
        if _switched_off(module.names.get("__test__")):
            return
        resolved = [(name, self.project.resolve(binding)) for name, binding in module.names.items()]
        conftests = [self._conftest(folder) for folder in _folders(module.path)]
        context = _Context(
            module,
            _pytestmark(module.names.get("pytestmark"), module),
            "pytest_generate_tests" in module.names or any(hook for _, hook in conftests),
            (_fixtures(resolved), *(fixtures for fixtures, _ in conftests)),
        )
        # Imported test classes and functions are collected here too, as pytest does.
        for name, target in resolved:
            if isinstance(target, _Class) and self._is_test_class(name, target):
                yield from self._class_tests(target, [name], context)
            elif isinstance(target, _Func) and self._is_test_function(name, target):
                yield self._definition(None, name, target, context)

    def _conftest(self, folder: str) -> tuple[dict[str, _Func], bool]:
        """The fixtures of `folder`/conftest.py, and whether it has a pytest_generate_tests hook."""
        if folder not in self._conftests:
            rel = f"{folder}/conftest.py" if folder else "conftest.py"
            module = self.project.load(rel) if (self.project.root / rel).is_file() else None
            names = module.names if module else {}
            resolved = [(name, self.project.resolve(binding)) for name, binding in names.items()]
            self._conftests[folder] = (_fixtures(resolved), "pytest_generate_tests" in names)
        return self._conftests[folder]

    def _class_tests(
        self, cls: _Class, chain: list[str], outer: _Context
    ) -> Iterator[TestDefinition]:
        mro = self.project.class_mro(cls)
        if _switched_off(_lookup(mro, "__test__")):
            return
        if self._is_unittest(cls):
            yield from self._unittest_tests(cls, mro, chain, outer.module)
            return
        if self._has_constructor(cls, mro):
            return  # pytest warns "cannot collect test class ... because it has a __init__"
        attributes = [(name, self.project.resolve(b)) for name, b in _attributes(mro).items()]
        context = _Context(
            outer.module,
            outer.marks + [mark for klass in mro for mark in _class_marks(klass)],
            outer.generated or any("pytest_generate_tests" in klass.names for klass in mro),
            (_fixtures(attributes), *outer.fixtures),
        )
        for name, target in attributes:
            if isinstance(target, _Class) and self._is_test_class(name, target):
                yield from self._class_tests(target, [*chain, name], context)
            elif isinstance(target, _Func) and self._is_test_function(name, target):
                yield self._definition("::".join(chain), name, target, context)

    def _unittest_tests(
        self, cls: _Class, mro: list[_Class], chain: list[str], module: _Module
    ) -> Iterator[TestDefinition]:
        """unittest's loader rule: callable attributes named "test...", not python_functions."""
        found: dict[str, Location] = {}
        for name, binding in _attributes(mro).items():
            target = self.project.resolve(binding)
            if isinstance(target, _Func) and _is_callable(target):
                if not _switched_off(target.test_flag):
                    found[name] = Location(target.module.path, target.node.lineno)
            elif isinstance(target, (_Class, _External)):
                found[name] = Location(cls.module.path, cls.node.lineno)
        names = sorted(name for name in found if name.startswith("test"))
        for name in names or [name for name in ("runTest",) if name in found]:
            yield TestDefinition(module.path, "::".join(chain), name, found[name])

    def _definition(
        self, cls: str | None, name: str, func: _Func, context: _Context
    ) -> TestDefinition:
        location = Location(func.module.path, func.node.lineno)
        marks = context.marks + [(expr, func.module) for expr in func.decorators]
        cases = None if context.generated else self._case_count(func, marks, context.fixtures)
        return TestDefinition(context.module.path, cls, name, location, cases)

    def _is_test_function(self, name: str, func: _Func) -> bool:
        if _switched_off(func.test_flag):
            return False
        if not (_switched_on(func.test_flag) or _name_matches(name, self.config.python_functions)):
            return False
        return _is_callable(func) and _fixture_decorator(func) is None

    def _is_test_class(self, name: str, cls: _Class) -> bool:
        mro = self.project.class_mro(cls)
        named = _name_matches(name, self.config.python_classes)
        if not (named or self._is_unittest(cls) or _switched_on(_lookup(mro, "__test__"))):
            return False
        return not self._is_abstract(cls, mro)

    def _is_unittest(self, cls: _Class) -> bool:
        # unittest.TestCase, IsolatedAsyncioTestCase, django's TestCase...: names that say so.
        return any(dotted.endswith("TestCase") for dotted in self.project.externals(cls))

    def _has_constructor(self, cls: _Class, mro: list[_Class]) -> bool:
        if any("__init__" in k.names or "__new__" in k.names for k in mro):
            return True
        if any(_last_name(d) == "dataclass" for k in mro for d in k.node.decorator_list):
            return True
        return any(_builtin_with_constructor(dotted) for dotted in self.project.externals(cls))

    def _is_abstract(self, cls: _Class, mro: list[_Class]) -> bool:
        """inspect.isabstract: an ABCMeta class with an abstract method nobody overrode."""
        abc_meta = any(d.endswith(("ABC", "ABCMeta")) for d in self.project.externals(cls)) or any(
            keyword.arg == "metaclass" and _last_name(keyword.value) == "ABCMeta"
            for klass in mro
            for keyword in klass.node.keywords
        )
        return abc_meta and any(
            isinstance(binding, _Func) and not _ABSTRACT.isdisjoint(binding.decorated)
            for binding in _attributes(mro).values()
        )

    def _case_count(
        self, func: _Func, marks: Marks, fixtures: tuple[dict[str, _Func], ...]
    ) -> int | None:
        """Parameter sets: parametrize marks times parametrized fixtures; None if one is unknown."""
        count = 1
        direct: set[str] = set()
        requested = _argnames(func)
        for expr, module in marks:
            if isinstance(expr, ast.Name):  # a mark kept in a module variable
                named = self.project.resolve(module.names.get(expr.id))
                if isinstance(named, _Value) and named.expr is not None:
                    expr = named.expr
            if not isinstance(expr, ast.Call):
                continue
            if _last_name(expr) == "usefixtures":
                requested += _strings(expr.args)
            elif _last_name(expr) == "parametrize":
                argnames = _argument(expr, 0, "argnames")
                if isinstance(argnames, (ast.List, ast.Tuple)):
                    direct.update(_strings(argnames.elts))
                else:
                    direct.update(part.strip() for part in (_string(argnames) or "").split(","))
                sets = _literal_length(_argument(expr, 1, "argvalues"))
                if sets is None:
                    return None
                count *= sets
        autouse = [name for scope in fixtures for name, f in scope.items() if _autouse(f)]
        fixture_sets = _fixture_sets(requested + autouse, direct, fixtures)
        return None if fixture_sets is None else count * fixture_sets


def _fixture_sets(
    requested: list[str], direct: set[str], scopes: tuple[dict[str, _Func], ...]
) -> int | None:
    """The product of the params of every fixture in the closure (each fixture counted once).

    A directly parametrized name overrides the fixture of that name, as in pytest.
    """
    count = 1
    seen = {*direct, "request"}
    pending = list(requested)
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        fixture = next((scope[name] for scope in scopes if name in scope), None)
        if fixture is None:
            continue  # a plugin's fixture, or no fixture at all
        decorator = _fixture_decorator(fixture)
        params = _argument(decorator, None, "params") if isinstance(decorator, ast.Call) else None
        if params is not None:
            sets = _literal_length(params)
            if sets is None:
                return None
            count *= sets
        pending.extend(_argnames(fixture))
    return count


def _fixtures(resolved: list[tuple[str, _Resolved]]) -> dict[str, _Func]:
    """The fixtures a namespace defines, under the name they are requested by."""
    found: dict[str, _Func] = {}
    for name, target in resolved:
        if isinstance(target, _Func) and (decorator := _fixture_decorator(target)) is not None:
            alias = _argument(decorator, None, "name") if isinstance(decorator, ast.Call) else None
            found[_string(alias) or name] = target
    return found


def _fixture_decorator(func: _Func) -> ast.expr | None:
    return func.decorated.get("fixture") or func.decorated.get("yield_fixture")


def _autouse(func: _Func) -> bool:
    decorator = _fixture_decorator(func)
    flag = _argument(decorator, None, "autouse") if isinstance(decorator, ast.Call) else None
    return isinstance(flag, ast.Constant) and flag.value is True


def _argnames(func: _Func) -> list[str]:
    """The arguments pytest fills with fixtures: those without defaults, minus a bound `self`."""
    args = func.node.args
    positional = [*args.posonlyargs, *args.args]
    positional = positional[: len(positional) - len(args.defaults)]
    if func.in_class and "staticmethod" not in func.decorated:
        positional = positional[1:]
    keyword_only = [
        a for a, default in zip(args.kwonlyargs, args.kw_defaults, strict=True) if default is None
    ]
    names = [arg.arg for arg in (*positional, *keyword_only)]
    given = func.decorated.get("given")
    if isinstance(given, ast.Call):
        # Hypothesis's @given fills the last positional arguments and the named ones itself.
        filled = {keyword.arg for keyword in given.keywords}
        filled.update(arg.arg for arg in positional[len(positional) - len(given.args) :])
        names = [name for name in names if name not in filled]
    return names


def _argument(call: ast.Call, position: int | None, keyword: str) -> ast.expr | None:
    for item in call.keywords:
        if item.arg == keyword:
            return item.value
    return call.args[position] if position is not None and len(call.args) > position else None


def _literal_length(expr: ast.expr | None) -> int | None:
    """How many parameter sets a literal list or tuple holds (an empty one still gives a case)."""
    if not isinstance(expr, (ast.List, ast.Tuple)):
        return None
    if any(isinstance(element, ast.Starred) for element in expr.elts):
        return None
    return max(len(expr.elts), 1)


def _folders(path: str) -> list[str]:
    """The folders whose conftest.py applies to the module at `path`, nearest first."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _builtin_with_constructor(name: str) -> bool:
    """pytest's hasinit/hasnew for a builtin base class such as Exception or int."""
    builtin = getattr(builtins, name, None)
    return isinstance(builtin, type) and any(
        getattr(builtin, method) is not getattr(object, method)
        for method in ("__init__", "__new__")
    )


def _attributes(mro: list[_Class]) -> dict[str, _Binding]:
    """A class's attributes as `getattr` finds them: the first class in the MRO wins."""
    found: dict[str, _Binding] = {}
    for klass in mro:
        for name, binding in klass.names.items():
            found.setdefault(name, binding)
    return found


def _lookup(mro: list[_Class], name: str) -> _Binding | None:
    return next((klass.names[name] for klass in mro if name in klass.names), None)


def _class_marks(cls: _Class) -> Marks:
    own = [(expr, cls.module) for expr in cls.node.decorator_list]
    return _pytestmark(cls.names.get("pytestmark"), cls.module) + own


def _pytestmark(binding: _Binding | None, module: _Module) -> Marks:
    if not isinstance(binding, _Value) or binding.expr is None:
        return []
    expr = binding.expr
    elements = expr.elts if isinstance(expr, (ast.List, ast.Tuple)) else [expr]
    return [(element, binding.module or module) for element in elements]


def _is_callable(func: _Func) -> bool:
    return _NOT_CALLABLE.isdisjoint(func.decorated)


def _name_matches(name: str, options: tuple[str, ...]) -> bool:
    """pytest's rule for python_functions and python_classes: a prefix, or a glob."""
    return any(
        name.startswith(option)
        or (any(c in option for c in "*?[") and fnmatch.fnmatch(name, option))
        for option in options
    )

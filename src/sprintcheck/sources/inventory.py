"""The tests that exist: what pytest would collect, found by parsing test files, never importing.

The test files come from the collection walk (`collection_walk`); each is bound into the
namespace its top level would leave behind (`python_bindings`); this module applies pytest's
collection rules to those namespaces: which functions and classes are tests, their marks, and
how many parameter sets literal `parametrize` marks and parametrized fixtures give them. Not
modelled, because only running code could tell: conftest hooks, `collect_ignore` lists built by
code (see `conftests`), plugins and their fixtures, options in addopts, tests made by `setattr`, `exec` or a metaclass, and the parameter sets a
`pytest_generate_tests` hook adds (such tests get no case count).
"""

from __future__ import annotations

import builtins
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.errors import InventoryError
from sprintcheck.model import Inventory, Location, TestDefinition
from sprintcheck.sources.collection_walk import find_test_files
from sprintcheck.sources.conftests import conftest_folders
from sprintcheck.sources.pytest_config import PytestConfig, name_matches
from sprintcheck.sources.python_bindings import (
    Binding,
    Class,
    External,
    Function,
    Module,
    Project,
    Resolved,
    Value,
    class_attributes,
    mro_lookup,
)
from sprintcheck.sources.python_syntax import Reduced

# Decorators whose result is not callable, so pytest does not collect it.
_NOT_CALLABLE = frozenset({"property", "cached_property", "setter", "getter", "deleter"})
_ABSTRACT = frozenset({"abstractmethod", "abstractproperty", "abstractclassmethod"})

Marks = list[tuple[Reduced, Module]]


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
    project = Project(root)
    collector = _Collector(project, config)
    tests: list[TestDefinition] = []
    scanned = 0
    # Parsing allocates millions of nodes and the bindings of every file live to the end; the
    # cyclic collector would walk them again and again (15 % of the time on 10,000 files).
    # Nothing here needs it while the scan runs.
    collecting_garbage = gc.isenabled()
    gc.disable()
    try:
        for rel in find_test_files(root, config, problems):
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


@dataclass(frozen=True)
class _Context:
    """What the enclosing module and classes contribute to a test: marks and fixtures."""

    module: Module
    marks: Marks
    generated: bool  # a pytest_generate_tests hook may add parameter sets nobody can count
    fixtures: tuple[dict[str, Function], ...]  # innermost scope first


class _Collector:
    def __init__(self, project: Project, config: PytestConfig):
        self.project = project
        self.config = config
        self._conftests: dict[str, tuple[dict[str, Function], bool]] = {}

    def module_tests(self, module: Module) -> Iterator[TestDefinition]:
        if _switched_off(module.names.get("__test__")):
            return
        resolved = [(name, self.project.resolve(binding)) for name, binding in module.names.items()]
        conftests = [self._conftest(folder) for folder in conftest_folders(module.path)]
        context = _Context(
            module,
            _pytestmark(module.names.get("pytestmark"), module),
            "pytest_generate_tests" in module.names or any(hook for _, hook in conftests),
            (_fixtures(resolved), *(fixtures for fixtures, _ in conftests)),
        )
        # Imported test classes and functions are collected here too, as pytest does.
        for name, target in resolved:
            if isinstance(target, Class) and self._is_test_class(name, target):
                yield from self._class_tests(target, [name], context)
            elif isinstance(target, Function) and self._is_test_function(name, target):
                yield self._definition(None, name, target, context)

    def _conftest(self, folder: str) -> tuple[dict[str, Function], bool]:
        """The fixtures of `folder`/conftest.py, and whether it has a pytest_generate_tests hook."""
        if folder not in self._conftests:
            rel = f"{folder}/conftest.py" if folder else "conftest.py"
            module = self.project.load(rel) if (self.project.root / rel).is_file() else None
            names = module.names if module else {}
            resolved = [(name, self.project.resolve(binding)) for name, binding in names.items()]
            self._conftests[folder] = (_fixtures(resolved), "pytest_generate_tests" in names)
        return self._conftests[folder]

    def _class_tests(
        self, cls: Class, chain: list[str], outer: _Context
    ) -> Iterator[TestDefinition]:
        mro = self.project.class_mro(cls)
        if _switched_off(mro_lookup(mro, "__test__")):
            return
        if self._is_unittest(cls):
            yield from self._unittest_tests(cls, mro, chain, outer.module)
            return
        if self._has_constructor(cls, mro):
            return  # pytest warns "cannot collect test class ... because it has a __init__"
        attributes = [(name, self.project.resolve(b)) for name, b in class_attributes(mro).items()]
        context = _Context(
            outer.module,
            outer.marks + [mark for klass in mro for mark in _class_marks(klass)],
            outer.generated or any("pytest_generate_tests" in klass.names for klass in mro),
            (_fixtures(attributes), *outer.fixtures),
        )
        for name, target in attributes:
            if isinstance(target, Class) and self._is_test_class(name, target):
                yield from self._class_tests(target, [*chain, name], context)
            elif isinstance(target, Function) and self._is_test_function(name, target):
                yield self._definition("::".join(chain), name, target, context)

    def _unittest_tests(
        self, cls: Class, mro: list[Class], chain: list[str], module: Module
    ) -> Iterator[TestDefinition]:
        """unittest's loader rule: callable attributes named "test...", not python_functions."""
        found: dict[str, Location] = {}
        for name, binding in class_attributes(mro).items():
            target = self.project.resolve(binding)
            if isinstance(target, Function) and _is_callable(target):
                if not _switched_off(target.test_flag):
                    found[name] = Location(target.module.path, target.lineno)
            elif isinstance(target, (Class, External)):
                found[name] = Location(cls.module.path, cls.lineno)
        names = sorted(name for name in found if name.startswith("test"))
        for name in names or [name for name in ("runTest",) if name in found]:
            yield TestDefinition(module.path, "::".join(chain), name, found[name])

    def _definition(
        self, cls: str | None, name: str, func: Function, context: _Context
    ) -> TestDefinition:
        location = Location(func.module.path, func.lineno)
        marks = context.marks + [(expr, func.module) for expr in func.decorators]
        cases = None if context.generated else self._case_count(func, marks, context.fixtures)
        return TestDefinition(context.module.path, cls, name, location, cases)

    def _is_test_function(self, name: str, func: Function) -> bool:
        if _switched_off(func.test_flag):
            return False
        if not (_switched_on(func.test_flag) or name_matches(name, self.config.python_functions)):
            return False
        return _is_callable(func) and _fixture_decorator(func) is None

    def _is_test_class(self, name: str, cls: Class) -> bool:
        mro = self.project.class_mro(cls)
        named = name_matches(name, self.config.python_classes)
        if not (named or self._is_unittest(cls) or _switched_on(mro_lookup(mro, "__test__"))):
            return False
        return not self._is_abstract(cls, mro)

    def _is_unittest(self, cls: Class) -> bool:
        # unittest.TestCase, IsolatedAsyncioTestCase, django's TestCase...: names that say so.
        return any(dotted.endswith("TestCase") for dotted in self.project.externals(cls))

    def _has_constructor(self, cls: Class, mro: list[Class]) -> bool:
        if any("__init__" in k.names or "__new__" in k.names for k in mro):
            return True
        if any(decorator.name == "dataclass" for k in mro for decorator in k.decorators):
            return True
        return any(_builtin_with_constructor(dotted) for dotted in self.project.externals(cls))

    def _is_abstract(self, cls: Class, mro: list[Class]) -> bool:
        """inspect.isabstract: an ABCMeta class with an abstract method nobody overrode."""
        abc_meta = any(d.endswith(("ABC", "ABCMeta")) for d in self.project.externals(cls)) or any(
            klass.metaclass == "ABCMeta" for klass in mro
        )
        return abc_meta and any(
            isinstance(binding, Function) and not _ABSTRACT.isdisjoint(binding.decorated)
            for binding in class_attributes(mro).values()
        )

    def _case_count(
        self, func: Function, marks: Marks, fixtures: tuple[dict[str, Function], ...]
    ) -> int | None:
        """Parameter sets: parametrize marks times parametrized fixtures; None if one is unknown."""
        count = 1
        direct: set[str] = set()
        requested = _argnames(func)
        for expr, module in marks:
            if expr.kind == "name":  # a mark kept in a module variable
                named = self.project.resolve(module.names.get(expr.name))
                if isinstance(named, Value) and named.expr is not None:
                    expr = named.expr
            if expr.kind != "call":
                continue
            if expr.name == "usefixtures":
                requested += [name for arg in expr.args if (name := arg.string()) is not None]
            elif expr.name == "parametrize":
                argnames = expr.argument(0, "argnames")
                if argnames is not None and argnames.kind == "sequence":
                    direct.update(argnames.strings)
                else:
                    written = (argnames.string() if argnames else None) or ""
                    direct.update(part.strip() for part in written.split(","))
                sets = _literal_length(expr.argument(1, "argvalues"))
                if sets is None:
                    return None
                count *= sets
        autouse = [name for scope in fixtures for name, f in scope.items() if _autouse(f)]
        fixture_sets = _fixture_sets(requested + autouse, direct, fixtures)
        return None if fixture_sets is None else count * fixture_sets


def _fixture_sets(
    requested: list[str], direct: set[str], scopes: tuple[dict[str, Function], ...]
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
        params = decorator.argument(None, "params") if decorator is not None else None
        if params is not None:
            sets = _literal_length(params)
            if sets is None:
                return None
            count *= sets
        pending.extend(_argnames(fixture))
    return count


def _fixtures(resolved: list[tuple[str, Resolved]]) -> dict[str, Function]:
    """The fixtures a namespace defines, under the name they are requested by."""
    found: dict[str, Function] = {}
    for name, target in resolved:
        if isinstance(target, Function) and (decorator := _fixture_decorator(target)) is not None:
            alias = decorator.argument(None, "name")
            found[(alias.string() if alias else None) or name] = target
    return found


def _fixture_decorator(func: Function) -> Reduced | None:
    return func.decorated.get("fixture") or func.decorated.get("yield_fixture")


def _autouse(func: Function) -> bool:
    decorator = _fixture_decorator(func)
    flag = decorator.argument(None, "autouse") if decorator is not None else None
    return flag is not None and flag.kind == "constant" and flag.value is True


def _argnames(func: Function) -> list[str]:
    """The arguments pytest fills with fixtures: those without defaults, minus a bound `self`."""
    positional = func.positional
    if func.in_class and "staticmethod" not in func.decorated:
        positional = positional[1:]
    names = [*positional, *func.keyword_only]
    given = func.decorated.get("given")
    if given is not None and given.kind == "call":
        # Hypothesis's @given fills the last positional arguments and the named ones itself.
        filled = {keyword for keyword, _ in given.keywords}
        filled.update(positional[len(positional) - len(given.args) :])
        names = [name for name in names if name not in filled]
    return names


def _literal_length(expr: Reduced | None) -> int | None:
    """How many parameter sets a literal list or tuple holds (an empty one still gives a case)."""
    if expr is None or expr.kind != "sequence" or expr.length is None:
        return None
    return max(expr.length, 1)


def _builtin_with_constructor(name: str) -> bool:
    """pytest's hasinit/hasnew for a builtin base class such as Exception or int."""
    builtin = getattr(builtins, name, None)
    return isinstance(builtin, type) and any(
        getattr(builtin, method) is not getattr(object, method)
        for method in ("__init__", "__new__")
    )


def _class_marks(cls: Class) -> Marks:
    own = [(expr, cls.module) for expr in cls.decorators]
    return _pytestmark(cls.names.get("pytestmark"), cls.module) + own


def _pytestmark(binding: Binding | None, module: Module) -> Marks:
    if not isinstance(binding, Value) or binding.expr is None:
        return []
    expr = binding.expr
    elements = expr.elements if expr.kind == "sequence" else (expr,)
    return [(element, binding.module or module) for element in elements]


def _flag(binding: Binding | Reduced | None) -> Reduced | None:
    """The expression bound to a `__test__` attribute, if any."""
    if isinstance(binding, Value):
        return binding.expr
    return binding if isinstance(binding, Reduced) else None


def _switched_off(binding: Binding | Reduced | None) -> bool:
    """`__test__` set to a false literal (pytest: `not getattr(obj, "__test__", True)`)."""
    expr = _flag(binding)
    return expr is not None and expr.kind == "constant" and not expr.value


def _switched_on(binding: Binding | Reduced | None) -> bool:
    """`__test__ = True`, which collects a class or function whatever its name."""
    expr = _flag(binding)
    return expr is not None and expr.kind == "constant" and expr.value is True


def _is_callable(func: Function) -> bool:
    return _NOT_CALLABLE.isdisjoint(func.decorated)

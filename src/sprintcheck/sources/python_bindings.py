"""What each parsed Python file defines, and what a name in it finally denotes.

Each file (a test module, a conftest.py, a module they import from the project) is parsed at most
once and bound statement by statement into the namespace its top level would leave behind:
functions, classes with their own namespaces, imports (followed lazily across files, as the
import system would find them) and other values. Nothing is imported or run.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from sprintcheck.model import InputProblem
from sprintcheck.sources.python_syntax import Reduced, dotted, parse_file, reduce

_BLOCKS = tuple(
    getattr(ast, name)
    for name in ("If", "Try", "TryStar", "With", "AsyncWith", "For", "AsyncFor", "While")
    if hasattr(ast, name)
)

_NOTHING: Mapping[str, Reduced] = MappingProxyType({})  # shared by undecorated functions

# Bindings keep small records, never syntax-tree nodes: a scan holds the bindings of every file
# until it ends, and the trees would take four times the memory (300 MB for 10,000 files).


@dataclass(eq=False, slots=True)
class Module:
    path: str  # POSIX, relative to the root
    directory: Path
    names: dict[str, Binding] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class Function:
    """A function or lambda: where it starts, its decorators and the parameters it requires."""

    lineno: int
    module: Module
    in_class: bool
    decorators: tuple[Reduced, ...]
    positional: tuple[str, ...]  # positional parameters without a default, `self` included
    keyword_only: tuple[str, ...]  # keyword-only parameters without a default
    test_flag: Reduced | None = None  # from `func.__test__ = ...`
    decorated: Mapping[str, Reduced] = field(init=False)  # by the decorator's last name

    def __post_init__(self) -> None:
        self.decorated = _NOTHING
        if self.decorators:
            decorated: dict[str, Reduced] = {}
            for decorator in self.decorators:
                decorated.setdefault(decorator.name, decorator)
            self.decorated = decorated


@dataclass(frozen=True, slots=True)
class Base:
    """A base class as written: the binding its first name had then, the attributes after it."""

    binding: Binding | None
    attrs: tuple[str, ...]
    dotted: str


@dataclass(eq=False, slots=True)
class Class:
    lineno: int
    module: Module
    bases: list[Base]
    decorators: tuple[Reduced, ...]
    metaclass: str  # the last name of the `metaclass=` keyword, "" without one
    names: dict[str, Binding] = field(default_factory=dict)
    resolved_bases: list[Class | External] | None = None
    mro: list[Class] | None = None


@dataclass(frozen=True, slots=True)
class Import:
    module: str
    level: int
    name: str | None  # None: the binding is the module itself
    importer: Module


@dataclass(frozen=True, slots=True)
class Value:
    """Any other binding; the expression, reduced, is kept for marks and `__test__`."""

    expr: Reduced | None
    module: Module | None = None


@dataclass(frozen=True, slots=True)
class External:
    """Something outside the scanned files: a builtin, the standard library, a dependency."""

    dotted: str


Binding = Function | Class | Import | Value
Resolved = Function | Class | Module | Value | External | None


class Project:
    """The parsed modules (each file parsed at most once) and name resolution across them."""

    def __init__(self, root: Path):
        self.root = root
        self._modules: dict[str, Module | None] = {}
        self._failures: dict[str, InputProblem] = {}
        self._found: dict[tuple[Path, str, int], str | None] = {}

    def release(self) -> None:
        """Break the reference cycles between parsed modules, classes and functions."""
        for module in self._modules.values():
            if module is None:
                continue
            for binding in module.names.values():
                if isinstance(binding, Class):
                    binding.names.clear()
                    binding.mro = None
                    binding.resolved_bases = None
            module.names.clear()
        self._modules.clear()
        self._found.clear()

    def load(self, rel: str, problems: list[InputProblem] | None = None) -> Module | None:
        """The module at `rel`; `problems` receives why a test file could not be read."""
        if rel not in self._modules:
            self._modules[rel] = None  # stops a star-import cycle while this module is built
            tree = parse_file(self.root / rel, rel)
            if isinstance(tree, InputProblem):
                self._failures[rel] = tree
            else:
                module = self._modules[rel] = Module(rel, (self.root / rel).parent)
                _Builder(self, module).body(tree.body, module.names)
        if problems is not None and rel in self._failures:
            problems.append(self._failures[rel])
        return self._modules[rel]

    def find_module(self, importer: Module, dotted: str, level: int) -> Module | None:
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
        self, binding: Binding | None, attrs: tuple[str, ...] = (), depth: int = 0
    ) -> Resolved:
        """What a name (followed by attributes) finally denotes, following imports."""
        if depth > 32:
            return None
        if isinstance(binding, Import):
            module = self.find_module(binding.importer, binding.module, binding.level)
            names = attrs if binding.name is None else (binding.name, *attrs)
            if module is None:
                return External(".".join(filter(None, (binding.module, *names))))
            return self._in_module(module, binding, binding.module, names, depth + 1)
        if not attrs:
            return binding
        if isinstance(binding, Class):
            return self.resolve(binding.names.get(attrs[0]), attrs[1:], depth + 1)
        return None

    def _in_module(
        self, module: Module, imp: Import, dotted: str, attrs: tuple[str, ...], depth: int
    ) -> Resolved:
        if not attrs:
            return module
        head, rest = attrs[0], attrs[1:]
        if head in module.names:
            return self.resolve(module.names[head], rest, depth + 1)
        dotted = f"{dotted}.{head}" if dotted else head
        submodule = self.find_module(imp.importer, dotted, imp.level)
        if submodule is None:
            return External(".".join((dotted, *rest)))
        return self._in_module(submodule, imp, dotted, rest, depth + 1)

    def bases(self, cls: Class) -> list[Class | External]:
        if cls.resolved_bases is None:
            cls.resolved_bases = []
            for base in cls.bases:
                if base.binding is None:  # a builtin, or a name never bound
                    target: Resolved = External(base.dotted)
                else:
                    target = self.resolve(base.binding, base.attrs)
                if isinstance(target, (Class, External)) and target is not cls:
                    cls.resolved_bases.append(target)
        return cls.resolved_bases

    def class_mro(self, cls: Class) -> list[Class]:
        """C3 over the bases found in the scanned files; other bases contribute no names."""
        if cls.mro is None:
            cls.mro = [cls]  # what a cyclic lookup sees while this one is computed
            parents = [base for base in self.bases(cls) if isinstance(base, Class)]
            cls.mro = [cls, *_c3_merge([*(self.class_mro(p) for p in parents), parents])]
        return cls.mro

    def externals(self, cls: Class) -> list[str]:
        return [
            base.dotted
            for klass in self.class_mro(cls)
            for base in self.bases(klass)
            if isinstance(base, External)
        ]


def _c3_merge(sequences: list[list[Class]]) -> list[Class]:
    result: list[Class] = []
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


class _Builder:
    """Binds names statement by statement, as running the module or class body would."""

    def __init__(self, project: Project, module: Module):
        self.project = project
        self.module = module

    def body(self, body: list[ast.stmt], names: dict[str, Binding], in_class: bool = False) -> None:
        for stmt in body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names[stmt.name] = self._function(stmt, in_class)
            elif isinstance(stmt, ast.ClassDef):
                metaclass = next((k.value for k in stmt.keywords if k.arg == "metaclass"), None)
                cls = Class(
                    stmt.lineno,
                    self.module,
                    [self._base(b, names) for b in stmt.bases if dotted(b)],
                    tuple(reduce(decorator) for decorator in stmt.decorator_list),
                    "" if metaclass is None else reduce(metaclass).name,
                )
                self.body(stmt.body, cls.names, in_class=True)
                names[stmt.name] = cls
            elif isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    bound = alias.asname or alias.name.split(".")[0]
                    names[bound] = Import(
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

    def _function(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, in_class: bool
    ) -> Function:
        args = node.args
        positional = [*args.posonlyargs, *args.args]
        required = positional[: len(positional) - len(args.defaults)]
        keyword_only = zip(args.kwonlyargs, args.kw_defaults, strict=True)
        return Function(
            node.lineno,
            self.module,
            in_class,
            () if isinstance(node, ast.Lambda) else tuple(map(reduce, node.decorator_list)),
            tuple(arg.arg for arg in required),
            tuple(arg.arg for arg, default in keyword_only if default is None),
        )

    def _lookup(self, name: str, names: dict[str, Binding]) -> Binding | None:
        # A class body sees its own names, then the module's (never an enclosing class's).
        return names.get(name) or self.module.names.get(name)

    def _base(self, expr: ast.expr, names: dict[str, Binding]) -> Base:
        written = dotted(expr) or ""
        first, *attrs = written.split(".")
        return Base(self._lookup(first, names), tuple(attrs), written)

    def _import_from(self, stmt: ast.ImportFrom, names: dict[str, Binding]) -> None:
        from_module = stmt.module or ""
        for alias in stmt.names:
            if alias.name != "*":
                names[alias.asname or alias.name] = Import(
                    from_module, stmt.level, alias.name, self.module
                )
                continue
            source = self.project.find_module(self.module, from_module, stmt.level)
            if source is not None:
                public = _public_names(source)
                for name, binding in list(source.names.items()):
                    if name in public if public is not None else not name.startswith("_"):
                        names[name] = binding

    def _assign(
        self,
        stmt: ast.Assign | ast.AnnAssign | ast.AugAssign,
        names: dict[str, Binding],
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
                if isinstance(owner, Function):
                    owner.test_flag = _reduce(value)
                elif isinstance(owner, Class):
                    owner.names["__test__"] = Value(_reduce(value), self.module)
            elif isinstance(target, (ast.Tuple, ast.List)):
                for element in ast.walk(target):
                    if isinstance(element, ast.Name):
                        names[element.id] = Value(None)

    def _value(self, value: ast.expr | None, names: dict[str, Binding], in_class: bool) -> Binding:
        if isinstance(value, ast.Lambda):
            return self._function(value, in_class)
        if isinstance(value, ast.Name) and (alias := self._lookup(value.id, names)) is not None:
            return alias
        return Value(_reduce(value), self.module)


def _reduce(value: ast.expr | None) -> Reduced | None:
    return None if value is None else reduce(value)


def _public_names(module: Module) -> set[str] | None:
    """The names a star import takes when the module lists them in a literal `__all__`."""
    binding = module.names.get("__all__")
    listed = binding.expr if isinstance(binding, Value) else None
    if listed is None or listed.kind != "sequence" or len(listed.strings) != listed.length:
        return None
    return set(listed.strings)


def class_attributes(mro: list[Class]) -> dict[str, Binding]:
    """A class's attributes as `getattr` finds them: the first class in the MRO wins."""
    found: dict[str, Binding] = {}
    for klass in mro:
        for name, binding in klass.names.items():
            found.setdefault(name, binding)
    return found


def mro_lookup(mro: list[Class], name: str) -> Binding | None:
    """The binding `getattr` finds for `name` on the class whose MRO this is."""
    return next((klass.names[name] for klass in mro if name in klass.names), None)

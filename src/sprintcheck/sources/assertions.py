"""The assertion model: what in a test's code can make it fail, and which of those checks cannot.

Precision comes first: a form counts as an assertion when it could plausibly fail the test, and a
check is judged hollow only when it plainly cannot fail.

An assertion is an `assert` statement, `raise AssertionError`, or a call that asserts:
`pytest.raises` / `warns` / `deprecated_call` / `fail`, `self.fail*`, any call whose last name
starts with `assert`, `check`, `verify` or `expect` (`self.assertEqual`, `mock.assert_called_once`,
`assert_frame_equal`, `subprocess.check_call`...), a test routine called by a bare name or on
`self` (`self._testTzName(...)`), or a name the plan lists. A call to a helper counts when the
helper's own body asserts (`Helpers`: followed one level deep, never further): a function of the
same module, a method of the test's class or its bases, a function of a conftest.py above the file,
or one imported from a module of the test suite. Nothing is imported or run.
"""

from __future__ import annotations

import ast
import enum
import http
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sprintcheck.model import InputProblem
from sprintcheck.sources.conftests import conftest_folders
from sprintcheck.sources.python_bindings import Class, Function, Import, Module, Project
from sprintcheck.sources.python_syntax import dotted, parse_file

SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
TRY = tuple(getattr(ast, name) for name in ("Try", "TryStar") if hasattr(ast, name))

_PREFIX = re.compile(r"_*(?:assert|check|verify|expect)(?=$|_|[A-Z0-9])")
# A test routine (`self._testTzName(...)`, `self.other_suite.test_decode(...)`): by a bare name or
# on `self` only, so that `app.test_client()` and the like are not taken for one.
_TEST_ROUTINE = re.compile(r"_*test(?=$|_|[A-Z0-9])")
_FAIL = re.compile(r"fail(?=$|[A-Z])")  # self.fail, self.failUnless, self.failIf...
# pytest's outcome functions raise `Failed`, a BaseException: `except Exception` lets it through.
_PYTEST_FAILING = frozenset({"raises", "warns", "deprecated_call", "fail"})
_STATUS_NAME = re.compile(
    r"(?:^|_|get)(?:status|code|statuscode|returncode|exitcode|retcode)(?:_|$)"
)
_NOT_IMPLEMENTED = re.compile(r"not[ _-]?implemented", re.IGNORECASE)
_HTTP_CONSTANT = re.compile(r"HTTP_(\d{3})(?:_|$)")  # starlette / DRF `status.HTTP_501_...`
_PATTERN_CHECKS = frozenset({"search", "match", "fullmatch"})


class Raises(enum.Enum):
    """What an assertion raises when it fails, which decides which `except` clauses swallow it."""

    ASSERTION = "AssertionError"
    FAILED = "pytest's Failed"  # a BaseException: only bare `except:` / `BaseException` catch it


class Strength(enum.Enum):
    STRONG = "strong"
    WEAK = "weak"  # only checks that a value exists or has a type
    VOID = "void"  # cannot fail at all


@dataclass(frozen=True)
class Verdict:
    """What one assertion is worth: its strength and, when hollow, the code and the reason."""

    strength: Strength
    code: str | None = None  # SC203 or SC204
    reason: str = ""


STRONG = Verdict(Strength.STRONG)
WEAK = Verdict(Strength.WEAK)


def aliases(body: list[ast.stmt]) -> dict[str, str]:
    """Imported names and what they denote: `pt` -> `pytest`, `raises` -> `pytest.raises`."""
    found: dict[str, str] = {}
    for stmt in top_level(body):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    found[alias.asname] = alias.name
        elif isinstance(stmt, ast.ImportFrom) and not stmt.level and stmt.module:
            for alias in stmt.names:
                found[alias.asname or alias.name] = f"{stmt.module}.{alias.name}"
    return found


def top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module or class body, into if/try/with blocks, not into functions."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.If, ast.With, ast.AsyncWith, ast.For, ast.While, *TRY)):
            for block in ("body", "orelse", "finalbody"):
                yield from top_level(getattr(stmt, block, []))
            for handler in getattr(stmt, "handlers", []):
                yield from top_level(handler.body)


def canonical(expr: ast.expr, names: dict[str, str]) -> str | None:
    """The dotted name of `expr` with its first name replaced by what it was imported as."""
    written = dotted(expr)
    if written is None:
        return None
    head, dot, rest = written.partition(".")
    return names[head] + dot + rest if head in names else written


def walk_body(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under `node` (not itself), not entering nested functions, classes, lambdas."""
    stack = children(node)
    while stack:
        child = stack.pop()
        yield child
        if not isinstance(child, SCOPES):
            stack += children(child)


def subtree(node: ast.AST) -> list[ast.AST]:
    """`node` and every node under it (as ast.walk, without the `ctx` markers)."""
    found = [node]
    for item in found:  # grows while it is read
        found += children(item)
    return found


_FIELDS: dict[type, tuple[str, ...]] = {}


def children(node: ast.AST) -> list[ast.AST]:
    """The child nodes of `node`, as ast.iter_child_nodes gives them, less the `ctx` markers
    (Load, Store) every name carries: a third of the nodes, none of them worth visiting."""
    kind = type(node)
    fields = _FIELDS.get(kind)
    if fields is None:
        fields = _FIELDS[kind] = tuple(f for f in kind._fields if f not in ("ctx", "type_comment"))
    found: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            found += [item for item in value if isinstance(item, ast.AST)]
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


def callee_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def asserting_call(call: ast.Call, names: dict[str, str], extra: frozenset[str]) -> Raises | None:
    """How a call asserts, by its name alone; None when its name does not say it asserts."""
    name = callee_name(call)
    if name is None:
        return None
    full = canonical(call.func, names) or ""
    package = full.split(".", 1)[0]
    if name in _PYTEST_FAILING and package in ("pytest", "_pytest"):
        return Raises.FAILED
    if _PREFIX.match(name):
        return Raises.ASSERTION
    if _TEST_ROUTINE.match(name):
        written = dotted(call.func) or ""
        if "." not in written or written.startswith(("self.", "cls.")):
            return Raises.ASSERTION
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if _FAIL.match(name) and isinstance(receiver, ast.Name) and receiver.id in ("self", "cls"):
        return Raises.ASSERTION
    if extra and (name in extra or full in extra or dotted(call.func) in extra):
        return Raises.ASSERTION
    return None


def raises_assertion_error(stmt: ast.Raise) -> bool:
    exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
    written = dotted(exc) if exc is not None else None
    return written in ("AssertionError", "builtins.AssertionError", "self.failureException")


def direct_assertions(
    node: ast.AST, names: dict[str, str], extra: frozenset[str]
) -> Iterator[tuple[ast.AST, Raises]]:
    """The assertions written in a function's own body (no helper followed, no nested scope)."""
    for child in walk_body(node):
        if isinstance(child, ast.Assert) or (
            isinstance(child, ast.Raise) and raises_assertion_error(child)
        ):
            yield child, Raises.ASSERTION
        elif isinstance(child, ast.Call) and (kind := asserting_call(child, names, extra)):
            yield child, kind


# --- judging one assertion --------------------------------------------------------------------


def judge_assert(test: ast.expr) -> Verdict:
    """What `assert <test>` is worth."""
    if always_true(test):
        return Verdict(Strength.VOID, "SC204", f"{_kind_of_truth(test)}, so it can never fail.")
    if (
        isinstance(test, ast.BoolOp)
        and isinstance(test.op, ast.Or)
        and any(map(always_true, test.values))
    ):
        return Verdict(
            Strength.VOID,
            "SC203",
            "One side of the `or` is always true, so the assertion accepts any outcome.",
        )
    admitted = _admits_failure(test)
    if admitted is not None:
        return Verdict(Strength.STRONG, "SC203", admitted)
    cannot_fail = _cannot_fail(test)
    if cannot_fail is not None:
        return Verdict(Strength.VOID, "SC204", cannot_fail)
    return WEAK if _weak(test) else STRONG


# unittest assertion methods, rewritten as the expression they assert (positional arguments).
_COMPARE_METHODS: dict[str, type[ast.cmpop]] = {
    "assertEqual": ast.Eq,
    "assertEquals": ast.Eq,
    "failUnlessEqual": ast.Eq,
    "assertNotEqual": ast.NotEq,
    "assertIs": ast.Is,
    "assertIn": ast.In,
    "assertGreater": ast.Gt,
    "assertGreaterEqual": ast.GtE,
    "assertLess": ast.Lt,
    "assertLessEqual": ast.LtE,
}


def judge_call(call: ast.Call) -> Verdict:
    """What a unittest-style assertion call is worth (other asserting calls are strong)."""
    name = callee_name(call)
    args = call.args
    if any(isinstance(arg, ast.Starred) for arg in args):
        return STRONG
    expr: ast.expr | None = None
    if name in ("assertTrue", "assert_", "failUnless") and args:
        expr = args[0]
    elif name in _COMPARE_METHODS and len(args) >= 2:
        expr = ast.Compare(left=args[0], ops=[_COMPARE_METHODS[name]()], comparators=[args[1]])
    elif name == "assertIsNotNone" and args:
        expr = ast.Compare(left=args[0], ops=[ast.IsNot()], comparators=[ast.Constant(None)])
    elif name == "assertIsInstance" and len(args) >= 2:
        expr = ast.Call(func=ast.Name("isinstance"), args=args[:2], keywords=[])
    return STRONG if expr is None else judge_assert(expr)


def always_true(expr: ast.expr) -> bool:
    """A constant truthy value, a non-empty display, or `not` of a constant falsy value."""
    if isinstance(expr, ast.Constant):
        return bool(expr.value)
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return bool(expr.elts)
    if isinstance(expr, ast.Dict):
        return bool(expr.keys)
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.Not):
        return isinstance(expr.operand, ast.Constant) and not expr.operand.value
    return False


def _kind_of_truth(expr: ast.expr) -> str:
    if isinstance(expr, ast.Tuple):
        return (
            "It asserts a non-empty tuple, which is always true (parentheses around the message?)"
        )
    if isinstance(expr, (ast.List, ast.Set, ast.Dict)):
        return "It asserts a non-empty literal, which is always true"
    return "It asserts a constant that is always true"


def _cannot_fail(test: ast.expr) -> str | None:
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, op, right = test.left, test.ops[0], test.comparators[0]
        if _runs_no_code(left, op) and ast.dump(left) == ast.dump(right):
            return "Both sides of the comparison are the same expression, so it can never fail."
        if _is_len(left) and _number(right) is not None:
            bound = _number(right)
            if (isinstance(op, ast.GtE) and bound <= 0) or (isinstance(op, ast.Gt) and bound < 0):
                return "A length is never negative, so this comparison can never fail."
        if _is_len(right) and _number(left) is not None:
            bound = _number(left)
            if (isinstance(op, ast.LtE) and bound <= 0) or (isinstance(op, ast.Lt) and bound < 0):
                return "A length is never negative, so this comparison can never fail."
    if _is_call_to(test, "isinstance") and len(test.args) == 2:
        kind = test.args[1]
        if isinstance(kind, ast.Name) and kind.id == "object":
            return "Everything is an instance of object, so it can never fail."
    return None


def _runs_no_code(expr: ast.expr, op: ast.cmpop) -> bool:
    """Comparing `expr` with itself by `op` runs no user code, so the result is known.

    `x == x` calls `x.__eq__` (what a reflexivity test checks) and `a.b is a.b` may run a property
    twice (what a caching test checks): both can fail. `x is x` and `1 == 1` cannot.
    """
    if isinstance(op, ast.Is):
        return isinstance(expr, (ast.Name, ast.Constant))
    if isinstance(op, ast.Eq):
        return _literal(expr)
    return False


def _literal(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Constant):
        return not (isinstance(expr.value, float) and expr.value != expr.value)
    if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
        return all(_literal(element) for element in expr.elts)
    return False


def _weak(test: ast.expr) -> bool:
    """Only checks that a value exists, has a type or an attribute: not what it is."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(_weak(value) or always_true(value) for value in test.values)
    if isinstance(test, ast.Name):
        return True
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.IsNot):
        left, right = test.left, test.comparators[0]
        if isinstance(left, ast.Call) and callee_name(left) in _PATTERN_CHECKS:
            return False  # `re.search(pattern, text) is not None`: the pattern is the check
        return isinstance(right, ast.Constant) and right.value is None
    return any(_is_call_to(test, name) for name in ("isinstance", "hasattr", "callable"))


def _is_call_to(expr: ast.expr, name: str) -> bool:
    return isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id == name


def _is_len(expr: ast.expr) -> bool:
    return _is_call_to(expr, "len") and len(expr.args) == 1  # type: ignore[attr-defined]


def _number(expr: ast.expr) -> int | float | None:
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub):
        value = _number(expr.operand)
        return None if value is None else -value
    if isinstance(expr, ast.Constant) and type(expr.value) in (int, float):
        return expr.value
    return None


# --- status codes that admit failure (SC203) ---------------------------------------------------


def is_status_like(expr: ast.expr) -> bool:
    """A name, attribute, string key or getter that reads like a status or exit code."""
    if isinstance(expr, ast.Call):
        expr = expr.func
    if isinstance(expr, ast.Name):
        name = expr.id
    elif isinstance(expr, ast.Attribute):
        name = expr.attr
    elif isinstance(expr, ast.Subscript) and isinstance(expr.slice, ast.Constant):
        name = str(expr.slice.value)
    else:
        return False
    return bool(_STATUS_NAME.search(name.lower()))


def _status_value(expr: ast.expr) -> int | None:
    if isinstance(expr, ast.Constant):
        value = expr.value
        if type(value) is int:
            return value
        if isinstance(value, str) and len(value) == 3 and value.isdigit():
            return int(value)
        return None
    if isinstance(expr, ast.Attribute):
        written = dotted(expr) or ""
        if (
            written.rsplit(".", 2)[-2:-1] == ["HTTPStatus"]
            and expr.attr in http.HTTPStatus.__members__
        ):
            return int(http.HTTPStatus[expr.attr])
        name = expr.attr
    elif isinstance(expr, ast.Name):
        name = expr.id
    else:
        return None
    match = _HTTP_CONSTANT.match(name)
    return int(match.group(1)) if match else None


def _not_implemented(expr: ast.expr) -> bool:
    if isinstance(expr, ast.Name):
        return expr.id == "NotImplemented"
    return (
        isinstance(expr, ast.Constant)
        and isinstance(expr.value, str)
        and bool(_NOT_IMPLEMENTED.fullmatch(expr.value.strip()))
    )


Accepts = Callable[[int], bool]


def _admits_failure(test: ast.expr) -> str | None:
    """Why a check on a status-like value passes for a failing value, or None."""
    every = subtree(test)
    subjects = [node for node in every if isinstance(node, ast.Compare)]
    subject = next(
        (
            operand
            for compare in subjects
            for operand in (compare.left, *compare.comparators)
            if is_status_like(operand)
        ),
        None,
    )
    if subject is None:
        return None
    key = ast.dump(subject)
    for compare in subjects:
        for operand, op, other in _pairs(compare):
            if (
                isinstance(op, ast.In)
                and isinstance(other, (ast.List, ast.Tuple, ast.Set))
                and len(other.elts) > 1
                and any(_not_implemented(element) for element in other.elts)
                and ast.dump(operand) == key
            ):
                return "It accepts NotImplemented as a pass, beside the expected value."
    # Exclusions (`!=`, `not in`, `not`) state what must not happen: an error-path test's form.
    if any(isinstance(node, (ast.NotEq, ast.NotIn, ast.Not)) for node in every):
        return None
    written = {_status_value(node) for node in every if isinstance(node, ast.expr)}
    if not any(value is not None and 100 <= value <= 600 for value in written):
        return None  # no HTTP-like status is named: an exit code or some other code
    accepts = _acceptance(test, key)
    if accepts is None:
        return None
    # The checks only change value at the written values: trying those, their neighbours and the
    # bounds of each class of status tells which classes are accepted.
    candidates = {200, 399, 400, 499, 500, 501, 599}
    for value in written:
        if value is not None:
            candidates.update((value - 1, value, value + 1))
    failure = sorted(code for code in candidates if 400 <= code < 600 and accepts(code))
    success = any(accepts(code) for code in candidates if 200 <= code < 400)
    if failure and success:
        return f"It accepts {_describe(failure, written)} as a pass, as well as success."
    if 501 in written and 501 in failure:
        return "It accepts 501 Not Implemented as a pass."
    return None


def _describe(failure: list[int], written: set[int | None]) -> str:
    """The accepted failure statuses: the values written when they are all (a membership or an
    equality), else their classes (a range)."""
    if all(code in written for code in failure) and len(failure) <= 4:
        shown = ", ".join(map(str, failure))
        return (
            f"the failure status {shown}" if len(failure) == 1 else f"the failure statuses {shown}"
        )
    classes = sorted({f"{code // 100}xx" for code in failure})
    return " and ".join(classes) + " failure statuses"


def _pairs(compare: ast.Compare) -> Iterator[tuple[ast.expr, ast.cmpop, ast.expr]]:
    operands = [compare.left, *compare.comparators]
    for i, op in enumerate(compare.ops):
        yield operands[i], op, operands[i + 1]


def _acceptance(test: ast.expr, key: str) -> Accepts | None:
    """Which codes pass `test` when the subject (dumped as `key`) holds them; None if unknown.

    Only positive forms are read (`==`, `in`, orderings, `and`/`or` of them): exclusions are
    left out before (see `_admits_failure`)."""
    if isinstance(test, ast.BoolOp):
        parts = [_acceptance(value, key) for value in test.values]
        if any(part is None for part in parts):
            return None
        if isinstance(test.op, ast.Or):
            return lambda code: any(part(code) for part in parts)  # type: ignore[misc]
        return lambda code: all(part(code) for part in parts)  # type: ignore[misc]
    if not isinstance(test, ast.Compare):
        return None
    checks: list[Accepts] = []
    for left, op, right in _pairs(test):
        check = _pair_acceptance(left, op, right, key)
        if check is None:
            return None
        checks.append(check)
    return lambda code: all(check(code) for check in checks)


_ORDER: dict[type[ast.cmpop], Callable[[int, int], bool]] = {
    ast.Eq: lambda a, b: a == b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
}


def _pair_acceptance(left: ast.expr, op: ast.cmpop, right: ast.expr, key: str) -> Accepts | None:
    if isinstance(op, ast.In):
        if ast.dump(left) != key or not isinstance(right, (ast.List, ast.Tuple, ast.Set)):
            return None
        values = {_status_value(element) for element in right.elts}
        return lambda code: code in values
    compare = _ORDER.get(type(op))
    if compare is None:
        return None
    if ast.dump(left) == key and (value := _status_value(right)) is not None:
        return lambda code: compare(code, value)
    if ast.dump(right) == key and (value := _status_value(left)) is not None:
        return lambda code: compare(value, code)
    return None


# --- helpers: functions that assert, wherever the test suite defines them -------------------


FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class Scope:
    """A module's top-level names, and its functions and classes by line (methods included)."""

    rel: str
    importer: Module
    names: dict[str, str]  # import aliases, for canonical names
    bound: dict[str, object]  # FunctionDef, ClassDef, Import, an assigned ast.expr, or None
    star: list[Import]
    defs: dict[int, tuple[FunctionNode, tuple[ast.ClassDef, ...]]]
    classes: dict[int, ast.ClassDef]
    tree: ast.Module
    helpers: dict[object, bool] = field(default_factory=dict)  # call look-ups already made

    @classmethod
    def build(cls, root: Path, rel: str, tree: ast.Module) -> Scope:
        scope = cls(rel, Module(rel, (root / rel).parent), aliases(tree.body), {}, [], {}, {}, tree)
        for stmt in top_level(tree.body):
            scope._bind(stmt)
        scope._index(tree.body, ())
        return scope

    def _bind(self, stmt: ast.stmt) -> None:
        bound = self.bound
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound[stmt.name] = stmt
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                name = alias.asname or alias.name.split(".")[0]
                module = alias.name if alias.asname else name
                bound[name] = Import(module, 0, None, self.importer)
        elif isinstance(stmt, ast.ImportFrom):
            for alias in stmt.names:
                imported = Import(stmt.module or "", stmt.level, alias.name, self.importer)
                if alias.name == "*":
                    self.star.append(Import(stmt.module or "", stmt.level, None, self.importer))
                else:
                    bound[alias.asname or alias.name] = imported
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            for target in targets:
                for node in ast.walk(target):
                    if isinstance(node, ast.Name):
                        bound[node.id] = stmt.value if node is target else None

    def _index(self, body: list[ast.stmt], classes: tuple[ast.ClassDef, ...]) -> None:
        for stmt in top_level(body):
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.defs[stmt.lineno] = (stmt, classes)
            elif isinstance(stmt, ast.ClassDef):
                self.classes[stmt.lineno] = stmt
                self._index(stmt.body, (*classes, stmt))


class Helpers:
    """Which helpers assert, across files: parsed modules, resolved imports, verdicts, cached.

    `extra` are the plan's helper names; `test_dirs` the folders of the test modules (a helper
    module counts as part of the test suite when it sits beside one, or is named like one).
    """

    def __init__(self, root: Path, extra: frozenset[str], test_dirs: set[str]):
        self.root = root
        self.extra = extra
        self.test_dirs = test_dirs
        self.project = Project(root)
        self._scopes: dict[str, Scope | None] = {}
        self._asserts: dict[tuple[str, int], bool] = {}
        self._conftests: dict[str, Scope | None] = {}

    def scope_of(self, rel: str, tree: ast.Module) -> Scope:
        """The scope of a test file already parsed."""
        scope = self._scopes.get(rel)
        if scope is None:
            scope = self._scopes[rel] = Scope.build(self.root, rel, tree)
        return scope

    def forget(self, rel: str) -> None:
        """Drop a test file's tree once read, unless a helper look-up needs it again."""
        self._scopes.pop(rel, None)

    def scope(self, rel: str) -> Scope | None:
        if rel not in self._scopes:
            tree = parse_file(self.root / rel, rel)
            self._scopes[rel] = (
                None if isinstance(tree, InputProblem) else Scope.build(self.root, rel, tree)
            )
        return self._scopes[rel]

    def in_suite(self, rel: str) -> bool:
        """A module of the test suite: in a test file's folder, or named like a test module."""
        if os.path.dirname(rel) in self.test_dirs:
            return True
        for part in rel.lower().removesuffix(".py").split("/"):
            if part.startswith("test") or part.endswith(("_test", "tests")) or part == "conftest":
                return True
            if "testing" in part:
                return True
        return False

    def asserts(self, scope: Scope, func: FunctionNode) -> bool:
        """Whether a helper's own body asserts (one level: its own helpers are not followed)."""
        key = (scope.rel, func.lineno)
        if key not in self._asserts:
            found = direct_assertions(func, scope.names, self.extra)
            self._asserts[key] = next(found, None) is not None
        return self._asserts[key]

    def resolved_asserts(self, target: object) -> bool:
        """A project function `target` (resolved through imports) asserts, in the test suite."""
        if not isinstance(target, Function) or not self.in_suite(target.module.path):
            return False
        scope = self.scope(target.module.path)
        located = scope.defs.get(target.lineno) if scope else None
        return located is not None and self.asserts(scope, located[0])  # type: ignore[arg-type]

    def binding_asserts(self, scope: Scope, name: str) -> bool | None:
        """Whether the module-level `name` is an asserting function; None when it is not bound."""
        if name not in scope.bound:
            for star in scope.star:
                module = self.project.find_module(star.importer, star.module, star.level)
                if module is not None and name in module.names:
                    return self.resolved_asserts(self.project.resolve(module.names[name]))
            return None
        target = scope.bound[name]
        if isinstance(target, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return self.asserts(scope, target)
        if isinstance(target, Import):
            return self.resolved_asserts(self.project.resolve(target))
        return False

    def conftest_asserts(self, rel: str, name: str) -> bool:
        """`name` is an asserting function of a conftest.py above `rel` (the nearest binding)."""
        for folder in conftest_folders(rel):
            scope = self._conftest(folder)
            if scope is None or scope.rel == rel:
                continue
            verdict = self.binding_asserts(scope, name)
            if verdict is not None:
                return verdict
        return False

    def _conftest(self, folder: str) -> Scope | None:
        if folder not in self._conftests:
            rel = f"{folder}/conftest.py" if folder else "conftest.py"
            self._conftests[folder] = self.scope(rel) if (self.root / rel).is_file() else None
        return self._conftests[folder]

    def method(
        self, scope: Scope, cls: ast.ClassDef, name: str, depth: int = 0
    ) -> tuple[Scope, FunctionNode] | None:
        """The method `name` of `cls` or of its bases (depth first, as far as they are found)."""
        own = [
            stmt
            for stmt in top_level(cls.body)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == name
        ]
        if own:
            return scope, own[-1]
        if depth > 16:
            return None
        for base in cls.bases:
            head, *attrs = (dotted(base) or "").split(".")
            target = scope.bound.get(head)
            if isinstance(target, ast.ClassDef) and not attrs:
                found = self.method(scope, target, name, depth + 1)
            elif isinstance(target, Import):
                resolved = self.project.resolve(target, tuple(attrs))
                other = self.scope(resolved.module.path) if isinstance(resolved, Class) else None
                klass = other.classes.get(resolved.lineno) if other else None
                found = self.method(other, klass, name, depth + 1) if other and klass else None
            else:
                found = None
            if found is not None:
                return found
        return None

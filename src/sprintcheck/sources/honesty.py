"""Test honesty: reading each test's code for the ways it proves less than it seems (SC201-SC207).

Each test file is parsed once, never imported; every test is found by its `def` line and its body
judged with the assertion model (`assertions`, which also says which helpers assert). The test's
own nested functions and classes are its own code: calls among them are followed to any depth.

`# sprintcheck: ignore[SC205,SC201]` (or a bare `# sprintcheck: ignore`: every code) on the
offending line, the `def` line or a decorator line suppresses matching issues, which are kept,
marked with the comment that suppressed them.
"""

from __future__ import annotations

import ast
import builtins
import gc
import io
import os
import re
import textwrap
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.model import HonestyIssue, InputProblem, Location, TestDefinition, TestHonesty
from sprintcheck.sources.assertions import (
    TRY,
    FunctionNode,
    Helpers,
    Raises,
    Scope,
    Strength,
    Verdict,
    always_true,
    asserting_call,
    callee_name,
    canonical,
    children,
    judge_assert,
    judge_call,
    raises_assertion_error,
    top_level,
    walk_body,
)
from sprintcheck.sources.python_bindings import Import
from sprintcheck.sources.python_syntax import decode_source, dotted, parse_text, read_source

_IGNORE = re.compile(r"#\s*sprintcheck:\s*ignore(?:\[([^\]]*)\])?")
_QUOTE_LINES = 3
# Calls that only report an exception: it is not kept for a later check.
_REPORTING = frozenset(
    {"print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log",
     "skip", "xfail", "write", "str", "repr", "format", "type"}
)  # fmt: skip


def inspect_honesty(
    root: Path,
    tests: Sequence[TestDefinition],
    assertion_helpers: tuple[str, ...] = (),
) -> tuple[dict[Location, TestHonesty], tuple[InputProblem, ...]]:
    """What each test's code says about it, keyed by `test.location` (the `def`).

    Only files holding a test in `tests` are read (a file the inventory could not parse has none,
    so it is not reported twice). A test whose `def` cannot be found at its line (a lambda, a test
    made by `setattr` or `exec`) is left out.
    """
    root = Path(os.path.abspath(root))
    by_file: dict[str, dict[Location, list[TestDefinition]]] = {}
    for test in tests:
        if test.location.line is not None:
            by_file.setdefault(test.location.path, {}).setdefault(test.location, []).append(test)
    suite = Helpers(root, frozenset(assertion_helpers), {os.path.dirname(t.path) for t in tests})
    found: dict[Location, TestHonesty] = {}
    problems: list[InputProblem] = []
    collecting_garbage = gc.isenabled()
    gc.disable()  # millions of short-lived nodes and no cycles worth collecting while reading
    try:
        for rel, locations in by_file.items():
            source = _Source.read(root, rel)
            if isinstance(source, InputProblem):
                problems.append(source)
                continue
            scope = suite.scope_of(rel, source.tree)
            marks = _Marks(scope)
            for location, collected in locations.items():
                located = scope.defs.get(location.line or 0)
                if located is not None:
                    func, classes = located
                    reader = _TestReader(suite, source, scope, marks, classes, collected)
                    found[location] = reader.read(location, func)
            suite.forget(rel)
    finally:
        suite.project.release()
        if collecting_garbage:
            gc.enable()
    return found, tuple(problems)


# --- files and what their top level binds -------------------------------------------------------


@dataclass
class _Source:
    rel: str
    text: str
    tree: ast.Module
    has_directives: bool
    _lines: list[str] | None = None
    _directives: dict[int, tuple[frozenset[str] | None, str]] | None = None

    @classmethod
    def read(cls, root: Path, rel: str) -> _Source | InputProblem:
        data = read_source(root / rel, rel)
        if isinstance(data, InputProblem):
            return data
        text = decode_source(data, rel)
        if isinstance(text, InputProblem):
            return text
        tree = parse_text(text, rel)
        if isinstance(tree, InputProblem):
            return tree
        return cls(rel, text, tree, b"sprintcheck" in data)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:  # Python's own line ends, not str.splitlines' (\f, \x1c...)
            self._lines = re.split(r"\r\n|\r|\n", self.text)
        return self._lines

    def quote(self, first: int, last: int) -> str:
        chosen = self.lines[first - 1 : min(last, first + _QUOTE_LINES - 1)]
        return textwrap.dedent("\n".join(line.rstrip() for line in chosen)).strip("\n")

    def directives(self) -> dict[int, tuple[frozenset[str] | None, str]]:
        """`# sprintcheck: ignore[...]` comments by line: the codes (None: all) and the text."""
        if self._directives is not None:
            return self._directives
        found = self._directives = {}
        if not self.has_directives:
            return found
        # Only a comment can suppress (not the same words in a string), so the file is tokenized,
        # but no further than the last line that mentions the word.
        last = max(
            (number for number, line in enumerate(self.lines, 1) if "sprintcheck" in line),
            default=0,
        )
        try:
            for token in tokenize.generate_tokens(io.StringIO(self.text).readline):
                if token.start[0] > last:
                    break
                if token.type == tokenize.COMMENT and (match := _IGNORE.search(token.string)):
                    codes = match.group(1)
                    chosen = (
                        None
                        if codes is None
                        else frozenset(
                            code.strip().upper() for code in codes.split(",") if code.strip()
                        )
                    )
                    found[token.start[0]] = (chosen, match.group(0))
        except (tokenize.TokenError, SyntaxError):
            pass
        return found


# --- one test -------------------------------------------------------------------------------


@dataclass
class _Assertion:
    node: ast.AST
    raises: Raises
    verdict: Verdict


@dataclass
class _Span:
    first: int
    last: int

    @classmethod
    def of(cls, node: ast.AST) -> _Span:
        return cls(node.lineno, node.end_lineno or node.lineno)  # type: ignore[attr-defined]


def _pytestmark(stmt: ast.stmt) -> list[ast.expr]:
    if isinstance(stmt, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "pytestmark" for t in stmt.targets
    ):
        value = stmt.value
        return list(value.elts) if isinstance(value, (ast.List, ast.Tuple)) else [value]
    return []


class _Marks:
    """The marks a file's module and classes put on every test in them (read once per file)."""

    def __init__(self, scope: Scope):
        self.module: list[ast.expr] = []
        for stmt in scope.tree.body:  # unconditional statements only
            self.module += _pytestmark(stmt)
            if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
                call = stmt.value
                if canonical(call.func, scope.names) == "pytest.skip" and any(
                    k.arg == "allow_module_level" and always_true(k.value) for k in call.keywords
                ):
                    self.module.append(call)
        self._classes: dict[int, list[ast.expr]] = {}

    def of_class(self, cls: ast.ClassDef) -> list[ast.expr]:
        """A class's decorators and `pytestmark` elements (cached: classes may be large)."""
        marks = self._classes.get(cls.lineno)
        if marks is None:
            marks = [*cls.decorator_list, *(m for stmt in cls.body for m in _pytestmark(stmt))]
            self._classes[cls.lineno] = marks
        return marks


class _TestReader:
    """Reads one test: its assertions, then each check in turn, then the suppressions."""

    def __init__(
        self,
        suite: Helpers,
        source: _Source,
        scope: Scope,
        marks: _Marks,
        classes: tuple[ast.ClassDef, ...],
        collected: list[TestDefinition],
    ):
        self.suite = suite
        self.source = source
        self.scope = scope
        self.marks = marks
        self.classes = classes
        self.collected = collected
        self.issues: list[tuple[HonestyIssue, list[_Span]]] = []
        self._local_names: set[str] = set()
        self._guards: list[ast.stmt] = []  # the test's try and with statements

    def read(self, location: Location, func: FunctionNode) -> TestHonesty:
        assertions = self._assertions(func)
        placeholder = _placeholder(func)
        if placeholder:
            end = func.end_lineno or func.lineno
            self._issue("SC202", _Span(func.lineno, end), _PLACEHOLDER)
        elif not assertions:
            self._issue(
                "SC201", _Span(func.lineno, _signature_end(self.source, func)), _NO_ASSERTION
            )
        for assertion in assertions:
            if assertion.verdict.code:
                span = _Span.of(assertion.node)
                self._issue(assertion.verdict.code, span, assertion.verdict.reason)
        strengths = [a.verdict.strength for a in assertions]
        if Strength.WEAK in strengths and Strength.STRONG not in strengths:
            weak = [_Span.of(a.node) for a in assertions if a.verdict.strength is Strength.WEAK]
            self._issue("SC205", weak[0], _WEAK, spans=weak)
        self._skips(func)
        self._swallowed(func, assertions)
        return TestHonesty(location, len(assertions), self._suppressed(func))

    def _issue(self, code: str, span: _Span, reason: str, spans: list[_Span] | None = None) -> None:
        quote = self.source.quote(span.first, span.last)
        self.issues.append((HonestyIssue(code, span.first, quote, reason), spans or [span]))

    # -- assertions --

    def _assertions(self, func: FunctionNode) -> list[_Assertion]:
        found: list[_Assertion] = []
        calls: list[ast.Call] = []
        local: dict[str, FunctionNode] = {}
        local_classes: list[ast.ClassDef] = []
        referenced: set[str] = set()
        names, extra = self.scope.names, self.suite.extra
        for decorator in func.decorator_list:  # nose's @raises(...) expects an exception
            if isinstance(decorator, ast.Call) and callee_name(decorator) == "raises":
                found.append(_Assertion(decorator, Raises.ASSERTION, Verdict(Strength.STRONG)))
        guards = self._guards = []
        stack: list[ast.AST] = list(func.body)
        while stack:
            node = stack.pop()
            if isinstance(node, ast.Assert):
                found.append(_Assertion(node, Raises.ASSERTION, judge_assert(node.test)))
                continue
            if isinstance(node, ast.Raise) and raises_assertion_error(node):
                found.append(_Assertion(node, Raises.ASSERTION, Verdict(Strength.STRONG)))
            elif isinstance(node, ast.Call):
                kind = asserting_call(node, names, extra)
                if kind is not None:
                    found.append(_Assertion(node, kind, judge_call(node)))
                    continue
                calls.append(node)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                local[node.name] = node
                if node.decorator_list:
                    referenced.add(node.name)  # registered with something that will call it
                stack.extend(node.decorator_list)
                continue
            elif isinstance(node, ast.ClassDef):
                local_classes.append(node)
                continue
            elif isinstance(node, ast.Lambda):
                continue
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                referenced.add(node.id)
            elif isinstance(node, (*TRY, ast.With, ast.AsyncWith)):
                guards.append(node)
            stack += children(node)
        asserting = self._asserting_locals(local)
        self._local_names = set(local)
        called: set[str] = set()
        for call in calls:
            if self._helper_asserts(call, asserting, called):
                found.append(_Assertion(call, Raises.ASSERTION, Verdict(Strength.STRONG)))
        for name, nested in local.items():  # handed to something that calls it back
            if name in referenced and name not in called and name in asserting:
                found.append(_Assertion(nested, Raises.ASSERTION, Verdict(Strength.STRONG)))
        for cls in local_classes:  # a class of the test's own, used, with a method that asserts
            if cls.name in referenced and any(
                self.suite.asserts(self.scope, method)
                for method in top_level(cls.body)
                if isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef))
            ):
                found.append(_Assertion(cls, Raises.ASSERTION, Verdict(Strength.STRONG)))
        found.sort(key=lambda a: (a.node.lineno, a.node.col_offset))  # type: ignore[attr-defined]
        return found

    def _asserting_locals(self, local: dict[str, FunctionNode]) -> set[str]:
        """The test's own nested functions that assert, directly or through one another.

        They are the test's own code, not helpers: calls among them are followed to any depth.
        """
        asserting = {name for name, node in local.items() if self.suite.asserts(self.scope, node)}
        pending = True
        while pending:
            pending = False
            for name, node in local.items():
                if name not in asserting and any(
                    isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Name)
                    and n.func.id in asserting
                    for n in walk_body(node)
                ):
                    asserting.add(name)
                    pending = True
        return asserting

    def _helper_asserts(self, call: ast.Call, asserting: set[str], called: set[str]) -> bool:
        """The call is to a helper that asserts (`asserting`: the test's own such functions)."""
        func = call.func
        if isinstance(func, ast.Name) and func.id in self._local_names:
            called.add(func.id)
            return func.id in asserting
        written = dotted(func)
        if written is None:
            return False
        if written.startswith(("self.", "cls.")):  # the class's methods: per class
            owner = self.classes[-1].lineno if self.classes else None
            key: object = (owner, tuple((t.path, t.cls) for t in self.collected), written)
        else:
            key = written
        cache = self.scope.helpers
        if key not in cache:
            cache[key] = self._look_up(written)
        return cache[key]

    def _look_up(self, written: str) -> bool:
        suite, scope = self.suite, self.scope
        head, *attrs = written.split(".")
        if not attrs:
            verdict = suite.binding_asserts(scope, head)
            if verdict is not None:
                return verdict
            return not hasattr(builtins, head) and suite.conftest_asserts(scope.rel, head)
        if head in ("self", "cls") and len(attrs) == 1:
            found = self._method(attrs[0])
            return found is not None and suite.asserts(*found)
        target = scope.bound.get(head)
        if isinstance(target, Import):
            return suite.resolved_asserts(suite.project.resolve(target, tuple(attrs)))
        if isinstance(target, ast.ClassDef) and len(attrs) == 1:  # Helper.check_all(...)
            found = suite.method(scope, target, attrs[0])
            return found is not None and suite.asserts(*found)
        return False

    def _method(self, name: str) -> tuple[Scope, FunctionNode] | None:
        if self.classes:
            found = self.suite.method(self.scope, self.classes[-1], name)
            if found is not None:
                return found
        # A method inherited from a mixin: the helper may live in the class that collects it.
        for test in self.collected:
            scope = self.suite.scope(test.path) if test.path != self.scope.rel else self.scope
            cls = _class_named(scope, test.cls) if scope and test.cls else None
            found = self.suite.method(scope, cls, name) if cls else None  # type: ignore[arg-type]
            if found is not None:
                return found
        return None

    # -- skips (SC206) --

    def _skips(self, func: FunctionNode) -> None:
        marks = [*self.marks.module]
        for cls in self.classes:
            marks += self.marks.of_class(cls)
        marks += func.decorator_list
        for mark in marks:
            kind = self._unconditional(mark)
            if kind is not None:
                self._issue("SC206", _Span.of(mark), _SKIPPED[kind])
        first = _statements(func)[:1]
        if first and (kind := self._skip_statement(first[0])) is not None:
            self._issue("SC206", _Span.of(first[0]), _SKIPPED[kind])

    def _unconditional(self, mark: ast.expr) -> str | None:
        """'skip' or 'xfail' when the mark skips or xfails whatever the conditions."""
        if isinstance(mark, ast.Name):
            value = self.scope.bound.get(mark.id)
            mark = value if isinstance(value, (ast.Call, ast.Attribute)) else mark
        call = mark if isinstance(mark, ast.Call) else None
        full = canonical(call.func if call else mark, self.scope.names) or ""
        parts = full.split(".")
        args = call.args if call else []
        keywords = {k.arg: k.value for k in call.keywords} if call else {}
        if full == "pytest.skip" and call is not None and "allow_module_level" in keywords:
            return "skip"
        if len(parts) >= 2 and parts[-2] == "mark" and parts[-1] in ("skip", "skipif", "xfail"):
            if parts[-1] == "skip":
                return "skip"
            conditions = [*args, *([keywords["condition"]] if "condition" in keywords else [])]
            # A string condition is code pytest evaluates, not a constant.
            if not conditions or any(
                always_true(c) and not isinstance(getattr(c, "value", None), str)
                for c in conditions
            ):
                return "skip" if parts[-1] == "skipif" else "xfail"
            return None
        if parts[0] != "unittest":
            return None
        if parts[-1] == "skip":
            return "skip"
        if parts[-1] == "expectedFailure":
            return "xfail"
        if parts[-1] == "skipIf" and args and always_true(args[0]):
            return "skip"
        if parts[-1] == "skipUnless" and args and isinstance(args[0], ast.Constant):
            return None if args[0].value else "skip"
        return None

    def _skip_statement(self, stmt: ast.stmt) -> str | None:
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            full = canonical(stmt.value.func, self.scope.names)
            if full in ("pytest.skip", "self.skipTest"):
                return "skip"
            if full == "pytest.xfail":
                return "xfail"
        if isinstance(stmt, ast.Raise) and stmt.exc is not None:
            exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
            full = canonical(exc, self.scope.names) or ""
            if full.endswith("SkipTest") or full == "pytest.skip.Exception":
                return "skip"
        return None

    # -- swallowed failures (SC207) --

    def _swallowed(self, func: FunctionNode, assertions: list[_Assertion]) -> None:
        inside = {id(a.node): a for a in assertions}
        for node in self._guards:
            if isinstance(node, TRY):
                guarded = [
                    inside[id(n)] for stmt in node.body for n in (stmt, *walk_body(stmt))
                    if id(n) in inside
                ]  # fmt: skip
                for handler in node.handlers:
                    caught = self._caught(handler.type)
                    if not caught or self._reraises(handler, func, node):
                        continue
                    lost = [a for a in guarded if a.raises in caught]
                    if lost:
                        what = _catch_text(self.source, handler)
                        line = lost[0].node.lineno  # type: ignore[attr-defined]
                        self._issue(
                            "SC207",
                            _Span(handler.lineno, handler.lineno),
                            _SWALLOWED.format(what=what, line=line),
                        )
                    elif not assertions and Raises.ASSERTION in caught and _whole_body(func, node):
                        what = _catch_text(self.source, handler)
                        self._issue(
                            "SC207",
                            _Span(handler.lineno, handler.lineno),
                            _SWALLOWED_ALL.format(what=what),
                        )
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    expr = item.context_expr
                    if isinstance(expr, ast.Call) and callee_name(expr) == "suppress":
                        caught = set().union(*(self._caught(arg) for arg in expr.args))
                        guarded = [
                            inside[id(n)] for stmt in node.body for n in (stmt, *walk_body(stmt))
                            if id(n) in inside and inside[id(n)].raises in caught
                        ]  # fmt: skip
                        if guarded:
                            what = self.source.quote(node.lineno, node.lineno)
                            line = guarded[0].node.lineno  # type: ignore[attr-defined]
                            self._issue(
                                "SC207",
                                _Span(node.lineno, node.lineno),
                                _SWALLOWED.format(what=what, line=line),
                            )

    def _caught(self, kind: ast.expr | None) -> set[Raises]:
        if kind is None:
            return {Raises.ASSERTION, Raises.FAILED}
        if isinstance(kind, ast.Tuple):
            return set().union(*(self._caught(element) for element in kind.elts))
        name = (dotted(kind) or "").rsplit(".", 1)[-1]
        if name == "BaseException":
            return {Raises.ASSERTION, Raises.FAILED}
        if name in ("Exception", "AssertionError"):
            return {Raises.ASSERTION}
        return set()

    def _reraises(self, handler: ast.ExceptHandler, func: FunctionNode, guard: ast.stmt) -> bool:
        """The handler raises, asserts, keeps the exception, or records the failure in a name
        the test reads again after the `try` (`failed.append(msg)` ... `if failed: fail()`)."""
        names, extra = self.scope.names, self.suite.extra
        recorded: set[str] = set()
        for node in walk_body(handler):
            if isinstance(node, (ast.Raise, ast.Assert)):
                return True
            if isinstance(node, ast.Call):
                if asserting_call(node, names, extra) is not None:
                    return True
                if callee_name(node) in _REPORTING:
                    continue
                parts = [*node.args, *(k.value for k in node.keywords)]
                if handler.name and any(_mentions(part, handler.name) for part in parts):
                    return True
                if isinstance(node.func, ast.Attribute):  # failures.append(...)
                    recorded.update(_roots(node.func.value))
            elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value:
                if handler.name and _mentions(node.value, handler.name):
                    return True
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    recorded.update(_roots(target))
        recorded.discard(handler.name or "")
        if not recorded:
            return False
        after = guard.end_lineno or guard.lineno
        return any(
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Load)
            and node.id in recorded
            and node.lineno > after
            for node in walk_body(func)
        )

    # -- suppression --

    def _suppressed(self, func: FunctionNode) -> tuple[HonestyIssue, ...]:
        if not self.issues:
            return ()
        directives = self.source.directives()
        own = [_Span(func.lineno, func.lineno), *(_Span.of(d) for d in func.decorator_list)]
        out = []
        for issue, spans in sorted(self.issues, key=lambda item: (item[0].line, item[0].code)):
            for line in _lines(*spans, *own):
                codes, text = directives.get(line, (frozenset(), ""))
                if codes is None or issue.code in codes:
                    issue = HonestyIssue(
                        issue.code, issue.line, issue.quote, issue.reason, f"{text} on line {line}"
                    )
                    break
            out.append(issue)
        return tuple(out)


def _lines(*spans: _Span) -> Iterator[int]:
    seen: set[int] = set()
    for span in spans:
        for line in range(span.first, span.last + 1):
            if line not in seen:
                seen.add(line)
                yield line


def _class_named(scope: Scope, chain: str) -> ast.ClassDef | None:
    names = chain.split("::")
    found = scope.bound.get(names[0])
    for name in names[1:]:
        if not isinstance(found, ast.ClassDef):
            return None
        inner = [s for s in top_level(found.body) if isinstance(s, ast.ClassDef) and s.name == name]
        found = inner[-1] if inner else None
    return found if isinstance(found, ast.ClassDef) else None


def _statements(func: FunctionNode) -> list[ast.stmt]:
    """The body without its docstring."""
    body = func.body
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
        return body[1:] if isinstance(first.value.value, str) else body
    return body


def _placeholder(func: FunctionNode) -> bool:
    return all(_filler(stmt) for stmt in _statements(func))


def _filler(stmt: ast.stmt) -> bool:
    if isinstance(stmt, ast.Pass):
        return True
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
        return stmt.value.value is Ellipsis or isinstance(stmt.value.value, str)
    if isinstance(stmt, ast.Raise) and stmt.exc is not None:
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


def _signature_end(source: _Source, func: FunctionNode) -> int:
    """The line of the colon that ends the `def` (comments before the body left out)."""
    last = max(func.lineno, func.body[0].lineno - 1)
    for line in range(func.lineno, last + 1):
        if source.lines[line - 1].split("#", 1)[0].rstrip().endswith(":"):
            return line
    return func.lineno


def _whole_body(func: FunctionNode, node: ast.stmt) -> bool:
    """`node` is everything the test does (its docstring aside)."""
    return _statements(func) == [node]


def _roots(expr: ast.expr) -> set[str]:
    """The names an assignment target or a method's receiver starts from."""
    while isinstance(expr, (ast.Attribute, ast.Subscript)):
        expr = expr.value
    if isinstance(expr, ast.Name):
        return {expr.id}
    if isinstance(expr, (ast.Tuple, ast.List)):
        return set().union(*(_roots(element) for element in expr.elts))
    return set()


def _mentions(expr: ast.AST, name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(expr))


def _catch_text(source: _Source, handler: ast.ExceptHandler) -> str:
    return source.quote(handler.lineno, handler.lineno)


_NO_ASSERTION = (
    "The test asserts nothing, so it passes whatever the code does, as long as nothing raises."
)
_PLACEHOLDER = "The test body is a placeholder (docstring, pass, ... or NotImplementedError)."
_WEAK = (
    "Every assertion only checks that a value exists or has a type "
    "(is not None, isinstance, hasattr, callable, truthiness), never what it is."
)
_SKIPPED = {
    "skip": "The test is skipped unconditionally, so it never runs.",
    "xfail": (
        "The test is marked xfail unconditionally, so its failure is expected and proves nothing."
    ),
}
_SWALLOWED = (
    "`{what}` catches the failure of the assertion on line {line} and does not re-raise it, "
    "so the test passes even when the check fails."
)
_SWALLOWED_ALL = (
    "`{what}` catches every error of what the test runs and does not re-raise it, "
    "so the test cannot fail."
)

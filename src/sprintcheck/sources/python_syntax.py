"""Python source as a syntax tree, never run: a file read, decoded and parsed, the plain values
(dotted names, string literals) that can be read off its expressions, and expressions reduced to
small records that outlive the tree.

A file that cannot be read, decoded or parsed is an InputProblem naming it, never an exception.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sprintcheck.model import InputProblem

# The elements of a list that collection may read as marks: calls, and names of marks kept in
# variables (an attribute such as `pytest.mark.slow` adds no parameter set or fixture).
_MARK_LIKE = (ast.Call, ast.Name)


def parse_file(path: Path, rel: str) -> ast.Module | InputProblem:
    """The syntax tree of the file at `path` (`rel` names it in a problem)."""
    data = read_source(path, rel)
    return data if isinstance(data, InputProblem) else parse_source(data, rel)


def read_source(path: Path, rel: str) -> bytes | InputProblem:
    try:
        return path.read_bytes()
    except OSError as exc:
        return InputProblem(rel, f"cannot read: {exc.strerror or exc}")


def parse_source(data: bytes, rel: str) -> ast.Module | InputProblem:
    """Decode as Python does (coding cookie, BOM) and parse."""
    text = decode_source(data, rel)
    return text if isinstance(text, InputProblem) else parse_text(text, rel)


def decode_source(data: bytes, rel: str) -> str | InputProblem:
    """The text of a Python file, decoded as Python does (coding cookie, BOM)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding)
    except SyntaxError as exc:  # an unknown or contradictory coding cookie
        return InputProblem(rel, f"cannot decode: {exc.msg}", exc.lineno)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return InputProblem(rel, f"cannot decode as {exc.encoding}: {exc.reason}", line)


def parse_text(text: str, rel: str) -> ast.Module | InputProblem:
    """The syntax tree of decoded source text."""
    try:
        return ast.parse(text, filename=rel)
    except SyntaxError as exc:
        return InputProblem(rel, f"syntax error: {exc.msg}", exc.lineno)
    except (ValueError, RecursionError, MemoryError) as exc:
        return InputProblem(rel, f"cannot parse: {exc}")


def dotted(expr: ast.expr) -> str | None:
    """`a.b.c` for a name followed by attributes; None for any other expression."""
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        head = dotted(expr.value)
        return f"{head}.{expr.attr}" if head else None
    return None


def last_name(expr: ast.expr) -> str:
    """The last name of a dotted expression, or of a call's callee: `mark` in `pytest.mark()`."""
    name = dotted(expr.func if isinstance(expr, ast.Call) else expr)
    return name.rsplit(".", 1)[-1] if name else ""


def string(expr: ast.expr | None) -> str | None:
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def strings(exprs: list[ast.expr]) -> list[str]:
    """The string literals among `exprs`; other expressions are passed over."""
    return [value for expr in exprs if (value := string(expr)) is not None]


def literal_strings(expr: ast.expr | None) -> list[str] | None:
    """The strings of a list or tuple made only of string literals; None for anything else."""
    if isinstance(expr, (ast.List, ast.Tuple)):
        values = strings(expr.elts)
        if len(values) == len(expr.elts):
            return values
    return None


@dataclass(frozen=True, slots=True)
class Reduced:
    """An expression reduced to what collection reads of it, so the syntax tree can be dropped.

    `name` is the last name of a dotted name, or of a call's callee (`parametrize` in
    `pytest.mark.parametrize(...)`), "" for anything else. A call keeps its arguments, and a list
    or tuple its length (None with a starred element), its string literals and the elements that
    may be marks (calls and names); one level deep only, so large data literals are not kept.
    """

    kind: Literal["name", "attribute", "call", "constant", "sequence", "other"]
    name: str = ""
    value: object = None  # of a constant
    length: int | None = None
    strings: tuple[str, ...] = ()
    elements: tuple[Reduced, ...] = ()
    args: tuple[Reduced, ...] = ()
    keywords: tuple[tuple[str | None, Reduced], ...] = ()  # None: `**mapping`

    def string(self) -> str | None:
        return self.value if self.kind == "constant" and isinstance(self.value, str) else None

    def argument(self, position: int | None, keyword: str) -> Reduced | None:
        """A call's argument given by `keyword`, or else at `position` (if not None)."""
        for name, value in self.keywords:
            if name == keyword:
                return value
        return self.args[position] if position is not None and len(self.args) > position else None


def reduce(expr: ast.expr, *, elements: bool = True, args: bool = True) -> Reduced:
    """`expr` as a Reduced; `elements` and `args` say whether those are kept."""
    name = last_name(expr)
    if isinstance(expr, ast.Call):
        if not args:
            return Reduced("call", name)
        return Reduced(
            "call",
            name,
            args=tuple(reduce(arg, elements=False, args=False) for arg in expr.args),
            keywords=tuple(
                (item.arg, reduce(item.value, elements=False, args=False)) for item in expr.keywords
            ),
        )
    if isinstance(expr, ast.Constant):
        return Reduced("constant", value=expr.value)
    if isinstance(expr, (ast.List, ast.Tuple)):
        starred = any(isinstance(element, ast.Starred) for element in expr.elts)
        kept = [e for e in expr.elts if elements and isinstance(e, _MARK_LIKE)]
        return Reduced(
            "sequence",
            length=None if starred else len(expr.elts),
            strings=tuple(strings(expr.elts)),
            elements=tuple(reduce(element, elements=False) for element in kept),
        )
    if isinstance(expr, ast.Name):
        return Reduced("name", name)
    if isinstance(expr, ast.Attribute):
        return Reduced("attribute", name)
    return Reduced("other")

"""Read a Cobertura XML report (`coverage xml`, and other tools' Cobertura output) as CoverageData.

A Cobertura line-rate is line coverage: statements are the <line> elements of each <class> (its
own <lines>, not the copies under <methods>), covered when hits > 0. Lines marked
`branch="true"` with a `condition-coverage="50% (1/2)"` give branches; when any line has them the
measure says so. For a report written by coverage.py the figures then equal `coverage report`.

The file is streamed with expat, keeping one class's line numbers at a time. A DOCTYPE is allowed
only without an internal subset (Java Cobertura names its DTD) and is never fetched; an internal
subset is refused, because entity declarations are where entity bombs live.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.parsers import expat

from ..model import CoverageCount, CoverageData, InputProblem, ModuleCoverage
from .xml_errors import NO_ELEMENTS, TRUNCATION_CODES

KIND = "Cobertura XML"
LINES = "lines (Cobertura line-rate)"
LINES_AND_BRANCHES = "lines and branches (Cobertura condition-coverage)"
_CONDITIONS = re.compile(r"\((\d+)/(\d+)\)")


class _Refused(Exception):
    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class _Class:
    filename: str
    covered: dict[int, bool] = field(default_factory=dict)
    branches: int = 0
    covered_branches: int = 0


class _Handler:
    def __init__(self, parser: expat.XMLParserType):
        self.parser = parser
        self.open: list[str] = []
        self.sources: list[str] = []
        self.text: list[str] | None = None
        self.current: _Class | None = None
        self.counts: dict[str, CoverageCount] = {}
        self.n_classes = 0
        self.has_branches = False

    def doctype(self, name: str, system: str | None, public: str | None, internal: int) -> None:
        if internal:
            raise _Refused(
                "a DOCTYPE with an internal subset is refused (entity declarations are unsafe)",
                self.parser.CurrentLineNumber,
            )

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        parent = self.open[-1] if self.open else None
        if parent is None and tag != "coverage":
            hint = " (a JUnit results file?)" if tag in ("testsuites", "testsuite") else ""
            raise _Refused(f"expected a Cobertura <coverage> root element, found <{tag}>{hint}", 1)
        if tag == "source" and parent == "sources":
            self.text = []
        elif tag == "class":
            self.current = _Class(attrs.get("filename") or attrs.get("name") or "")
        elif tag == "line" and parent == "lines" and self.current and self.open[-2] == "class":
            self._line(self.current, attrs)
        self.open.append(tag)

    def _line(self, current: _Class, attrs: dict[str, str]) -> None:
        try:
            number = int(attrs["number"])
            hits = int(attrs.get("hits", "0"))
        except (KeyError, ValueError):
            raise _Refused(
                "a <line> needs an integer number and hits", self.parser.CurrentLineNumber
            ) from None
        current.covered[number] = current.covered.get(number, False) or hits > 0
        conditions = _CONDITIONS.search(attrs.get("condition-coverage", ""))
        if attrs.get("branch") == "true" and conditions:
            self.has_branches = True
            current.covered_branches += int(conditions[1])
            current.branches += int(conditions[2])

    def end(self, tag: str) -> None:
        self.open.pop()
        if tag == "source" and self.text is not None:
            self.sources.append("".join(self.text).strip())
            self.text = None
        elif tag == "class" and self.current is not None:
            done = self.current
            count = CoverageCount(
                len(done.covered), sum(done.covered.values()), done.branches, done.covered_branches
            )
            self.counts[done.filename] = self.counts.get(done.filename, CoverageCount()) + count
            self.n_classes += 1
            self.current = None

    def characters(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def read_cobertura(
    path: Path, shown_as: str, map_path: Callable[[str], str | None]
) -> tuple[CoverageData | None, tuple[InputProblem, ...]]:
    """Read one Cobertura file; map_path turns a measured path into one relative to the root."""
    parser = expat.ParserCreate()
    handler = _Handler(parser)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = handler.doctype
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.characters
    try:
        with path.open("rb") as stream:
            parser.ParseFile(stream)
    except OSError as err:
        return None, (InputProblem(shown_as, f"cannot read the file ({err.strerror or err})"),)
    except _Refused as refused:
        return None, (InputProblem(shown_as, refused.message, refused.line),)
    except expat.ExpatError as err:
        return None, (InputProblem(shown_as, _syntax_message(err, handler), err.lineno),)
    if not handler.n_classes:
        message = "holds no <class> element: not a Cobertura report, or nothing was measured"
        return None, (InputProblem(shown_as, message),)
    return _data(handler, shown_as, map_path), ()


def _syntax_message(err: expat.ExpatError, handler: _Handler) -> str:
    if err.code in TRUNCATION_CODES and handler.open:
        return "the XML ends early (truncated?)"
    if err.code == NO_ELEMENTS:
        return "the file holds no XML element"
    return f"not well-formed XML ({expat.ErrorString(err.code)})"


def _data(
    handler: _Handler, shown_as: str, map_path: Callable[[str], str | None]
) -> CoverageData:
    modules: dict[str, CoverageCount] = {}
    unmapped = []
    for filename, count in handler.counts.items():
        # Filenames are relative to one of the <source> folders (coverage.py) or to nothing.
        name = filename.replace("\\", "/")
        candidates = [posixpath.join(source.replace("\\", "/"), name) for source in handler.sources]
        path = next((found for c in (*candidates, name) if (found := map_path(c))), None)
        if path is None:
            unmapped.append(filename)
        else:
            modules[path] = modules.get(path, CoverageCount()) + count
    return CoverageData(
        sources=(shown_as,),
        kind=KIND,
        measure=LINES_AND_BRANCHES if handler.has_branches else LINES,
        modules=tuple(ModuleCoverage(path, modules[path]) for path in sorted(modules)),
        has_contexts=False,
        unmapped=tuple(sorted(unmapped)),
    )

"""Read one JUnit XML results file as a stream of `CaseResult` records.

The file is parsed incrementally and every finished <testcase> is dropped from the tree, so memory
stays bounded however large the file is. Figures come from the cases, never from suite header
attributes (`tests=`, `failures=`), which tools often leave stale.

`ResultsFile.runner` is a best guess from marks each runner leaves: "pytest" (a suite named
"pytest", or `file` attributes ending in .py), "jest" (jest-junit's root name "jest tests"), "go"
(a `go.version` property, from go-junit-report or gotestsum), "surefire" (its schema on the root, a
`surefire.*` property, or rerun/flaky entries), else "junit".
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree
from xml.parsers import expat

from junitparser import Attr, Error, Skipped
from junitparser.junitparser import FinalResult
from junitparser.xunit2 import InterimResult, TestCase

from ..errors import JUnitError
from ..model import COLLECTION_FAILURE, CaseResult, Outcome, ResultsFile
from ..timestamps import as_instant
from .xml_errors import NO_ELEMENTS, TRUNCATION_CODES

_ROOTS = ("testsuites", "testsuite")
_MESSAGE_LIMIT = 200
# How pytest words an <error> from a failing teardown (the second is older pytest's wording).
_TEARDOWN_PREFIXES = ("failed on teardown with ", "test teardown failure")
# When a file shows the marks of several runners, the first in this order wins.
_RUNNER_PRIORITY = ("pytest", "jest", "go", "surefire")
_FAILED_CALLS_WINDOW = 1024
_PASSED = (Outcome.PASSED,)


class _Case(TestCase):
    """A <testcase> with the `file` attribute pytest's xunit1 family writes."""

    file = Attr()


class _DoctypeFound(Exception):
    def __init__(self, line: int):
        self.line = line


class _RootReached(Exception):
    pass


def read_results(path: Path, shown_as: str, on_case: Callable[[CaseResult], None]) -> ResultsFile:
    """Stream one JUnit XML file, calling on_case for every <testcase>, and return its summary."""
    try:
        with path.open("rb") as stream:
            if path.stat().st_size == 0:
                raise JUnitError("the file is empty", path=shown_as)
            _refuse_doctype(stream, shown_as)
            stream.seek(0)
            return _Reader(shown_as, on_case).read(stream)
    except OSError as err:
        raise JUnitError(f"cannot read the file ({err.strerror or err})", path=shown_as) from err


def _refuse_doctype(stream: BinaryIO, shown_as: str) -> None:
    """Scan the prolog only: a DOCTYPE is where entity bombs and external entities live.

    The handler fires on `<!DOCTYPE`, before expat reads any entity declared in it, and the scan
    stops at the first element, so a large file costs one buffer.
    """
    parser = expat.ParserCreate()

    def on_doctype(*_: object) -> None:
        raise _DoctypeFound(parser.CurrentLineNumber)

    def on_element(*_: object) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = on_doctype
    parser.StartElementHandler = on_element
    try:
        parser.ParseFile(stream)
    except _RootReached:
        return
    except _DoctypeFound as found:
        raise JUnitError(
            "DOCTYPE declarations are refused (entity expansion and external entities are unsafe)",
            path=shown_as,
            place=f"line {found.line}",
        ) from None
    except expat.ExpatError as err:
        raise _syntax_error(err.code, err.lineno, err.offset, shown_as, root_seen=False) from None
    except (LookupError, ValueError) as err:
        # Python's expat binding raises these for an encoding it cannot decode.
        raise JUnitError(f"unsupported encoding ({err})", path=shown_as) from None


def _syntax_error(
    code: int, line: int, column: int, shown_as: str, *, root_seen: bool, n_cases: int = 0
) -> JUnitError:
    if code in TRUNCATION_CODES and root_seen:
        message = "the XML ends early (truncated?)"
    elif code == NO_ELEMENTS:
        message = "the file holds no XML element"
    else:
        reason = expat.ErrorString(code)
        if reason.startswith("not well-formed ("):  # expat's "not well-formed (invalid token)"
            reason = reason[len("not well-formed (") : -1]
        message = f"not well-formed XML ({reason})"
    if n_cases:
        message += (
            " after 1 case was read; it is counted"
            if n_cases == 1
            else f" after {n_cases} cases were read; those are counted"
        )
    # expat counts columns from 0; editors count from 1.
    return JUnitError(message, path=shown_as, place=f"line {line}, column {column + 1}")


class _Reader:
    def __init__(self, shown_as: str, on_case: Callable[[CaseResult], None]):
        self.shown_as = shown_as
        self.on_case = on_case
        self.n_cases = 0
        self.newest: datetime | None = None
        self.runner_marks: set[str] = set()
        self.internal_error: str | None = None
        self.collection_errors: list[tuple[str, str]] = []
        # Recent failed cases, to recognise the second half of a split pytest testcase. Under
        # xdist the two halves need not be adjacent; a window keeps memory bounded.
        self.failed_calls: deque[tuple[str, str]] = deque(maxlen=_FAILED_CALLS_WINDOW)

    def read(self, stream: BinaryIO) -> ResultsFile:
        parents: list[ElementTree.Element] = []
        try:
            # Start events only keep the chain of open elements; everything is read at the end
            # event, when an element's attributes and children are complete.
            for event, elem in ElementTree.iterparse(stream, events=("start", "end")):
                if event == "start":
                    if not parents:
                        self._check_root(elem)
                    parents.append(elem)
                    continue
                parents.pop()
                tag = elem.tag
                if tag == "testcase":
                    self._emit(elem)
                elif tag == "testsuite":
                    self._note_suite(elem)
                elif tag == "property":
                    self._note_property(elem)
                    continue
                else:
                    continue
                if parents:
                    # The element that just ended is its parent's last child: drop it, so the
                    # tree never holds more than the open elements.
                    del parents[-1][-1]
        except ElementTree.ParseError as err:
            line, column = err.position
            raise _syntax_error(
                err.code, line, column, self.shown_as, root_seen=True, n_cases=self.n_cases
            ) from None
        runner = next((r for r in _RUNNER_PRIORITY if r in self.runner_marks), "junit")
        return ResultsFile(
            self.shown_as,
            runner,
            self.n_cases,
            self.newest,
            self.internal_error,
            tuple(self.collection_errors),
        )

    def _check_root(self, root: ElementTree.Element) -> None:
        if root.tag not in _ROOTS:
            raise JUnitError(
                f"expected a <testsuites> or <testsuite> root element, found <{root.tag}>",
                path=self.shown_as,
            )
        # jest-junit names the root "jest tests" unless configured otherwise.
        if root.tag == "testsuites" and "jest" in root.get("name", "").lower():
            self.runner_marks.add("jest")
        # Surefire points its root at its own schema (xsi:noNamespaceSchemaLocation).
        if any("surefire" in value for value in root.attrib.values()):
            self.runner_marks.add("surefire")

    def _note_suite(self, suite: ElementTree.Element) -> None:
        if suite.get("name") == "pytest":  # pytest's default junit_suite_name
            self.runner_marks.add("pytest")
        stamp = _timestamp(suite.get("timestamp"))
        if stamp and (self.newest is None or as_instant(stamp) > as_instant(self.newest)):
            self.newest = stamp

    def _note_property(self, prop: ElementTree.Element) -> None:
        name = prop.get("name", "")
        if name == "go.version":  # go-junit-report and gotestsum
            self.runner_marks.add("go")
        elif name.startswith("surefire."):
            self.runner_marks.add("surefire")

    def _emit(self, elem: ElementTree.Element) -> None:
        # This runs once per case: it stays lean so reading stays near the speed of a bare parse.
        get = elem.get
        classname = get("classname") or ""
        name = get("name") or ""
        file = get("file")
        if classname == "pytest" and name == "internal":
            # pytest's junitxml writes its own INTERNALERROR as a fake case that its summary line
            # does not count: note that the run broke off instead of counting an error.
            self.internal_error = _message(_Case.fromelem(elem).result) or "internal error"
            return
        if len(elem):
            case = _Case.fromelem(elem)
            outcomes, message, reruns = self._judge((classname, name), case)
            if message == COLLECTION_FAILURE and not classname:
                self.collection_errors.append((name, _error_line(case.result)))
        else:
            # No child element: a pass, and no need for junitparser's wrapping.
            outcomes, message, reruns = _PASSED, None, 0
        if file and file.endswith(".py"):
            self.runner_marks.add("pytest")
        self.n_cases += 1
        self.on_case(
            CaseResult(
                self.shown_as, classname, name, file, _seconds(get("time")), outcomes, message, reruns
            )
        )

    def _judge(self, key: tuple[str, str], case: _Case) -> tuple[tuple[Outcome, ...], str | None, int]:
        """(outcomes, message, reruns) of a case that has child elements, read with junitparser."""
        entries = list(case)
        results = [entry for entry in entries if isinstance(entry, FinalResult)]
        reruns = sum(isinstance(entry, InterimResult) for entry in entries)
        # One outcome per result element: each element is one report the runner counted, so the
        # sum over cases equals the runner's own summary (pytest says "1 skipped, 1 error" for a
        # skipped test whose teardown failed); `CaseResult.worst` gives the verdict per case.
        outcomes = tuple(_outcome(result) for result in results)
        if not results:
            outcomes = _PASSED
        elif all(_is_teardown_error(result) for result in results):
            if key in self.failed_calls:
                # pytest writes a failed call and its failed teardown as two <testcase> elements
                # of the same test; the second holds only the teardown error.
                self.failed_calls.remove(key)
            else:
                # The call passed before the teardown failed: pytest counts "1 passed, 1 error".
                outcomes = (Outcome.PASSED, *outcomes)
        if Outcome.FAILED in outcomes:
            self.failed_calls.append(key)
        if reruns:  # rerunFailure/flakyFailure entries are Surefire's
            self.runner_marks.add("surefire")
        return outcomes, _message(results), reruns


def _outcome(result: FinalResult) -> Outcome:
    if isinstance(result, Skipped):
        # pytest writes xfailed cases as skipped; its summary counts them apart.
        return Outcome.XFAILED if result.type == "pytest.xfail" else Outcome.SKIPPED
    return Outcome.ERROR if isinstance(result, Error) else Outcome.FAILED


def _is_teardown_error(result: FinalResult) -> bool:
    return isinstance(result, Error) and (result.message or "").startswith(_TEARDOWN_PREFIXES)


def _message(results: list[FinalResult]) -> str | None:
    for result in results:
        line = _first_line(result.message) or _first_line(result.text)
        if line:
            return line if len(line) <= _MESSAGE_LIMIT else line[: _MESSAGE_LIMIT - 1] + "…"
    return None


def _error_line(results: list[FinalResult]) -> str:
    """The exception of a collection error: the last `E   ` line of pytest's report."""
    text = next((result.text for result in results if result.text), "") or ""
    raised = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    found = raised[-1] if raised else _first_line(text) or "no details"
    return found if len(found) <= _MESSAGE_LIMIT else found[: _MESSAGE_LIMIT - 1] + "…"


def _first_line(text: str | None) -> str | None:
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), None)


def _seconds(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            # Some runners group thousands ("1,234.5"), as junitparser's FloatAttr allows.
            seconds = float(text.replace(",", ""))
        except ValueError:
            return None
    return seconds if math.isfinite(seconds) else None


def _timestamp(text: str | None) -> datetime | None:
    """ISO 8601 as most runners write it (3.10 needs `Z` spelt out), else RFC 2822 (mocha)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None

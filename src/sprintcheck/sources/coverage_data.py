"""Read coverage data as `CoverageData`: coverage.py data files, coverage.json or Cobertura XML.

Figures from coverage.py data are coverage.py's own: every measured file is analysed by coverage's
parser and `Analysis`, with the project's exclusion and report settings, just as `coverage report`
does, so totals agree with it to the hundredth of a percent. Measured paths are mapped to the
repository first (the plan's remap, the `[paths]` section, relative paths, then the longest path
suffix that exists), so data recorded on another machine still finds its sources.

Reading never changes the repository and never runs its code: each data file is copied into a
private temporary folder before SQLite opens it (SQLite rolls back a stale journal by writing, and
coverage.py gives a file without tables its schema), parallel files are merged per module in
memory, and only the configuration options reporting needs are copied from the project's
configuration, so the plugins it names are never imported. Memory is bounded by one module at a
time: each is analysed and dropped before the next, with one query per file for its contexts.
"""

from __future__ import annotations

import os
import posixpath
import sqlite3
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from coverage import Coverage
from coverage import CoverageData as MeasuredData
from coverage import __version__ as coverage_version
from coverage.config import CoverageConfig
from coverage.exceptions import CoverageException
from coverage.files import GlobMatcher, PathAliases, isabs_anywhere, prep_patterns
from coverage.python import PythonFileReporter
from coverage.results import Analysis, analysis_from_file_reporter
from coverage.sqldata import SCHEMA_VERSION

from ..model import CoverageCount, CoverageData, InputProblem, ModuleCoverage
from .cobertura import KIND as COBERTURA
from .cobertura import read_cobertura
from .coverage_json import KIND as COVERAGE_JSON
from .coverage_json import read_coverage_json

COVERAGE_PY = "coverage.py data"
STATEMENTS = "statements"
STATEMENTS_AND_BRANCHES = "statements and branches"

# When several kinds are given, the first present is read: coverage.py data holds the most.
_PREFERENCE = (COVERAGE_PY, COVERAGE_JSON, COBERTURA)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PYTEST_COV_PHASES = ("|run", "|setup", "|teardown")
# Where coverage.py looks for its configuration, in its order; True: a file of coverage's own.
_CONFIG_FILES = (
    (".coveragerc", True),
    (".coveragerc.toml", True),
    ("setup.cfg", False),
    ("tox.ini", False),
    ("pyproject.toml", False),
)
# The only options copied from the project's configuration: what reporting and path mapping use.
# Anything that loads code (plugins) or writes files (debug, data_file) stays at its default.
_SAFE_OPTIONS = (
    "exclude_list",
    "partial_list",
    "partial_always_list",
    "report_include",
    "report_omit",
    "paths",
    "source",
    "source_pkgs",
)
_TEST_FOLDERS = frozenset({"tests", "test", "testing"})
_UNMAPPED_SHOWN = 3

ContextCategory = Callable[[str], "str | None"]


def context_test(context: str) -> str:
    """The test a measurement context names, without pytest-cov's `|run`/`|setup`/`|teardown`."""
    for phase in _PYTEST_COV_PHASES:
        if context.endswith(phase):
            return context[: -len(phase)]
    return context


def read_coverage(
    paths: Sequence[Path],
    root: Path,
    remap: Sequence[tuple[str, str]] = (),
    context_category: ContextCategory = lambda context: None,
) -> tuple[CoverageData | None, tuple[InputProblem, ...]]:
    """Read the data files of one kind (the most complete given) and map them onto `root`.

    Never raises for bad input: every file that cannot be read becomes an InputProblem, and the
    data is None when nothing usable was read.
    """
    root = root.resolve()
    problems: list[InputProblem] = []
    config, config_name = _read_config(root, problems)
    mapper = PathMapper(root, remap, _aliases(root, config, config_name, problems))
    by_kind: dict[str, list[Path]] = {}
    for path in paths:
        kind = _kind_of(path, _shown(path, root))
        if isinstance(kind, InputProblem):
            problems.append(kind)
        else:
            by_kind.setdefault(kind, []).append(path)

    data: CoverageData | None = None
    for kind in _PREFERENCE:
        files = by_kind.get(kind, [])
        if files and data is not None:
            problems += (_ignored(_shown(path, root), data) for path in files)
        elif files:
            if kind == COVERAGE_PY:
                data, found = _DataReader(root, mapper, config, context_category).read(files)
            else:
                data, found = _read_reports(kind, files, root, mapper)
            problems += found
    if data is None:
        return None, tuple(problems)
    if data.unmapped:
        problems.append(_unmapped_problem(data))
    if (measures_tests := _measures_tests(config, config_name, data)) is not None:
        problems.append(measures_tests)
    if not data.modules:
        problems.append(InputProblem(data.sources[0], "no measured file maps into the repository"))
        return None, tuple(problems)
    return data, tuple(problems)


# --- mapping measured paths onto the repository ---------------------------------------------


class PathMapper:
    """Measured path -> posix path relative to the root, or None when no file there matches.

    Tried in order: the plan's remap prefixes, the configuration's `[paths]` aliases, a relative
    path against the root, an absolute path inside the root, and the longest suffix of the path
    that names a file under the root (data recorded in another checkout or on another machine).
    """

    def __init__(
        self, root: Path, remap: Sequence[tuple[str, str]], aliases: PathAliases | None = None
    ):
        self.root = root
        self.prefix = str(root) + os.sep
        self.remap = [(_posix(measured).rstrip("/"), repo) for measured, repo in remap]
        self.aliases = aliases

    def __call__(self, measured: str) -> str | None:
        name = _posix(measured)
        return (
            self._remapped(name)
            or self._aliased(measured)
            or (self._existing(name) if not isabs_anywhere(name) else None)
            or self._inside_root(name)
            or self._by_suffix(name)
        )

    def _existing(self, relative: str) -> str | None:
        relative = posixpath.normpath(relative)
        if relative.startswith(("../", "/")) or relative in ("..", "."):
            return None
        return relative if (self.root / relative).is_file() else None

    def _remapped(self, name: str) -> str | None:
        for prefix, repo in self.remap:
            if name == prefix or name.startswith(prefix + "/"):
                if found := self._existing(posixpath.join(repo, name[len(prefix) :].lstrip("/"))):
                    return found
        return None

    def _aliased(self, measured: str) -> str | None:
        if self.aliases is None:
            return None
        mapped = self.aliases.map(measured, exists=os.path.isfile)
        return self._inside_root(_posix(mapped)) if mapped != measured else None

    def _inside_root(self, name: str) -> str | None:
        native = os.path.normpath(name)
        if native.startswith(self.prefix):
            return self._existing(_posix(native[len(self.prefix) :]))
        return None

    def _by_suffix(self, name: str) -> str | None:
        parts = [part for part in name.split("/") if part and part not in (".", "..")]
        if parts and parts[0].endswith(":"):  # a Windows drive
            parts = parts[1:]
        # Code measured where it was installed (site-packages/pkg/mod.py) lives under src/ in a
        # src-layout repository: try there too, after the repository root.
        return next(
            (
                found
                for i in range(len(parts))
                for base in ("", "src/")
                if (found := self._existing(base + "/".join(parts[i:])))
            ),
            None,
        )


def _posix(name: str) -> str:
    # Data recorded on Windows names files with backslashes; no sane POSIX path holds one.
    return name.replace("\\", "/")


def _shown(path: Path, root: Path) -> str:
    """How an input file is named in problems: relative to the root when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


# --- the project's coverage configuration ---------------------------------------------------------


def _read_config(root: Path, problems: list[InputProblem]) -> tuple[CoverageConfig, str | None]:
    """The reporting options of the project's configuration, found as coverage.py finds it.

    Relative report patterns are anchored at the root here: coverage.py anchors them at the
    current directory, which is the root when a user runs `coverage report` there.
    """
    found = CoverageConfig()
    name = None
    for candidate, ours in _CONFIG_FILES:
        path = root / candidate
        if not path.is_file():
            continue
        try:
            if found.from_file(str(path), warn=lambda _: None, our_file=ours):
                found.post_process()
                name = candidate
                break
        except CoverageException as err:
            problems.append(
                InputProblem(candidate, f"coverage configuration not read ({err}); defaults used")
            )
            found = CoverageConfig()
            break
    safe = CoverageConfig()
    for option in _SAFE_OPTIONS:
        setattr(safe, option, getattr(found, option))
    safe.plugins = []
    safe.report_include = _anchored(root, found.report_include)
    safe.report_omit = _anchored(root, found.report_omit)
    return safe, name


def _anchored(root: Path, patterns: list[str] | None) -> list[str] | None:
    if not patterns:
        return patterns
    return [
        p if p.startswith(("*", "?")) or isabs_anywhere(p) else str(root / p) for p in patterns
    ]


def _aliases(
    root: Path, config: CoverageConfig, config_name: str | None, problems: list[InputProblem]
) -> PathAliases | None:
    """The `[paths]` section as coverage combine applies it, with relative entries at the root."""
    if not config.paths:
        return None
    aliases = PathAliases(relative=False)
    try:
        for group in config.paths.values():
            result, *patterns = _anchored(root, group) or [""]
            for pattern in patterns:
                aliases.add(pattern, result)
    except CoverageException as err:
        problems.append(InputProblem(config_name or "", f"[paths] not used ({err})"))
        return None
    return aliases


def _measures_tests(
    config: CoverageConfig, config_name: str | None, data: CoverageData
) -> InputProblem | None:
    """A warning when the configuration measures the tests rather than the code they test."""
    targets = [*(config.source or ()), *(config.source_pkgs or ())]
    if targets and all(_is_test_path(target.replace(".", "/")) for target in targets):
        return InputProblem(
            config_name or data.sources[0],
            "coverage configuration measures the tests, not the code they test: "
            f"[run] source = {', '.join(targets)}",
        )
    if data.modules and all(_is_test_path(module.path) for module in data.modules):
        return InputProblem(
            data.sources[0],
            "coverage configuration measures only test files: all "
            f"{len(data.modules)} measured files are tests, so the figure is not the code's",
        )
    return None


def _is_test_path(path: str) -> bool:
    *folders, name = path.strip("/").split("/")
    return (
        any(folder in _TEST_FOLDERS for folder in folders)
        or name in _TEST_FOLDERS
        or name.startswith("test_")
        or name.endswith("_test.py")
        or name == "conftest.py"
    )


# --- which kind of file ---------------------------------------------------------------------------


def _kind_of(path: Path, shown: str) -> str | InputProblem:
    """The kind a file holds, from its first bytes (its name only breaks ties)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError as err:
        return InputProblem(shown, f"cannot read the file ({err.strerror or err})")
    if not head:
        return InputProblem(shown, "the file is empty")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(_SQLITE_MAGIC) or (
        path.name.startswith(".coverage") and path.suffix not in (".xml", ".json")
    ):
        return COVERAGE_PY
    if start.startswith(b"<") or path.suffix == ".xml":
        return COBERTURA
    if start.startswith((b"{", b"[")) or path.suffix == ".json":
        return COVERAGE_JSON
    return InputProblem(
        shown, "not coverage data: expected a coverage.py data file, coverage.json or Cobertura XML"
    )


def _ignored(shown: str, data: CoverageData) -> InputProblem:
    return InputProblem(
        shown, f"ignored: {data.kind} from {', '.join(data.sources)} is read instead"
    )


def _unmapped_problem(data: CoverageData) -> InputProblem:
    first = ", ".join(data.unmapped[:_UNMAPPED_SHOWN])
    more = ", ..." if len(data.unmapped) > _UNMAPPED_SHOWN else ""
    return InputProblem(
        data.sources[0],
        f"{len(data.unmapped)} measured files match no file in the repository ({first}{more}); "
        "map them with the plan's coverage remap or a [paths] section",
    )


# --- coverage.json and Cobertura: reports, merged when they measure different modules -------------


def _read_reports(
    kind: str, files: list[Path], root: Path, mapper: PathMapper
) -> tuple[CoverageData | None, list[InputProblem]]:
    reader = read_cobertura if kind == COBERTURA else read_coverage_json
    problems: list[InputProblem] = []
    readings = []
    for path in files:
        reading, found = reader(path, _shown(path, root), mapper)
        problems += found
        if reading is not None:
            readings.append(reading)
    if not readings:
        return None, problems
    first = readings[0]
    modules: dict[str, ModuleCoverage] = {}
    origin: dict[str, str] = {}
    for reading in readings:
        source = reading.sources[0]
        if reading.measure != first.measure:
            problems.append(
                InputProblem(source, f"measures {reading.measure}, not {first.measure} as "
                             f"{first.sources[0]}: the figures mix both")
            )
        for module in reading.modules:
            if module.path in modules:
                # A report keeps no line numbers to merge by: the first reading stands.
                problems.append(
                    InputProblem(source, f"{module.path} is measured in {origin[module.path]} "
                                 "too; a report cannot be merged per line, the first one is used")
                )
                continue
            modules[module.path] = module
            origin[module.path] = source
    merged = CoverageData(
        sources=tuple(reading.sources[0] for reading in readings),
        kind=kind,
        measure=first.measure,
        modules=tuple(modules[path] for path in sorted(modules)),
        has_contexts=False,
        unmapped=tuple(sorted({name for reading in readings for name in reading.unmapped})),
    )
    return merged, problems


# --- coverage.py data files ------------------------------------------------------------------


@dataclass
class _Source:
    """One measured name in one data file."""

    data: MeasuredData
    name: str


class _Categories(dict[str, "str | None"]):
    """The category of each context, asked of the pipeline once per context."""

    def __init__(self, context_category: ContextCategory):
        super().__init__()
        self.context_category = context_category

    def __missing__(self, context: str) -> str | None:
        category = self.context_category(context) if context else None
        self[context] = category
        return category


class _DataReader:
    def __init__(
        self,
        root: Path,
        mapper: PathMapper,
        config: CoverageConfig,
        context_category: ContextCategory,
    ):
        self.root = root
        self.mapper = mapper
        self.categories = _Categories(context_category)
        # PythonFileReporter reads the exclusion settings through a Coverage object. This one is
        # never started or loaded, and gets the safe copy of the configuration, so it imports
        # no plugin and reads no data file of its own.
        self.coverage = Coverage(data_file=None, config_file=False)
        self.coverage.config = config
        self.include = _matcher(config.report_include, "report_include")
        self.omit = _matcher(config.report_omit, "report_omit")

    def read(self, files: list[Path]) -> tuple[CoverageData | None, list[InputProblem]]:
        problems: list[InputProblem] = []
        with _private_folder(self.root) as folder:
            if folder is None:
                shown = _shown(files[0], self.root)
                return None, [InputProblem(shown, "the temporary folder is inside the repository")]
            opened = self._open(files, folder, problems)
            try:
                return (self._read(opened, problems) if opened else None), problems
            except (CoverageException, sqlite3.Error) as err:
                names = ", ".join(shown for shown, _ in opened)
                return None, [*problems, InputProblem(names, f"cannot read the data ({err})")]
            finally:
                for _, data in opened:
                    data.close(force=True)

    def _open(
        self, files: list[Path], folder: Path, problems: list[InputProblem]
    ) -> list[tuple[str, MeasuredData]]:
        opened: list[tuple[str, MeasuredData]] = []
        for index, path in enumerate(files):
            shown = _shown(path, self.root)
            copy = folder / f"{index}.coverage"
            problem = _copy_checked(path, copy, shown)
            if problem is not None:
                problems.append(problem)
                continue
            data = MeasuredData(basename=str(copy))
            try:
                data.read()
            except (CoverageException, sqlite3.Error) as err:
                problems.append(InputProblem(shown, f"cannot read the data ({err})"))
                data.close(force=True)
                continue
            if opened and data.has_arcs() != opened[0][1].has_arcs():
                problems.append(_mixed_measure(shown, data, opened[0][0]))
                data.close(force=True)
                continue
            opened.append((shown, data))
        return opened

    def _read(
        self, opened: list[tuple[str, MeasuredData]], problems: list[InputProblem]
    ) -> CoverageData:
        by_module: dict[str, list[_Source]] = {}
        unmapped: list[str] = []
        plugin_files = 0
        for _, data in opened:
            for name in sorted(data.measured_files()):
                if data.file_tracer(name):
                    plugin_files += 1
                elif (path := self.mapper(name)) is None:
                    if self._reported(name):
                        unmapped.append(name)
                elif self._reported(str(self.root / path)):
                    by_module.setdefault(path, []).append(_Source(data, name))
        sources = tuple(shown for shown, _ in opened)
        if plugin_files:
            problems.append(
                InputProblem(sources[0], f"{plugin_files} files measured by coverage plugins are "
                             "left out: sprintcheck does not load plugins")
            )
        has_contexts = any(data.measured_contexts() - {""} for _, data in opened)
        modules = []
        merged = MeasuredData(no_disk=True)  # modules measured in several files, merged per line
        for path in sorted(by_module):
            module = self._module(path, by_module.pop(path), merged, has_contexts, problems)
            if module is not None:
                modules.append(module)
        merged.close(force=True)
        return CoverageData(
            sources=sources,
            kind=COVERAGE_PY,
            measure=STATEMENTS_AND_BRANCHES if opened[0][1].has_arcs() else STATEMENTS,
            modules=tuple(modules),
            has_contexts=has_contexts,
            unmapped=tuple(sorted(set(unmapped))),
        )

    def _reported(self, filename: str) -> bool:
        """What `coverage report` would show, by the [report] include and omit patterns."""
        if self.include is not None and not self.include.match(filename):
            return False
        return self.omit is None or not self.omit.match(filename)

    def _module(
        self,
        path: str,
        sources: list[_Source],
        merged: MeasuredData,
        has_contexts: bool,
        problems: list[InputProblem],
    ) -> ModuleCoverage | None:
        reporter = PythonFileReporter(str(self.root / path), self.coverage)
        data, name = sources[0].data, sources[0].name
        if len(sources) > 1:
            data, name = merged, path
            if sources[0].data.has_arcs():
                merged.add_arcs({path: {arc for s in sources for arc in s.data.arcs(s.name) or ()}})
            else:
                merged.add_lines({path: {n for s in sources for n in s.data.lines(s.name) or ()}})
        try:
            analysis = analysis_from_file_reporter(data, 2, reporter, name)
        except (CoverageException, OSError, UnicodeDecodeError) as err:
            problems.append(InputProblem(path, f"cannot analyse the measured source ({err})"))
            return None
        numbers = analysis.numbers
        count = CoverageCount(
            numbers.n_statements,
            numbers.n_executed,
            numbers.n_branches,
            numbers.n_executed_branches,
        )
        by_category = self._by_category(analysis, reporter, sources) if has_contexts else ()
        return ModuleCoverage(path, count, by_category)

    def _by_category(
        self, analysis: Analysis, reporter: PythonFileReporter, sources: list[_Source]
    ) -> tuple[tuple[str, int], ...]:
        """Statements each category's contexts ran: one contexts query per data file."""
        lines: dict[str, set[int]] = {}
        category_of = self.categories.__getitem__
        for source in sources:
            for lineno, contexts in source.data.contexts_by_lineno(source.name).items():
                for category in set(map(category_of, contexts)):
                    if category is not None:
                        lines.setdefault(category, set()).add(lineno)
        counted = (
            (category, len(reporter.translate_lines(raw) & analysis.statements))
            for category, raw in lines.items()
        )
        return tuple(sorted((category, n) for category, n in counted if n))


def _matcher(patterns: list[str] | None, name: str) -> GlobMatcher | None:
    return GlobMatcher(prep_patterns(patterns), name) if patterns else None


def _mixed_measure(shown: str, data: MeasuredData, first: str) -> InputProblem:
    holds, other = ("branch", "statement") if data.has_arcs() else ("statement", "branch")
    return InputProblem(
        shown, f"holds {holds} data but {first} holds {other} data; they cannot be combined"
    )


@contextmanager
def _private_folder(root: Path) -> Iterator[Path | None]:
    """A temporary folder outside the repository, removed afterwards; None if none can be had."""
    with tempfile.TemporaryDirectory(prefix="sprintcheck-coverage-") as name:
        folder = Path(name).resolve()
        yield None if folder.is_relative_to(root) else folder


def _copy_checked(path: Path, copy: Path, shown: str) -> InputProblem | None:
    """Copy one data file and check it is coverage.py data this coverage.py can read."""
    try:
        with path.open("rb") as stream, copy.open("wb") as out:
            head = stream.read(len(_SQLITE_MAGIC))
            out.write(head)
            while chunk := stream.read(1 << 20):
                out.write(chunk)
    except OSError as err:
        return InputProblem(shown, f"cannot read the file ({err.strerror or err})")
    if not head:
        return InputProblem(shown, "the file is empty")
    if head.startswith(b"!coverage.py"):
        return InputProblem(shown, "coverage.py 4 data (JSON); record it again with coverage 5+")
    if head != _SQLITE_MAGIC:
        return InputProblem(shown, "not a coverage.py data file (not an SQLite database)")
    try:
        with closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as db:
            check = db.execute("pragma quick_check").fetchone()[0]
            if check != "ok":
                return InputProblem(shown, f"the SQLite database is damaged ({check})")
            version = db.execute("select version from coverage_schema").fetchone()
    except sqlite3.OperationalError as err:
        if "no such table" in str(err):
            return InputProblem(shown, "an SQLite database, but not coverage.py data")
        return InputProblem(shown, f"the SQLite database cannot be read ({err})")
    except sqlite3.DatabaseError as err:
        return InputProblem(shown, f"the SQLite database is damaged, truncated? ({err})")
    if version is None or version[0] != SCHEMA_VERSION:
        found = version[0] if version else "none"
        return InputProblem(
            shown,
            f"coverage.py data schema {found}, but coverage.py {coverage_version} reads schema "
            f"{SCHEMA_VERSION}: record it with this version, or upgrade coverage",
        )
    return None

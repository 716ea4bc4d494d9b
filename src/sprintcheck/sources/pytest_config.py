"""The pytest settings that decide which tests exist: read from the file pytest itself would use.

Only the root is searched (pytest also walks up to parent folders; the analysed root is the
project, and node ids are relative to it). A broken config file never stops the report: the
defaults are used and the problem is recorded.
"""

from __future__ import annotations

import fnmatch
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from sprintcheck.model import InputProblem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_NORECURSEDIRS = (
    "*.egg",
    ".*",
    "_darcs",
    "build",
    "CVS",
    "dist",
    "node_modules",
    "venv",
    "{arch}",
)
_KEYS = ("python_files", "python_classes", "python_functions", "testpaths", "norecursedirs")
# pytest's search order (pytest.toml and .pytest.toml exist since pytest 9).
_CANDIDATES = (
    "pytest.toml",
    ".pytest.toml",
    "pytest.ini",
    ".pytest.ini",
    "pyproject.toml",
    "tox.ini",
    "setup.cfg",
)


@dataclass(frozen=True)
class PytestConfig:
    python_files: tuple[str, ...] = ("test_*.py", "*_test.py")
    python_classes: tuple[str, ...] = ("Test",)
    python_functions: tuple[str, ...] = ("test",)
    testpaths: tuple[str, ...] = ()
    norecursedirs: tuple[str, ...] = DEFAULT_NORECURSEDIRS
    source: str | None = None
    problems: tuple[InputProblem, ...] = ()


class _ConfigFileError(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


def read_pytest_config(root: Path) -> PytestConfig:
    pyproject_seen = False
    for name in _CANDIDATES:
        path = root / name
        if not path.is_file():
            continue
        pyproject_seen = pyproject_seen or name == "pyproject.toml"
        try:
            values = _load(path)
        except _ConfigFileError as exc:
            return PytestConfig(problems=(InputProblem(name, exc.message, exc.line),))
        if values is not None:
            return _build(name, values)
    # pytest >= 8.1 takes a pyproject.toml without a pytest table as its (empty) config file.
    return PytestConfig(source="pyproject.toml" if pyproject_seen else None)


def _load(path: Path) -> dict[str, object] | None:
    """The pytest section of one file, or None when this file does not configure pytest."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _ConfigFileError(f"cannot decode as UTF-8: {exc.reason}") from exc
    except OSError as exc:
        raise _ConfigFileError(f"cannot read: {exc.strerror}") from exc
    if path.suffix == ".toml":
        return _toml_section(path.name, text)
    sections = _parse_ini(text)
    if path.suffix == ".cfg":
        if "tool:pytest" in sections:
            return dict(sections["tool:pytest"])
        if "pytest" in sections:
            raise _ConfigFileError(
                "[pytest] section in setup.cfg is not supported, use [tool:pytest]"
            )
        return None
    if "pytest" in sections:
        return dict(sections["pytest"])
    return {} if path.name == "pytest.ini" else None


def _toml_section(name: str, text: str) -> dict[str, object] | None:
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _ConfigFileError(f"invalid TOML: {exc}") from exc
    if name != "pyproject.toml":
        table = document.get("pytest", {})
        return dict(table) if isinstance(table, dict) else {}
    tool = document.get("tool", {})
    pytest_table = tool.get("pytest") if isinstance(tool, dict) else None
    if not isinstance(pytest_table, dict):
        return None
    native = {key: value for key, value in pytest_table.items() if key != "ini_options"}
    ini_options = pytest_table.get("ini_options")
    if native and ini_options:
        raise _ConfigFileError("cannot use both [tool.pytest] and [tool.pytest.ini_options]")
    if native:
        return native
    return dict(ini_options) if isinstance(ini_options, dict) else None


def _parse_ini(text: str) -> dict[str, dict[str, str]]:
    """INI as pytest's `iniconfig` reads it: `#`/`;` comment lines, indented continuation lines."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    last_key: str | None = None
    for lineno, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = raw.rstrip()
        if not line or line.lstrip()[:1] in ("#", ";"):
            continue
        if line[0] == "[":
            header = line.split("#")[0].split(";")[0].rstrip()
            if not header.endswith("]") or len(header) < 3:
                raise _ConfigFileError(f"unexpected line: {line!r}", lineno)
            name = header[1:-1]
            if name in sections:
                raise _ConfigFileError(f"duplicate section {name!r}", lineno)
            current, last_key = sections.setdefault(name, {}), None
        elif line[0].isspace():
            if current is None or last_key is None:
                raise _ConfigFileError("unexpected value continuation", lineno)
            current[last_key] = f"{current[last_key]}\n{line.strip()}".lstrip("\n")
        else:
            key, value = _split_assignment(line, lineno)
            if current is None:
                raise _ConfigFileError("no section header defined", lineno)
            if key in current:
                raise _ConfigFileError(f"duplicate name {key!r}", lineno)
            current[key], last_key = value, key
    return sections


def _split_assignment(line: str, lineno: int) -> tuple[str, str]:
    name, equals, value = line.partition("=")
    if not equals or ":" in name:
        name, colon, value = line.partition(":")
        if not colon:
            raise _ConfigFileError(f"unexpected line: {line!r}", lineno)
    return name.strip(), value.strip()


def _build(name: str, values: dict[str, object]) -> PytestConfig:
    settings: dict[str, tuple[str, ...]] = {}
    problems = []
    for key in _KEYS:
        if key not in values:
            continue
        try:
            settings[key] = _as_args(values[key])
        except ValueError as exc:
            problems.append(InputProblem(name, f"{key}: {exc}"))
    return PytestConfig(**settings, source=name, problems=tuple(problems))


def _as_args(value: object) -> tuple[str, ...]:
    """pytest's "args" type: a string is split like a shell command line, a list is kept."""
    if isinstance(value, str):
        return tuple(shlex.split(value))
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ValueError(f"expected a string or a list of strings, got {value!r}")


def name_matches(name: str, options: tuple[str, ...]) -> bool:
    """pytest's rule for python_functions and python_classes: a prefix, or a glob."""
    return any(
        name.startswith(option)
        or (any(c in option for c in "*?[") and fnmatch.fnmatch(name, option))
        for option in options
    )


def path_matches(patterns: tuple[str, ...], path: str) -> bool:
    """pytest's fnmatch_ex: a pattern without a slash matches the name, else the whole path."""
    name = os.path.basename(path)
    return any(
        fnmatch.fnmatch(path, f"*/{pattern}") if "/" in pattern else fnmatch.fnmatch(name, pattern)
        for pattern in patterns
    )

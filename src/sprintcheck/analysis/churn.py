"""Lines added and removed per kind of file (tests, source, docs, config, other). Pure functions.

Binary files (numstat "-") add no lines. Merges carry no file list (see sources.history), so the
lines of a merged branch are counted once, in that branch's own commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from ..sources.history import Commit

KINDS = ("tests", "source", "docs", "config", "other")

_TEST_FOLDERS = frozenset({"tests", "test", "testing", "__tests__", "spec", "specs"})
_TEST_NAMES = (
    "test_*.py", "*_test.py", "conftest.py", "*_test.go", "*.test.*", "*.spec.*", "*Test.java",
    "*Tests.java", "*_spec.rb", "*_test.rb",
)  # fmt: skip
_DOC_FOLDERS = frozenset({"docs", "doc", "documentation"})
_DOC_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".txt", ".adoc", ".asciidoc", ".org"})
_DOC_NAMES = ("README*", "CHANGELOG*", "CHANGES*", "HISTORY*", "LICENSE*", "COPYING*", "NOTICE*",
              "AUTHORS*", "CONTRIBUTING*")  # fmt: skip
_CONFIG_FOLDERS = frozenset({".github", ".gitlab", ".circleci", ".devcontainer", ".vscode"})
_CONFIG_SUFFIXES = frozenset({
    ".toml", ".ini", ".cfg", ".conf", ".yml", ".yaml", ".json", ".lock", ".env", ".properties",
    ".gradle", ".mk", ".cmake", ".editorconfig", ".gitignore", ".gitattributes", ".gitmodules",
    ".dockerignore", ".mailmap", ".flake8", ".pylintrc", ".coveragerc",
})  # fmt: skip
_CONFIG_NAMES = ("Makefile", "GNUmakefile", "Dockerfile", "Dockerfile.*", "*.dockerfile",
                 "Containerfile", "docker-compose*", "requirements*.txt", "constraints*.txt",
                 "Pipfile", "Gemfile", "Procfile", "Jenkinsfile", "Vagrantfile", "CMakeLists.txt",
                 "tox.ini", "noxfile.py", "MANIFEST.in", ".*rc")  # fmt: skip
_SOURCE_SUFFIXES = frozenset({
    ".py", ".pyi", ".pyx", ".pxd", ".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".m", ".mm",
    ".rs", ".go", ".java", ".kt", ".kts", ".scala", ".groovy", ".cs", ".fs", ".swift", ".dart",
    ".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".vue", ".svelte", ".rb", ".php", ".pl", ".pm",
    ".lua", ".r", ".jl", ".ex", ".exs", ".erl", ".hrl", ".hs", ".ml", ".mli", ".clj", ".zig",
    ".nim", ".sh", ".bash", ".zsh", ".fish", ".ps1", ".sql", ".html", ".htm", ".css", ".scss",
    ".sass", ".less", ".proto", ".graphql", ".ipynb",
})  # fmt: skip


def classify(path: str) -> str:
    """The kind of a repository path: "tests", "source", "docs", "config" or "other".

    First match wins: tests (a tests/ folder, test_*.py, *_test.py, conftest.py and the usual
    names of other languages), then config under .github/ and similar, then docs (a docs/ folder,
    .md/.rst/.txt, README, CHANGELOG, LICENSE), then config (.toml/.ini/.cfg/.yml/.yaml/.json,
    Makefile, Dockerfile, requirements*.txt), then source by code extension, else other.
    """
    parts = PurePosixPath(path).parts
    if not parts:
        return "other"
    name = parts[-1]
    folders = parts[:-1]
    suffix = PurePosixPath(name).suffix.lower()
    if any(folder in _TEST_FOLDERS for folder in folders) or _matches(name, _TEST_NAMES):
        return "tests"
    if any(folder in _CONFIG_FOLDERS for folder in folders):
        return "config"
    if _matches(name, _CONFIG_NAMES):
        return "config"
    if any(folder in _DOC_FOLDERS for folder in folders) or suffix in _DOC_SUFFIXES:
        return "docs"
    if _matches(name, _DOC_NAMES):
        return "docs"
    if suffix in _CONFIG_SUFFIXES or name.lower() in _CONFIG_SUFFIXES:
        return "config"
    if suffix in _SOURCE_SUFFIXES:
        return "source"
    return "other"


def churn_by_kind(
    commits: Iterable[Commit], classify: Callable[[str], str] = classify
) -> dict[str, tuple[int, int]]:
    """(lines added, lines removed) per kind, for every kind `classify` returned, plus the five
    default kinds at (0, 0) so a report can show "tests: 0" rather than leave it out."""
    totals: dict[str, list[int]] = {kind: [0, 0] for kind in KINDS}
    for commit in commits:
        for change in commit.files:
            entry = totals.setdefault(classify(change.path), [0, 0])
            entry[0] += change.added or 0
            entry[1] += change.removed or 0
    return {kind: (added, removed) for kind, (added, removed) in totals.items()}


def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(name, pattern) for pattern in patterns)

"""Tests created per day, from the history of test files, cheaply.

Only commits that changed a test file are looked at, and only the test files they changed. For each
such change, the file is read twice through one long-running `git cat-file --batch` process: at the
commit (`<sha>:<path>`) and at its first parent (`<sha>^:<path>`). The change in the number of test
definitions (after - before) is recorded on the commit's author day. A file the commit added has no
"before" (cat-file answers "missing": 0 tests); a file it deleted has no "after" (0 tests). A root
commit has no parent at all (`<sha>^` names nothing, "missing"): every test it adds is written on
its day. A commit whose parent is older than the window is still compared with that parent, since
cat-file reads any object in the repository. (The one exception is a shallow clone's boundary
commit: its parent is not in the repository, and sources.history gives it no files.)

Which paths are test files is the caller's `is_test_file`; the pipeline passes the inventory's own
rule (`CollectionRules.is_collected`: testpaths, norecursedirs, python_files, collect_ignore), so
the timeline counts exactly the files the inventory would collect, at every path in the history.

Comparing with the first parent, rather than with the previous commit seen for that path, makes each
figure right on its own whatever order commits come in, on any branch, and whatever happened before
the window starts. Counts are cached by blob id, so a blob is counted once however often it is read.
Merges carry no file list (see sources.history): a test added on a branch is counted once, on the
branch's commit; changes made only while resolving a merge are not seen.

Nothing here writes to the repository; cat-file only reads objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from subprocess import PIPE

from ..model import InputProblem
from .history import History, open_repository

# Requests written before reading answers: small enough to sit in a pipe buffer, so neither git nor
# this side can block the other.
_REQUESTS_PER_ROUND = 32


@dataclass(frozen=True)
class TestCountChange:
    """One commit's change to the number of test definitions in one test file."""

    __test__ = False

    sha: str
    day: date  # the author's calendar day, in the author's own offset
    path: str
    before: int  # at the commit's first parent (0 if the file did not exist)
    after: int  # at the commit (0 if the commit deleted the file)

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class TestTimeline:
    """Every change to the test count of a test file in the window, oldest commit first."""

    __test__ = False

    changes: tuple[TestCountChange, ...]
    files_read: int  # blobs read and counted (after the cache)
    problems: tuple[InputProblem, ...] = ()

    @property
    def per_day(self) -> dict[date, int]:
        """Net tests created per day (deletions count negative); days with no change are absent."""
        days: dict[date, int] = {}
        for change in self.changes:
            days[change.day] = days.get(change.day, 0) + change.delta
        return dict(sorted(days.items()))

    def per_day_by(self, key: Callable[[str], str | None]) -> dict[str, dict[date, int]]:
        """per_day split by `key(path)` (a category, say); paths whose key is None are left out."""
        out: dict[str, dict[date, int]] = {}
        for change in self.changes:
            name = key(change.path)
            if name is None:
                continue
            days = out.setdefault(name, {})
            days[change.day] = days.get(change.day, 0) + change.delta
        return {name: dict(sorted(days.items())) for name, days in out.items()}


def tests_created_per_day(
    root: Path,
    history: History,
    is_test_file: Callable[[str], bool],
    count_tests: Callable[[bytes], int],
) -> dict[date, int]:
    return read_test_timeline(root, history, is_test_file, count_tests).per_day


def read_test_timeline(
    root: Path,
    history: History,
    is_test_file: Callable[[str], bool],
    count_tests: Callable[[bytes], int],
) -> TestTimeline:
    """The test-count changes of every commit in `history` that changed a test file.

    `is_test_file(path)` gets repository paths (POSIX, from the top); `count_tests(content)` gets
    the raw bytes of a file at one commit and must return a count for any content (a file that
    does not parse at some commit is part of real history), never raise.
    """
    wanted: list[tuple[str, date, str]] = []
    problems: list[InputProblem] = []
    for commit in history.commits:
        for change in commit.files:
            if not is_test_file(change.path):
                continue
            if "\n" in change.path or "\ufffd" in change.path:
                message = (
                    "the path is not a plain UTF-8 line: its tests were not counted "
                    f"(commit {commit.sha[:12]})"
                )
                problems.append(InputProblem(change.path, message))
                continue
            wanted.append((commit.sha, commit.authored_at.date(), change.path))
    if not wanted or not history.available:
        return TestTimeline((), 0, tuple(problems))

    with _CatFile(root) as cat:
        changes = []
        counts: dict[str, int] = {}
        for start in range(0, len(wanted), _REQUESTS_PER_ROUND // 2):
            group = wanted[start : start + _REQUESTS_PER_ROUND // 2]
            requests = [f"{sha}{side}:{path}" for sha, _, path in group for side in ("", "^")]
            answers = cat.read(requests)
            for i, (sha, day, path) in enumerate(group):
                after, before = answers[2 * i], answers[2 * i + 1]
                changes.append(
                    TestCountChange(sha, day, path, _count(before, counts, count_tests),
                                    _count(after, counts, count_tests))  # fmt: skip
                )
        return TestTimeline(tuple(changes), len(counts), tuple(problems))


def _count(
    blob: tuple[str, bytes] | None, counts: dict[str, int], count_tests: Callable[[bytes], int]
) -> int:
    if blob is None:
        return 0
    oid, content = blob
    if oid not in counts:
        counts[oid] = count_tests(content)
    return counts[oid]


class _CatFile:
    """One `git cat-file --batch` process, asked for several objects per round trip."""

    def __init__(self, root: Path):
        self._repo = open_repository(root)
        git = self._repo.git
        command = [git.GIT_PYTHON_GIT_EXECUTABLE, "-c", "core.quotepath=off", "cat-file", "--batch"]
        self._proc = git.execute(command, as_process=True, istream=PIPE)

    def __enter__(self) -> _CatFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        proc = self._proc.proc
        try:
            proc.stdin.close()
        except OSError:
            pass
        if exc_info[0] is None:
            self._proc.wait()  # raises GitCommandError if cat-file failed
        else:
            proc.kill()
            proc.wait()
        self._repo.close()

    def read(self, requests: Iterable[str]) -> list[tuple[str, bytes] | None]:
        """(blob id, content) per request, or None when it names no blob (missing, a tree, a
        submodule's commit)."""
        requests = list(requests)
        stdin, stdout = self._proc.proc.stdin, self._proc.proc.stdout
        stdin.write("".join(f"{r}\n" for r in requests).encode("utf-8"))
        stdin.flush()
        answers: list[tuple[str, bytes] | None] = []
        for request in requests:
            header = stdout.readline()
            if not header:
                raise RuntimeError(f"git cat-file stopped answering at {request!r}")
            fields = header.split()
            if len(fields) == 3 and fields[2].isdigit():  # "<oid> <type> <size>"
                size = int(fields[2])
                content = stdout.read(size + 1)[:size]  # the content, then a newline
                answers.append((fields[0].decode(), content) if fields[1] == b"blob" else None)
            else:  # "<request> missing", "<request> ambiguous", "<oid> missing"
                answers.append(None)
        return answers

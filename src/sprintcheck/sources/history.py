"""Read a project's git history in one streamed pass of `git log`, read-only.

One `git log` process (GitPython's command interface, `as_process=True`) writes every commit of the
window with its numstat; its output is parsed while git is still writing it, so memory holds the
commits of the window, never the whole output. There is never one object access per commit.

The command, and why each part is there:

    git -c core.quotepath=off -c core.bigFileThreshold=8m -c log.showSignature=false
        log HEAD -z --numstat --no-renames --no-ext-diff --no-textconv
        --encoding=UTF-8 --format=%x1e%H%x00%P%x00%aN%x00%aE%x00%aI%x00%s
        [--since=<first day - 14 h>] [--until=<day after the last + 12 h + 7 days>]

- `-z --format=...`: every field ends with NUL, which no name, e-mail, subject or path can hold,
  and each commit starts with RS (0x1e). git ends the header with NUL, then (when the commit has a
  diff) a newline and one NUL-terminated `added<TAB>removed<TAB>path` entry per file.
- `%aN`/`%aE` apply `.mailmap`; `%aI` is strict ISO 8601 in the author's own offset.
- `--no-renames`: a renamed file is a deletion plus an addition, so every entry is one path that
  existed at that commit or at its parent (which `timeline` relies on), the output shape is
  fixed whatever `diff.renames` says, and git skips rename detection, which is quadratic in the
  files a commit adds and deletes. The cost: renaming a file counts its lines as removed and added.
- Merges: `git log` without `-m`/`-c`/`--cc` shows no diff for a merge (`log.diffMerges` only
  chooses what `-m` means), so a merge is listed once with no files, and the lines of the merged
  branch are counted once, in that branch's own commits. Not `--first-parent`, which would drop
  the branch's commits. (`--diff-merges=off` would say the same, but only git >= 2.31 knows it.)
- `core.bigFileThreshold=8m`: git decides a blob above 8 MiB is binary from its size alone and never
  reads it (numstat `-`), so a 1 GB file in history costs nothing. Text files over 8 MiB are
  reported as binary (`added=None`).
- `--no-ext-diff --no-textconv --no-show-signature`: no external program is run, whatever the
  repository's configuration or attributes say.
- `GIT_OPTIONAL_LOCKS=0`: git takes no optional lock and refreshes nothing. Nothing here writes to
  the repository (no `status`, `fetch` or `gc`). `GIT_FLUSH=0`: git writes full buffers to the
  pipe rather than flushing after every commit.

The window is about author dates, as seen by the author: a commit belongs to the window when the
calendar day of its author date, in the author's own offset, falls within [since, until]. git
filters on committer dates, so the range passed to it is widened to be safe: 14 h before the first
day and 12 h after the last (the extreme UTC offsets), plus 7 days after the last day for commits
that were rebased or cherry-picked after being written. Commits rewritten more than 7 days after
the window ends are not seen. The exact filter is applied here, on the author date.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import IO

# Offsets run from -12:00 to +14:00: the widest a calendar day can stretch in UTC.
_EARLIEST_OFFSET = timedelta(hours=14)
_LATEST_OFFSET = timedelta(hours=12)
REWRITE_SLACK = timedelta(days=7)
BIG_FILE_THRESHOLD = "8m"
_FIELDS = ("%H", "%P", "%aN", "%aE", "%aI", "%s")
LOG_FORMAT = "%x1e" + "%x00".join(_FIELDS)
_CHUNK = 1 << 18


@dataclass(frozen=True)
class FileChange:
    path: str  # POSIX, relative to the repository top
    added: int | None  # None for binary files (numstat "-")
    removed: int | None


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str  # after .mailmap ("%aN")
    email: str  # after .mailmap ("%aE")
    authored_at: datetime  # timezone-aware, in the author's own offset
    subject: str
    is_merge: bool
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class History:
    commits: tuple[Commit, ...]  # oldest first (git's order reversed), within the window
    available: bool  # False: not a git repository / no commits / git missing
    reason: str | None  # why it is unavailable or partial (for SC902)
    shallow: bool
    head: str | None  # sha of HEAD (None if unborn or unavailable)
    since: date | None = None  # the window that was read (None: open)
    until: date | None = None


def unavailable(reason: str, since: date | None = None, until: date | None = None) -> History:
    return History((), False, reason, False, None, since, until)


def log_arguments(since: date | None = None, until: date | None = None) -> list[str]:
    """The `git log` arguments (after `log`) read_history uses for a window; also for benchmarks."""
    args = [
        "HEAD",
        "-z",
        "--numstat",
        "--no-renames",
        "--no-ext-diff",
        "--no-textconv",
        "--no-show-signature",
        "--encoding=UTF-8",
        f"--format={LOG_FORMAT}",
    ]
    if since is not None:
        args.append(f"--since={_git_time(datetime.combine(since, time()) - _EARLIEST_OFFSET)}")
    if until is not None:
        last = datetime.combine(until + timedelta(days=1), time()) + _LATEST_OFFSET + REWRITE_SLACK
        args.append(f"--until={_git_time(last)}")
    return args


def git_options() -> list[str]:
    """`-c` options placed before the subcommand."""
    return [
        "-c", "core.quotepath=off",
        "-c", f"core.bigFileThreshold={BIG_FILE_THRESHOLD}",
        "-c", "log.showSignature=false",
    ]  # fmt: skip


def read_history(root: Path, since: date | None = None, until: date | None = None) -> History:
    """Commits of the repository whose top is `root`, within [since, until] (author days).

    Never raises for a missing or unusable repository: the history is then unavailable, with a
    reason fit for SC902. Never walks up to an enclosing repository.
    """
    if since is not None and until is not None and until < since:
        raise ValueError(f"the window ends ({until}) before it starts ({since})")
    shown = str(root)
    try:
        import git  # noqa: PLC0415  (imported here: GitPython raises ImportError without git)
    except ImportError as err:
        reason = f"git is not installed or cannot run ({_first_line(str(err))})"
        return unavailable(reason, since, until)

    top = root.resolve()
    if not top.is_dir():
        return unavailable(f"{shown} is not a folder", since, until)
    try:
        repo = git.Repo(top, search_parent_directories=False)
    except git.InvalidGitRepositoryError:
        enclosing = _enclosing_repository(top)
        if enclosing is not None:
            return unavailable(_not_top(shown, enclosing), since, until)
        return unavailable(f"{shown} is not a git repository", since, until)
    except (git.NoSuchPathError, OSError) as err:
        return unavailable(f"{shown} cannot be opened as a git repository ({err})", since, until)

    with repo:
        if repo.bare or repo.working_tree_dir is None:
            return unavailable(f"{shown} is a bare git repository, with no files", since, until)
        work_tree = Path(repo.working_tree_dir).resolve()
        if work_tree != top:
            return unavailable(_not_top(shown, work_tree), since, until)
        _isolate(repo, work_tree)
        # One process: the top as git sees it, whether the clone is shallow, and HEAD's commit
        # (with -q --verify, an unborn HEAD makes git exit 1 silently after the first two lines).
        probe = ["rev-parse", "--show-toplevel", "--is-shallow-repository"]
        probe += ["-q", "--verify", "HEAD^{commit}"]
        try:
            status, out, stderr = repo.git.execute(
                [repo.git.GIT_PYTHON_GIT_EXECUTABLE, *probe],
                with_extended_output=True, with_exceptions=False,
            )  # fmt: skip
        except git.GitCommandNotFound as error:
            reason = f"git is not installed or cannot run ({error.command[0]})"
            return unavailable(reason, since, until)
        lines = out.splitlines()
        if status not in (0, 1) or len(lines) < 2 or (status == 0) != (len(lines) == 3):
            said = _first_line(stderr) or f"exit status {status}"
            return unavailable(f"git cannot read {shown}: {said}", since, until)
        found_top, shallow_flag = lines[0], lines[1]
        if Path(found_top).resolve() != top:
            return unavailable(_not_top(shown, Path(found_top)), since, until)
        if status == 1:
            return History((), False, f"{shown} is a git repository with no commits yet",
                           shallow_flag == "true", None, since, until)  # fmt: skip
        head = lines[2]
        shallow = shallow_flag.strip() == "true"
        try:
            commits = _read_log(repo, since, until)
        except git.GitCommandError as err:
            return History((), False, f"git log failed in {shown}: {_git_message(err)}",
                           shallow, head, since, until)  # fmt: skip

    reason = None
    if shallow:
        boundary = _shallow_boundary(repo.common_dir)
        cut = [i for i, commit in enumerate(commits) if commit.sha in boundary]
        for i in cut:
            # git diffs a boundary commit against nothing, as if it added the whole tree: what it
            # really changed is unknown, so it keeps its time but no files.
            commits[i] = replace(commits[i], files=())
        if since is None or cut:
            reason = (
                f"{shown} is a shallow clone: commits before its depth limit are missing, "
                "so the history is partial and actual hours may be too low"
            )
    return History(tuple(commits), True, reason, shallow, head, since, until)


def open_repository(root: Path):
    """A `git.Repo` for a folder read_history found available, set up the same read-only way."""
    import git  # noqa: PLC0415

    top = root.resolve()
    repo = git.Repo(top, search_parent_directories=False)
    _isolate(repo, top)
    return repo


# --- running git ----------------------------------------------------------------------------------


def _isolate(repo, work_tree: Path) -> None:
    """Pin git to this repository and keep it from writing anything.

    GIT_DIR and GIT_WORK_TREE are set only when they are inherited (a git hook runs with GIT_DIR
    set): then they are overridden with this repository's own, so they cannot redirect git to
    another repository. Otherwise git finds the repository itself, with its usual safety checks.
    """
    # GIT_FLUSH=0: git log fills its buffer before writing, instead of flushing the pipe after
    # every commit (about 8 % of git's own time on a long history).
    env = {"GIT_OPTIONAL_LOCKS": "0", "GIT_TERMINAL_PROMPT": "0", "GIT_FLUSH": "0"}
    if any(name in os.environ for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR")):
        env["GIT_DIR"] = os.fspath(repo.git_dir)
        env["GIT_WORK_TREE"] = os.fspath(work_tree)
        env["GIT_COMMON_DIR"] = os.fspath(repo.common_dir)
    repo.git.update_environment(**env)


def _read_log(repo, since: date | None, until: date | None) -> list[Commit]:
    log_args = log_arguments(since, until)
    command = [repo.git.GIT_PYTHON_GIT_EXECUTABLE, *git_options(), "log", *log_args]
    proc = repo.git.execute(command, as_process=True)
    commits: list[Commit] = []
    # The records hold no cycles, and the collector would walk them all again and again as they
    # pile up (a quarter of the parse time on a long history): it is paused while reading.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for commit in parse_log(proc.stdout):
            day = commit.authored_at.date()
            if (since is None or day >= since) and (until is None or day <= until):
                commits.append(commit)
    except BaseException:
        proc.proc.kill()  # git may be blocked writing: never wait on it here
        proc.proc.wait()
        raise
    finally:
        if collecting:
            gc.enable()
    proc.wait()  # raises GitCommandError (with git's stderr) on a non-zero exit
    commits.reverse()
    return commits


def parse_log(stream: IO[bytes]) -> Iterator[Commit]:
    """Commits from `git log -z --numstat --format=LOG_FORMAT` output, newest first, as they arrive.

    The output is a sequence of NUL-terminated tokens: RS + sha, then the other header fields (a
    fixed number, taken by count, so a subject may hold any byte but NUL), then one token per file,
    the first of them after a newline. The stream is read in chunks: memory holds one chunk and the
    commits, never the whole output.
    """
    header: list[bytes] = []
    files: list[FileChange] = []
    need = 0  # header fields still to come
    started = False
    rest = b""
    while chunk := stream.read(_CHUNK):
        tokens = (rest + chunk).split(b"\0") if rest else chunk.split(b"\0")
        rest = tokens.pop()
        for token in tokens:
            if need:
                header.append(token)
                need -= 1
            elif token[:1] == b"\x1e":
                if started:
                    yield _commit(header, files)
                started = True
                header = [token[1:]]
                files = []
                need = len(_FIELDS) - 1
            elif token:
                if token[:1] == b"\n":
                    token = token[1:]
                added, removed, path = token.split(b"\t", 2)
                files.append(
                    FileChange(
                        path.decode("utf-8", "replace"),
                        None if added == b"-" else int(added),
                        None if removed == b"-" else int(removed),
                    )
                )
    if rest and need:  # output cut short inside a header: keep what is there
        header.append(rest)
        need -= 1
    if started:
        header += [b""] * need
        yield _commit(header, files)


def _commit(header: list[bytes], files: list[FileChange]) -> Commit:
    sha, parents, name, email, when, subject = header
    return Commit(
        sha=sha.decode("ascii", "replace"),
        author=name.decode("utf-8", "replace"),
        email=email.decode("utf-8", "replace"),
        authored_at=_author_time(when.decode("ascii", "replace")),
        subject=subject.decode("utf-8", "replace"),
        is_merge=parents.count(b" ") > 0,
        files=tuple(files),
    )


# --- small helpers --------------------------------------------------------------------------------


def _author_time(text: str) -> datetime:
    """`%aI` as an aware datetime. git accepts offsets Python cannot hold (beyond +-24 h): those
    commits keep their wall-clock time, read as UTC."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return datetime.fromisoformat(text[:19]).replace(tzinfo=timezone.utc)
        except ValueError:
            return datetime(1970, 1, 1, tzinfo=timezone.utc)


def _git_time(moment: datetime) -> str:
    return moment.replace(tzinfo=timezone.utc).isoformat()


def _not_top(shown: str, enclosing: Path) -> str:
    return (
        f"{shown} is inside the git repository at {enclosing}, not its top; "
        "its history is not this project's"
    )


def _enclosing_repository(folder: Path) -> Path | None:
    """The nearest parent folder holding a `.git` entry (for the message only; nothing is read)."""
    for parent in folder.parents:
        if (parent / ".git").exists():
            return parent
    return None


def _shallow_boundary(common_dir: str) -> frozenset[str]:
    try:
        return frozenset((Path(common_dir) / "shallow").read_text().split())
    except OSError:
        return frozenset()


def _git_message(err) -> str:
    stderr = err.stderr if isinstance(err.stderr, str) else str(err.stderr or "")
    lines = [line.strip() for line in stderr.strip().strip("'").splitlines() if line.strip()]
    text = next((line for line in lines if line.startswith(("fatal:", "error:"))), None)
    text = text or (lines[0] if lines else f"exit status {err.status}")
    return text.removeprefix("stderr: ").strip("'")


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), text)

"""The history reader on real repositories built here: real `git init`, commits with pinned dates."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from gitrepo import commit, git, init, lines

from sprintcheck.analysis.churn import churn_by_kind
from sprintcheck.sources.history import Commit, FileChange, read_history

REPO = Path(__file__).resolve().parents[2]


def tz(hours: int, minutes: int = 0) -> timezone:
    sign = -1 if hours < 0 else 1
    return timezone(sign * timedelta(hours=abs(hours), minutes=minutes))


def snapshot_of(git_dir: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under .git: read-only means none of it changes."""
    return {
        os.path.relpath(os.path.join(folder, name), git_dir): (
            (st := os.stat(os.path.join(folder, name))).st_size,
            st.st_mtime_ns,
        )
        for folder, _, names in os.walk(git_dir)
        for name in names
    }


# --- unavailable history ---------------------------------------------------------------------------


def test_a_folder_that_is_not_a_repository(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    history = read_history(tmp_path)
    assert history.available is False
    assert history.commits == ()
    assert history.head is None
    assert history.reason == f"{tmp_path} is not a git repository"


def test_a_subfolder_of_a_repository_is_never_read_as_the_project(tmp_path: Path) -> None:
    repo = init(tmp_path / "outer")
    commit(repo, "2026-01-22T10:00:00+00:00", files={"sample/tests/test_a.py": "def test_a(): pass\n"})
    history = read_history(repo / "sample")
    assert history.available is False
    assert history.commits == ()
    assert history.reason == (
        f"{repo / 'sample'} is inside the git repository at {repo}, not its top; "
        "its history is not this project's"
    )


@pytest.mark.skipif(not (REPO / ".git").exists(), reason="needs the sprintcheck git checkout")
def test_a_sample_inside_the_sprintcheck_checkout_does_not_borrow_its_history() -> None:
    history = read_history(REPO / "sample_runs" / "sprint6")
    assert history.available is False
    assert f"inside the git repository at {REPO}, not its top" in history.reason


def test_the_git_folder_itself_is_not_the_top(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-22T10:00:00+00:00", files={"a.txt": "a\n"})
    history = read_history(repo / ".git")
    assert history.available is False
    assert history.reason.endswith(f"is inside the git repository at {repo}, not its top; "
                                   "its history is not this project's")  # fmt: skip


def test_a_bare_repository_has_no_files_to_analyse(tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    git(tmp_path, "init", "-q", "--bare", str(bare))
    history = read_history(bare)
    assert history.available is False
    assert history.reason == f"{bare} is a bare git repository, with no files"


def test_a_linked_worktree_reads_its_own_checked_out_history(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    one = commit(repo, "2026-01-22T09:00:00+00:00", "one", {"a.txt": "1\n"})
    commit(repo, "2026-01-22T10:00:00+00:00", "two", {"a.txt": "2\n"})
    git(repo, "worktree", "add", "-q", "--detach", str(tmp_path / "wt"), one)
    history = read_history(tmp_path / "wt")
    assert history.available is True
    assert (history.head, [c.subject for c in history.commits]) == (one, ["one"])


def test_an_empty_repository_has_no_history(tmp_path: Path) -> None:
    repo = init(tmp_path / "empty")
    (repo / "a.txt").write_text("not committed\n")
    history = read_history(repo)
    assert history.available is False
    assert history.head is None
    assert history.reason == f"{repo} is a git repository with no commits yet"


def test_without_git_the_history_is_unavailable_not_a_crash(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-22T10:00:00+00:00", files={"a.txt": "a\n"})
    empty_path = tmp_path / "no-git-here"
    empty_path.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PYTHON"))}
    env["PATH"] = str(empty_path)
    code = (
        "import sys; from pathlib import Path;"
        "from sprintcheck.sources.history import read_history;"
        "h = read_history(Path(sys.argv[1])); print(h.available); print(h.reason)"
    )
    done = subprocess.run([sys.executable, "-c", code, str(repo)], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    available, reason = done.stdout.splitlines()
    assert available == "False"
    assert reason.startswith("git is not installed or cannot run (")


# --- what a commit holds ------------------------------------------------------------------------


def test_commits_oldest_first_with_offsets_kept_and_numstat(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    first = commit(repo, "2026-01-22T09:00:00+05:45", "Add the server",
                   {"src/server.py": lines(10), "README.md": lines(3)})  # fmt: skip
    second = commit(repo, "2026-01-21T14:30:00-11:00", "Change the server, drop the readme",
                    {"src/server.py": lines(8) + "new\n", "README.md": None,
                     "odd\tname\nwith newline.txt": "x\n", "ünï cödé.py": "y\n"})  # fmt: skip
    future = commit(repo, "2099-12-31T23:59:59+14:00", "From the future", {"src/later.py": "z\n"})

    history = read_history(repo)

    assert history.available is True
    assert history.reason is None
    assert history.shallow is False
    assert history.head == future
    assert history.commits == (
        Commit(
            sha=first,
            author="Sprint Lead",
            email="lead@example.com",
            authored_at=datetime(2026, 1, 22, 9, 0, tzinfo=tz(5, 45)),
            subject="Add the server",
            is_merge=False,
            files=(FileChange("README.md", 3, 0), FileChange("src/server.py", 10, 0)),
        ),
        Commit(
            sha=second,
            author="Sprint Lead",
            email="lead@example.com",
            authored_at=datetime(2026, 1, 21, 14, 30, tzinfo=tz(-11)),
            subject="Change the server, drop the readme",
            is_merge=False,
            files=(
                FileChange("README.md", 0, 3),
                FileChange("odd\tname\nwith newline.txt", 1, 0),
                FileChange("src/server.py", 1, 2),
                FileChange("ünï cödé.py", 1, 0),
            ),
        ),
        Commit(
            sha=future,
            author="Sprint Lead",
            email="lead@example.com",
            authored_at=datetime(2099, 12, 31, 23, 59, 59, tzinfo=tz(14)),
            subject="From the future",
            is_merge=False,
            files=(FileChange("src/later.py", 1, 0),),
        ),
    )
    # The offsets are kept: the same instant written two ways.
    assert history.commits[0].authored_at.utcoffset() == timedelta(hours=5, minutes=45)
    assert history.commits[1].authored_at.utcoffset() == timedelta(hours=-11)
    assert history.commits[0].authored_at == datetime(2026, 1, 22, 3, 15, tzinfo=timezone.utc)


def test_a_detached_head_reads_the_history_of_the_checked_out_commit(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    one = commit(repo, "2026-01-22T09:00:00+00:00", "one", {"a.txt": "1\n"})
    two = commit(repo, "2026-01-22T10:00:00+00:00", "two", {"a.txt": "2\n"})
    commit(repo, "2026-01-22T11:00:00+00:00", "three", {"a.txt": "3\n"})
    git(repo, "checkout", "-q", "--detach", two)
    history = read_history(repo)
    assert history.available is True
    assert history.head == two
    assert [c.sha for c in history.commits] == [one, two]


def test_mailmap_merges_two_identities_into_one_author(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-22T09:00:00+00:00", "old laptop", {"a.txt": "1\n"},
           author=("ann", "ann@old.example"))  # fmt: skip
    commit(repo, "2026-01-22T10:00:00+00:00", "new laptop", {"b.txt": "1\n"},
           author=("Ann B.", "ann@new.example"))  # fmt: skip
    commit(repo, "2026-01-22T11:00:00+00:00", "mailmap",
           {".mailmap": "Ann Bee <ann@new.example> <ann@old.example>\n"
                        "Ann Bee <ann@new.example>\n"})  # fmt: skip
    history = read_history(repo)
    assert [(c.author, c.email) for c in history.commits[:2]] == [
        ("Ann Bee", "ann@new.example"),
        ("Ann Bee", "ann@new.example"),
    ]


def test_a_merge_is_listed_once_and_its_lines_are_not_doubled(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    base = commit(repo, "2026-01-22T09:00:00+00:00", "base", {"src/a.py": lines(5)})
    git(repo, "checkout", "-q", "-b", "feature")
    f1 = commit(repo, "2026-01-22T10:00:00+00:00", "feature 1", {"src/b.py": lines(7)})
    f2 = commit(repo, "2026-01-22T10:30:00+00:00", "feature 2", {"tests/test_b.py": lines(4)})
    git(repo, "checkout", "-q", "main")
    m1 = commit(repo, "2026-01-22T11:00:00+00:00", "main work", {"src/a.py": lines(6)})
    env = {"GIT_AUTHOR_DATE": "2026-01-22T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-22T12:00:00+00:00"}
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge feature", "feature", env=env)
    merge = git(repo, "rev-parse", "HEAD")

    history = read_history(repo)

    shas = [c.sha for c in history.commits]
    assert sorted(shas) == sorted([base, f1, f2, m1, merge])  # every commit once, branch included
    assert shas[-1] == merge
    merged = history.commits[-1]
    assert merged.is_merge is True
    assert merged.files == ()
    assert [c.is_merge for c in history.commits].count(True) == 1
    # 5 + 7 + 4 + 1 lines were written; the merge adds none of them again.
    assert sum(f.added for c in history.commits for f in c.files) == 17
    assert churn_by_kind(history.commits) == {
        "tests": (4, 0), "source": (13, 0), "docs": (0, 0), "config": (0, 0), "other": (0, 0),
    }  # fmt: skip


def test_a_submodule_is_one_gitlink_change_and_its_commits_are_not_read(tmp_path: Path) -> None:
    sub = init(tmp_path / "sub")
    commit(sub, "2026-01-20T09:00:00+00:00", "sub one", {"s.txt": "1\n"})
    repo = init(tmp_path / "main")
    main1 = commit(repo, "2026-01-22T09:00:00+00:00", "main one", {"m.txt": "m\n"})
    git(repo, "-c", "protocol.file.allow=always", "submodule", "-q", "add", "../sub", "sub")
    add = commit(repo, "2026-01-22T10:00:00+00:00", "add the submodule")
    commit(sub, "2026-01-23T09:00:00+00:00", "sub two", {"s.txt": "1\n2\n"})
    git(repo / "sub", "-c", "protocol.file.allow=always", "pull", "-q", "origin", "main")
    bump = commit(repo, "2026-01-23T10:00:00+00:00", "bump the submodule")

    history = read_history(repo)

    assert [c.sha for c in history.commits] == [main1, add, bump]
    assert history.commits[1].files == (FileChange(".gitmodules", 3, 0), FileChange("sub", 1, 0))
    assert history.commits[2].files == (FileChange("sub", 1, 1),)  # as git reports a gitlink


def test_non_utf8_author_names_and_messages_do_not_break_the_reader(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    # 1. Declared: the commit says its encoding is latin1, git re-encodes it for us.
    (repo / "a.txt").write_text("a\n")
    git(repo, "add", "-A")
    (tmp_path / "msg").write_bytes("Café résumé\n".encode("latin1"))
    env = {"GIT_AUTHOR_NAME": "José".encode("latin1"), "GIT_AUTHOR_EMAIL": b"jose@example.com",
           "GIT_AUTHOR_DATE": b"2026-01-22T09:00:00+01:00",
           "GIT_COMMITTER_DATE": b"2026-01-22T09:00:00+01:00"}  # fmt: skip
    git(repo, "-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F", str(tmp_path / "msg"), env=env)
    declared = git(repo, "rev-parse", "HEAD")
    # 2. Undeclared: raw latin1 bytes in a commit object with no encoding header.
    tree = git(repo, "write-tree")
    raw = (
        f"tree {tree}\nparent {declared}\n".encode()
        + "author Jürgen <j@example.com> 1769072400 +0100\n".encode("latin1")
        + b"committer Sprint Lead <lead@example.com> 1769072400 +0100\n\n"
        + "Grüße aus Köln\n".encode("latin1")
    )
    undeclared = git(repo, "hash-object", "-t", "commit", "-w", "--stdin", input=raw)
    git(repo, "update-ref", "HEAD", undeclared)
    # 3. A file name that is not UTF-8 either.
    (repo / os.fsdecode(b"caf\xe9.txt")).write_text("x\n")
    last = commit(repo, "2026-01-22T11:00:00+01:00", "odd file name")

    history = read_history(repo)

    assert [c.sha for c in history.commits] == [declared, undeclared, last]
    assert (history.commits[0].author, history.commits[0].subject) == ("José", "Café résumé")
    assert (history.commits[1].author, history.commits[1].subject) == ("J\ufffdrgen", "Gr\ufffd\ufffde aus K\ufffdln")
    assert history.commits[1].authored_at == datetime(2026, 1, 22, 10, 0, tzinfo=tz(1))
    assert history.commits[2].files == (FileChange("caf\ufffd.txt", 1, 0),)


def test_a_large_binary_file_is_never_read(tmp_path: Path) -> None:
    """50 MB of random bytes (not the 1 GB of the issue: the point is the same and the test stays
    fast). After the commit the stored object is cut short, so any read of its content would fail:
    the reader still gets its numstat, because git judges it binary from its size alone."""
    repo = init(tmp_path / "r")
    (repo / "model.bin").write_bytes(random.Random(7).randbytes(50_000_000))
    (repo / "notes.md").write_text("weights\n")
    git(repo, "-c", "core.looseCompression=0", "add", "-A")
    env = {"GIT_AUTHOR_DATE": "2026-01-22T09:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-22T09:00:00+00:00"}
    git(repo, "commit", "-q", "-m", "add weights", env=env)
    blob = git(repo, "rev-parse", "HEAD:model.bin")
    stored = repo / ".git" / "objects" / blob[:2] / blob[2:]
    stored.chmod(0o644)
    os.truncate(stored, 4096)
    with pytest.raises(AssertionError, match="corrupt|unable"):
        git(repo, "cat-file", "-p", blob)  # the content really is unreadable now

    history = read_history(repo)

    assert history.available is True
    assert history.commits[0].files == (FileChange("model.bin", None, None), FileChange("notes.md", 1, 0))


def test_the_reader_writes_nothing_in_the_repository(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-22T09:00:00+00:00", "one", {"a.txt": "1\n", "tests/test_a.py": "def test_a(): pass\n"})
    (repo / "a.txt").write_text("changed but not staged\n")  # what `git status` would refresh
    before = snapshot_of(repo / ".git")
    history = read_history(repo)
    from sprintcheck.sources.timeline import read_test_timeline

    read_test_timeline(repo, history, lambda p: p.startswith("tests/"), lambda b: b.count(b"def test_"))
    assert snapshot_of(repo / ".git") == before


def test_an_inherited_git_dir_cannot_redirect_the_reader(tmp_path: Path) -> None:
    """A git hook runs with GIT_DIR set; the reader must still read the folder it was given."""
    other = init(tmp_path / "other")
    commit(other, "2026-01-01T09:00:00+00:00", "other project", {"o.txt": "o\n"})
    repo = init(tmp_path / "r")
    mine = commit(repo, "2026-01-22T09:00:00+00:00", "this project", {"a.txt": "1\n"})
    env = {**os.environ, "GIT_DIR": str(other / ".git"), "GIT_WORK_TREE": str(other)}
    code = (
        "import sys; from pathlib import Path;"
        "from sprintcheck.sources.history import read_history;"
        "h = read_history(Path(sys.argv[1])); print(h.head, *[c.sha for c in h.commits])"
    )
    done = subprocess.run([sys.executable, "-c", code, str(repo)], env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [mine, mine]


# --- shallow clones ------------------------------------------------------------------------------


def test_a_shallow_clone_is_read_and_said_to_be_partial(tmp_path: Path) -> None:
    source = init(tmp_path / "source")
    for day in range(20, 24):
        commit(source, f"2026-01-{day}T09:00:00+00:00", f"day {day}", {f"f{day}.txt": lines(day)})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{source}", str(clone))

    history = read_history(clone)

    assert history.available is True
    assert history.shallow is True
    assert history.reason == (
        f"{clone} is a shallow clone: commits before its depth limit are missing, "
        "so the history is partial and actual hours may be too low"
    )
    assert [c.subject for c in history.commits] == ["day 22", "day 23"]
    # git shows the cut-off commit as adding the whole tree; what it really changed is unknown.
    assert history.commits[0].files == ()
    assert history.commits[1].files == (FileChange("f23.txt", 23, 0),)

    # A window that starts after the cut is complete: shallow, but nothing is missing from it.
    later = read_history(clone, since=date(2026, 1, 23))
    assert (later.shallow, later.reason) == (True, None)
    assert [c.subject for c in later.commits] == ["day 23"]


# --- the window ----------------------------------------------------------------------------------


def test_the_window_is_the_authors_calendar_days_inclusive(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    when = [
        ("before", "2026-01-21T23:59:00+00:00"),
        ("first day, +14:00", "2026-01-22T00:10:00+14:00"),  # 2026-01-21 10:10 UTC
        ("last day, -11:00", "2026-01-31T23:30:00-11:00"),  # 2026-02-01 10:30 UTC
        ("after, +05:45", "2026-02-01T00:30:00+05:45"),  # 2026-01-31 18:45 UTC, but Feb 1 locally
        ("after", "2026-02-01T00:00:00+00:00"),
    ]
    for i, (subject, moment) in enumerate(when):
        commit(repo, moment, subject, {"a.txt": f"{i}\n"})
    # Rebased nine days after it was written: the committer date is far from the author date.
    commit(repo, "2026-01-30T12:00:00+00:00", "rebased later", {"b.txt": "b\n"},
           committed="2026-02-02T12:00:00+00:00")  # fmt: skip

    history = read_history(repo, since=date(2026, 1, 22), until=date(2026, 1, 31))

    assert (history.since, history.until) == (date(2026, 1, 22), date(2026, 1, 31))
    assert [c.subject for c in history.commits] == ["first day, +14:00", "last day, -11:00", "rebased later"]


def test_a_window_with_no_commits_is_available_and_empty(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    head = commit(repo, "2026-01-22T09:00:00+00:00", "one", {"a.txt": "1\n"})
    history = read_history(repo, since=date(2026, 3, 1), until=date(2026, 3, 14))
    assert history.available is True
    assert history.commits == ()
    assert history.reason is None
    assert history.head == head


def test_a_window_that_ends_before_it_starts_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ends"):
        read_history(tmp_path, since=date(2026, 2, 1), until=date(2026, 1, 1))

"""Tests created per day, from the history of test files (one `git cat-file --batch` process)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gitrepo import commit, git, init

from sprintcheck.model import InputProblem
from sprintcheck.sources import timeline as timeline_module
from sprintcheck.sources.history import read_history
from sprintcheck.sources.timeline import TestCountChange, read_test_timeline

created_per_day = timeline_module.tests_created_per_day  # a name pytest does not collect


def count_tests(content: bytes) -> int:
    """The stand-in for the lead's counter: `def test_` at the start of a line."""
    return sum(1 for line in content.splitlines() if line.startswith(b"def test_"))


def is_test_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return path.startswith("tests/") and name.startswith("test_") and name.endswith(".py")


def make_tests(*names: str) -> str:
    return "".join(f"def test_{name}():\n    assert 1 + 1 == 2\n\n" for name in names)


def test_tests_created_per_day_follow_additions_changes_and_deletions(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    c1 = commit(repo, "2026-01-22T09:00:00+01:00", "first tests",
                {"tests/test_a.py": make_tests("a1", "a2", "a3"), "src/a.py": "def test_not_a_test(): pass\n"})
    c2 = commit(repo, "2026-01-22T15:00:00+01:00", "more",
                {"tests/test_a.py": make_tests("a1", "a2", "a3", "a4"), "tests/test_b.py": make_tests("b1", "b2"),
                 "tests/helpers.py": make_tests("h1")})
    c3 = commit(repo, "2026-01-24T10:00:00+01:00", "drop b", {"tests/test_b.py": None})
    c4 = commit(repo, "2026-01-24T23:30:00-11:00", "trim a",  # Jan 25 10:30 UTC, Jan 24 for the author
                {"tests/test_a.py": make_tests("a1", "a2", "a4")})  # fmt: skip
    commit(repo, "2026-01-25T09:00:00+01:00", "code only", {"src/a.py": "x = 1\n"})
    history = read_history(repo)

    timeline = read_test_timeline(repo, history, is_test_file, count_tests)

    assert timeline.changes == (
        TestCountChange(c1, date(2026, 1, 22), "tests/test_a.py", 0, 3),
        TestCountChange(c2, date(2026, 1, 22), "tests/test_a.py", 3, 4),
        TestCountChange(c2, date(2026, 1, 22), "tests/test_b.py", 0, 2),
        TestCountChange(c3, date(2026, 1, 24), "tests/test_b.py", 2, 0),
        TestCountChange(c4, date(2026, 1, 24), "tests/test_a.py", 4, 3),
    )
    assert timeline.per_day == {date(2026, 1, 22): 6, date(2026, 1, 24): -3}
    assert timeline.problems == ()
    assert created_per_day(repo, history, is_test_file, count_tests) == timeline.per_day


def test_a_window_starting_mid_history_counts_only_the_change(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-10T09:00:00+00:00", "old tests", {"tests/test_a.py": make_tests("1", "2", "3", "4", "5")})
    commit(repo, "2026-01-23T09:00:00+00:00", "one more", {"tests/test_a.py": make_tests("1", "2", "3", "4", "5", "6")})
    history = read_history(repo, since=date(2026, 1, 22), until=date(2026, 2, 1))
    assert len(history.commits) == 1
    assert created_per_day(repo, history, is_test_file, count_tests) == {date(2026, 1, 23): 1}


def test_a_test_added_on_a_merged_branch_counts_once(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-22T09:00:00+00:00", "base", {"tests/test_a.py": make_tests("a")})
    git(repo, "checkout", "-q", "-b", "feature")
    commit(repo, "2026-01-23T09:00:00+00:00", "branch", {"tests/test_b.py": make_tests("b1", "b2")})
    git(repo, "checkout", "-q", "main")
    commit(repo, "2026-01-24T09:00:00+00:00", "main", {"tests/test_a.py": make_tests("a", "a2")})
    env = {"GIT_AUTHOR_DATE": "2026-01-25T09:00:00+00:00", "GIT_COMMITTER_DATE": "2026-01-25T09:00:00+00:00"}
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "feature", env=env)
    per_day = created_per_day(repo, read_history(repo), is_test_file, count_tests)
    assert per_day == {date(2026, 1, 22): 1, date(2026, 1, 23): 2, date(2026, 1, 24): 1}
    assert sum(per_day.values()) == count_tests((repo / "tests/test_a.py").read_bytes()) + 2


def test_a_rename_is_a_deletion_and_an_addition_on_the_same_day(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-22T09:00:00+00:00", "add", {"tests/test_old.py": make_tests("x", "y")})
    git(repo, "mv", "tests/test_old.py", "tests/test_new name.py")
    moved = commit(repo, "2026-01-23T09:00:00+00:00", "rename")
    timeline = read_test_timeline(repo, read_history(repo), is_test_file, count_tests)
    assert timeline.changes[1:] == (
        TestCountChange(moved, date(2026, 1, 23), "tests/test_new name.py", 0, 2),
        TestCountChange(moved, date(2026, 1, 23), "tests/test_old.py", 2, 0),
    )
    assert timeline.per_day == {date(2026, 1, 22): 2, date(2026, 1, 23): 0}


def test_per_category_and_blob_cache(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    same = make_tests("s1", "s2")
    commit(repo, "2026-01-22T09:00:00+00:00", "e2e and smoke",
           {"tests/e2e/test_flow.py": same, "tests/smoke/test_up.py": same,
            "tests/smoke/test_cors.py": make_tests("c")})  # fmt: skip
    commit(repo, "2026-01-23T09:00:00+00:00", "more e2e", {"tests/e2e/test_more.py": make_tests("m1", "m2", "m3")})
    timeline = read_test_timeline(repo, read_history(repo), is_test_file, count_tests)
    assert timeline.per_day_by(lambda p: p.split("/")[1]) == {
        "e2e": {date(2026, 1, 22): 2, date(2026, 1, 23): 3},
        "smoke": {date(2026, 1, 22): 3},
    }
    assert timeline.per_day_by(lambda p: None) == {}
    assert timeline.files_read == 3  # test_flow.py and test_up.py are the same blob: counted once


def test_many_changes_cross_several_round_trips(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    files = {f"tests/test_{i:03d}.py": make_tests(*(str(k) for k in range(i % 4 + 1))) for i in range(45)}
    commit(repo, "2026-01-22T09:00:00+00:00", "a lot of tests", files)
    commit(repo, "2026-01-23T09:00:00+00:00", "all deleted", {name: None for name in files})
    timeline = read_test_timeline(repo, read_history(repo), is_test_file, count_tests)
    total = sum(i % 4 + 1 for i in range(45))
    assert total == 111
    assert timeline.per_day == {date(2026, 1, 22): 111, date(2026, 1, 23): -111}
    assert len(timeline.changes) == 90


def test_an_unusable_path_is_reported_not_guessed(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    sha = commit(repo, "2026-01-22T09:00:00+00:00", "odd",
                 {"tests/test_a\nb.py": make_tests("x"), "tests/test_ok.py": make_tests("y")})  # fmt: skip
    timeline = read_test_timeline(repo, read_history(repo), is_test_file, count_tests)
    assert timeline.per_day == {date(2026, 1, 22): 1}
    assert timeline.problems == (
        InputProblem("tests/test_a\nb.py", "the path is not a plain UTF-8 line: its tests were not "
                                           f"counted (commit {sha[:12]})"),
    )  # fmt: skip


def test_no_history_no_timeline(tmp_path: Path) -> None:
    history = read_history(tmp_path)
    assert history.available is False
    timeline = read_test_timeline(tmp_path, history, is_test_file, count_tests)
    assert (timeline.changes, timeline.per_day, timeline.files_read) == ((), {}, 0)


def test_a_shallow_clone_does_not_count_the_cut_off_tree_as_created(tmp_path: Path) -> None:
    source = init(tmp_path / "source")
    commit(source, "2026-01-20T09:00:00+00:00", "old", {"tests/test_a.py": make_tests("a", "b", "c")})
    commit(source, "2026-01-21T09:00:00+00:00", "docs", {"README.md": "x\n"})
    commit(source, "2026-01-22T09:00:00+00:00", "new test", {"tests/test_b.py": make_tests("d")})
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{source}", str(clone))
    per_day = created_per_day(clone, read_history(clone), is_test_file, count_tests)
    assert per_day == {date(2026, 1, 22): 1}

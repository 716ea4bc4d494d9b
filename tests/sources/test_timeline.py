"""Tests created per day, from the history of test files (one `git cat-file --batch` process)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from gitrepo import commit, git, init

from sprintcheck.model import InputProblem
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.sources import timeline as timeline_module
from sprintcheck.sources.collection_walk import CollectionRules
from sprintcheck.sources.definition_count import definition_counter
from sprintcheck.sources.history import read_history
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import read_pytest_config
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


def unittest_tests(cls: str, *names: str) -> str:
    """A unittest.TestCase whose name is not python_classes' "Test...", as idna's `IDNATests`."""
    body = "    def test_{}(self):\n        self.assertTrue(True)\n\n"
    methods = "".join(body.format(name) for name in names)
    return f"import unittest\n\n\nclass {cls}(unittest.TestCase):\n{methods}"


def collected_timeline(repo: Path, since: date | None = None, until: date | None = None):
    """The timeline as the pipeline reads it: the inventory's collection rules, its counter."""
    config = read_pytest_config(repo)
    rules = CollectionRules(repo, config, [])
    history = read_history(repo, since, until)
    return read_test_timeline(repo, history, rules.is_collected, definition_counter(config))


# Collected: tests/ (testpaths), through tests/unit/. Not collected: a second test folder outside
# testpaths, a norecursedirs folder inside it, a file a conftest's collect_ignore names.
LAYOUT = {
    "pytest.ini": "[pytest]\ntestpaths = tests\nnorecursedirs = .* data\n",
    "src/app.py": "def test_looking_function(): pass\n",
    "tests/test_a.py": make_tests("a1", "a2", "a3"),
    "tests/unit/test_b.py": unittest_tests("BehaviourTests", "b1", "b2"),
    "tests/conftest.py": "collect_ignore = ['test_legacy.py']\n",
    "tests/test_legacy.py": make_tests(*"abcdef"),
    "tests/data/test_sample_input.py": make_tests("d1", "d2", "d3", "d4"),
    "sample_runs/demo/tests/test_demo.py": make_tests("x1", "x2", "x3", "x4", "x5"),
}


def test_the_timeline_counts_exactly_the_files_the_inventory_collects(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    root = commit(repo, "2026-01-20T09:00:00+00:00", "everything at once", LAYOUT)
    commit(repo, "2026-01-21T09:00:00+00:00", "more everywhere", {
        "tests/test_a.py": make_tests("a1", "a2", "a3", "a4"),
        "tests/old/test_gone.py": make_tests("g1", "g2"),
        "tests/data/test_sample_input.py": make_tests("d1", "d2", "d3", "d4", "d5"),
        "sample_runs/demo/tests/test_demo.py": make_tests("x1", "x2", "x3", "x4", "x5", "x6", "x7"),
        "tests/test_legacy.py": make_tests(*"abcdefg"),
    })  # fmt: skip
    # The folder is gone from the tree: its file's history is still judged by the same rules.
    commit(repo, "2026-01-22T09:00:00+00:00", "drop old", {"tests/old/test_gone.py": None})

    timeline = collected_timeline(repo)

    assert {change.path for change in timeline.changes} == {
        "tests/test_a.py", "tests/unit/test_b.py", "tests/old/test_gone.py",
    }  # fmt: skip
    assert timeline.changes[:2] == (
        TestCountChange(root, date(2026, 1, 20), "tests/test_a.py", 0, 3),
        TestCountChange(root, date(2026, 1, 20), "tests/unit/test_b.py", 0, 2),
    )
    assert timeline.per_day == {date(2026, 1, 20): 5, date(2026, 1, 21): 3, date(2026, 1, 22): -2}
    inventory = scan_tests(repo, read_pytest_config(repo))
    assert sum(timeline.per_day.values()) == len(inventory.tests) == 6


def test_the_report_timeline_leaves_out_what_pytest_does_not_collect(tmp_path: Path) -> None:
    """The same repository through the pipeline, as `sprintcheck` shows it."""
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-20T09:00:00+00:00", "everything at once", LAYOUT)
    time = analyze(Inputs(repo)).snapshot.time
    assert time is not None
    assert [(day.day, day.tests_created) for day in time.timeline] == [(date(2026, 1, 20), 5)]


def test_tests_added_by_the_root_commit_are_counted(tmp_path: Path) -> None:
    """A root commit's parent holds no tests: all it adds is written that day (idna: one commit,
    unittest classes not named "Test...")."""
    repo = init(tmp_path / "r")
    commit(repo, "2026-01-10T09:00:00+00:00", "import", {
        "pyproject.toml": "[project]\nname = 'x'\n",
        "tests/__init__.py": "",
        "tests/test_codec.py": unittest_tests("CodecTests", "one", "two", "three"),
        "tests/test_more.py": unittest_tests("Base", "shared") + "\n\nclass Derived(Base):\n"
        "    def test_own(self):\n        pass\n\n    def helper(self):\n        pass\n",
        "tests/test_plain.py": make_tests("p1", "p2"),
    })  # fmt: skip
    commit(repo, "2026-01-23T09:00:00+00:00", "one more",
           {"tests/test_plain.py": make_tests("p1", "p2", "p3")})  # fmt: skip

    assert collected_timeline(repo).per_day == {date(2026, 1, 10): 7, date(2026, 1, 23): 1}
    # A window holding the root commit counts it; one starting after it counts each commit
    # against its parent, outside the window.
    assert collected_timeline(repo, date(2026, 1, 10), date(2026, 1, 12)).per_day == {
        date(2026, 1, 10): 7
    }
    assert collected_timeline(repo, date(2026, 1, 22), date(2026, 2, 1)).per_day == {
        date(2026, 1, 23): 1
    }
    inventory = scan_tests(repo, read_pytest_config(repo))
    assert len(inventory.tests) == 9  # Derived also runs the inherited test_shared: 8 + 1


def test_definition_counter_follows_the_inventory_on_class_rules() -> None:
    count = definition_counter(read_pytest_config(Path("/nonexistent")))
    source = (
        "import unittest\nfrom unittest import IsolatedAsyncioTestCase\n\n"
        "class NotATestCase:\n    def test_no(self): pass\n\n"
        "class LocalTestCase:\n    def test_no(self): pass\n\n"  # a local name that only says so
        "class FromLocal(LocalTestCase):\n    def test_no(self): pass\n\n"
        "class Async(IsolatedAsyncioTestCase):\n    async def test_yes(self): pass\n\n"
        "class Prefix(unittest.TestCase):\n    def testPrefixOnly(self): pass\n"
        "    def check_no(self): pass\n\n"
        "class TestPlain:\n    def test_yes(self): pass\n"
    )
    assert count(source.encode()) == 3

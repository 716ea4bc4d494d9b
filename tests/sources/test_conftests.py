"""Reading a conftest.py's collect_ignore lists statically, statement form by statement form.

What the lists do to collection is checked against real pytest in test_inventory.py.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from sprintcheck.model import InputProblem
from sprintcheck.sources.conftests import conftest_folders, read_ignore_lists

UNREADABLE = "could not be read statically, so this statement is not applied"


def read(root: Path, source: str) -> tuple[dict[str, str], list[str]]:
    """({list name: its entries}, problems) for `source` as sub/conftest.py.

    Entries are written `path:line`, the path relative to the conftest's folder, with a `?` after
    an entry that is conditional.
    """
    (root / "sub").mkdir()
    (root / "sub" / "conftest.py").write_text(textwrap.dedent(source))
    problems: list[InputProblem] = []
    lists = read_ignore_lists(root, "sub", problems)
    found = {
        name: " ".join(
            f"{os.path.relpath(entry.pattern, root / 'sub')}:{entry.statement.line}"
            + ("?" if entry.statement.conditional else "")
            for entry in entries
        )
        for name, entries in lists.items()
    }
    assert all(problem.path == "sub/conftest.py" for problem in problems)
    return found, [f"{problem.line}: {problem.message}" for problem in problems]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            collect_ignore: list[str] = ["a.py", "pkg/"]
            collect_ignore.append("b.py")
            collect_ignore.extend(("c.py",))
            collect_ignore += ["../up.py", "./here.py"]
            collect_ignore_glob = []
            """,
            {
                "collect_ignore": "a.py:1 pkg:1 b.py:2 c.py:3 ../up.py:4 here.py:4",
                "collect_ignore_glob": "",
            },
            id="every-literal-form",
        ),
        pytest.param(
            """\
            collect_ignore = ["dropped.py"]
            collect_ignore = ["kept.py"]
            """,
            {"collect_ignore": "kept.py:2"},
            id="rebinding-replaces",
        ),
        pytest.param(
            """\
            import sys
            collect_ignore = ["always.py"]
            if sys.version_info < (3, 8):
                collect_ignore = ["old.py"]
            else:
                collect_ignore.append("new.py")
            """,
            {"collect_ignore": "always.py:2 old.py:4? new.py:6?"},
            id="undecided-if-is-conditional-in-both-branches",
        ),
        pytest.param(
            """\
            collect_ignore = []
            if True:
                collect_ignore.append("yes.py")
            if 0:
                collect_ignore.append("no.py")
            else:
                collect_ignore.append("else.py")
            with open(__file__):
                collect_ignore.append("with.py")
            """,
            {"collect_ignore": "yes.py:3 else.py:7 with.py:9"},
            id="constant-conditions-and-with-are-decided",
        ),
        pytest.param(
            """\
            collect_ignore = []
            try:
                import numpy
                collect_ignore.append("in_try.py")
            except ImportError:
                collect_ignore.append("handler.py")
            else:
                collect_ignore.append("else.py")
            finally:
                collect_ignore.append("finally.py")
            for name in ("x",):
                collect_ignore.append("loop.py")
            match 1:
                case 1:
                    collect_ignore.append("case.py")
            """,
            {
                "collect_ignore": "in_try.py:4? handler.py:6? else.py:8? finally.py:10 "
                "loop.py:12? case.py:15?"
            },
            id="try-loops-and-match-are-conditional",
        ),
        pytest.param(
            """\
            needs_numpy = ["a.py", "b.py"]
            collect_ignore = []
            if not has_numpy:
                collect_ignore += needs_numpy
            collect_ignore.extend(needs_numpy)
            """,
            {"collect_ignore": "a.py:4? b.py:4? a.py:5 b.py:5"},
            id="a-name-bound-to-a-literal-list",
        ),
        pytest.param(
            """\
            def pytest_ignore_collect(collection_path):
                collect_ignore.append("in_a_function.py")

            class Settings:
                collect_ignore = ["in_a_class.py"]
            """,
            {},
            id="function-and-class-bodies-do-not-run",
        ),
    ],
)
def test_literal_statements(tmp_path: Path, source: str, expected: dict[str, str]) -> None:
    assert read(tmp_path, source) == (expected, [])


def test_statements_that_are_not_literals_are_reported_and_not_applied(tmp_path: Path) -> None:
    found, problems = read(
        tmp_path,
        """\
        import glob
        collect_ignore = ["kept.py"]
        collect_ignore = glob.glob("*.py")
        collect_ignore.append(f"{1}.py")
        collect_ignore.extend(str(p) for p in [1])
        collect_ignore.insert(0, "inserted.py")
        collect_ignore += ["a.py"] + ["b.py"]
        collect_ignore_glob = collect_ignore
        changed = ["c.py"]
        changed.append("d.py")
        collect_ignore.extend(changed)
        if has_numpy:
            maybe = ["e.py"]
        collect_ignore.extend(maybe)
        """,
    )
    assert found == {"collect_ignore": "kept.py:2", "collect_ignore_glob": ""}
    assert problems == [
        f"3: collect_ignore {UNREADABLE}",
        f"4: collect_ignore {UNREADABLE}",
        f"5: collect_ignore {UNREADABLE}",
        f"6: collect_ignore {UNREADABLE}",
        f"7: collect_ignore {UNREADABLE}",
        f"8: collect_ignore_glob {UNREADABLE}",
        f"11: collect_ignore {UNREADABLE}",
        f"14: collect_ignore {UNREADABLE}",
    ]


@pytest.mark.parametrize(
    "source",
    ["", "COLLECT = ['a.py']\n", "collect_ignore = ['a.py'\n"],
    ids=["empty", "never-mentioned", "syntax-error"],
)
def test_conftests_without_readable_lists_bind_none(tmp_path: Path, source: str) -> None:
    assert read(tmp_path, source) == ({}, [])


def test_no_conftest_binds_no_list(tmp_path: Path) -> None:
    assert read_ignore_lists(tmp_path, "", []) == {}


def test_conftest_folders_nearest_first() -> None:
    assert conftest_folders("a/b/test_x.py") == ["a/b", "a", ""]
    assert conftest_folders("test_x.py") == [""]

"""Reading pytest's collection settings from the file pytest itself would pick, on real files."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_files

from sprintcheck.model import InputProblem
from sprintcheck.sources.pytest_config import (
    DEFAULT_NORECURSEDIRS,
    PytestConfig,
    read_pytest_config,
)


def pytest_configfile(root: Path) -> str | None:
    """The config file pytest reports in its header for `root`, or None."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = re.search(r"^configfile: (\S+)", completed.stdout, re.MULTILINE)
    return found.group(1) if found else None


def test_no_config_file_gives_pytest_defaults(tmp_path: Path) -> None:
    assert read_pytest_config(tmp_path) == PytestConfig(
        python_files=("test_*.py", "*_test.py"),
        python_classes=("Test",),
        python_functions=("test",),
        testpaths=(),
        norecursedirs=(
            "*.egg",
            ".*",
            "_darcs",
            "build",
            "CVS",
            "dist",
            "node_modules",
            "venv",
            "{arch}",
        ),
        source=None,
        problems=(),
    )
    assert PytestConfig().norecursedirs == DEFAULT_NORECURSEDIRS


@pytest.mark.parametrize(
    ("files", "winner"),
    [
        ({"pytest.ini": "", "pyproject.toml": "[tool.pytest.ini_options]\n"}, "pytest.ini"),
        ({".pytest.ini": "[pytest]\n", "tox.ini": "[pytest]\n"}, ".pytest.ini"),
        (
            {"pyproject.toml": "[tool.pytest.ini_options]\n", "tox.ini": "[pytest]\n"},
            "pyproject.toml",
        ),
        ({"pyproject.toml": "[project]\nname = 'x'\n", "tox.ini": "[pytest]\n"}, "tox.ini"),
        ({"tox.ini": "[tox]\n", "setup.cfg": "[tool:pytest]\n"}, "setup.cfg"),
        ({"tox.ini": "[tox]\n", "setup.cfg": "[metadata]\n"}, None),
        (
            {"pyproject.toml": "[project]\nname = 'x'\n", "setup.cfg": "[metadata]\n"},
            "pyproject.toml",
        ),
    ],
)
def test_the_same_file_wins_as_for_pytest(
    tmp_path: Path, files: dict[str, str], winner: str | None
) -> None:
    write_files(tmp_path, files)
    config = read_pytest_config(tmp_path)
    assert (config.source, config.problems) == (winner, ())
    assert pytest_configfile(tmp_path) == winner


def test_pytest_toml_comes_first(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.toml": '[pytest]\ntestpaths = ["t"]\n',
            "pytest.ini": "[pytest]\ntestpaths = other\n",
        },
    )
    config = read_pytest_config(tmp_path)
    assert (config.source, config.testpaths) == ("pytest.toml", ("t",))


def test_ini_values_are_whitespace_separated_over_several_lines(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "tox.ini": """\
                [tox]
                envlist = py311

                [pytest]
                # a comment line
                python_files = check_*.py
                    "spaced name*.py"
                ; another comment
                    *_check.py
                python_classes: Suite Check
                python_functions = check_
                testpaths =
                    tests
                    integration
                norecursedirs = .git fixtures
                """,
        },
    )
    assert read_pytest_config(tmp_path) == PytestConfig(
        python_files=("check_*.py", "spaced name*.py", "*_check.py"),
        python_classes=("Suite", "Check"),
        python_functions=("check_",),
        testpaths=("tests", "integration"),
        norecursedirs=(".git", "fixtures"),
        source="tox.ini",
    )


def test_setup_cfg_section_and_a_bom(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_bytes(b"\xef\xbb\xbf[tool:pytest]\ntestpaths = src/tests\n")
    assert read_pytest_config(tmp_path) == PytestConfig(
        testpaths=("src/tests",), source="setup.cfg"
    )


def test_toml_values_may_be_lists_or_strings(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pyproject.toml": """\
                [tool.pytest.ini_options]
                python_files = ["check_*.py", "*_check.py"]
                python_classes = "Suite Check"
                testpaths = "tests"
                """,
        },
    )
    assert read_pytest_config(tmp_path) == PytestConfig(
        python_files=("check_*.py", "*_check.py"),
        python_classes=("Suite", "Check"),
        testpaths=("tests",),
        source="pyproject.toml",
    )


def test_native_tool_pytest_table(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {"pyproject.toml": '[tool.pytest]\npython_functions = ["check_"]\ntestpaths = ["t"]\n'},
    )
    assert read_pytest_config(tmp_path) == PytestConfig(
        python_functions=("check_",), testpaths=("t",), source="pyproject.toml"
    )


def test_one_bad_value_keeps_the_others(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pyproject.toml": (
                "[tool.pytest.ini_options]\ntestpaths = [1, 2]\npython_functions = 'check'\n"
            )
        },
    )
    assert read_pytest_config(tmp_path) == PytestConfig(
        python_functions=("check",),
        source="pyproject.toml",
        problems=(
            InputProblem(
                "pyproject.toml", "testpaths: expected a string or a list of strings, got [1, 2]"
            ),
        ),
    )


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        (
            "tox.ini",
            "[pytest]\ntestpaths = a\njust words\n",
            InputProblem("tox.ini", "unexpected line: 'just words'", 3),
        ),
        (
            "tox.ini",
            "[pytest]\n  indented\n",
            InputProblem("tox.ini", "unexpected value continuation", 2),
        ),
        ("setup.cfg", "key = value\n", InputProblem("setup.cfg", "no section header defined", 1)),
        (
            "pytest.ini",
            "[pytest]\n[pytest]\n",
            InputProblem("pytest.ini", "duplicate section 'pytest'", 2),
        ),
        (
            "pytest.ini",
            "[pytest]\na = 1\na = 2\n",
            InputProblem("pytest.ini", "duplicate name 'a'", 3),
        ),
        (
            "setup.cfg",
            "[pytest]\ntestpaths = t\n",
            InputProblem(
                "setup.cfg", "[pytest] section in setup.cfg is not supported, use [tool:pytest]"
            ),
        ),
        (
            "pyproject.toml",
            '[tool.pytest]\ntestpaths = ["a"]\n[tool.pytest.ini_options]\ntestpaths = ["b"]\n',
            InputProblem(
                "pyproject.toml", "cannot use both [tool.pytest] and [tool.pytest.ini_options]"
            ),
        ),
    ],
)
def test_a_broken_config_file_gives_defaults_and_a_problem(
    tmp_path: Path, name: str, content: str, problem: InputProblem
) -> None:
    write_files(tmp_path, {name: content})
    assert read_pytest_config(tmp_path) == PytestConfig(problems=(problem,))


def test_invalid_toml_names_the_place(tmp_path: Path) -> None:
    write_files(tmp_path, {"pyproject.toml": "[tool.pytest.ini_options\ntestpaths = 1\n"})
    config = read_pytest_config(tmp_path)
    assert (config.source, config.testpaths) == (None, ())
    assert config.problems == (
        InputProblem(
            "pyproject.toml",
            "invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 25)",
        ),
    )


def test_undecodable_config_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "pytest.ini").write_bytes(b"[pytest]\ntestpaths = caf\xe9\n")
    assert read_pytest_config(tmp_path) == PytestConfig(
        problems=(InputProblem("pytest.ini", "cannot decode as UTF-8: invalid continuation byte"),)
    )

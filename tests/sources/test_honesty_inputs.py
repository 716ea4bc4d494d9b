"""Test honesty on awkward input: tests made in unusual ways, files that do not parse or decode,
and this project's own test suite, which must have no test that cannot fail."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, write_files

from sprintcheck.model import InputProblem, Location, TestDefinition
from sprintcheck.sources.honesty import inspect_honesty
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import read_pytest_config


def test_unusual_forms_are_skipped_without_crashing(project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_odd.py": """\
                import sys

                test_lambda = lambda: None

                def _make():
                    def test_inner():
                        assert compute() == 1
                    return test_inner

                test_made = _make()

                for i in range(2):
                    exec(f"def test_exec_{i}(): pass")

                setattr(sys.modules[__name__], "test_set", lambda: None)

                def test_real():
                    assert compute() == 1

                class TestNested:
                    class TestInner:
                        def test_deep(self):
                            pass
                """
        },
    )
    inventory = scan_tests(project, read_pytest_config(project))
    found, problems = inspect_honesty(project, inventory.tests)
    assert problems == ()
    by_name = {test.nodeid.split("::", 1)[1]: found.get(test.location) for test in inventory.tests}
    assert by_name["test_lambda"] is None  # no `def` at its line
    real = by_name["test_real"]
    assert real is not None and real.issues == () and real.n_assertions == 1
    deep = by_name["TestNested::TestInner::test_deep"]
    assert deep is not None and [(i.code, i.line) for i in deep.issues] == [("SC202", 22)]
    assert set(found) == {Location("tests/test_odd.py", 17), Location("tests/test_odd.py", 22)}


def test_a_file_the_inventory_could_not_parse_is_not_reported_again(project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_broken.py": "def test_x(:\n    pass\n",
            "tests/test_fine.py": "def test_ok():\n    pass\n",
        },
    )
    inventory = scan_tests(project, read_pytest_config(project))
    assert [p.path for p in inventory.problems] == ["tests/test_broken.py"]
    found, problems = inspect_honesty(project, inventory.tests)
    assert problems == ()
    assert [(i.code, i.line) for i in found[Location("tests/test_fine.py", 1)].issues] == [
        ("SC202", 1)
    ]


def test_a_test_file_that_no_longer_parses_is_one_problem(project: Path) -> None:
    write_files(project, {"tests/test_changed.py": "def test_a():\n    assert (\n"})
    tests = [
        TestDefinition(
            "tests/test_changed.py", None, "test_a", Location("tests/test_changed.py", 1)
        ),
        TestDefinition(
            "tests/test_changed.py", None, "test_b", Location("tests/test_changed.py", 5)
        ),
        TestDefinition("tests/test_gone.py", None, "test_c", Location("tests/test_gone.py", 1)),
    ]
    found, problems = inspect_honesty(project, tests)
    assert found == {}
    assert [(p.path, p.line) for p in problems] == [
        ("tests/test_changed.py", 2),
        ("tests/test_gone.py", None),
    ]
    assert problems[0].message.startswith("syntax error: ")
    assert problems[1].message.startswith("cannot read: ")


def test_a_def_not_at_its_line_is_skipped(project: Path) -> None:
    write_files(project, {"tests/test_a.py": "x = 1\n\ndef test_a():\n    pass\n"})
    tests = [
        TestDefinition("tests/test_a.py", None, "test_a", Location("tests/test_a.py", 1)),
        TestDefinition("tests/test_a.py", None, "test_b", Location("tests/test_a.py", None)),
    ]
    assert inspect_honesty(project, tests) == ({}, ())


def test_latin1_file_with_a_coding_cookie(project: Path) -> None:
    source = (
        "# -*- coding: latin-1 -*-\n"
        "def test_café(client):\n"
        "    r = client.get('/menu/crème')\n"
        "    assert r.status_code in [200, 501]  # déjà vu\n"
    )
    (project / "tests").mkdir()
    (project / "tests" / "test_menu.py").write_bytes(source.encode("latin-1"))
    inventory = scan_tests(project, read_pytest_config(project))
    found, problems = inspect_honesty(project, inventory.tests)
    assert problems == ()
    [honesty] = found.values()
    assert [(i.code, i.line, i.quote) for i in honesty.issues] == [
        ("SC203", 4, "assert r.status_code in [200, 501]  # déjà vu")
    ]


def test_a_file_that_does_not_decode_is_one_problem(project: Path) -> None:
    (project / "tests").mkdir()
    (project / "tests" / "test_bytes.py").write_bytes(b"def test_a():\n    x = '\xff'\n")
    tests = [
        TestDefinition("tests/test_bytes.py", None, "test_a", Location("tests/test_bytes.py", 1))
    ]
    found, problems = inspect_honesty(project, tests)
    assert found == {}
    assert problems == (
        InputProblem("tests/test_bytes.py", "cannot decode as utf-8: invalid start byte", 2),
    )


def test_our_own_suite_has_no_test_that_cannot_fail() -> None:
    inventory = scan_tests(REPO, read_pytest_config(REPO))
    assert len(inventory.tests) > 100
    found, problems = inspect_honesty(REPO, inventory.tests)
    assert problems == ()
    hollow = [
        f"{location}: {issue.code} {issue.quote}"
        for location, honesty in found.items()
        for issue in honesty.issues
        if issue.code in ("SC201", "SC203", "SC204") and issue.suppressed is None
    ]
    assert hollow == []

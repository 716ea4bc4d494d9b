"""The inventory against pytest's real collection of the same files: same ids, same case counts."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import write_files

from sprintcheck.errors import InventoryError
from sprintcheck.model import InputProblem, Inventory, Location, TestDefinition
from sprintcheck.sources.collection_walk import CollectionRules, find_test_files
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import PytestConfig, read_pytest_config

PYTEST_MAJOR = int(pytest.__version__.split(".")[0])


def collect_with_pytest(root: Path, *args: str) -> Counter[str]:
    """pytest's own collection: node id (parameter suffix removed) -> number of cases."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    ids = [line for line in completed.stdout.splitlines() if re.match(r"[\w./-]+\.py::", line)]
    return Counter(re.sub(r"\[.*\]$", "", nodeid) for nodeid in ids)


def scan(root: Path) -> Inventory:
    return scan_tests(root, read_pytest_config(root))


def nodeids(inventory: Inventory) -> set[str]:
    return {test.nodeid for test in inventory.tests}


def assert_same_as_pytest(root: Path, expected: set[str]) -> Inventory:
    inventory = scan(root)
    assert nodeids(inventory) == expected
    assert set(collect_with_pytest(root)) == expected
    assert len(inventory.tests) == len(expected)  # each definition once
    assert_rule_agrees_with_walk(root)
    return inventory


def assert_rule_agrees_with_walk(root: Path) -> None:
    """CollectionRules.is_collected, asked about every file path, picks what the walk finds."""
    config = read_pytest_config(root)
    paths = [
        Path(folder, name).relative_to(root).as_posix()
        for folder, _, names in os.walk(root)
        for name in names
    ]
    rules = CollectionRules(root, config, [])
    assert {path for path in paths if rules.is_collected(path)} == set(
        find_test_files(root, config, [])
    )


def test_functions_classes_and_what_pytest_leaves_out(project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_kinds.py": """\
                import pytest

                def test_plain():
                    def test_nested_is_not_collected():
                        pass
                    assert 1

                async def test_async():
                    pass

                test_lambda = lambda: None
                test_alias = test_plain
                test_data = [1, 2]

                def helper_not_a_test():
                    pass

                @pytest.fixture
                def test_fixture_is_not_a_test():
                    return 1

                @pytest.fixture(name="other")
                def test_named_fixture():
                    return 1

                class TestClass:
                    def test_method(self):
                        pass

                    def helper(self):
                        pass

                    @staticmethod
                    def test_static():
                        pass

                    @classmethod
                    def test_classmethod(cls):
                        pass

                    @property
                    def test_property(self):
                        return 1

                    async def test_async_method(self):
                        pass

                    class TestNested:
                        def test_inner(self):
                            pass

                        class TestDeeper:
                            def test_deepest(self):
                                pass

                    class NotCollected:
                        def test_hidden(self):
                            pass

                class TestWithInit:
                    def __init__(self):
                        pass

                    def test_skipped_with_a_warning(self):
                        pass

                class TestFromException(Exception):
                    def test_has_init_from_exception(self):
                        pass

                class Helper:
                    def test_not_in_a_test_class(self):
                        pass

                class TestSwitchedOff:
                    __test__ = False

                    def test_off(self):
                        pass

                class TestInheritsSwitchedOff(TestSwitchedOff):
                    def test_still_off(self):
                        pass

                class Chosen:
                    __test__ = True

                    def test_chosen(self):
                        pass

                def test_switched_off_function():
                    pass

                test_switched_off_function.__test__ = False

                if True:
                    def test_conditional():
                        pass
                """,
        },
    )
    path = "tests/test_kinds.py"
    inventory = assert_same_as_pytest(
        project,
        {
            f"{path}::{name}"
            for name in (
                "test_plain",
                "test_async",
                "test_lambda",
                "test_alias",
                "TestClass::test_method",
                "TestClass::test_static",
                "TestClass::test_classmethod",
                "TestClass::test_async_method",
                "TestClass::TestNested::test_inner",
                "TestClass::TestNested::TestDeeper::test_deepest",
                "Chosen::test_chosen",
                "test_conditional",
            )
        },
    )
    by_id = {test.nodeid: test for test in inventory.tests}
    assert by_id[f"{path}::test_plain"] == TestDefinition(
        path, None, "test_plain", Location(path, 3)
    )
    assert by_id[f"{path}::TestClass::TestNested::TestDeeper::test_deepest"].cls == (
        "TestClass::TestNested::TestDeeper"
    )
    assert by_id[f"{path}::test_lambda"].location == Location(path, 11)
    assert inventory.files_scanned == 1
    assert inventory.problems == ()


def test_dynamic_forms_are_what_pytest_finds_and_we_do_not(project: Path) -> None:
    """setattr and exec make tests only running code can see: pytest has them, we do not."""
    write_files(
        project,
        {
            "test_dynamic.py": """\
                class TestA:
                    pass

                setattr(TestA, "test_made", lambda self: None)
                exec("def test_exec(): pass")
                """
        },
    )
    assert set(collect_with_pytest(project)) == {
        "test_dynamic.py::TestA::test_made",
        "test_dynamic.py::test_exec",
    }
    assert nodeids(scan(project)) == set()


def test_unittest_testcases(project: Path) -> None:
    write_files(
        project,
        {
            "test_units.py": """\
                import unittest
                from unittest import TestCase, IsolatedAsyncioTestCase as Async

                class Anything(unittest.TestCase):
                    def test_one(self):
                        pass

                    def testCamel(self):
                        pass

                    def check_not_a_test(self):
                        pass

                class Mixin:
                    def test_from_mixin(self):
                        pass

                class WithMixin(Mixin, TestCase):
                    def test_own(self):
                        pass

                class Child(Anything):
                    def test_one(self):
                        pass

                class AsyncOnes(Async):
                    async def test_awaits(self):
                        pass

                class Runner(TestCase):
                    def runTest(self):
                        pass

                class Switched(TestCase):
                    __test__ = False

                    def test_never(self):
                        pass
                """
        },
    )
    p = "test_units.py"
    assert_same_as_pytest(
        project,
        {
            f"{p}::Anything::test_one",
            f"{p}::Anything::testCamel",
            f"{p}::WithMixin::test_own",
            f"{p}::WithMixin::test_from_mixin",
            f"{p}::Child::test_one",
            f"{p}::Child::testCamel",
            f"{p}::AsyncOnes::test_awaits",
            f"{p}::Runner::runTest",
        },
    )


def test_unittest_prefix_ignores_python_functions(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.ini": "[pytest]\npython_functions = check_\n",
            "test_mixed.py": """\
                import unittest

                class Case(unittest.TestCase):
                    def test_unittest_style(self):
                        pass

                    def check_not_for_unittest(self):
                        pass

                class TestPlain:
                    def check_this(self):
                        pass

                    def test_not_this(self):
                        pass

                def check_function():
                    pass
                """,
        },
    )
    assert_same_as_pytest(
        tmp_path,
        {
            "test_mixed.py::Case::test_unittest_style",
            "test_mixed.py::TestPlain::check_this",
            "test_mixed.py::check_function",
        },
    )


def test_inheritance_within_a_module(project: Path) -> None:
    write_files(
        project,
        {
            "test_inherit.py": """\
                from abc import ABC, abstractmethod

                class BaseChecks:
                    def test_shared(self):
                        pass

                    def test_overridden(self):
                        pass

                class TestFirst(BaseChecks):
                    def test_overridden(self):
                        pass

                class TestSecond(BaseChecks):
                    def test_own(self):
                        pass

                class TestCollectedAlone:
                    def test_base(self):
                        pass

                class TestDerived(TestCollectedAlone):
                    def test_derived(self):
                        pass

                class TestHidden(BaseChecks):
                    test_shared = None

                class TestAbstract(ABC):
                    @abstractmethod
                    def make(self): ...

                    def test_uses_make(self):
                        pass

                class TestConcrete(TestAbstract):
                    def make(self):
                        return 1

                class TestNestedBase:
                    class TestInner:
                        def test_inner(self):
                            pass

                class TestNestedChild(TestNestedBase):
                    pass
                """
        },
    )
    p = "test_inherit.py"
    inventory = assert_same_as_pytest(
        project,
        {
            f"{p}::TestFirst::test_shared",
            f"{p}::TestFirst::test_overridden",
            f"{p}::TestSecond::test_shared",
            f"{p}::TestSecond::test_overridden",
            f"{p}::TestSecond::test_own",
            f"{p}::TestCollectedAlone::test_base",
            f"{p}::TestDerived::test_base",
            f"{p}::TestDerived::test_derived",
            f"{p}::TestHidden::test_overridden",
            f"{p}::TestConcrete::test_uses_make",
            f"{p}::TestNestedBase::TestInner::test_inner",
            f"{p}::TestNestedChild::TestInner::test_inner",
        },
    )
    by_id = {test.nodeid: test for test in inventory.tests}
    # An inherited test is written once, in the base: every collecting class points there.
    assert by_id[f"{p}::TestSecond::test_shared"].location == Location(p, 4)
    assert by_id[f"{p}::TestFirst::test_overridden"].location == Location(p, 11)


def test_inheritance_and_imports_across_modules(project: Path) -> None:
    write_files(
        project,
        {
            "tests/__init__.py": "",
            "tests/bases.py": """\
                import unittest

                class SharedChecks:
                    def test_shared(self):
                        pass

                class SharedCase(unittest.TestCase):
                    def test_case_shared(self):
                        pass
                """,
            "tests/helpers/__init__.py": "",
            "tests/helpers/more.py": """\
                class Deep:
                    def test_deep(self):
                        pass
                """,
            "tests/test_base_module.py": """\
                class TestImportedElsewhere:
                    def test_here_and_there(self):
                        pass

                def test_function_imported_elsewhere():
                    pass
                """,
            "tests/test_users.py": """\
                from tests.bases import SharedChecks
                from .bases import SharedCase
                from . import helpers
                import tests.helpers.more
                from .test_base_module import TestImportedElsewhere
                from .test_base_module import test_function_imported_elsewhere
                from .test_base_module import TestImportedElsewhere as TestRenamed
                from string import Formatter as Base  # outside the scanned files

                class TestViaFrom(SharedChecks):
                    def test_own(self):
                        pass

                class TestViaAttribute(tests.helpers.more.Deep):
                    pass

                class TestViaPackage(helpers.more.Deep):
                    pass

                class TestUnittest(SharedCase):
                    pass

                class TestUnresolvable(Base):
                    def test_only_own(self):
                        pass
                """,
            "tests/test_star.py": """\
                from .test_base_module import *
                """,
        },
    )
    inventory = assert_same_as_pytest(
        project,
        {
            "tests/test_base_module.py::TestImportedElsewhere::test_here_and_there",
            "tests/test_base_module.py::test_function_imported_elsewhere",
            "tests/test_star.py::TestImportedElsewhere::test_here_and_there",
            "tests/test_star.py::test_function_imported_elsewhere",
            # pytest collects what a test module imports as if it were defined there.
            "tests/test_users.py::TestImportedElsewhere::test_here_and_there",
            "tests/test_users.py::TestRenamed::test_here_and_there",
            "tests/test_users.py::test_function_imported_elsewhere",
            "tests/test_users.py::SharedCase::test_case_shared",
            "tests/test_users.py::TestViaFrom::test_shared",
            "tests/test_users.py::TestViaFrom::test_own",
            "tests/test_users.py::TestViaAttribute::test_deep",
            "tests/test_users.py::TestViaPackage::test_deep",
            "tests/test_users.py::TestUnittest::test_case_shared",
            "tests/test_users.py::TestUnresolvable::test_only_own",
        },
    )
    by_id = {test.nodeid: test for test in inventory.tests}
    shared = by_id["tests/test_users.py::TestViaFrom::test_shared"]
    assert (shared.path, shared.location) == ("tests/test_users.py", Location("tests/bases.py", 4))


def test_sibling_imports_without_packages(project: Path) -> None:
    """pytest puts a test file's folder on sys.path, so `from base import X` finds base.py."""
    write_files(
        project,
        {
            "tests/base.py": """\
                class Base:
                    def test_inherited(self):
                        pass
                """,
            "tests/test_sibling.py": """\
                from base import Base
                import base

                class TestOne(Base):
                    pass

                class TestTwo(base.Base):
                    def test_two(self):
                        pass
                """,
        },
    )
    assert_same_as_pytest(
        project,
        {
            "tests/test_sibling.py::TestOne::test_inherited",
            "tests/test_sibling.py::TestTwo::test_inherited",
            "tests/test_sibling.py::TestTwo::test_two",
        },
    )


def test_module_switched_off(project: Path) -> None:
    write_files(
        project,
        {
            "test_off.py": "__test__ = False\n\ndef test_a():\n    pass\n",
            "test_on.py": "def test_b():\n    pass\n",
        },
    )
    inventory = assert_same_as_pytest(project, {"test_on.py::test_b"})
    assert inventory.files_scanned == 2


PARAMETRIZED = {
    "conftest.py": """\
        import pytest

        @pytest.fixture(params=["a", "b", "c"])
        def letter(request):
            return request.param

        @pytest.fixture
        def uses_letter(letter):
            return letter
        """,
    "tests/test_params.py": """\
        import pytest
        from pytest import mark

        CASES = [1, 2]
        pair = pytest.mark.parametrize("p", [1, 2])
        pytestmark = pytest.mark.filterwarnings("ignore")

        @pytest.mark.parametrize("x", [1, 2, 3])
        def test_three(x):
            pass

        @mark.parametrize("x", [1, 2])
        @mark.parametrize("y", (pytest.param(1, id="one"), 2, 3))
        def test_product(x, y):
            pass

        @pytest.mark.parametrize("x", CASES)
        def test_named_values(x):
            pass

        @pytest.mark.parametrize("x", list(range(4)))
        def test_computed_values(x):
            pass

        @pytest.mark.parametrize(argnames="x", argvalues=[1, 2])
        def test_keywords(x):
            pass

        @pytest.mark.parametrize("x", [])
        def test_empty(x):
            pass

        @pair
        def test_kept_in_a_variable(p):
            pass

        def test_fixture(letter):
            pass

        def test_fixture_through_a_fixture(uses_letter):
            pass

        @pytest.mark.parametrize("letter", ["z"])
        def test_direct_overrides_fixture(letter):
            pass

        @pytest.mark.usefixtures("letter")
        def test_usefixtures():
            pass

        @pytest.fixture(params=range(3))
        def computed(request):
            return request.param

        def test_computed_fixture(computed):
            pass

        def test_plain():
            pass

        @pytest.mark.parametrize("x", [1, 2])
        class TestParametrizedClass:
            @pytest.mark.parametrize("y", [1, 2, 3])
            def test_method(self, x, y):
                pass

            def test_other(self, x):
                pass

        class TestInheritsMarks(TestParametrizedClass):
            pass
        """,
    "tests/test_module_mark.py": """\
        import pytest

        pytestmark = [pytest.mark.slow, pytest.mark.parametrize("m", [1, 2])]

        def test_module_level(m):
            pass
        """,
    "tests/test_generated.py": """\
        def pytest_generate_tests(metafunc):
            if "g" in metafunc.fixturenames:
                metafunc.parametrize("g", [1, 2, 3])

        def test_generated(g):
            pass
        """,
    "pytest.ini": "[pytest]\nmarkers = slow\n",
}


def cases_checked_by_pytest(root: Path) -> tuple[dict[str, int | None], Counter[str]]:
    """The inventory's case counts by node id, and pytest's, once checked that pytest collects
    the same tests with the same number of cases wherever the inventory gives one."""
    inventory = scan(root)
    pytest_cases = collect_with_pytest(root)
    assert nodeids(inventory) == set(pytest_cases)
    for test in inventory.tests:
        if test.literal_cases is not None:
            assert test.literal_cases == pytest_cases[test.nodeid], test.nodeid
    return {test.nodeid: test.literal_cases for test in inventory.tests}, pytest_cases


def test_literal_cases_match_pytest_case_counts(tmp_path: Path) -> None:
    write_files(tmp_path, PARAMETRIZED)
    by_id, pytest_cases = cases_checked_by_pytest(tmp_path)
    cases = {nodeid.rsplit("/", 1)[-1]: count for nodeid, count in by_id.items()}
    assert cases == {
        "test_params.py::test_three": 3,
        "test_params.py::test_product": 6,
        "test_params.py::test_named_values": None,
        "test_params.py::test_computed_values": None,
        "test_params.py::test_keywords": 2,
        "test_params.py::test_empty": 1,
        "test_params.py::test_kept_in_a_variable": 2,
        "test_params.py::test_fixture": 3,
        "test_params.py::test_fixture_through_a_fixture": 3,
        "test_params.py::test_direct_overrides_fixture": 1,
        "test_params.py::test_usefixtures": 3,
        "test_params.py::test_computed_fixture": None,
        "test_params.py::test_plain": 1,
        "test_params.py::TestParametrizedClass::test_method": 6,
        "test_params.py::TestParametrizedClass::test_other": 2,
        "test_params.py::TestInheritsMarks::test_method": 6,
        "test_params.py::TestInheritsMarks::test_other": 2,
        "test_module_mark.py::test_module_level": 2,
        "test_generated.py::test_generated": None,
    }
    assert pytest_cases["tests/test_params.py::test_named_values"] == 2


RULES_READ_FROM_DECORATORS_AND_VALUES = {
    "tests/helpers.py": """\
        __all__ = ["TestExported", "test_exported"]

        class TestExported:
            def test_in_exported(self):
                pass

        def test_exported():
            pass

        def test_not_in_all():
            pass
        """,
    "tests/test_rules.py": """\
        import abc
        import dataclasses
        import pytest
        from .helpers import *

        pair = pytest.mark.parametrize("p", [1, 2])
        needs_old_style = pytest.mark.usefixtures("old_style")
        pytestmark = [needs_old_style, pytest.mark.slow]

        @pytest.fixture(params=[1, 2], autouse=True)
        def auto_letter(request):
            return request.param

        @pytest.yield_fixture(params=("x", "y", "z"))
        def old_style():
            yield 1

        def test_uses_old_style(old_style, *, keyword_only_default=1):
            pass

        def test_keyword_only(*, old_style):
            pass

        @pair
        def test_pair(p):
            pass

        test_lambda_with_fixture = lambda old_style: None

        @dataclasses.dataclass
        class TestDataclass:
            def test_never(self):
                pass

        class TestMeta(metaclass=abc.ABCMeta):
            @abc.abstractmethod
            def make(self): ...

            def test_abstract(self):
                pass

        class Hidden:
            def test_switched_on(self):
                pass

        Hidden.__test__ = True

        class TestOff:
            def test_switched_off(self):
                pass

        TestOff.__test__ = False
        """,
    "tests/__init__.py": "",
    "pytest.ini": "[pytest]\nmarkers = slow\n",
}


def test_rules_read_from_decorators_and_values_match_pytest(tmp_path: Path) -> None:
    """Marks, fixture options and flags that the bindings keep after the syntax tree is gone."""
    write_files(tmp_path, RULES_READ_FROM_DECORATORS_AND_VALUES)
    by_id, _ = cases_checked_by_pytest(tmp_path)
    cases = {nodeid.split("::", 1)[1]: count for nodeid, count in by_id.items()}
    # Every test: 2 sets from the autouse fixture, times 3 from the one the module marks use.
    assert cases == {
        "TestExported::test_in_exported": 6,
        "test_exported": 6,
        "test_uses_old_style": 6,
        "test_keyword_only": 6,
        "test_lambda_with_fixture": 6,
        "test_pair": 12,
        "Hidden::test_switched_on": 6,
    }


@pytest.mark.parametrize(
    ("config_name", "config_text"),
    [
        ("pytest.ini", "[pytest]\n{settings}"),
        (".pytest.ini", "[pytest]\n{settings}"),
        ("tox.ini", "[tox]\nenvlist = py\n\n[pytest]\n{settings}"),
        ("setup.cfg", "[metadata]\nname = x\n\n[tool:pytest]\n{settings}"),
        ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.pytest.ini_options]\n{toml}"),
    ],
)
def test_custom_collection_settings_from_each_config_file(
    tmp_path: Path, config_name: str, config_text: str
) -> None:
    settings = (
        "python_files = check_*.py\n"
        "python_classes = Suite\n"
        "python_functions = check_ verify_*\n"
        "testpaths = checks extra*\n"
    )
    toml = (
        'python_files = ["check_*.py"]\n'
        'python_classes = "Suite"\n'
        'python_functions = ["check_", "verify_*"]\n'
        'testpaths = ["checks", "extra*"]\n'
    )
    write_files(
        tmp_path,
        {
            config_name: config_text.format(settings=settings, toml=toml),
            "checks/check_things.py": """\
                def check_one():
                    pass

                def verify_two():
                    pass

                def test_not_with_these_settings():
                    pass

                class SuiteOfChecks:
                    def check_method(self):
                        pass

                class TestIgnored:
                    def check_ignored(self):
                        pass
                """,
            "checks/test_wrong_name.py": "def check_x():\n    pass\n",
            "extra_one/check_more.py": "def check_more():\n    pass\n",
            "elsewhere/check_outside.py": "def check_outside():\n    pass\n",
        },
    )
    config = read_pytest_config(tmp_path)
    assert config.source == config_name
    assert config.problems == ()
    assert_same_as_pytest(
        tmp_path,
        {
            "checks/check_things.py::check_one",
            "checks/check_things.py::verify_two",
            "checks/check_things.py::SuiteOfChecks::check_method",
            "extra_one/check_more.py::check_more",
        },
    )


@pytest.mark.skipif(PYTEST_MAJOR < 9, reason="[tool.pytest] native tables need pytest >= 9")
def test_native_toml_table_matches_pytest_9(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pyproject.toml": '[tool.pytest]\npython_functions = ["check_"]\ntestpaths = ["t"]\n',
            "t/test_a.py": "def check_a():\n    pass\n\ndef test_b():\n    pass\n",
        },
    )
    assert_same_as_pytest(tmp_path, {"t/test_a.py::check_a"})


def test_path_patterns_and_skipped_folders(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.ini": (
                "[pytest]\npython_files = test_*.py unit/*.py\nnorecursedirs = skipme .* venv\n"
            ),
            "unit/anything.py": "def test_by_path_pattern():\n    pass\n",
            "unit/test_named.py": "def test_named():\n    pass\n",
            "other/anything.py": "def test_not_matched():\n    pass\n",
            "skipme/test_skipped.py": "def test_skipped():\n    pass\n",
            "build/test_built.py": "def test_in_build_now_collected():\n    pass\n",
            ".hidden/test_hidden.py": "def test_hidden():\n    pass\n",
            "env/pyvenv.cfg": "home = /usr\n",
            "env/test_venv.py": "def test_in_a_virtualenv():\n    pass\n",
            "pkg/__pycache__/test_cached.py": "def test_cached():\n    pass\n",
        },
    )
    assert_same_as_pytest(
        tmp_path,
        {
            "unit/anything.py::test_by_path_pattern",
            "unit/test_named.py::test_named",
            "build/test_built.py::test_in_build_now_collected",
        },
    )


def test_default_norecursedirs(project: Path) -> None:
    write_files(
        project,
        {
            "build/test_b.py": "def test_b():\n    pass\n",
            "dist/test_d.py": "def test_d():\n    pass\n",
            "x.egg/test_e.py": "def test_e():\n    pass\n",
            "node_modules/test_n.py": "def test_n():\n    pass\n",
            ".tox/test_t.py": "def test_t():\n    pass\n",
            "src/pkg/check_test.py": "def test_suffix_pattern():\n    pass\n",
        },
    )
    assert read_pytest_config(project).norecursedirs == (
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
    assert_same_as_pytest(project, {"src/pkg/check_test.py::test_suffix_pattern"})


def test_testpaths_naming_a_file_collects_it_whatever_its_name(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.ini": "[pytest]\ntestpaths = checks/smoke.py tests\n",
            "checks/smoke.py": "def test_smoke():\n    pass\n",
            "tests/test_a.py": "def test_a():\n    pass\n",
            "tests/smoke.py": "def test_not_matched():\n    pass\n",
        },
    )
    assert_same_as_pytest(tmp_path, {"checks/smoke.py::test_smoke", "tests/test_a.py::test_a"})


def test_testpaths_globs_expand_as_pytest_expands_them(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.ini": "[pytest]\ntestpaths = **/tests pkg*/checks\n",
            "tests/test_top.py": "def test_top():\n    pass\n",
            "a/tests/test_one.py": "def test_one():\n    pass\n",
            "a/b/tests/test_two.py": "def test_two():\n    pass\n",
            "build/tests/test_given.py": "def test_given_so_not_skipped():\n    pass\n",
            ".hidden/tests/test_hidden.py": "def test_hidden():\n    pass\n",
            "pkg1/checks/test_checks.py": "def test_checks():\n    pass\n",
            "other/test_other.py": "def test_other():\n    pass\n",
        },
    )
    assert_same_as_pytest(
        tmp_path,
        {
            "tests/test_top.py::test_top",
            "a/tests/test_one.py::test_one",
            "a/b/tests/test_two.py::test_two",
            "build/tests/test_given.py::test_given_so_not_skipped",
            "pkg1/checks/test_checks.py::test_checks",
        },
    )


def test_testpaths_matching_nothing_searches_the_root(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.ini": "[pytest]\ntestpaths = missing\n",
            "test_root.py": "def test_root():\n    pass\n",
        },
    )
    inventory = assert_same_as_pytest(tmp_path, {"test_root.py::test_root"})
    assert inventory.problems == (
        InputProblem("pytest.ini", "testpaths match nothing, so the whole root is searched"),
    )


def test_conftest_collect_ignore_lists_prune_the_walk(project: Path) -> None:
    write_files(
        project,
        {
            "conftest.py": """\
                collect_ignore = ["tests/test_listed.py", "legacy", "tests/./gone/"]
                collect_ignore.append("tests/test_appended.py")
                collect_ignore.extend(("tests/test_extended.py",))
                collect_ignore += ["tests/inner/test_outer_list.py"]
                collect_ignore_glob = ["*_py2.py"]
                if True:
                    collect_ignore_glob.append("tests/gen_*")
                """,
            "tests/conftest.py": "collect_ignore_glob = ['gen_b*']\n",
            # The nearest conftest that binds a list replaces the outer one's for its folder.
            "tests/inner/conftest.py": "collect_ignore = []\n",
            "tests/inner/test_outer_list.py": "def test_outer_list_does_not_apply():\n    pass\n",
            "tests/test_kept.py": "def test_kept():\n    pass\n",
            "tests/test_listed.py": "def test_listed():\n    pass\n",
            "tests/test_appended.py": "def test_appended():\n    pass\n",
            "tests/test_extended.py": "def test_extended():\n    pass\n",
            "tests/test_old_py2.py": "def test_outer_glob_replaced_too():\n    pass\n",
            "other/deeper/test_old_py2.py": "def test_glob_star_crosses_folders():\n    pass\n",
            "tests/gen_a/test_a.py": "def test_outer_glob_replaced():\n    pass\n",
            "tests/gen_b/test_b.py": "def test_inner_glob():\n    pass\n",
            "tests/gone/test_gone.py": "def test_gone():\n    pass\n",
            # A listed folder is never entered: pytest does not import this broken conftest.
            "legacy/conftest.py": "def broken(:\n",
            "legacy/test_legacy.py": "def test_legacy():\n    pass\n",
        },
    )
    inventory = assert_same_as_pytest(
        project,
        {
            "tests/test_kept.py::test_kept",
            "tests/inner/test_outer_list.py::test_outer_list_does_not_apply",
            "tests/gen_a/test_a.py::test_outer_glob_replaced",
            "tests/test_old_py2.py::test_outer_glob_replaced_too",
        },
    )
    assert inventory.files_scanned == 4
    assert inventory.problems == ()


def test_collect_ignore_does_not_apply_to_testpaths_themselves(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pytest.ini": "[pytest]\ntestpaths = tests other/test_named.py\n",
            "conftest.py": "collect_ignore = ['tests', 'other/test_named.py', 'tests/test_b.py']\n",
            "tests/test_a.py": "def test_a():\n    pass\n",
            "tests/test_b.py": "def test_b():\n    pass\n",
            "other/test_named.py": "def test_named():\n    pass\n",
        },
    )
    assert_same_as_pytest(tmp_path, {"tests/test_a.py::test_a", "other/test_named.py::test_named"})


CONDITIONAL_IGNORES = {
    "tests/conftest.py": """\
        import sys

        collect_ignore = []
        if sys.version_info < (3, 8):  # false here: pytest collects these
            collect_ignore.extend(["test_old.py", "optional"])
        if not sys.version_info >= (3, 99):  # true here, as attrs' `not PY_3_14_PLUS`
            collect_ignore.append("test_future.py")
        try:
            import no_such_module_for_sprintcheck
        except ImportError:
            collect_ignore_glob = ["*_extra.py"]
        if sys.platform == "no-such-platform":
            collect_ignore.append("test_not_there.py")  # no file: nothing to report
        """,
    "tests/test_plain.py": "def test_plain():\n    pass\n",
    "tests/test_old.py": "def test_old():\n    pass\n",
    "tests/optional/test_one.py": "def test_one():\n    pass\n",
    "tests/optional/test_two.py": "def test_two():\n    pass\n",
    "tests/test_future.py": "def test_future():\n    pass\n",
    "tests/test_numpy_extra.py": "def test_extra():\n    pass\n",
}


def test_conditional_collect_ignore_counts_the_files_and_says_so(project: Path) -> None:
    """Policy: a runtime condition is taken as not ignoring; each such statement is reported."""
    write_files(project, CONDITIONAL_IGNORES)
    inventory = scan(project)
    assert nodeids(inventory) == {
        "tests/test_plain.py::test_plain",
        "tests/test_old.py::test_old",
        "tests/optional/test_one.py::test_one",
        "tests/optional/test_two.py::test_two",
        "tests/test_future.py::test_future",
        "tests/test_numpy_extra.py::test_extra",
    }
    conftest = "tests/conftest.py"
    assert inventory.problems == (
        InputProblem(
            conftest,
            "collect_ignore depends on a runtime condition; 3 files under it are counted as "
            "not ignored",
            5,
        ),
        InputProblem(
            conftest,
            "collect_ignore depends on a runtime condition; 1 file under it is counted as "
            "not ignored",
            7,
        ),
        InputProblem(
            conftest,
            "collect_ignore_glob depends on a runtime condition; 1 file under it is counted as "
            "not ignored",
            11,
        ),
    )
    assert_rule_agrees_with_walk(project)
    # Where the condition holds here, pytest ignores exactly the files reported.
    assert set(collect_with_pytest(project)) == nodeids(inventory) - {
        "tests/test_future.py::test_future",
        "tests/test_numpy_extra.py::test_extra",
    }


def test_collect_ignore_that_is_not_literal_is_reported_and_not_applied(project: Path) -> None:
    write_files(
        project,
        {
            "conftest.py": """\
                import os
                from pathlib import Path

                collect_ignore = [str(Path("test_path.py"))]
                collect_ignore.append(os.path.join("sub", "test_joined.py"))
                collect_ignore.insert(0, "test_inserted.py")
                collect_ignore.append("test_literal.py")
                """,
            "test_path.py": "def test_path():\n    pass\n",
            "sub/test_joined.py": "def test_joined():\n    pass\n",
            "test_inserted.py": "def test_inserted():\n    pass\n",
            "test_literal.py": "def test_literal():\n    pass\n",
        },
    )
    inventory = scan(project)
    assert nodeids(inventory) == {
        "test_path.py::test_path",
        "sub/test_joined.py::test_joined",
        "test_inserted.py::test_inserted",
    }
    assert set(collect_with_pytest(project)) == set()  # pytest reads them all
    assert_rule_agrees_with_walk(project)
    message = "collect_ignore could not be read statically, so this statement is not applied"
    assert inventory.problems == tuple(
        InputProblem("conftest.py", message, line) for line in (4, 5, 6)
    )


def test_bad_files_become_problems_and_the_rest_is_inventoried(project: Path) -> None:
    write_files(
        project,
        {
            "tests/test_good.py": "def test_good():\n    pass\n",
            "tests/test_broken.py": "def test_ok():\n    pass\n\ndef test_bad(:\n    pass\n",
            "tests/test_empty.py": "",
        },
    )
    (project / "tests/test_latin1.py").write_bytes(
        b"# -*- coding: latin-1 -*-\ndef test_caf\xe9():\n    assert '\xe9' == '\xe9'\n"
    )
    (project / "tests/test_bom.py").write_bytes(b"\xef\xbb\xbfdef test_with_bom():\n    pass\n")
    (project / "tests/test_undecodable.py").write_bytes(b"def test_x():\n    s = '\xe9'\n")
    (project / "tests/test_bad_cookie.py").write_bytes(
        b"# coding: no-such-codec\ndef test_y(): pass\n"
    )
    (project / "tests/test_dangling.py").symlink_to(project / "nowhere.py")

    inventory = scan(project)

    assert nodeids(inventory) == {
        "tests/test_good.py::test_good",
        "tests/test_latin1.py::test_café",
        "tests/test_bom.py::test_with_bom",
    }
    assert set(collect_with_pytest(project, "--continue-on-collection-errors")) == nodeids(
        inventory
    )
    assert inventory.files_scanned == 4  # good, latin-1, BOM and the empty file
    assert sorted(inventory.problems, key=lambda p: p.path) == [
        InputProblem(
            "tests/test_bad_cookie.py", "cannot decode: unknown encoding: no-such-codec", None
        ),
        InputProblem("tests/test_broken.py", "syntax error: invalid syntax", 4),
        InputProblem("tests/test_dangling.py", "cannot read: broken symbolic link"),
        InputProblem(
            "tests/test_undecodable.py", "cannot decode as utf-8: invalid continuation byte", 2
        ),
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_a_problem(project: Path) -> None:
    write_files(project, {"test_locked.py": "def test_x():\n    pass\n"})
    locked = project / "test_locked.py"
    locked.chmod(0)
    try:
        inventory = scan(project)
    finally:
        locked.chmod(0o644)
    assert inventory.tests == ()
    assert inventory.problems == (InputProblem("test_locked.py", "cannot read: Permission denied"),)


def test_empty_folder_has_no_tests(tmp_path: Path) -> None:
    assert scan_tests(tmp_path, PytestConfig()) == Inventory(tests=(), files_scanned=0)


def test_missing_root_is_an_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    with pytest.raises(InventoryError) as raised:
        scan_tests(missing, PytestConfig())
    assert str(raised.value) == f"{missing}: no such folder, cannot look for tests"


def test_config_problems_are_carried_into_the_inventory(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "tox.ini": "[pytest]\npython_files = check_*.py\nno assignment here\n",
            "test_a.py": "def test_a(): pass\n",
        },
    )
    inventory = scan(tmp_path)
    assert nodeids(inventory) == {"test_a.py::test_a"}
    assert inventory.problems == (
        InputProblem("tox.ini", "unexpected line: 'no assignment here'", 3),
    )


def test_symlink_loop_is_walked_once(project: Path) -> None:
    write_files(project, {"tests/test_a.py": "def test_a():\n    pass\n"})
    (project / "tests" / "loop").symlink_to(project / "tests", target_is_directory=True)
    inventory = scan(project)
    assert nodeids(inventory) == {"tests/test_a.py::test_a"}


def test_many_generated_files_are_all_inventoried(tmp_path: Path) -> None:
    # Throughput is measured in benchmarks/bench_headless.py; this checks the counts at scale.
    body = (
        "import pytest\n\n"
        + "".join(
            f"@pytest.mark.parametrize('x', [1, 2])\ndef test_{i}(x):\n    assert x\n\n"
            for i in range(5)
        )
        + "class TestGroup:\n    def test_method(self):\n        assert 1\n"
    )
    for folder in range(20):
        directory = tmp_path / f"tests/area_{folder}"
        directory.mkdir(parents=True)
        for index in range(50):
            (directory / f"test_m{index}.py").write_text(body)
    inventory = scan_tests(tmp_path, PytestConfig())
    assert (inventory.files_scanned, len(inventory.tests)) == (1_000, 6_000)

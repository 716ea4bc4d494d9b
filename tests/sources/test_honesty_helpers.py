"""Test honesty: helpers that assert (followed one level deep, wherever they are defined) and
`# sprintcheck: ignore[...]` comments."""

from __future__ import annotations

from pathlib import Path

from conftest import write_files
from test_honesty import issues_of, read

HELPER_PROJECT = {
    "tests/__init__.py": "",
    "tests/unit/__init__.py": "",
    "tests/conftest.py": """\
        def roundtrip_ok(value):
            assert loads(dumps(value)) == value
        """,
    "tests/unit/conftest.py": """\
        def same_shape(a, b):
            assert a.shape == b.shape
        """,
    "tests/helpers.py": """\
        def compare_output(a, b):
            assert a == b

        def run_only(a):
            return a

        def indirect(a):
            compare_output(a, a)
        """,
    "tests/star_helpers.py": """\
        __all__ = ["same_length"]

        def same_length(a, b):
            if len(a) != len(b):
                raise AssertionError("lengths differ")
        """,
    "tests/bases.py": """\
        import unittest

        class BaseCase(unittest.TestCase):
            def _same(self, a, b):
                self.assertEqual(a, b)
        """,
    "tests/unit/local_helpers.py": """\
        def ensure_sorted(values):
            assert values == sorted(values)
        """,
    "src/pkg/__init__.py": "",
    "src/pkg/validate.py": """\
        def validate(x):
            assert x > 0  # an internal check of the library, not a test's assertion
            return x
        """,
    "tests/unit/test_helpers.py": """\
        from pkg.validate import validate
        from tests import helpers
        from tests.bases import BaseCase
        from tests.helpers import compare_output, indirect, run_only
        from tests.star_helpers import *
        from .local_helpers import ensure_sorted

        def _compare(a):
            assert a == 1

        def _prepare():
            return 1

        def _outer(a):
            _compare(a)

        class Helper:
            @staticmethod
            def compare(a, b):
                assert a == b

        def test_module_helper():
            _compare(1)

        def test_module_helper_without_assert():
            _prepare()

        def test_two_levels():
            _outer(1)

        def test_imported_helper():
            compare_output(1, 1)

        def test_imported_without_assert():
            run_only(1)

        def test_imported_two_levels():
            indirect(1)

        def test_module_attribute():
            helpers.compare_output(1, 1)

        def test_relative_import():
            ensure_sorted([1, 2])

        def test_star_import():
            same_length([1], [2])

        def test_conftest_helper():
            roundtrip_ok(3)

        def test_nearer_conftest(a, b):
            same_shape(a, b)

        def test_library_assert():
            validate(3)

        def test_static_helper():
            Helper.compare(1, 1)

        def test_plan_helper(x):
            ensure(x)

        def test_plan_dotted_helper(tools, x):
            tools.ensure_ok(x)

        def test_test_client(app):
            app.test_client().get("/")

        class Base:
            def _roundtrip(self, value):
                assert loads(dumps(value)) == value

        class TestMethods(Base):
            def _compare_state(self):
                assert self.state == "ready"

            def _run(self):
                return self.state

            def test_own_method(self):
                self._compare_state()

            def test_method_without_assert(self):
                self._run()

            def test_base_method(self):
                self._roundtrip(1)

            def test_test_routine(self):
                self._test_one(1)

        class TestImportedBase(BaseCase):
            def test_base_helper(self):
                self._same(1, 1)

        class _Shared:
            def test_shared(self):
                self.compare_this()

        class TestA(_Shared):
            def compare_this(self):
                assert self.a == 1

        class TestB(_Shared):
            def compare_this(self):
                assert self.b == 1
        """,
    "tests/unit/test_nested.py": """\
        def test_local_helper_called():
            def compare(a):
                assert a == 1
            compare(1)

        def test_callback(bus):
            def on_event(event):
                assert event.ok
            bus.subscribe(on_event)
            bus.emit()

        def test_registered(app, client):
            @app.route("/")
            def index():
                assert client.user
                return "ok"
            client.get("/")

        def test_local_chain():
            def a():
                assert compute() == 1
            def b():
                a()
            def c():
                b()
            c()

        def test_local_class():
            class Case:
                def run(self):
                    assert compute() == 1
            Case().run()

        def test_local_without_assert():
            def prepare():
                return 1
            prepare()

        def test_local_class_unused():
            class Case:
                def run(self):
                    assert compute() == 1
        """,
}


def test_helpers_are_followed_one_level_deep(project: Path) -> None:
    write_files(project, HELPER_PROJECT)
    found = issues_of(project, prefix="tests/")
    path = "unit/test_helpers.py::"
    no_assertion = {
        name.split("::", 1)[1]: issues
        for name, issues in found.items()
        if name.startswith(path) and issues
    }
    assert no_assertion == {
        "test_module_helper_without_assert": [
            ("SC201", 25, "def test_module_helper_without_assert():")
        ],
        "test_two_levels": [("SC201", 28, "def test_two_levels():")],
        "test_imported_without_assert": [("SC201", 34, "def test_imported_without_assert():")],
        "test_imported_two_levels": [("SC201", 37, "def test_imported_two_levels():")],
        "test_library_assert": [("SC201", 55, "def test_library_assert():")],
        "test_plan_helper": [("SC201", 61, "def test_plan_helper(x):")],
        "test_plan_dotted_helper": [("SC201", 64, "def test_plan_dotted_helper(tools, x):")],
        "test_test_client": [("SC201", 67, "def test_test_client(app):")],
        "TestMethods::test_method_without_assert": [
            ("SC201", 84, "def test_method_without_assert(self):")
        ],
    }
    assert {name: issues for name, issues in found.items() if "test_nested" in name} == {
        "unit/test_nested.py::test_local_helper_called": [],
        "unit/test_nested.py::test_callback": [],
        "unit/test_nested.py::test_registered": [],
        "unit/test_nested.py::test_local_chain": [],
        "unit/test_nested.py::test_local_class": [],
        "unit/test_nested.py::test_local_without_assert": [
            ("SC201", 34, "def test_local_without_assert():")
        ],
        "unit/test_nested.py::test_local_class_unused": [
            ("SC201", 39, "def test_local_class_unused():")
        ],
    }


def test_plan_helper_names(project: Path) -> None:
    write_files(project, HELPER_PROJECT)
    found = issues_of(project, helpers=("ensure", "tools.ensure_ok"), prefix="tests/")
    assert found["unit/test_helpers.py::test_plan_helper"] == []
    assert found["unit/test_helpers.py::test_plan_dotted_helper"] == []
    honesty = read(project, helpers=("ensure",), prefix="tests/")[
        "unit/test_helpers.py::test_plan_helper"
    ]
    assert honesty is not None and honesty.n_assertions == 1


def test_inherited_test_is_read_once(project: Path) -> None:
    write_files(project, HELPER_PROJECT)
    found = read(project, prefix="tests/")
    shared_a = found["unit/test_helpers.py::TestA::test_shared"]
    shared_b = found["unit/test_helpers.py::TestB::test_shared"]
    assert shared_a is shared_b  # one entry, keyed by the `def`
    assert shared_a is not None and shared_a.issues == () and shared_a.n_assertions == 1


SUPPRESSED = """\
    import pytest

    def test_on_the_line(x):
        assert x is not None  # sprintcheck: ignore[SC205]

    def test_on_the_def(x):  # sprintcheck: ignore[SC205]
        assert x is not None

    @pytest.mark.parametrize("x", [1])  # sprintcheck: ignore[SC201, SC205]
    def test_on_a_decorator(x):
        assert x is not None

    def test_bare(x):  # sprintcheck: ignore
        assert True

    def test_other_code(x):  # sprintcheck: ignore[SC204]
        assert x is not None

    def test_in_a_string(x):
        text = "# sprintcheck: ignore[SC205]"
        assert x is not None

    def test_on_another_weak_line(x):
        assert x is not None
        assert isinstance(x, int)  # sprintcheck:ignore[sc205]

    def test_multiline(response):
        assert response.status_code in [
            200, 501,
        ]  # sprintcheck: ignore[SC203]

    @pytest.mark.skip  # sprintcheck: ignore[SC206]
    def test_skip():
        assert compute() == 2

    def test_one_of_two(x):
        assert True  # sprintcheck: ignore[SC204]
        assert (x, "message")
    """


def test_suppression_comments(project: Path) -> None:
    write_files(project, {"tests/test_case.py": SUPPRESSED})
    found = read(project)
    listing = {
        name: [(i.code, i.line, i.suppressed) for i in honesty.issues]
        for name, honesty in found.items()
        if honesty is not None
    }
    assert listing == {
        "test_on_the_line": [("SC205", 4, "# sprintcheck: ignore[SC205] on line 4")],
        "test_on_the_def": [("SC205", 7, "# sprintcheck: ignore[SC205] on line 6")],
        "test_on_a_decorator": [("SC205", 11, "# sprintcheck: ignore[SC201, SC205] on line 9")],
        "test_bare": [("SC204", 14, "# sprintcheck: ignore on line 13")],
        "test_other_code": [("SC205", 17, None)],
        "test_in_a_string": [("SC205", 21, None)],
        "test_on_another_weak_line": [("SC205", 24, "# sprintcheck:ignore[sc205] on line 25")],
        "test_multiline": [("SC203", 28, "# sprintcheck: ignore[SC203] on line 30")],
        "test_skip": [("SC206", 32, "# sprintcheck: ignore[SC206] on line 32")],
        "test_one_of_two": [
            ("SC204", 37, "# sprintcheck: ignore[SC204] on line 37"),
            ("SC204", 38, None),
        ],
    }
    # Suppressed issues do not make a test hollow; the others still do.
    assert found["test_bare"] is not None and not found["test_bare"].hollow
    assert found["test_one_of_two"] is not None and found["test_one_of_two"].hollow

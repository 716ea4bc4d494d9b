"""Test honesty, rule by rule: small real test modules, the exact issues each test gets.

Every case is a module written to a tmp folder, inventoried with `scan_tests` and read with
`inspect_honesty`; the expected value lists, per test, its issues as (code, line, quote).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sprintcheck.model import HOLLOW_CODES, HonestyIssue, Location, TestHonesty
from sprintcheck.sources.honesty import inspect_honesty
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import read_pytest_config

Issues = list[tuple[str, int, str]]


def read(
    root: Path, helpers: tuple[str, ...] = (), prefix: str = "tests/test_case.py::"
) -> dict[str, TestHonesty | None]:
    """Each test's honesty by node id less `prefix` (None: its `def` was not found)."""
    inventory = scan_tests(root, read_pytest_config(root))
    found, problems = inspect_honesty(root, inventory.tests, helpers)
    assert problems == ()
    return {test.nodeid.removeprefix(prefix): found.get(test.location) for test in inventory.tests}


def issues_of(
    root: Path, helpers: tuple[str, ...] = (), prefix: str = "tests/test_case.py::"
) -> dict[str, Issues]:
    return {
        name: [(i.code, i.line, i.quote) for i in honesty.issues]
        for name, honesty in read(root, helpers, prefix).items()
        if honesty is not None
    }


def write_module(root: Path, text: str, name: str = "tests/test_case.py") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return root


CASES: dict[str, tuple[str, dict[str, Issues]]] = {
    "placeholders": (
        '''\
        def test_docstring_only():
            """To do."""

        def test_pass():
            pass

        def test_ellipsis():
            ...

        def test_docstring_and_pass():
            """To do."""
            pass

        def test_not_implemented():
            raise NotImplementedError

        def test_not_implemented_call():
            """Later."""
            raise NotImplementedError("later")

        def test_real():
            """Not a placeholder."""
            assert 1 + 1 == 2
        ''',
        {
            "test_docstring_only": [("SC202", 1, 'def test_docstring_only():\n    """To do."""')],
            "test_pass": [("SC202", 4, "def test_pass():\n    pass")],
            "test_ellipsis": [("SC202", 7, "def test_ellipsis():\n    ...")],
            "test_docstring_and_pass": [
                ("SC202", 10, 'def test_docstring_and_pass():\n    """To do."""\n    pass')
            ],
            "test_not_implemented": [
                ("SC202", 14, "def test_not_implemented():\n    raise NotImplementedError")
            ],
            "test_not_implemented_call": [
                (
                    "SC202",
                    17,
                    (
                        'def test_not_implemented_call():\n    """Later."""\n'
                        '    raise NotImplementedError("later")'
                    ),
                )
            ],
            "test_real": [],
        },
    ),
    "no assertion": (
        """\
        import json

        def test_smoke():
            json.dumps({"a": 1})

        def test_nested_assert_never_used():
            def inner():
                assert False
            json.dumps(1)

        def test_multiline_signature(
            tmp_path,
        ):  # a comment on the colon line
            # a comment before the body
            json.dumps(1)

        async def test_async():
            await something()

        def test_lambda_holds_no_assert():
            check = lambda: None
            check()
        """,
        {
            "test_smoke": [("SC201", 3, "def test_smoke():")],
            "test_nested_assert_never_used": [("SC201", 6, "def test_nested_assert_never_used():")],
            "test_multiline_signature": [
                (
                    "SC201",
                    11,
                    (
                        "def test_multiline_signature(\n    tmp_path,\n"
                        "):  # a comment on the colon line"
                    ),
                )
            ],
            "test_async": [("SC201", 17, "async def test_async():")],
            # `check` is a local variable bound to a lambda, not an assertion.
            "test_lambda_holds_no_assert": [],
        },
    ),
    "assertion forms": (
        """\
        import unittest
        from unittest import mock
        import numpy.testing as npt
        import pytest
        import pytest as pt
        from pytest import raises as expect_raise, fail
        from nose.tools import raises

        def test_raises_block():
            with pytest.raises(ValueError):
                int("x")

        def test_raises_call():
            pytest.raises(ValueError, int, "x")

        def test_aliases():
            with pt.warns(UserWarning):
                warn()
            with expect_raise(KeyError):
                {}["x"]

        def test_deprecated_call():
            with pytest.deprecated_call():
                old()

        def test_fail(x):
            if x:
                fail("no")

        def test_mock():
            m = mock.Mock()
            m()
            m.assert_called_once_with()

        def test_numpy():
            npt.assert_allclose([1.0], [1.0])

        def test_prefixes(page, data_regression, run):
            expect(page).to_have_title("x")
            data_regression.check({"a": 1})
            verify_all(run)

        def test_raise_assertion_error(x):
            if x != 1:
                raise AssertionError("x")

        @raises(ValueError)
        def test_nose_raises():
            int("x")

        def test_snapshot(snapshot):
            assert render() == snapshot

        class TestCase(unittest.TestCase):
            def test_assert_equal(self):
                self.assertEqual(compute(), 1)

            def test_fail_unless(self):
                self.failUnless(ready())

            def test_self_fail(self):
                if flaky():
                    self.fail("flaky")
        """,
        {
            "test_raises_block": [],
            "test_raises_call": [],
            "test_aliases": [],
            "test_deprecated_call": [],
            "test_fail": [],
            "test_mock": [],
            "test_numpy": [],
            "test_prefixes": [],
            "test_raise_assertion_error": [],
            "test_nose_raises": [],
            "test_snapshot": [],
            "TestCase::test_assert_equal": [],
            "TestCase::test_fail_unless": [],
            "TestCase::test_self_fail": [],
        },
    ),
    "status codes that admit failure": (
        """\
        import http
        from http import HTTPStatus
        from starlette import status
        import unittest

        def test_sprint6(client):
            response = client.get("/infer")
            assert response.status_code in [200, 400, 501]

        def test_open_range(client):
            assert client.get("/").status_code >= 200

        def test_upper_bound_only(resp):
            assert resp.status < 600

        def test_chained_range(resp):
            assert 200 <= resp.status_code < 500

        def test_accepts_501(resp):
            assert resp.status_code == 501

        def test_http_status(resp):
            assert resp.status_code in (HTTPStatus.OK, HTTPStatus.NOT_IMPLEMENTED)

        def test_constant_names(resp):
            assert resp.status_code in {status.HTTP_200_OK, status.HTTP_404_NOT_FOUND}

        def test_string_codes(resp):
            assert resp.json()["status"] in ("200", "500")

        def test_or_of_equalities(resp):
            assert resp.status_code == 200 or resp.status_code == 503

        def test_not_implemented(result):
            assert result.status in ("ok", NotImplemented)

        def test_not_implemented_text(result):
            assert result["status"] in ["ok", "not implemented"]

        def test_or_true(x):
            assert x == 3 or True

        def test_or_one(x):
            assert x.ok() or 1

        def test_or_text(x):
            assert x or "always"

        def test_error_path(resp):
            assert resp.status_code in (400, 422)

        def test_any_error(resp):
            assert resp.status_code >= 400

        def test_not_ok(resp):
            assert resp.status_code != 200

        def test_exit_code(result):
            assert result.exit_code != 0
            assert result.exit_code in (0, 2)

        def test_success_only(resp):
            assert resp.status_code in (200, 201, 204)
            assert 200 <= resp.status_code < 300

        def test_not_a_status(values):
            assert values.count in [200, 400, 501]

        class TestApi(unittest.TestCase):
            def test_assert_in(self):
                self.assertIn(self.response.status_code, [200, 501])
        """,
        {
            "test_sprint6": [
                (
                    "SC203",
                    8,
                    "assert response.status_code in [200, 400, 501]",
                )
            ],
            "test_open_range": [("SC203", 11, 'assert client.get("/").status_code >= 200')],
            "test_upper_bound_only": [("SC203", 14, "assert resp.status < 600")],
            "test_chained_range": [("SC203", 17, "assert 200 <= resp.status_code < 500")],
            "test_accepts_501": [("SC203", 20, "assert resp.status_code == 501")],
            "test_http_status": [
                (
                    "SC203",
                    23,
                    "assert resp.status_code in (HTTPStatus.OK, HTTPStatus.NOT_IMPLEMENTED)",
                )
            ],
            "test_constant_names": [
                (
                    "SC203",
                    26,
                    "assert resp.status_code in {status.HTTP_200_OK, status.HTTP_404_NOT_FOUND}",
                )
            ],
            "test_string_codes": [("SC203", 29, 'assert resp.json()["status"] in ("200", "500")')],
            "test_or_of_equalities": [
                ("SC203", 32, "assert resp.status_code == 200 or resp.status_code == 503")
            ],
            "test_not_implemented": [
                ("SC203", 35, 'assert result.status in ("ok", NotImplemented)')
            ],
            "test_not_implemented_text": [
                ("SC203", 38, 'assert result["status"] in ["ok", "not implemented"]')
            ],
            "test_or_true": [("SC203", 41, "assert x == 3 or True")],
            "test_or_one": [("SC203", 44, "assert x.ok() or 1")],
            "test_or_text": [("SC203", 47, 'assert x or "always"')],
            "test_error_path": [],
            "test_any_error": [],
            "test_not_ok": [],
            "test_exit_code": [],
            "test_success_only": [],
            "test_not_a_status": [],
            "TestApi::test_assert_in": [
                ("SC203", 71, "self.assertIn(self.response.status_code, [200, 501])")
            ],
        },
    ),
    "assertions that cannot fail": (
        """\
        import unittest

        def test_constants():
            assert True
            assert 1
            assert "text"

        def test_tuple(x):
            assert (x == 1, "x should be 1")

        def test_identity(x):
            assert x is x

        def test_literal_equality():
            assert 1 == 1

        def test_object(x):
            assert isinstance(x, object)

        def test_lengths(x):
            assert len(x) >= 0
            assert len(x) > -1
            assert 0 <= len(x)

        def test_eq_reflexive(x):
            assert x == x  # calls x.__eq__: a reflexivity test can fail

        def test_property_cached(meta):
            assert meta.version is meta.version  # runs a property twice: can fail

        def test_calls(make):
            assert make() == make()

        def test_not_false():
            assert not False

        class TestCase(unittest.TestCase):
            def test_assert_true_two_lists(self):
                self.assertTrue([1, True], [1.0, complex(1, 0)])

            def test_assert_equal_same(self):
                self.assertEqual(2, 2)
        """,
        {
            "test_constants": [
                ("SC204", 4, "assert True"),
                ("SC204", 5, "assert 1"),
                ("SC204", 6, 'assert "text"'),
            ],
            "test_tuple": [("SC204", 9, 'assert (x == 1, "x should be 1")')],
            "test_identity": [("SC204", 12, "assert x is x")],
            "test_literal_equality": [("SC204", 15, "assert 1 == 1")],
            "test_object": [("SC204", 18, "assert isinstance(x, object)")],
            "test_lengths": [
                ("SC204", 21, "assert len(x) >= 0"),
                ("SC204", 22, "assert len(x) > -1"),
                ("SC204", 23, "assert 0 <= len(x)"),
            ],
            "test_eq_reflexive": [],
            "test_property_cached": [],
            "test_calls": [],
            "test_not_false": [("SC204", 35, "assert not False")],
            "TestCase::test_assert_true_two_lists": [
                ("SC204", 39, "self.assertTrue([1, True], [1.0, complex(1, 0)])")
            ],
            "TestCase::test_assert_equal_same": [("SC204", 42, "self.assertEqual(2, 2)")],
        },
    ),
    "only weak assertions": (
        """\
        import re
        import unittest

        def test_all_weak(thing):
            result = thing()
            assert result is not None
            assert isinstance(result, dict)
            assert hasattr(result, "keys")
            assert callable(result.get)

        def test_truthy_name(thing):
            result = thing()
            assert result

        def test_weak_and_strong(thing):
            assert thing is not None
            assert thing.value == 3

        def test_weak_and_helper(thing):
            assert thing is not None
            check_value(thing)

        def test_weak_and_hollow(thing):
            assert thing is not None
            assert True

        def test_and_of_weak(thing):
            assert thing is not None and isinstance(thing, int)

        def test_pattern(text):
            assert re.search(r"\\d+ apples", text) is not None

        def test_attribute_truthiness(thing):
            assert thing.ready

        class TestCase(unittest.TestCase):
            def test_unittest_weak(self):
                self.assertIsNotNone(self.thing)
                self.assertIsInstance(self.thing, int)
                self.assertTrue(hasattr(self.thing, "real"))
        """,
        {
            "test_all_weak": [("SC205", 6, "assert result is not None")],
            "test_truthy_name": [("SC205", 13, "assert result")],
            "test_weak_and_strong": [],
            "test_weak_and_helper": [],
            "test_weak_and_hollow": [
                ("SC205", 24, "assert thing is not None"),
                ("SC204", 25, "assert True"),
            ],
            "test_and_of_weak": [
                ("SC205", 28, "assert thing is not None and isinstance(thing, int)")
            ],
            "test_pattern": [],
            "test_attribute_truthiness": [],
            "TestCase::test_unittest_weak": [("SC205", 38, "self.assertIsNotNone(self.thing)")],
        },
    ),
    "unconditional skips": (
        """\
        import sys
        import unittest
        import pytest
        from pytest import mark

        later = pytest.mark.skip(reason="later")
        windows_only = pytest.mark.skipif(sys.platform != "win32", reason="windows")

        @pytest.mark.skip
        def test_skip_bare():
            assert 1 == 2

        @pytest.mark.skip(reason="broken")
        def test_skip_reason():
            assert 1 == 2

        @pytest.mark.xfail
        def test_xfail_bare():
            assert 1 == 2

        @pytest.mark.xfail(reason="bug 12", strict=True)
        def test_xfail_reason():
            assert 1 == 2

        @pytest.mark.xfail(True, reason="always")
        def test_xfail_true():
            assert 1 == 2

        @pytest.mark.xfail(sys.platform == "win32", reason="windows")
        def test_xfail_conditional():
            assert 1 == 2

        @pytest.mark.skipif(sys.version_info < (3, 9), reason="old")
        def test_skipif_conditional():
            assert 1 == 2

        @pytest.mark.skipif(True, reason="always")
        def test_skipif_true():
            assert 1 == 2

        @pytest.mark.skipif("sys.version_info < (3, 7)")
        def test_skipif_string():
            assert 1 == 2

        @mark.skip
        def test_mark_imported():
            assert 1 == 2

        @later
        def test_mark_in_variable():
            assert 1 == 2

        @windows_only
        def test_conditional_mark_in_variable():
            assert 1 == 2

        def test_skip_first():
            pytest.skip("not ready")
            assert 1 == 2

        def test_skip_later(x):
            if x:
                pytest.skip("no x")
            assert 1 == 2

        @pytest.mark.parametrize("x", [1, 2])
        def test_parametrized_not_skipped(x):
            assert x

        @pytest.mark.skip(reason="class")
        class TestSkippedClass:
            def test_method(self):
                assert 1 == 2

        class TestMarkedClass:
            pytestmark = [pytest.mark.slow, pytest.mark.xfail(reason="all")]

            def test_method(self):
                assert 1 == 2

        class TestUnittest(unittest.TestCase):
            @unittest.skip("known failure")
            def test_skip(self):
                self.assertEqual(1, 2)

            @unittest.expectedFailure
            def test_expected_failure(self):
                self.assertEqual(1, 2)

            @unittest.skipIf(sys.platform == "win32", "not on windows")
            def test_skip_if(self):
                self.assertEqual(1, 2)

            def test_skip_test_first(self):
                self.skipTest("later")
        """,
        {
            "test_skip_bare": [("SC206", 9, "@pytest.mark.skip")],
            "test_skip_reason": [("SC206", 13, '@pytest.mark.skip(reason="broken")')],
            "test_xfail_bare": [("SC206", 17, "@pytest.mark.xfail")],
            "test_xfail_reason": [
                ("SC206", 21, '@pytest.mark.xfail(reason="bug 12", strict=True)')
            ],
            "test_xfail_true": [("SC206", 25, '@pytest.mark.xfail(True, reason="always")')],
            "test_xfail_conditional": [],
            "test_skipif_conditional": [],
            "test_skipif_true": [("SC206", 37, '@pytest.mark.skipif(True, reason="always")')],
            "test_skipif_string": [],
            "test_mark_imported": [("SC206", 45, "@mark.skip")],
            "test_mark_in_variable": [("SC206", 49, "@later")],
            "test_conditional_mark_in_variable": [],
            "test_skip_first": [("SC206", 58, 'pytest.skip("not ready")')],
            "test_skip_later": [],
            "test_parametrized_not_skipped": [("SC205", 68, "assert x")],
            "TestSkippedClass::test_method": [("SC206", 70, '@pytest.mark.skip(reason="class")')],
            "TestMarkedClass::test_method": [
                ("SC206", 76, 'pytestmark = [pytest.mark.slow, pytest.mark.xfail(reason="all")]')
            ],
            "TestUnittest::test_skip": [("SC206", 82, '@unittest.skip("known failure")')],
            "TestUnittest::test_expected_failure": [("SC206", 86, "@unittest.expectedFailure")],
            "TestUnittest::test_skip_if": [],
            # Skipped, and it asserts nothing either.
            "TestUnittest::test_skip_test_first": [
                ("SC201", 94, "def test_skip_test_first(self):"),
                ("SC206", 95, 'self.skipTest("later")'),
            ],
        },
    ),
    "swallowed failures": (
        """\
        import contextlib
        import pytest

        def test_except_exception():
            try:
                assert compute() == 3
            except Exception:
                pass

        def test_bare_except():
            try:
                assert compute() == 3
            except:
                print("oops")

        def test_except_assertion_error():
            try:
                assert compute() == 3
            except (ValueError, AssertionError) as exc:
                print(exc)

        def test_reraised():
            try:
                assert compute() == 3
            except Exception:
                cleanup()
                raise

        def test_pytest_fail_in_handler():
            try:
                assert compute() == 3
            except Exception as exc:
                pytest.fail(str(exc))

        def test_narrow_handler():
            try:
                assert compute() == 3
            except ValueError:
                pass

        def test_expected_exception_with_fail():
            try:
                compute()
                pytest.fail("did not raise")
            except Exception:
                pass

        def test_expected_exception_with_assert_false():
            try:
                compute()
                assert False, "did not raise"
            except Exception:
                pass

        def test_pytest_fail_caught_by_bare_except():
            try:
                compute()
                pytest.fail("did not raise")
            except:
                pass

        def test_collected_then_failed(cases):
            failed = []
            for case in cases:
                try:
                    assert run(case) == case.expected
                except AssertionError:
                    failed.append(case)
            if failed:
                pytest.fail(f"{len(failed)} cases failed")

        def test_exception_kept(cases):
            errors = []
            try:
                assert run(cases)
            except Exception as exc:
                errors.append(exc)
            check_no_errors(errors)

        def test_assertion_in_else():
            try:
                value = compute()
            except Exception:
                value = None
            else:
                assert value == 3

        def test_suppress():
            with contextlib.suppress(AssertionError):
                assert compute() == 3

        def test_suppress_other():
            with contextlib.suppress(KeyError):
                assert compute() == 3

        def test_whole_body_swallowed():
            \"\"\"Smoke test.\"\"\"
            try:
                compute()
            except Exception:
                pass
        """,
        {
            "test_except_exception": [("SC207", 7, "except Exception:")],
            "test_bare_except": [("SC207", 13, "except:")],
            "test_except_assertion_error": [
                ("SC207", 19, "except (ValueError, AssertionError) as exc:")
            ],
            "test_reraised": [],
            "test_pytest_fail_in_handler": [],
            "test_narrow_handler": [],
            # pytest.fail raises Failed, a BaseException: `except Exception` lets it through.
            "test_expected_exception_with_fail": [],
            "test_expected_exception_with_assert_false": [("SC207", 52, "except Exception:")],
            "test_pytest_fail_caught_by_bare_except": [("SC207", 59, "except:")],
            "test_collected_then_failed": [],
            "test_exception_kept": [],
            "test_assertion_in_else": [],
            "test_suppress": [("SC207", 89, "with contextlib.suppress(AssertionError):")],
            "test_suppress_other": [],
            "test_whole_body_swallowed": [
                ("SC201", 96, "def test_whole_body_swallowed():"),
                ("SC207", 100, "except Exception:"),
            ],
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_rules(project: Path, case: str) -> None:
    source, expected = CASES[case]
    write_module(project, source)
    assert issues_of(project) == expected


def test_reasons_and_hollow(project: Path) -> None:
    write_module(
        project,
        """\
        def test_smoke(client):
            client.get("/")

        def test_status(client):
            assert client.get("/").status_code in [200, 501]

        def test_weak(client):
            assert client is not None

        def test_swallowed():
            try:
                assert compute() == 3
            except Exception:
                pass

        def test_range(client):
            assert client.get("/").status_code >= 200
        """,
    )
    found = read(project)
    assert found["test_smoke"] == TestHonesty(
        Location("tests/test_case.py", 1),
        0,
        (
            HonestyIssue(
                "SC201",
                1,
                "def test_smoke(client):",
                "The test asserts nothing, so it passes whatever the code does, "
                "as long as nothing raises.",
            ),
        ),
    )
    status = found["test_status"]
    assert status is not None and status.hollow and status.n_assertions == 1
    assert status.issues[0].reason == (
        "It accepts the failure status 501 as a pass, as well as success."
    )
    ranged = found["test_range"]
    assert ranged is not None and ranged.issues[0].reason == (
        "It accepts 4xx and 5xx failure statuses as a pass, as well as success."
    )
    weak = found["test_weak"]
    assert weak is not None and not weak.hollow  # SC205 is not in HOLLOW_CODES
    assert "SC205" not in HOLLOW_CODES
    swallowed = found["test_swallowed"]
    assert swallowed is not None and swallowed.hollow
    assert swallowed.issues[0].reason == (
        "`except Exception:` catches the failure of the assertion on line 12 and does not "
        "re-raise it, so the test passes even when the check fails."
    )


def test_quote_is_dedented_and_at_most_three_lines(project: Path) -> None:
    write_module(
        project,
        """\
        class TestDeep:
            def test_long_assert(self, response):
                assert (
                    response.status_code
                    in [200, 400, 501]
                )
        """,
    )
    assert issues_of(project) == {
        "TestDeep::test_long_assert": [
            ("SC203", 3, "assert (\n    response.status_code\n    in [200, 400, 501]")
        ]
    }

"""The JUnit results reader on real files: pytest's own output, other runners, bad input."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tracemalloc
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from sprintcheck.errors import JUnitError
from sprintcheck.model import CaseResult, Outcome, ResultsFile
from sprintcheck.sources.junit import read_results

DATA = Path(__file__).parents[1] / "data" / "junit"

P, F, E, S, X = Outcome.PASSED, Outcome.FAILED, Outcome.ERROR, Outcome.SKIPPED, Outcome.XFAILED


def read(path: Path, shown_as: str = "reports/results.xml") -> tuple[ResultsFile, list[CaseResult]]:
    cases: list[CaseResult] = []
    summary = read_results(path, shown_as, cases.append)
    return summary, cases


def totals(cases: list[CaseResult]) -> Counter[Outcome]:
    return Counter(outcome for case in cases for outcome in case.outcomes)


def by_name(cases: list[CaseResult]) -> dict[str, CaseResult]:
    return {case.name: case for case in cases}


def write(tmp_path: Path, content: str | bytes, name: str = "results.xml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- real pytest output ---------------------------------------------------------------------------

SAMPLE_TESTS = '''
import pytest


@pytest.fixture
def broken_setup():
    raise RuntimeError("setup exploded")


@pytest.fixture
def broken_teardown():
    yield
    raise RuntimeError("teardown exploded")


def test_passes():
    assert True


def test_fails():
    assert 1 == 2


def test_setup_error(broken_setup):
    pass


def test_teardown_error_after_pass(broken_teardown):
    pass


def test_teardown_error_after_failure(broken_teardown):
    assert False


def test_skipped_at_runtime():
    pytest.skip("not today")


@pytest.mark.skip(reason="marked skip")
def test_skip_marked():
    pass


@pytest.mark.xfail(reason="known bug")
def test_xfailed():
    assert False


@pytest.mark.xfail(reason="fixed already?", strict=True)
def test_xpassed_strict():
    pass


@pytest.mark.parametrize("n", [1, 2, 3])
def test_param(n):
    assert n != 3


class TestGroup:
    def test_method(self):
        pass


def test_skip_then_teardown_error(broken_teardown):
    pytest.skip("skipped, then teardown fails")
'''

SUMMARY_WORDS = {"passed", "failed", "error", "errors", "skipped", "xfailed", "xpassed"}


def run_pytest(project: Path, family: str, *args: str) -> tuple[Path, Counter[str]]:
    """Run pytest on `project`, return its JUnit XML and the counts of its own summary line."""
    xml = project / f"junit-{family}.xml"
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop("PYTEST_ADDOPTS", None)
    completed = subprocess.run(
        [
            sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
            "-o", f"junit_family={family}", f"--junitxml={xml}", *args,
        ],
        cwd=project, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    summary_line = completed.stdout.strip().splitlines()[-1]
    counts: Counter[str] = Counter()
    for number, word in re.findall(r"(\d+) (\w+)", summary_line):
        if word in SUMMARY_WORDS:
            counts["error" if word == "errors" else word] += int(number)
    assert counts, f"no summary in: {summary_line!r}"
    return xml, counts


@pytest.fixture(scope="module", params=["xunit1", "xunit2"])
def pytest_run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A real pytest run over a small project, in both JUnit families: (family, xml, summary)."""
    project = tmp_path_factory.mktemp("sample_project")
    (project / "test_sample.py").write_text(SAMPLE_TESTS, encoding="utf-8")
    (project / "test_module_skip.py").write_text(
        'import pytest\npytest.skip("whole module", allow_module_level=True)\n', encoding="utf-8"
    )
    (project / "test_collect_error.py").write_text(
        "import module_that_does_not_exist_anywhere\n", encoding="utf-8"
    )
    xml, summary = run_pytest(project, request.param, "--continue-on-collection-errors")
    return request.param, xml, summary


def test_outcomes_of_a_pytest_run_sum_to_pytests_own_summary(pytest_run):
    _, xml, summary = pytest_run

    results, cases = read(xml)

    counted = totals(cases)
    ours = {
        "passed": counted[P],
        "failed": counted[F],
        "error": counted[E],
        "skipped": counted[S],
        "xfailed": counted[X],
    }
    assert ours == dict(summary)
    assert summary == {"passed": 5, "failed": 4, "error": 5, "skipped": 4, "xfailed": 1}
    assert results.runner == "pytest"
    assert results.n_cases == len(cases) == 17
    assert results.newest_timestamp is not None
    assert results.newest_timestamp.tzinfo is not None  # pytest writes an offset
    assert abs(datetime.now(timezone.utc) - results.newest_timestamp) < timedelta(minutes=10)


def test_each_pytest_case_gets_the_outcomes_pytest_counts(pytest_run):
    family, xml, _ = pytest_run

    _, cases = read(xml, shown_as="reports/pytest.xml")

    named = by_name(cases)
    # collection problems become cases named after the module
    assert named["test_module_skip"].outcomes == (S,)
    assert named["test_collect_error"].outcomes == (E,)
    assert named["test_collect_error"].message == "collection failure"
    sample = [(case.name, case.outcomes) for case in cases if case.classname.startswith("test_")]
    assert sample == [
        ("test_passes", (P,)),
        ("test_fails", (F,)),
        ("test_setup_error", (E,)),
        ("test_teardown_error_after_pass", (P, E)),
        # pytest splits a failed call and its failed teardown into two testcases
        ("test_teardown_error_after_failure", (F,)),
        ("test_teardown_error_after_failure", (E,)),
        ("test_skipped_at_runtime", (S,)),
        ("test_skip_marked", (S,)),
        ("test_xfailed", (X,)),
        ("test_xpassed_strict", (F,)),
        ("test_param[1]", (P,)),
        ("test_param[2]", (P,)),
        ("test_param[3]", (F,)),
        ("test_method", (P,)),
        ("test_skip_then_teardown_error", (S, E)),
    ]
    assert named["test_fails"].message == "assert 1 == 2"
    assert named["test_teardown_error_after_pass"].message == (
        'failed on teardown with "RuntimeError: teardown exploded"'
    )
    assert named["test_teardown_error_after_pass"].worst is E
    assert named["test_xfailed"].message == "known bug"
    assert named["test_passes"].message is None
    assert named["test_method"].classname == "test_sample.TestGroup"
    assert all(case.results_file == "reports/pytest.xml" for case in cases)
    assert all(case.time is not None and case.time >= 0 for case in cases)
    # only the xunit1 family writes the file attribute
    assert named["test_passes"].file == ("test_sample.py" if family == "xunit1" else None)


def test_a_non_strict_xpass_reads_as_passed(tmp_path: Path):
    # pytest writes an xpassed case with no result element, so the XML cannot tell it from a
    # pass: pytest's "xpassed" lands in our passed count.
    (tmp_path / "test_xpass.py").write_text(
        "import pytest\n\n@pytest.mark.xfail(reason='maybe')\ndef test_xpassed():\n    pass\n",
        encoding="utf-8",
    )
    xml, summary = run_pytest(tmp_path, "xunit2")

    _, cases = read(xml)

    assert summary == {"xpassed": 1}
    assert [case.outcomes for case in cases] == [(P,)]


# --- other runners and shapes ---------------------------------------------------------------------


def test_a_bare_testsuite_root_is_read():
    results, cases = read(DATA / "bare_testsuite.xml")

    assert results.runner == "pytest"
    assert [(case.name, case.outcomes) for case in cases] == [
        ("test_add", (P,)),
        ("test_discount", (F,)),
        ("test_refund", (S,)),
    ]
    assert cases[0].file == "tests/test_cart.py"
    assert results.newest_timestamp == datetime(2019, 6, 1, 10, 0, 0, 123456)


def test_nested_testsuites_give_every_case_once_and_the_newest_timestamp():
    results, cases = read(DATA / "nested_testsuites.xml")

    assert [(case.classname, case.name, case.outcomes) for case in cases] == [
        ("shop.cart", "adds", (P,)),
        ("shop.cart.discounts", "percent", (E,)),
        ("shop.cart", "removes", (P,)),
        ("shop", "opens", (P,)),
        ("login", "accepts", (P,)),
    ]
    assert results.runner == "junit"
    # 09:00+02:00 is 07:00Z and the naive 07:45 orders as UTC: 08:30Z is the newest
    assert results.newest_timestamp == datetime(2026, 1, 30, 8, 30, tzinfo=timezone.utc)


def test_surefire_reruns_are_counted_apart_from_the_final_result():
    results, cases = read(DATA / "surefire_rerun_flaky.xml")

    assert results.runner == "surefire"
    assert [(case.name, case.outcomes, case.reruns) for case in cases] == [
        ("addsItem", (P,), 0),
        ("appliesDiscount", (P,), 1),  # flaky: failed once, then passed
        ("checksOut", (F,), 2),  # failed on every rerun
        ("refunds", (S,), 0),
    ]
    named = by_name(cases)
    assert named["checksOut"].message == "timeout after 200 ms"
    assert named["appliesDiscount"].message is None  # interim entries are not the result
    assert results.newest_timestamp is None


def test_jest_junit_shape():
    results, cases = read(DATA / "jest_junit.xml")

    assert results.runner == "jest"
    assert [case.outcomes for case in cases] == [(P,), (F,), (S,), (P,)]
    # jest-junit writes no message attribute: the first line of the text stands in
    assert cases[1].message == "Error: expect(received).toBe(expected) // Object.is equality"
    assert cases[1].file is None
    assert results.newest_timestamp == datetime(2026, 1, 30, 9, 12, 45)


def test_go_junit_report_shape():
    results, cases = read(DATA / "go_junit_report.xml")

    assert results.runner == "go"
    assert [(case.name, case.outcomes) for case in cases] == [
        ("TestAdd", (P,)),
        ("TestDiscount", (F,)),
        ("TestRefund", (S,)),
        ("TestCheckout/with_coupon", (P,)),
    ]
    assert cases[1].message == "Failed"
    assert results.newest_timestamp == datetime(2026, 1, 30, 10, 0, tzinfo=timezone.utc)


def test_stale_suite_headers_are_ignored():
    results, cases = read(DATA / "stale_headers.xml")

    assert results.n_cases == 3  # the header says 99
    assert totals(cases) == {P: 2, F: 1}


def test_several_results_in_one_case_count_one_outcome_each(tmp_path: Path):
    path = write(
        tmp_path,
        """<testsuites><testsuite name="s">
          <testcase classname="c" name="everything">
            <skipped/><failure message="boom">trace</failure><error message="teardown">x</error>
          </testcase>
          <testcase classname="c" name="fails twice"><failure/><failure/></testcase>
          <testcase classname="c" name="old pytest teardown">
            <error message="test teardown failure">trace</error>
          </testcase>
        </testsuite></testsuites>""",
    )

    _, cases = read(path)

    assert [(case.outcomes, case.worst) for case in cases] == [
        ((S, F, E), E),
        ((F, F), F),
        ((P, E), E),
    ]
    assert cases[0].message == "boom"  # the first result that has a message


def test_messages_are_one_trimmed_line(tmp_path: Path):
    long = "x" * 500
    path = write(
        tmp_path,
        f"""<testsuite>
          <testcase name="long"><failure message="{long}"/></testcase>
          <testcase name="multiline"><error message="&#10;  first line  &#10;second"/></testcase>
          <testcase name="text only"><skipped>

             reason in the text
             more</skipped></testcase>
          <testcase name="nothing"><failure/></testcase>
        </testsuite>""",
    )

    _, cases = read(path)

    messages = [case.message for case in cases]
    assert messages[1:] == ["first line", "reason in the text", None]
    assert messages[0] is not None and len(messages[0]) == 200 and messages[0].endswith("…")


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-01-30T10:00:00", datetime(2026, 1, 30, 10, 0)),
        ("2026-01-30T10:00:00.123456", datetime(2026, 1, 30, 10, 0, 0, 123456)),
        ("2026-01-30T10:00:00Z", datetime(2026, 1, 30, 10, 0, tzinfo=timezone.utc)),
        (
            "2026-01-30T10:00:00+02:00",
            datetime(2026, 1, 30, 10, 0, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("Sat, 03 Dec 2022 23:10:07 GMT", datetime(2022, 12, 3, 23, 10, 7, tzinfo=timezone.utc)),
        ("yesterday", None),
        ("", None),
        ("2026-13-45T99:00:00", None),
    ],
)
def test_suite_timestamps(tmp_path: Path, stamp: str, expected: datetime | None):
    path = write(tmp_path, f'<testsuite timestamp="{stamp}"><testcase name="a"/></testsuite>')

    results, _ = read(path)

    assert results.newest_timestamp == expected
    if expected is not None:
        assert results.newest_timestamp.utcoffset() == expected.utcoffset()


def test_bad_times_become_none(tmp_path: Path):
    path = write(
        tmp_path,
        """<testsuite>
          <testcase name="words" time="soon"/><testcase name="nan" time="nan"/>
          <testcase name="empty" time=""/><testcase name="missing"/>
          <testcase name="thousands" time="1,234.5"/><testcase name="fine" time="0.25"/>
        </testsuite>""",
    )

    _, cases = read(path)

    assert [case.time for case in cases] == [None, None, None, None, 1234.5, 0.25]


def test_cases_without_names_are_still_cases(tmp_path: Path):
    path = write(tmp_path, "<testsuites><testsuite><testcase/><testcase><error/></testcase>"
                           "</testsuite></testsuites>")  # fmt: skip

    results, cases = read(path)

    assert results.n_cases == 2
    assert [(case.classname, case.name, case.outcomes) for case in cases] == [
        ("", "", (P,)),
        ("", "", (E,)),
    ]


def test_an_empty_run_has_no_cases(tmp_path: Path):
    path = write(tmp_path, '<testsuites><testsuite name="pytest" tests="6"/></testsuites>')

    results, cases = read(path)

    assert (results.n_cases, cases, results.runner) == (0, [], "pytest")


# --- bad and hostile input ------------------------------------------------------------------------


def expect_error(path: Path, shown_as: str = "reports/bad.xml") -> tuple[str, list[CaseResult]]:
    cases: list[CaseResult] = []
    with pytest.raises(JUnitError) as caught:
        read_results(path, shown_as, cases.append)
    text = str(caught.value)
    assert "\n" not in text and text.startswith(shown_as + ":")
    assert caught.value.path == shown_as
    return text, cases


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "reports/bad.xml: the file is empty"),
        (b"  \n\n", "reports/bad.xml:line 3, column 1: the file holds no XML element"),
        (
            b'<testsuites><testsuite name="s"',
            "reports/bad.xml:line 1, column 13: the XML ends early (truncated?)",
        ),
        (
            b"<testsuites><testsuite>",
            "reports/bad.xml:line 1, column 24: the XML ends early (truncated?)",
        ),
        (
            bytes(range(256)) * 8,
            "reports/bad.xml:line 1, column 1: not well-formed XML (invalid token)",
        ),
        (
            b'<?xml version="1.0" encoding="utf-8"?>\n<testsuite>\n<testcase name="caf\xe9 \xff"/>',
            "reports/bad.xml:line 3, column 20: not well-formed XML (invalid token)",
        ),
        (
            b"<foo><testcase/></foo>",
            "reports/bad.xml: expected a <testsuites> or <testsuite> root element, found <foo>",
        ),
        (
            b"<html><head><title>Test report</title></head><body><p>12 passed</body></html>",
            "reports/bad.xml: expected a <testsuites> or <testsuite> root element, found <html>",
        ),
        (
            b'<testsuite><testcase name="&nbsp;"/></testsuite>',
            "reports/bad.xml:line 1, column 12: not well-formed XML (undefined entity)",
        ),
        (
            b'<?xml version="1.0" encoding="no-such-codec"?><testsuite/>',
            "reports/bad.xml: unsupported encoding (unknown encoding: no-such-codec)",
        ),
    ],
    ids=[
        "empty", "blank", "truncated-in-tag", "truncated", "binary", "not-utf8", "other-root",
        "html", "undefined-entity", "unknown-encoding",
    ],
)  # fmt: skip
def test_unreadable_files_give_one_line(tmp_path: Path, content: bytes, expected: str):
    text, cases = expect_error(write(tmp_path, content))

    assert text == expected
    assert cases == []


def test_an_error_after_some_cases_says_those_are_counted(tmp_path: Path):
    path = write(
        tmp_path,
        '<testsuite>\n<testcase name="a"/>\n<testcase name="b"><failure/></testcase>\n'
        '<testcase name="c"><failure message="cut he',
    )

    text, cases = expect_error(path)

    assert text == (
        "reports/bad.xml:line 4, column 20: the XML ends early (truncated?)"
        " after 2 cases were read; those are counted"
    )
    assert [case.name for case in cases] == ["a", "b"]


def test_junk_after_the_root_is_reported_after_its_cases(tmp_path: Path):
    text, cases = expect_error(write(tmp_path, '<testsuite><testcase name="a"/></testsuite>\n<x/>'))

    assert text == (
        "reports/bad.xml:line 2, column 1: not well-formed XML (junk after document element)"
        " after 1 case was read; it is counted"
    )
    assert len(cases) == 1


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol "lol">\n'
    + "".join(
        f'  <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + ']>\n<testsuites><testsuite><testcase name="&lol9;"/></testsuite></testsuites>\n'
)


def test_an_entity_bomb_is_refused_before_any_entity_is_expanded(tmp_path: Path):
    # Expanding &lol9; would build 10^9 "lol"s: refusing at the DOCTYPE is what keeps this instant.
    path = write(tmp_path, BILLION_LAUGHS)

    text, cases = expect_error(path)

    assert text == (
        "reports/bad.xml:line 2: DOCTYPE declarations are refused"
        " (entity expansion and external entities are unsafe)"
    )
    assert cases == []


def test_an_external_entity_is_refused_without_reading_it(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:TOP-SECRET:/root:/bin/bash\n", encoding="utf-8")
    path = write(
        tmp_path,
        f'<?xml version="1.0"?>\n<!DOCTYPE testsuite [\n'
        f'  <!ENTITY xxe SYSTEM "file://{secret}">\n'
        f'  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n]>\n'
        '<testsuite><testcase name="&xxe;"><failure message="&passwd;"/></testcase></testsuite>',
    )

    text, cases = expect_error(path)

    assert "DOCTYPE declarations are refused" in text
    assert "TOP-SECRET" not in text and "root:" not in text
    assert cases == []


def test_an_unreadable_path_is_a_junit_error(tmp_path: Path):
    text, _ = expect_error(tmp_path / "missing.xml")
    assert text.startswith("reports/bad.xml: cannot read the file")

    text, _ = expect_error(tmp_path)
    assert text.startswith("reports/bad.xml: cannot read the file")


# --- bounded memory -------------------------------------------------------------------------------

N_LARGE = 100_000


def write_large_results(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="pytest tests">\n')
        out.write('<testsuite name="pytest" tests="1" timestamp="2026-01-30T10:00:00">\n')
        for i in range(N_LARGE):
            if i % 10 == 0:
                body = (
                    f'<failure message="assert {i} == {i + 1}">def test_case_{i:06d}():\n'
                    f">       assert {i} == {i + 1}\nE       AssertionError</failure>"
                )
            else:
                body = "<system-out>some captured output of a passing test</system-out>"
            out.write(
                f'<testcase classname="tests.test_big.TestBig" name="test_case_{i:06d}" '
                f'file="tests/test_big.py" line="{i % 5000}" time="0.001">{body}</testcase>\n'
            )
        out.write("</testsuite>\n</testsuites>\n")


@pytest.mark.slow  # tracemalloc slows the 100,000 cases down
def test_a_large_file_is_read_in_bounded_memory(tmp_path: Path):
    path = tmp_path / "large.xml"
    write_large_results(path)
    assert path.stat().st_size > 15_000_000
    seen: Counter[Outcome] = Counter()

    def count(case: CaseResult) -> None:
        seen[case.worst] += 1

    tracemalloc.start()
    try:
        results = read_results(path, "large.xml", count)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert results.n_cases == N_LARGE
    assert seen == {P: N_LARGE * 9 // 10, F: N_LARGE // 10}
    # a reader that kept the cases would hold hundreds of MB here; streaming holds well under 1 MB
    assert peak < 10 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"

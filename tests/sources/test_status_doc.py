"""The status document reader on real Markdown files shaped like the seeds, and on the seeds.

The seeds (`../shared/seeds/*.md` beside the checkout, or `$SPRINTCHECK_SEEDS`) are read in place
and never copied into the project; without them the conformance tests skip.
"""

from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import pytest

from sprintcheck.errors import StatusDocError
from sprintcheck.sources.mojibake import repair
from sprintcheck.sources.status_doc import StatusClaim, read_status_claims

SEEDS = (
    Path(os.environ["SPRINTCHECK_SEEDS"])
    if os.environ.get("SPRINTCHECK_SEEDS")
    else Path(__file__).parents[2] / ".." / "shared" / "seeds"
)
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed documents at {SEEDS}")


def claims_of(tmp_path: Path, markdown: str) -> list[tuple[int, str, str | None, float | None]]:
    path = tmp_path / "STATUS.md"
    path.write_text(textwrap.dedent(markdown), encoding="utf-8")
    return [(c.line, c.kind, c.subject, c.value) for c in read_status_claims(path)]


def test_counts_percentages_and_status_in_sentences_and_bold_labels(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        # Sprint 6 review
        **Status:** COMPLETE
        **Finding**: We created 43 tests but only ran 7 smoke tests.
        - **Smoke tests**: 6/7 passing (1 resource warning)
        - **E2E tests**: 0/12 run
        **Claimed**: 78% complete (Days 0-7 of 10)
        - **85.6% pass rate** (77/90 tests passing)
        **Final Coverage:** **52.56%** backend (from 42.7% baseline)
        **Code Review Findings:** 52 failing tests need investigation
        """,
    ) == [
        (2, "status", None, None),
        (3, "tests_created", None, 43),
        (3, "tests_executed", "smoke", 7),
        (4, "tests_passing", "smoke", 6),
        (5, "tests_executed", "e2e", 0),
        (6, "completion", None, 78),
        (7, "pass_rate", None, 85.6),
        (7, "tests_passing", None, 77),
        (8, "coverage", None, 52.56),
        (9, "tests_failing", None, 52),
    ]


def test_a_claim_keeps_its_line_and_its_text_as_written(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    path.write_text("# Review\n\n- ✅ **90 comprehensive unit tests** created in the services\n")
    text = "90 comprehensive unit tests created in the services"
    assert read_status_claims(path) == (StatusClaim(3, text, "tests_created", "unit", 90),)


def test_targets_plans_wishes_and_changes_are_not_claims(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        # Coverage push
        **Target:** 80%+ coverage
        **Estimated Time:** 84-108 hours
        **Status:** NOT STARTED
        **Status:** in progress, not complete
        - Phase 2 Target: 60% backend coverage → 52.56% achieved
        - **Total Improvement: +9.86 percentage points**
        - Average Coverage: **~75%** across all services
        - Mixed Coverage: **15-40%**
        - 5 critical services now >90% coverage
        We will create 40 tests next week and should be 90% complete by Friday.
        36 tests created but not executed
        43 test files created with proper patterns
        Do our 77 unit tests actually add value?
        - [ ] **1.1 Investigate all 52 failing tests** (4-6 hours)
        ## Next Steps
        - 95% complete once the e2e suite runs
        ## Coverage Goals
        | Module | Statements | Target Coverage |
        |--------|-----------|-----------------|
        | `database.py` | 101 | 80% |
        """,
    ) == []


def test_tables_give_the_figure_now_not_the_baseline_or_the_target(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        ### Service Coverage Detail
        | Service | Before | After | Target | Pass Rate |
        |---------|--------|-------|--------|-----------|
        | model_service | 25.19% | 98.47% | 90% | 86.7% (26/30) |
        | `dataset_service.py` | 20.63% | 100% | 90% | 90.9% (30/33) |

        | Category | Tests Created | Tests Run | Tests Passing | Quality Score |
        |----------|---------------|-----------|---------------|---------------|
        | Smoke | 7 | 7 | 6 | 6/10 |
        | **Total** | **43** | **7** | **6** | 4/10 |

        | Metric | Value |
        |--------|-------|
        | **Overall Backend Coverage** | **52.56%** |
        | Baseline (Start) | 42.7% |
        | **Total Tests Added** | **90** |
        | Test Files Created | 3 |
        """,
    ) == [
        (4, "coverage", "model_service", 98.47),
        (5, "coverage", "dataset_service.py", 100),
        (9, "tests_created", "smoke", 7),
        (9, "tests_executed", "smoke", 7),
        (9, "tests_passing", "smoke", 6),
        (10, "tests_created", None, 43),
        (10, "tests_executed", None, 7),
        (10, "tests_passing", None, 6),
        (14, "coverage", None, 52.56),
        (16, "tests_created", None, 90),
    ]


def test_module_and_category_coverage_in_lists_and_labels(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        **Current Coverage:** Unit 40%, Integration 20%
        - ✅ **5 critical services now >90% coverage:**
          - training_service.py: **94.55%**
          - model_service.py: **98.47%** (+73.28%)
        - **Tests That Help:** ✅ **database.py tests** (19 tests, 93% coverage)

        **2. API Endpoints** ❌ **MISSING**
        - **Current State:** 0% coverage (342 statements)
        """,
    ) == [
        (1, "coverage", "unit", 40),
        (1, "coverage", "integration", 20),
        (3, "coverage", "training_service.py", 94.55),
        (4, "coverage", "model_service.py", 98.47),
        (5, "coverage", "database.py", 93),
        (8, "coverage", "API Endpoints", 0),  # under its numbered item: not the overall figure
    ]


def test_status_words_for_the_document_and_for_a_phase(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        # HP-2 Initiative
        ## **COMPLETE** - Backend Foundation Established
        ### Phase 1: Initial Test Expansion ✅ COMPLETE
        **Result:** 50.45% coverage achieved
        ## Closing
        ✅ **Complete implementation plan created**
        **HP-2 Initiative: COMPLETE ✅**
        **Phase 3 Status:** DONE
        """,
    ) == [
        (2, "status", None, None),
        (3, "status", "Phase 1: Initial Test Expansion", None),
        # line 4: a phase's figure is about that phase, not the whole work
        (7, "status", None, None),
        (8, "status", "Phase 3", None),
    ]


def test_fenced_code_is_skipped(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        ```python
        # We created 43 tests
        assert response.status_code in [200, 400, 501]
        ```
        ~~~~
        **Status:** DONE
        ```
        still inside the tilde fence: 78% complete
        ~~~~
        **Coverage:** 0%
        """,
    ) == [(10, "coverage", None, 0)]


@pytest.mark.parametrize(
    ("mangled", "repaired"),
    [
        ("**Status:** âœ… **COMPLETE**", "**Status:** ✅ **COMPLETE**"),  # cp1252
        ("## ðŸ”´ CRITICAL â€“ 4â€“6 hours", "## 🔴 CRITICAL – 4–6 hours"),  # cp1252
        ("## ğŸ“Š Current State", "## 📊 Current State"),  # cp1254
        ("### ‚úÖ What's Being Tested", "### ✅ What's Being Tested"),  # Mac Roman
        # bytes cp1252 cannot show were lost: a variation selector is dropped, else U+FFFD
        ("- âš\xa0ï¸ **Assessment:** Low", "- ⚠ **Assessment:** Low"),  # lost 0x8F
        ("- **Unit Tests:** 0 files âŒ", "- **Unit Tests:** 0 files \ufffd"),  # lost 0x9D
        ("café — naïve ≥ 5 × 3 ✅", "café — naïve ≥ 5 × 3 ✅"),  # real text is left alone
    ],
)
def test_mojibake_is_repaired_line_by_line(mangled: str, repaired: str) -> None:
    assert repair(mangled) == repaired


def test_mangled_lines_still_give_their_claims(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    path.write_bytes(
        "**Status:** ✅ **INITIATIVE COMPLETE**\n- ✅ Test execution: 16% complete\n"
        .encode("utf-8").decode("cp1252").encode("utf-8")
    )
    claims = read_status_claims(path)
    assert [(c.kind, c.subject, c.value) for c in claims] == [
        ("status", None, None),
        ("completion", "Test execution", 16),
    ]
    assert claims[1].text == "Test execution: 16% complete"


def test_an_empty_document_has_no_claims(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    path.write_bytes(b"")
    assert read_status_claims(path) == ()


def test_a_binary_file_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "report.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(StatusDocError) as raised:
        read_status_claims(path)
    assert str(raised.value) == f"{path}: not a text document (binary data at byte 8)"


def test_a_missing_file_or_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(StatusDocError, match=r"STATUS\.md: no such file$"):
        read_status_claims(tmp_path / "STATUS.md")
    with pytest.raises(StatusDocError, match="is a folder, expected a Markdown file$"):
        read_status_claims(tmp_path)


def test_a_single_50_mb_line_is_cut_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    with path.open("wb") as out:
        out.write(b"78% complete " + b"x" * 50_000_000 + b" 12 tests created\n**Status:** DONE\n")
    started = time.perf_counter()
    claims = read_status_claims(path)
    assert time.perf_counter() - started < 3
    # The start of the long line is read, its far end never is; the next line is line 2.
    assert [(c.line, c.kind, c.value) for c in claims] == [
        (1, "completion", 78),
        (2, "status", None),
    ]


@pytest.mark.slow
def test_a_50_mb_document_is_streamed_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    paragraph = b"The team met and went through the open items one by one, in some detail.\n"
    with path.open("wb") as out:
        for _ in range(50_000_000 // (len(paragraph) * 1000)):
            out.write(paragraph * 1000)
        out.write(b"**Status:** COMPLETE\nWe created 43 tests.\n")
    assert path.stat().st_size >= 49_000_000
    started = time.perf_counter()
    claims = read_status_claims(path)
    assert time.perf_counter() - started < 30
    assert [(c.kind, c.value) for c in claims] == [("status", None), ("tests_created", 43)]


def seed_claims(name: str) -> list[tuple[int, str, str | None, float | None]]:
    return [(c.line, c.kind, c.subject, c.value) for c in read_status_claims(SEEDS / name)]


@needs_seeds
def test_seed_sprint6_review() -> None:
    claims = seed_claims("sprint6-review.md")
    assert (166, "completion", None, 78) in claims
    assert (175, "completion", None, 40) in claims  # the review's own "realistic" figure
    assert (51, "tests_created", None, 43) in claims
    assert (121, "tests_executed", None, 7) in claims
    # the quality matrix: per category, then the total row
    assert (136, "tests_passing", "smoke", 6) in claims
    assert (137, "tests_executed", "e2e", 0) in claims
    assert [c for c in claims if c[0] == 140] == [
        (140, "tests_created", None, 43),
        (140, "tests_executed", None, 7),
        (140, "tests_passing", None, 6),
    ]
    assert not [c for c in claims if c[1] in ("status", "coverage", "pass_rate")]
    assert 260 not in {c[0] for c in claims}  # "36 tests created but not executed"


@needs_seeds
def test_seed_hp2_initiative() -> None:
    claims = seed_claims("hp2-initiative.md")
    assert (7, "coverage", None, 52.56) in claims
    assert (352, "coverage", None, 52.56) in claims
    assert (33, "tests_created", "unit", 90) in claims
    assert (361, "tests_created", None, 90) in claims
    assert (35, "tests_passing", None, 77) in claims
    assert (35, "pass_rate", None, 85.6) in claims
    assert (362, "pass_rate", None, 85.6) in claims
    assert (97, "coverage", "model_service", 98.47) in claims
    statuses = [(line, subject) for line, kind, subject, _ in claims if kind == "status"]
    assert statuses == [
        (2, None),
        (6, None),
        (42, "Phase 1: Initial Test Expansion"),
        (48, "Phase 2: Service Layer Expansion"),
        (417, None),
        (485, None),
    ]
    # baselines, targets, averages, ranges and the phases' own figures are not claims
    values = {value for _, kind, _, value in claims if kind == "coverage"}
    assert not values & {42.7, 50.45, 60, 75, 12, 30}


@needs_seeds
def test_seed_coverage_report() -> None:
    assert seed_claims("coverage-report.md") == [
        (22, "tests_created", "e2e", 5),
        (27, "coverage", None, 0),
    ]


@needs_seeds
def test_seed_test_value_analysis() -> None:
    assert seed_claims("test-value-analysis.md") == [
        (42, "coverage", "database.py", 93),
        (73, "coverage", "webhooks.py", 78),
        (83, "coverage", "metrics.py", 94),
        (151, "coverage", "API Endpoints", 0),
        (162, "coverage", "Worker Error Handling", 0),
    ]


@needs_seeds
def test_seed_coverage_expansion_plan_is_a_plan_with_few_claims() -> None:
    assert seed_claims("coverage-expansion-plan.md") == [
        (5, "coverage", "unit", 40),
        (5, "coverage", "integration", 20),
        (18, "tests_failing", None, 52),  # the code review's finding, stated as today's fact
    ]


def test_n_of_m_and_n_slash_m_give_the_count_for_the_verb_not_the_total(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        **Status:** Complete ✅ — 6 of 7 smoke tests passing
        - 6 of 7 smoke tests pass
        **Tests passing:** 43/43
        Tests passing: 43/43
        Tests executed: 7 of 43
        - **Smoke tests**: 6/7 passing (1 resource warning)
        - Out of 7 smoke tests, 6 passed.
        """,
    ) == [
        (1, "status", None, None),
        (1, "tests_passing", "smoke", 6),
        (2, "tests_passing", "smoke", 6),
        (3, "tests_passing", None, 43),
        (4, "tests_passing", None, 43),
        (5, "tests_executed", None, 7),
        (6, "tests_passing", "smoke", 6),
        (7, "tests_passing", "smoke", 6),
    ]


def test_every_figure_of_a_line_listing_several_is_read(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        43 tests created, 7 executed, 6 passing
        43 tests written, 7 run, 6 pass
        We ran all 43 tests and 43 passed.
        Stress tests — 12 created, 0 executed
        - **Tests That Help:** ✅ **database.py tests** (19 tests, 93% coverage)
        """,
    ) == [
        (1, "tests_created", None, 43),
        (1, "tests_executed", None, 7),
        (1, "tests_passing", None, 6),
        (2, "tests_created", None, 43),
        (2, "tests_executed", None, 7),
        (2, "tests_passing", None, 6),
        (3, "tests_executed", None, 43),
        (3, "tests_passing", None, 43),
        (4, "tests_created", "stress", 12),
        (4, "tests_executed", "stress", 0),
        (5, "coverage", "database.py", 93),  # the module's 19 tests have no measured counterpart
    ]


def test_a_bare_count_is_read_only_where_tests_were_named(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        Test results:
        - 43 passed.
        - 1 failed.
        Deploys: 1 failed.

        1 failed.
        Day 3 passed without incident.
        We will create 40 tests, 20 executed.
        About 40 tests created, around 7 executed.
        36 tests created but not executed
        """,
    ) == [(2, "tests_passing", None, 43), (3, "tests_failing", None, 1)]


def test_coverage_said_in_a_sentence_and_for_whom(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        Coverage is 85%.
        Unit test coverage is 40%.
        model_service.py coverage is 98.47%
        API Endpoints coverage is 0%.
        Coverage was 47.5% before the push; coverage is now at 52%.
        Coverage is 80% once the e2e suite runs.
        Coverage is 80% (target)
        """,
    ) == [
        (1, "coverage", None, 85),
        (2, "coverage", "unit", 40),
        (3, "coverage", "model_service.py", 98.47),
        (4, "coverage", "API Endpoints", 0),  # not the whole: not checkable, never contradicted
        (5, "coverage", None, 52),
    ]


def test_a_status_of_not_complete_is_a_claim(tmp_path: Path) -> None:
    assert claims_of(
        tmp_path,
        """\
        Status: Incomplete
        Status: Not complete
        **Status:** NOT DONE
        **Phase 2 Status:** not yet complete
        **Status:** in progress, not complete
        """,
    ) == [
        (1, "status_not_complete", None, None),
        (2, "status_not_complete", None, None),
        (3, "status_not_complete", None, None),
        (4, "status_not_complete", "Phase 2", None),
    ]


def test_approximate_percentages_are_marked_and_a_note_is_not_a_subject(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    path.write_text(
        "We are ~40% complete.\n"
        "**Completion:** about 40 %\n"
        "Coverage is approximately 52%.\n"
        "Progress note: the team reviewed the open items. Completion: 78% complete.\n"
        "Progress note: 78% complete.\n"
        "Test execution: 16% complete\n"
        "Completion: 78%\n"
    )
    assert [(c.line, c.kind, c.subject, c.value, c.approximate) for c in read_status_claims(path)] == [
        (1, "completion", None, 40, True),
        (2, "completion", None, 40, True),
        (3, "coverage", None, 52, True),
        (4, "completion", None, 78, False),
        (5, "completion", None, 78, False),
        (6, "completion", "Test execution", 16, False),  # a part of the work: stays its own
        (7, "completion", None, 78, False),
    ]


def test_claims_past_the_cap_are_counted_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    path.write_text("# Notes\n" + "Progress note: Completion: 78% complete.\n" * 25)
    claims = read_status_claims(path, limit=10)
    assert len(claims) == 10 and claims.more == 15
    assert [c.line for c in claims] == list(range(2, 12))
    assert read_status_claims(path).more == 0


def test_a_long_line_of_many_figures_is_read_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "STATUS.md"
    line = "12 tests created, 7 executed, 6 passing, " * 90 + "\n"  # about MAX_LINE_BYTES
    # long words and dotted runs: a file-name pattern once rescanned them from every character
    words = "".join(f"{'a.' * 1950}{i} tests (5% coverage) coverage is 5%\n" for i in range(100))
    path.write_text(line * 200 + ("1 of 2 of 3 of 4 / 5 / " * 170) + "tests passing\n" + words)
    started = time.perf_counter()
    claims = read_status_claims(path)
    assert time.perf_counter() - started < 10
    assert len(claims) == 2000 and claims.more == 200 * 270 - 2000 + 100

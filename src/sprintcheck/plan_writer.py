"""Plan TOML text for `sprintcheck init`: a commented starter, and tasks imported from Markdown.

The text is written line by line rather than dumped from a dict, because a starter plan is
mostly its comments: which keys exist, what was found in the repository, what is left to fill in.
"""

from __future__ import annotations

import re
from pathlib import Path

from sprintcheck.model import Thresholds, TimeSettings
from sprintcheck.project_survey import ProjectSurvey, survey_project
from sprintcheck.sources.markdown_plan import CoverageGoal, Hours, MarkdownPlan, Phase

COMMENT_COLUMN = 36
_ESCAPES = {
    '"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"
}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def starter_plan(root: Path) -> str:
    """A starter `sprintcheck.toml` for the repository at `root`."""
    survey = survey_project(root)
    return _join(
        _header(survey.name, None),
        _sprint(survey.name, None),
        _results(survey),
        _categories(survey),
        _task_example(),
        _claims(None),
        _thresholds(),
        _coverage_example(),
        *_other_examples(),
    )


def plan_from_markdown(doc: MarkdownPlan, root: Path, source: str | None = None) -> str:
    """The starter plus the document's tasks and coverage goals; `source` names the document."""
    survey = survey_project(root)
    return _join(
        _header(survey.name, source or doc.title),
        _sprint(doc.title, doc.estimate_hours),
        _results(survey),
        _categories(survey),
        _tasks(doc, source or "the document"),
        _coverage_targets(doc.coverage_targets, {c.category.name for c in survey.categories}),
        _claims(doc.completion),
        _thresholds(),
        *(() if doc.coverage_targets else (_coverage_example(),)),
        *_other_examples(),
    )


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _ESCAPES.get(char, f"\\u{ord(char):04x}")

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


def _number(value: float) -> str:
    return f"{value:g}"


def _hours(hours: Hours) -> str:
    low, high = hours
    return _number(low) if low == high else f"{_number(low)}-{_number(high)}"


def _comment(text: str) -> str:
    """Comment text on one line: TOML comments may not hold control characters."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


def _line(code: str, note: str) -> str:
    """`code` with `note` as a comment beside it, lined up with the others (none when empty)."""
    return f"{code.ljust(COMMENT_COLUMN - 1)} # {_comment(note)}" if note else code


def _join(*sections: list[str]) -> str:
    return "\n\n".join("\n".join(lines) for lines in sections if lines) + "\n"


def _header(project: str, source: str | None) -> list[str]:
    first = (
        f"# sprintcheck plan for {project}, imported from {source} by `sprintcheck init --from`."
        if source
        else f"# sprintcheck plan for {project}, written by `sprintcheck init`."
    )
    return [
        _comment(first),
        "# Every key is optional: fill in what the sprint planned and claimed, delete what does",
        "# not apply. Paths and globs are relative to this file's folder. The README's",
        '# "The plan" section lists every key.',
    ]


def _sprint(name: str, estimate: Hours | None) -> list[str]:
    planned = (
        _line(
            f"# planned_hours = {_number(sum(estimate) / 2)}",
            f"{_hours(estimate)} h in the document; unset: the tasks' sum",
        )
        if estimate
        else "# planned_hours = 60"
    )
    return [
        "[sprint]",
        f"name = {toml_string(name)}",
        "# start = 2026-01-22",
        "# end = 2026-02-01",
        planned,
    ]


def _results(survey: ProjectSurvey) -> list[str]:
    junit = (
        _line(f"junit = {_array(survey.junit)}", "found by sprintcheck init")
        if survey.junit
        else _line('# junit = ["reports/*.xml"]', "none found; default: the usual places")
    )
    coverage = (
        _line(f"coverage = {_array(survey.coverage)}", "found by sprintcheck init")
        if survey.coverage
        else _line('# coverage = [".coverage"]', "none found (or coverage.xml, coverage.json)")
    )
    return ["[results]", junit, coverage]


def _array(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


def _categories(survey: ProjectSurvey) -> list[str]:
    if not survey.categories:
        return [
            "# No tests found. A category is a named group of tests, chosen by path globs:",
            "# [[category]]",
            '# name = "unit"',
            '# paths = ["tests/unit/**"]',
            "# planned = 20",
        ]
    lines = ["# One category per folder under tests/, as sprintcheck infers them without a plan."]
    for found in survey.categories:
        lines += [
            "",
            "[[category]]",
            f"name = {toml_string(found.category.name)}",
            f"paths = {_array(found.category.paths)}",
            _line(f"# planned = {found.n_tests}", "tests the sprint plans (this many exist now)"),
        ]
    return lines


def _task_example() -> list[str]:
    return [
        "# [[task]]",
        '# id = "T1"',
        '# title = "E2E tests against the live server"',
        _line("# estimate_hours = [6, 10]", "a number or a [low, high] range"),
        _line('# status = "todo"', "todo | in_progress | done (or progress = 0.6)"),
        _line('# tests = ["tests/e2e/**"]', "the tests that prove it done"),
        _line('# paths = ["src/server/**"]', "where its work lands, for hours from git"),
    ]


def _tasks(doc: MarkdownPlan, source: str) -> list[str]:
    low, high = doc.task_hours
    said = f" (the document says {_hours(doc.estimate_hours)} h)" if doc.estimate_hours else ""
    lines = [
        _comment(
            f"# {len(doc.tasks)} tasks in {len(doc.phases)} phases from {source}, "
            f"{_hours((low, high))} h by their estimates{said}."
        ),
        "# Give each task `tests = [...]` (the tests that prove it done) and `paths = [...]`",
        "# (where its work lands) so that the completion and time checks can judge it.",
    ]
    if doc.left_out:
        lines.append(
            _comment(
                f"# Not imported: {len(doc.left_out)} checkbox items outside every phase "
                f"(lines {', '.join(map(str, doc.left_out))})."
            )
        )
    for phase in doc.phases:
        lines += ["", _phase_comment(phase)]
        for i, task in enumerate(phase.tasks):
            lines += [*([""] if i else []), "[[task]]", f"id = {toml_string(task.id)}"]
            lines.append(f"title = {toml_string(task.title)}")
            if task.estimate_hours:
                lines.append(f"estimate_hours = {_estimate(task.estimate_hours)}")
            lines.append(f'status = "{"done" if task.done else "todo"}"')
    return lines


def _estimate(hours: Hours) -> str:
    low, high = hours
    return _number(low) if low == high else f"[{_number(low)}, {_number(high)}]"


def _phase_comment(phase: Phase) -> str:
    parts = [f"# phase: {phase.name}"]
    if phase.estimate_hours:
        parts.append(f", estimated {_hours(phase.estimate_hours)} h")
        if not any(task.estimate_hours for task in phase.tasks):
            parts.append(" (its tasks carry no estimate)")
        elif phase.task_hours != phase.estimate_hours:
            parts.append(f" (its tasks: {_hours(phase.task_hours)} h)")
    return _comment("".join(parts))


def _coverage_targets(goals: tuple[CoverageGoal, ...], categories: set[str]) -> list[str]:
    if not goals:
        return []
    lines = ["# Coverage goals from the document, one target per test type."]
    for goal in goals:
        category = _category_name(goal.test_type)
        now = f"{_number(goal.current)} % when it was written" if goal.current is not None else ""
        missing = f"no {category} category here yet" if category not in categories else ""
        lines += [
            "",
            "[[coverage.targets]]",
            f"name = {toml_string(goal.test_type)}",
            f"category = {toml_string(category)}",
            _line(f"percent = {_number(goal.target)}", "; ".join(filter(None, (now, missing)))),
        ]
    return lines


def _category_name(test_type: str) -> str:
    """"Unit Tests" -> "unit", "E2E Tests" -> "e2e": a test type as the folder names it."""
    words = [w for w in re.findall(r"[\w-]+", test_type.lower()) if w not in ("test", "tests")]
    return "-".join(words) or test_type.lower()


def _claims(completion: float | None) -> list[str]:
    if completion is not None:
        stated = _line(f"completion = {_number(completion)}", "percent, as the document states")
        return ["[claims]", stated]
    return [
        _line("# [claims]", "what the team reports; each is checked against the evidence"),
        _line("# completion = 78", "percent complete"),
        "# tests_created = 43",
        "# tests_executed = 43",
        "# tests_passing = 43",
        _line("# coverage = 80", "percent"),
    ]


def _thresholds() -> list[str]:
    defaults = Thresholds()
    return [
        "# [thresholds]",
        _line(f"# speedup = {defaults.speedup:g}", "planned / actual hours above this is odd"),
        _line(
            f"# completion_gap = {defaults.completion_gap:g}",
            "claimed minus evidenced completion, in points",
        ),
    ]


def _coverage_example() -> list[str]:
    return [
        _line("# [coverage]", "targets for the coverage data of [results] coverage"),
        _line("# target = 60", "overall, percent"),
        _line('# baseline = "reports/before.coverage"', "data from before the work"),
        "",
        _line("# [[coverage.targets]]", "per module set (globs) or per category"),
        _line('# modules = ["src/app/db/**"]', 'or: category = "unit"'),
        "# percent = 80",
    ]


def _other_examples() -> tuple[list[str], ...]:
    time = TimeSettings()
    return (
        [
            _line("# [[criterion]]", "a success criterion: target / achieved / met"),
            '# name = "Coverage"',
            _line('# metric = "coverage"', "or pass_rate, completion, tests_executed..."),
            '# op = ">="',
            "# target = 60",
        ],
        [
            _line("# [[failure_mode]]", "a way the system fails, and the tests guarding it"),
            '# name = "Worker crashes mid-batch"',
            '# impact = "the batch stays in progress for ever"',
            _line('# tests = ["tests/e2e/test_worker_crash.py"]', "[] when nothing guards it"),
        ],
        [
            _line("# [time]", "how actual hours are made from commit times"),
            f"# session_gap_hours = {time.session_gap_hours:g}",
            f"# lead_in_minutes = {time.lead_in_minutes:g}",
        ],
        [
            "# [honesty]",
            _line('# assertion_helpers = ["expect_json"]', "functions of yours that assert"),
        ],
    )

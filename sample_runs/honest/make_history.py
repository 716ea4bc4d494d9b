#!/usr/bin/env python3
"""Build the git history of the honest sample, in a cache folder outside the checkout.

    python sample_runs/honest/make_history.py [--into DIR]

Default folder: $XDG_CACHE_HOME/sprintcheck/samples/honest (or ~/.cache/...). The script prints
the folder; analyse that folder (`sprintcheck DIR`), never sample_runs/honest itself, which sits
inside the sprintcheck repository. Stdlib and git only, no network, deterministic (the same commit
ids every time), well under a second. Re-running does nothing unless the sample's files or these
scripts changed; then the folder is rebuilt from scratch (see ../samplegit.py).

The story: slugkit 0.2, planned at 20 hours (2026-02-02..2026-02-13), worked in five sessions over
two weeks by one author, Sprint Lead <lead@example.com>, in -05:00. Each task's code is followed by
its tests; the results of the full run are the last commit. Tests created: 8 unit tests
(2026-02-02: slugify, 2026-02-04: parse_duration) and 4 integration tests (2026-02-10).

Expected actual hours, with the defaults (sessions split where commits are 2 h apart or more, and
30 minutes of lead-in before each session's first commit):

    Mon 02  09:00 10:20 11:30    one session  08:30-11:30   3.0 h   plan, S1 code and tests
    Wed 04  13:00 14:10 15:30    one session  12:30-15:30   3.0 h   S2 code and tests, work log
    Fri 06  09:30 10:45 11:30    one session  09:00-11:30   2.5 h   S3 code, usage notes
    Tue 10  10:00 11:15 12:30    one session  09:30-12:30   3.0 h   S3 tests, work log
    Thu 12  14:00 15:00 16:00    one session  13:30-16:00   2.5 h   status, work log, full test run

(Every gap inside a session is under 2 h; a gap of exactly 2 h would start a new session.)
                                                           ------
                                                           14.0 h  -> 20 planned / 14 = 1.43x
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from samplegit import Step, build_for, day_zero_plan, main  # noqa: E402


def plan_at_start() -> str:
    return day_zero_plan(HERE, '# Plan for slugkit 0.2, as planned on 2026-02-02 (Day 0).')


WORKLOG = [
    """\
# slugkit 0.2 work log

- 2026-02-02: plan written, 20 h over S1-S4.
""",
    """\
- 2026-02-02: S1 slugify done; 4 unit tests, run, all pass.
- 2026-02-04: S2 parse_duration done; 4 unit tests, run, all pass.
""",
    """\
- 2026-02-10: S3 command line and folder renaming done; 4 integration tests in a subprocess and
  on real files in a temporary folder, run, all pass.
- Next: S4 release notes and the tag.
""",
    """\
- 2026-02-12: status written (S1-S3 done, 75 %); full run of both suites before the review.
""",
]

USAGE = """\
# Usage

    python -m slugkit slug "Crème Brûlée"          # creme-brulee
    python -m slugkit slug --sep _ "Hello World"   # hello_world
    python -m slugkit seconds 1h30m                # 5400

From Python, `slugkit.files.slugify_filenames(folder, dry_run=True)` shows the renames first.
"""


def worklog(upto: int) -> str:
    return "".join(WORKLOG[:upto])


# -05:00: the author's clock. See the docstring for the sessions these times make.
STEPS = [
    Step("2026-02-02T09:00:00-05:00", "slugkit 0.2 plan: S1-S4 with estimates",
         take=(".gitignore", "pytest.ini"),
         write={"sprintcheck.toml": plan_at_start(), "docs/worklog.md": worklog(1)}),
    Step("2026-02-02T10:20:00-05:00", "S1: slugify with accent folding, separators and max_length",
         take=("src/slugkit/__init__.py", "src/slugkit/slug.py")),
    Step("2026-02-02T11:30:00-05:00", "S1: unit tests for slugify",
         take=("tests/__init__.py", "tests/unit/__init__.py", "tests/unit/test_slugify.py")),
    Step("2026-02-04T13:00:00-05:00", "S2: parse_duration: units, order, errors",
         take=("src/slugkit/duration.py",)),
    Step("2026-02-04T14:10:00-05:00", "S2: unit tests for parse_duration",
         take=("tests/unit/test_parse_duration.py",)),
    Step("2026-02-04T15:30:00-05:00", "Work log: S1 and S2 done, unit tests run and pass",
         write={"docs/worklog.md": worklog(2)}),
    Step("2026-02-06T09:30:00-05:00", "S3: rename the files of a folder to their slugs",
         take=("src/slugkit/files.py",)),
    Step("2026-02-06T10:45:00-05:00", "S3: command line (python -m slugkit)",
         take=("src/slugkit/__main__.py",)),
    Step("2026-02-06T11:30:00-05:00", "Usage notes for the command line", write={"docs/usage.md": USAGE}),
    Step("2026-02-10T10:00:00-05:00", "S3: integration tests: the command line in a subprocess",
         take=("tests/integration/__init__.py", "tests/integration/test_cli.py")),
    Step("2026-02-10T11:15:00-05:00", "S3: integration tests: renaming real files",
         take=("tests/integration/test_rename_files.py",)),
    Step("2026-02-10T12:30:00-05:00", "Work log: S3 done", write={"docs/worklog.md": worklog(3)}),
    Step("2026-02-12T14:00:00-05:00", "Status: S1-S3 done, 75 % complete", take=("sprintcheck.toml",)),
    Step("2026-02-12T15:00:00-05:00", "Work log: ready for the full run", write={"docs/worklog.md": worklog(4)}),
    Step("2026-02-12T16:00:00-05:00", "Full test run: 12 passed", take=("reports/*", "*")),
]  # fmt: skip

def build_history(into: Path | None = None) -> Path:
    """Build (or reuse) the history repository; `sprintcheck demo` calls this."""
    return build_for(Path(__file__), "honest", STEPS, into)


if __name__ == "__main__":
    sys.exit(main(Path(__file__), "honest", STEPS))

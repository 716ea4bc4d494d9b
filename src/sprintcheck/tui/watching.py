"""What `--watch` polls: the plan, results and coverage files, by modification time and size.

Polling a few dozen stats a second costs nothing and needs no new dependency. The folders that
hold (or will hold) results and coverage are stamped too, so a results file that appears for the
first time triggers a reload as well.
"""

from __future__ import annotations

from itertools import takewhile
from pathlib import Path, PurePosixPath

from sprintcheck.globs import is_glob
from sprintcheck.model import SprintReport

Stamp = tuple[int, int] | None


def _static_folder(root: Path, pattern: str) -> Path:
    """The folder a glob pattern can only match under: its parts before the first wildcard."""
    parts = PurePosixPath(pattern).parts
    fixed = list(takewhile(lambda part: not is_glob(part), parts))
    if len(fixed) == len(parts):  # a plain file name: the folder it appears in
        fixed.pop()
    return root.joinpath(*fixed)


def watched_paths(report: SprintReport, extra_patterns: tuple[str, ...] = ()) -> tuple[Path, ...]:
    snapshot = report.snapshot
    plan = snapshot.plan
    root = plan.root
    paths: list[Path] = [plan.source] if plan.source else []
    results = [root / f.path for f in snapshot.results_files]
    coverage = snapshot.coverage
    measured = [root / source for source in coverage.data.sources] if coverage else []
    paths += results + measured
    patterns = (*plan.junit, *plan.coverage, *extra_patterns)
    paths += [_static_folder(root, pattern) for pattern in patterns]
    paths += [path.parent for path in results + measured]
    return tuple(dict.fromkeys(paths))


def stamps(paths: tuple[Path, ...]) -> tuple[Stamp, ...]:
    found: list[Stamp] = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            found.append(None)
            continue
        found.append((status.st_mtime_ns, status.st_size))
    return tuple(found)

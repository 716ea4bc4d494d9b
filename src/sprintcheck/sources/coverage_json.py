"""Read coverage.py's JSON report (`coverage json`) as CoverageData.

Each file's `summary` gives its figures (num_statements, covered_lines, num_branches,
covered_branches). The report's own `totals.percent_covered` is checked against the sum of the
files: a report that was edited or cut short says so instead of passing silently.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..model import CoverageCount, CoverageData, InputProblem, ModuleCoverage

KIND = "coverage.json"
_NOT_OURS = "not a coverage.py JSON report (expected meta, files and totals, as `coverage json`)"
# coverage.py computes the total percent from the same counts; only float rounding may differ.
_TOTALS_TOLERANCE = 1e-6


def read_coverage_json(
    path: Path, shown_as: str, map_path: Callable[[str], str | None]
) -> tuple[CoverageData | None, tuple[InputProblem, ...]]:
    """Read one coverage.json; map_path turns a measured path into one relative to the root."""
    try:
        with path.open("rb") as stream:
            report = json.load(stream)
    except OSError as err:
        return None, (InputProblem(shown_as, f"cannot read the file ({err.strerror or err})"),)
    except json.JSONDecodeError as err:
        return None, (InputProblem(shown_as, f"not valid JSON ({err.msg})", err.lineno),)
    except UnicodeDecodeError:
        return None, (InputProblem(shown_as, "not valid JSON (not UTF-8 text)"),)
    if not (
        isinstance(report, dict)
        and isinstance(report.get("meta"), dict)
        and isinstance(report.get("files"), dict)
        and isinstance(report.get("totals"), dict)
    ):
        return None, (InputProblem(shown_as, _NOT_OURS),)
    branches = bool(report["meta"].get("branch_coverage"))
    modules: dict[str, CoverageCount] = {}
    unmapped = []
    total = CoverageCount()  # over every file listed, mapped or not, as the report's totals
    for name, entry in report["files"].items():
        count = _count(entry.get("summary") if isinstance(entry, dict) else None, branches)
        if count is None:
            message = f"files[{name!r}].summary: expected counts as `coverage json` writes them"
            return None, (InputProblem(shown_as, message),)
        total += count
        if (mapped := map_path(name)) is None:
            unmapped.append(name)
        else:
            modules[mapped] = modules.get(mapped, CoverageCount()) + count
    data = CoverageData(
        sources=(shown_as,),
        kind=KIND,
        measure="statements and branches" if branches else "statements",
        modules=tuple(ModuleCoverage(p, modules[p]) for p in sorted(modules)),
        has_contexts=False,
        unmapped=tuple(sorted(unmapped)),
    )
    return data, _totals_problem(report["totals"].get("percent_covered"), total, shown_as)


def _count(summary: Any, branches: bool) -> CoverageCount | None:
    keys = ("num_statements", "covered_lines") + (
        ("num_branches", "covered_branches") if branches else ()
    )
    if not isinstance(summary, dict):
        return None
    values = [summary.get(key) for key in keys]
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in values):
        return None
    statements, covered, n_branches, covered_branches = (*values, 0, 0)[:4]
    if covered > statements or covered_branches > n_branches:
        return None
    return CoverageCount(statements, covered, n_branches, covered_branches)


def _totals_problem(declared: Any, total: CoverageCount, shown_as: str) -> tuple[InputProblem, ...]:
    computed = total.percent
    if computed is None or not isinstance(declared, (int, float)):
        return ()
    if math.isclose(declared, computed, abs_tol=_TOTALS_TOLERANCE):
        return ()
    return (
        InputProblem(
            shown_as,
            f"totals.percent_covered is {declared:.2f} but its files add up to {computed:.2f} "
            "(an edited or partial report?)",
        ),
    )

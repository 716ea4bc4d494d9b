"""The plan's honesty ignore rules, applied to what reading the tests found. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sprintcheck.globs import matches_any
from sprintcheck.model import HonestyIgnore, HonestyIssue, Location, TestHonesty, TestRecord


def apply_ignores(
    found: dict[Location, TestHonesty], ignores: tuple[HonestyIgnore, ...]
) -> dict[Location, TestHonesty]:
    """Mark the issues a plan rule covers as suppressed (kept and shown, never dropped)."""
    if not ignores:
        return found
    out = {}
    for location, honesty in found.items():
        rules = [rule for rule in ignores if matches_any(location.path, rule.paths)]
        issues = tuple(
            replace(issue, suppressed=_why(rule))
            if issue.suppressed is None
            and (rule := next((r for r in rules if not r.codes or issue.code in r.codes), None))
            else issue
            for issue in honesty.issues
        )
        out[location] = replace(honesty, issues=issues)
    return out


def _why(rule: HonestyIgnore) -> str:
    where = ", ".join(rule.paths)
    return f"plan: honesty.ignore {where}" + (f" ({rule.reason})" if rule.reason else "")


def suppressed_issues(records: Iterable[TestRecord]) -> list[tuple[TestRecord, HonestyIssue]]:
    """Every issue a comment or a plan rule suppressed: counted and listed, never hidden."""
    return [
        (record, issue)
        for record in records
        if record.honesty is not None
        for issue in record.honesty.issues
        if issue.suppressed is not None
    ]

"""The plan reader: `sprintcheck.toml`, `[tool.sprintcheck]` in `pyproject.toml`, or `--plan FILE`.

Every key is validated: an unknown key, a wrong type or a bad date raises `PlanError` naming the
file, the key path (`task[2].estimate_hours`) and what was expected.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sprintcheck.errors import PlanError
from sprintcheck.model import (
    CategoryPlan,
    Claims,
    CoverageSettings,
    CoverageTarget,
    CriterionPlan,
    FailureModePlan,
    HonestyIgnore,
    HonestySettings,
    Plan,
    SprintInfo,
    TaskPlan,
    Thresholds,
    TimeSettings,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PLAN_FILE = "sprintcheck.toml"
TASK_STATUSES = ("todo", "in_progress", "done")
HONESTY_CODES = ("SC201", "SC202", "SC203", "SC204", "SC205", "SC206", "SC207")
CRITERION_METRICS = (
    "coverage",
    "pass_rate",
    "completion",
    "tests_created",
    "tests_executed",
    "tests_passing",
    "tests_failing",
    "tests_hollow",
    "tests_never_ran",
    "suite_seconds",
    "speedup",
)
CRITERION_OPS = (">=", ">", "<=", "<", "==")

T = TypeVar("T")


def find_plan(folder: Path) -> Path | None:
    """The plan file that governs `folder`, or None when the folder has none."""
    candidate = folder / PLAN_FILE
    if candidate.is_file():
        return candidate
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file() and "sprintcheck" in _load_toml(pyproject).get("tool", {}):
        return pyproject
    return None


def read_plan(path: Path) -> Plan:
    """Read and validate a plan file. Its folder is the root that every path in it is relative to."""
    data = _load_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("sprintcheck")
        if data is None:
            raise PlanError("has no [tool.sprintcheck] table", path=path)
        return _Validator(path, prefix="tool.sprintcheck.").plan(data)
    return _Validator(path).plan(data)


def inferred_plan(root: Path) -> Plan:
    """The plan used when a folder has none: categories inferred, time checks skipped."""
    return Plan(root=root)


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise PlanError("no such file", path=path) from None
    except IsADirectoryError:
        raise PlanError("is a folder, expected a TOML file", path=path) from None
    except UnicodeDecodeError as err:
        raise PlanError(f"is not UTF-8 text (byte {err.start})", path=path) from None
    except OSError as err:
        raise PlanError(f"cannot be read ({err.strerror})", path=path) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        # The message ends with "(at line L, column C)"; move the place to the front.
        message, _, place = str(err).partition(" (at ")
        impossible = _impossible_date(text, place)
        if impossible is not None:
            key, written = impossible
            raise PlanError(
                f"expected a date like 2026-01-22, got {written} (no such day)", path=path, place=key
            ) from None
        raise PlanError(f"invalid TOML: {message}", path=path, place=place.rstrip(")")) from None


_DATE_VALUE = re.compile(r"\s*([\w-]+)\s*=\s*(\d{4}-\d{2}-\d{2})\s*(?:#.*)?")
_TABLE = re.compile(r"\s*(\[\[?)\s*([\w.-]+)\s*\]\]?\s*(?:#.*)?")


def _impossible_date(text: str, place: str) -> tuple[str, str] | None:
    """(key path, value) when the line tomllib stopped at sets a key to a date that does not exist
    (2025-13-45, 2026-02-30): tomllib then reports only "Expected newline…" after the year."""
    found = re.match(r"line (\d+)", place)
    lines = text.splitlines()
    if found is None or not 0 < int(found.group(1)) <= len(lines):
        return None
    number = int(found.group(1))
    setting = _DATE_VALUE.fullmatch(lines[number - 1])
    if setting is None or _is_date(setting.group(2)):
        return None
    table, arrays = "", {}  # the table the line is in; how many of each [[array]] came before
    for line in lines[: number - 1]:
        header = _TABLE.fullmatch(line)
        if header is not None:
            brackets, name = header.groups()
            if brackets == "[[":
                arrays[name] = arrays.get(name, -1) + 1
                name = f"{name}[{arrays[name]}]"
            table = name
    key = f"{table}.{setting.group(1)}" if table else setting.group(1)
    return key, setting.group(2)


def _is_date(written: str) -> bool:
    try:
        date.fromisoformat(written)
    except ValueError:
        return False
    return True


def _given(settings: Callable[..., T], **values: object) -> T:
    """`settings` built from the keys the plan gives; the dataclass defaults stand for the rest."""
    return settings(**{key: value for key, value in values.items() if value is not None})


class _Validator:
    """Walks the TOML data of one plan file, turning every mistake into a PlanError."""

    def __init__(self, path: Path, prefix: str = ""):
        self.path = path
        self.prefix = prefix

    def fail(self, key: str, expected: str, value: object) -> PlanError:
        shown = repr(value)
        if len(shown) > 40:
            shown = f"a {type(value).__name__}" if isinstance(value, (dict, list)) else shown[:37] + "..."
        return PlanError(f"expected {expected}, got {shown}", path=self.path, place=self.prefix + key)

    def table(self, data: object, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise self.fail(key, "a table", data)
        for name in data:
            if name not in allowed:
                where = f"{key}.{name}" if key else name
                raise PlanError(
                    f"unknown key (expected one of: {', '.join(allowed)})",
                    path=self.path,
                    place=self.prefix + where,
                )
        return data

    def optional(
        self, data: dict[str, Any], key: str, name: str, convert: Callable[[str, object], T]
    ) -> T | None:
        if name not in data:
            return None
        return convert(f"{key}.{name}" if key else name, data[name])

    # --- value converters: (key path, value) -> typed value -------------------------------------

    def text(self, key: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, "a non-empty string", value)
        return value

    def number(self, key: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, "a number", value)
        return float(value)

    def non_negative(self, key: str, value: object) -> float:
        number = self.number(key, value)
        if number < 0:
            raise self.fail(key, "a number of zero or more", value)
        return number

    def positive(self, key: str, value: object) -> float:
        number = self.number(key, value)
        if number <= 0:
            raise self.fail(key, "a number above zero", value)
        return number

    def count(self, key: str, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(key, "a whole number of zero or more", value)
        return value

    def percent(self, key: str, value: object) -> float:
        number = self.number(key, value)
        if not 0 <= number <= 100:
            raise self.fail(key, "a percentage from 0 to 100", value)
        return number

    def fraction(self, key: str, value: object) -> float:
        number = self.number(key, value)
        if not 0 <= number <= 1:
            raise self.fail(key, "a fraction from 0 to 1", value)
        return number

    def day(self, key: str, value: object) -> date:
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(key, "a date like 2026-01-22", value)

    def globs(self, key: str, value: object) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise self.fail(key, "a glob or a non-empty list of globs", value)
        return tuple(self.text(f"{key}[{i}]", item) for i, item in enumerate(value))

    def estimate(self, key: str, value: object) -> tuple[float, float]:
        if isinstance(value, list):
            if len(value) != 2:
                raise self.fail(key, "a number of hours or a [low, high] pair", value)
            low = self.non_negative(f"{key}[0]", value[0])
            high = self.non_negative(f"{key}[1]", value[1])
            if low > high:
                raise self.fail(key, "a [low, high] pair with low <= high", value)
            return (low, high)
        hours = self.non_negative(key, value)
        return (hours, hours)

    def status(self, key: str, value: object) -> str:
        if value not in TASK_STATUSES:
            raise self.fail(key, "one of " + ", ".join(TASK_STATUSES), value)
        return str(value)

    # --- sections ---------------------------------------------------------------------------------

    def plan(self, data: dict[str, Any]) -> Plan:
        top = self.table(
            data,
            "",
            (
                "sprint",
                "results",
                "category",
                "task",
                "claims",
                "thresholds",
                "time",
                "honesty",
                "coverage",
                "criterion",
                "failure_mode",
            ),
        )
        results = self.table(top.get("results", {}), "results", ("junit", "coverage"))
        return Plan(
            root=self.path.parent,
            source=self.path,
            sprint=self.sprint(top.get("sprint", {})),
            junit=self.optional(results, "results", "junit", self.globs) or (),
            coverage=self.optional(results, "results", "coverage", self.globs) or (),
            categories=self.categories(top.get("category", [])),
            tasks=self.tasks(top.get("task", [])),
            claims=self.claims(top.get("claims", {})),
            thresholds=self.thresholds(top.get("thresholds", {})),
            time=self.time(top.get("time", {})),
            honesty=self.honesty(top.get("honesty", {})),
            coverage_settings=self.coverage(top.get("coverage", {})),
            criteria=self.criteria(top.get("criterion", [])),
            failure_modes=self.failure_modes(top.get("failure_mode", [])),
        )

    def sprint(self, data: object) -> SprintInfo:
        section = self.table(data, "sprint", ("name", "start", "end", "planned_hours"))
        info = SprintInfo(
            name=self.optional(section, "sprint", "name", self.text),
            start=self.optional(section, "sprint", "start", self.day),
            end=self.optional(section, "sprint", "end", self.day),
            planned_hours=self.optional(section, "sprint", "planned_hours", self.non_negative),
        )
        if info.start and info.end and info.end < info.start:
            raise self.fail("sprint.end", f"a date on or after sprint.start ({info.start})", info.end)
        return info

    def array_of_tables(self, data: object, key: str) -> list[dict[str, Any]]:
        if not isinstance(data, list):
            raise self.fail(key, f"an array of tables ([[{key}]])", data)
        return data

    def categories(self, data: object) -> tuple[CategoryPlan, ...]:
        categories: list[CategoryPlan] = []
        for i, item in enumerate(self.array_of_tables(data, "category")):
            key = f"category[{i}]"
            entry = self.table(item, key, ("name", "paths", "planned", "expected_seconds"))
            if "name" not in entry or "paths" not in entry:
                raise PlanError(
                    "a category needs a name and paths", path=self.path, place=self.prefix + key
                )
            name = self.text(f"{key}.name", entry["name"])
            if any(existing.name == name for existing in categories):
                raise self.fail(f"{key}.name", "a name not used by another category", name)
            categories.append(
                CategoryPlan(
                    name=name,
                    paths=self.globs(f"{key}.paths", entry["paths"]),
                    planned=self.optional(entry, key, "planned", self.count),
                    expected_seconds=self.optional(entry, key, "expected_seconds", self.non_negative),
                )
            )
        return tuple(categories)

    def tasks(self, data: object) -> tuple[TaskPlan, ...]:
        tasks: list[TaskPlan] = []
        allowed = ("id", "title", "estimate_hours", "status", "progress", "tests", "paths")
        for i, item in enumerate(self.array_of_tables(data, "task")):
            key = f"task[{i}]"
            entry = self.table(item, key, allowed)
            if "id" not in entry:
                raise PlanError("a task needs an id", path=self.path, place=self.prefix + key)
            if "status" in entry and "progress" in entry:
                raise PlanError(
                    "give status or progress, not both", path=self.path, place=self.prefix + key
                )
            task_id = self.text(f"{key}.id", str(entry["id"]))
            if any(existing.id == task_id for existing in tasks):
                raise self.fail(f"{key}.id", "an id not used by another task", task_id)
            tasks.append(
                TaskPlan(
                    id=task_id,
                    title=self.optional(entry, key, "title", self.text),
                    estimate_hours=self.optional(entry, key, "estimate_hours", self.estimate),
                    status=self.optional(entry, key, "status", self.status),
                    progress=self.optional(entry, key, "progress", self.fraction),
                    tests=self.optional(entry, key, "tests", self.globs) or (),
                    paths=self.optional(entry, key, "paths", self.globs) or (),
                )
            )
        return tuple(tasks)

    def claims(self, data: object) -> Claims:
        allowed = ("completion", "tests_created", "tests_executed", "tests_passing", "coverage")
        section = self.table(data, "claims", allowed)
        return Claims(
            completion=self.optional(section, "claims", "completion", self.percent),
            tests_created=self.optional(section, "claims", "tests_created", self.count),
            tests_executed=self.optional(section, "claims", "tests_executed", self.count),
            tests_passing=self.optional(section, "claims", "tests_passing", self.count),
            coverage=self.optional(section, "claims", "coverage", self.percent),
        )

    def thresholds(self, data: object) -> Thresholds:
        section = self.table(data, "thresholds", ("speedup", "completion_gap"))
        return _given(
            Thresholds,
            speedup=self.optional(section, "thresholds", "speedup", self.non_negative),
            completion_gap=self.optional(section, "thresholds", "completion_gap", self.percent),
        )

    def time(self, data: object) -> TimeSettings:
        section = self.table(data, "time", ("session_gap_hours", "lead_in_minutes"))
        return _given(
            TimeSettings,
            session_gap_hours=self.optional(section, "time", "session_gap_hours", self.positive),
            lead_in_minutes=self.optional(section, "time", "lead_in_minutes", self.non_negative),
        )

    def honesty(self, data: object) -> HonestySettings:
        section = self.table(data, "honesty", ("assertion_helpers", "ignore"))
        return HonestySettings(
            assertion_helpers=self.optional(section, "honesty", "assertion_helpers", self.names) or (),
            ignores=tuple(
                self.honesty_ignore(f"honesty.ignore[{i}]", item)
                for i, item in enumerate(self.array_of_tables(section.get("ignore", []), "honesty.ignore"))
            ),
        )

    def honesty_ignore(self, key: str, data: object) -> HonestyIgnore:
        entry = self.table(data, key, ("paths", "codes", "reason"))
        if "paths" not in entry:
            raise PlanError("an ignore rule needs paths", path=self.path, place=self.prefix + key)
        return HonestyIgnore(
            paths=self.globs(f"{key}.paths", entry["paths"]),
            codes=self.optional(entry, key, "codes", self.honesty_codes) or (),
            reason=self.optional(entry, key, "reason", self.text),
        )

    def names(self, key: str, value: object) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, "a list of names", value)
        return tuple(self.text(f"{key}[{i}]", item) for i, item in enumerate(value))

    def honesty_codes(self, key: str, value: object) -> tuple[str, ...]:
        codes = self.names(key, value)
        for i, code in enumerate(codes):
            if code not in HONESTY_CODES:
                raise self.fail(f"{key}[{i}]", "one of " + ", ".join(HONESTY_CODES), code)
        return codes

    def coverage(self, data: object) -> CoverageSettings:
        section = self.table(data, "coverage", ("target", "baseline", "remap", "targets"))
        return CoverageSettings(
            target=self.optional(section, "coverage", "target", self.percent),
            targets=tuple(
                self.coverage_target(f"coverage.targets[{i}]", item)
                for i, item in enumerate(
                    self.array_of_tables(section.get("targets", []), "coverage.targets")
                )
            ),
            baseline=self.optional(section, "coverage", "baseline", self.text),
            remap=self.optional(section, "coverage", "remap", self.remap) or (),
        )

    def coverage_target(self, key: str, data: object) -> CoverageTarget:
        entry = self.table(data, key, ("name", "category", "modules", "percent", "claimed"))
        if "percent" not in entry or ("category" in entry) == ("modules" in entry):
            raise PlanError(
                "a coverage target needs percent and exactly one of category or modules",
                path=self.path,
                place=self.prefix + key,
            )
        return CoverageTarget(
            percent=self.percent(f"{key}.percent", entry["percent"]),
            category=self.optional(entry, key, "category", self.text),
            modules=self.optional(entry, key, "modules", self.globs) or (),
            name=self.optional(entry, key, "name", self.text),
            claimed=self.optional(entry, key, "claimed", self.percent),
        )

    def remap(self, key: str, value: object) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict) or not value:
            raise self.fail(key, 'a table of "measured prefix" = "repository prefix"', value)
        for measured, local in value.items():
            if not isinstance(local, str):
                raise self.fail(f"{key}.{measured}", "a path prefix (a string)", local)
        return tuple(value.items())

    def criteria(self, data: object) -> tuple[CriterionPlan, ...]:
        criteria: list[CriterionPlan] = []
        for i, item in enumerate(self.array_of_tables(data, "criterion")):
            key = f"criterion[{i}]"
            entry = self.table(item, key, ("name", "metric", "op", "target"))
            if "metric" not in entry or "target" not in entry:
                raise PlanError(
                    "a criterion needs a metric and a target", path=self.path, place=self.prefix + key
                )
            metric = self.choice(f"{key}.metric", entry["metric"], CRITERION_METRICS)
            criteria.append(
                CriterionPlan(
                    name=self.optional(entry, key, "name", self.text) or metric,
                    metric=metric,
                    op=self.choice(f"{key}.op", entry.get("op", ">="), CRITERION_OPS),
                    target=self.number(f"{key}.target", entry["target"]),
                )
            )
        return tuple(criteria)

    def failure_modes(self, data: object) -> tuple[FailureModePlan, ...]:
        modes: list[FailureModePlan] = []
        for i, item in enumerate(self.array_of_tables(data, "failure_mode")):
            key = f"failure_mode[{i}]"
            entry = self.table(item, key, ("name", "impact", "tests"))
            if "name" not in entry:
                raise PlanError("a failure mode needs a name", path=self.path, place=self.prefix + key)
            name = self.text(f"{key}.name", entry["name"])
            if any(existing.name == name for existing in modes):
                raise self.fail(f"{key}.name", "a name not used by another failure mode", name)
            modes.append(
                FailureModePlan(
                    name=name,
                    impact=self.optional(entry, key, "impact", self.text),
                    # An empty list is allowed: it records that nothing guards this failure mode.
                    tests=tuple(
                        self.text(f"{key}.tests[{j}]", test)
                        for j, test in enumerate(self.names(f"{key}.tests", entry.get("tests", [])))
                    ),
                )
            )
        return tuple(modes)

    def choice(self, key: str, value: object, allowed: tuple[str, ...]) -> str:
        if value not in allowed:
            raise self.fail(key, "one of " + ", ".join(allowed), value)
        return str(value)

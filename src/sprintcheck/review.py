"""The review file: what the team decided about each finding, kept beside the plan.

A mark is keyed by the finding's fingerprint (code, category and a key without run-dependent
counts), so it survives a re-run and re-attaches to the same finding. Marks whose finding is gone
stay in the file and are reported as resolved. Writes are atomic: a reader, or a crash halfway,
never sees half a file. No rich, no Textual: the headless reporters read marks through here too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

from sprintcheck.atomic import write_atomically
from sprintcheck.errors import ReviewError
from sprintcheck.model import Finding, Plan

SCHEMA = "sprintcheck-review/1"
ACCEPTED, DISPUTED, TO_FIX = "accepted", "disputed", "to fix"
MARKS = (ACCEPTED, DISPUTED, TO_FIX)
NOT_DISCUSSED = "not discussed"
NOTED = "noted"  # a note was written but no decision made yet
FOLDER = ".sprintcheck"
FILE_NAME = "review.json"
_FIELDS = ("fingerprint", "mark", "note", "at", "code", "title")


@dataclass(frozen=True)
class ReviewMark:
    """One decision. `mark` is None for a finding that has a note but no decision yet; `code` and
    `title` are kept so a resolved finding can still be named after it has disappeared."""

    fingerprint: str
    mark: str | None
    note: str
    at: str  # ISO 8601, UTC, when the mark or note was last changed
    code: str
    title: str

    @property
    def state(self) -> str:
        return self.mark or NOTED


@dataclass(frozen=True)
class Review:
    marks: tuple[ReviewMark, ...] = ()  # sorted by fingerprint, one per fingerprint

    @cached_property
    def _by_fingerprint(self) -> dict[str, ReviewMark]:
        return {m.fingerprint: m for m in self.marks}

    def get(self, fingerprint: str) -> ReviewMark | None:
        return self._by_fingerprint.get(fingerprint)

    def state_of(self, finding: Finding) -> str:
        """accepted / disputed / to fix / noted / not discussed."""
        found = self.get(finding.fingerprint)
        return found.state if found else NOT_DISCUSSED


def default_review_path(plan: Plan, target: Path) -> Path:
    """`.sprintcheck/review.json` in the plan file's folder, or in the target folder without one."""
    if plan.source is not None:
        folder = plan.source.parent
    else:
        folder = target if target.is_dir() else target.parent
    return folder / FOLDER / FILE_NAME


def _review(marks: Iterable[ReviewMark]) -> Review:
    """One mark per fingerprint (the last one given wins), sorted so file diffs stay stable."""
    by_fingerprint = {m.fingerprint: m for m in marks}
    return Review(tuple(by_fingerprint[k] for k in sorted(by_fingerprint)))


def _now(at: datetime | None) -> str:
    return (at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")


def with_mark(
    review: Review,
    finding: Finding,
    mark: str | None,
    note: str | None = None,
    *,
    at: datetime | None = None,
) -> Review:
    """The review with `finding` marked. A None mark or note keeps what was there before."""
    if mark is not None and mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}; expected one of {', '.join(MARKS)}")
    before = review.get(finding.fingerprint)
    updated = ReviewMark(
        fingerprint=finding.fingerprint,
        mark=mark if mark is not None else (before.mark if before else None),
        note=note if note is not None else (before.note if before else ""),
        at=_now(at),
        code=finding.code,
        title=finding.title,
    )
    return _review((*review.marks, updated))


def without_mark(review: Review, fingerprint: str) -> Review:
    return Review(tuple(m for m in review.marks if m.fingerprint != fingerprint))


def resolved(review: Review, findings: Iterable[Finding]) -> tuple[ReviewMark, ...]:
    """Marks whose finding no longer appears: the gap was closed (or the finding's key changed)."""
    present = {f.fingerprint for f in findings}
    return tuple(m for m in review.marks if m.fingerprint not in present)


# --- the file -------------------------------------------------------------------------------------


def load_review(path: Path) -> Review:
    """The review in `path`; a missing file is an empty review. Anything else wrong raises."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Review()
    except (OSError, UnicodeDecodeError) as err:
        raise ReviewError(f"cannot read the review file ({_reason(err)})", path=path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReviewError(
            f"not valid JSON ({err.msg})", path=path, place=f"line {err.lineno}, column {err.colno}"
        ) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise ReviewError(f"expected schema {SCHEMA!r}, found {found!r}", path=path, place="schema")
    marks = data.get("marks")
    if not isinstance(marks, list):
        raise ReviewError("expected a list of marks", path=path, place="marks")
    # A repeated fingerprint (a hand merge) keeps the later entry.
    return _review(_mark(entry, path, f"marks[{i}]") for i, entry in enumerate(marks))


def _mark(entry: Any, path: Path, place: str) -> ReviewMark:
    if not isinstance(entry, dict):
        raise ReviewError("expected an object", path=path, place=place)
    for name in _FIELDS:
        value = entry.get(name)
        if name == "mark" and value is None:
            continue
        if not isinstance(value, str):
            raise ReviewError(f"expected {name!r} to be a string", path=path, place=place)
    if entry["mark"] is not None and entry["mark"] not in MARKS:
        expected = ", ".join(repr(m) for m in MARKS)
        raise ReviewError(
            f"unknown mark {entry['mark']!r}; expected one of {expected} or null",
            path=path,
            place=place,
        )
    return ReviewMark(**{name: entry[name] for name in _FIELDS})


def review_json(review: Review) -> str:
    marks = [{name: getattr(m, name) for name in _FIELDS} for m in review.marks]
    return json.dumps({"schema": SCHEMA, "marks": marks}, indent=2, ensure_ascii=False) + "\n"


def save_review(path: Path, review: Review) -> None:
    write_atomic(path, review_json(review))


def write_atomic(path: Path, text: str) -> None:
    """Write a review or minutes file atomically; a failure is a ReviewError naming the file."""
    try:
        write_atomically(path, text)
    except OSError as err:
        raise ReviewError(f"cannot write ({_reason(err)})", path=path) from None


def minutes_path(review_path: Path, sprint_name: str | None, today: datetime | None = None) -> Path:
    """`minutes-<sprint name as a slug>.md` beside the review file, or `minutes-<date>.md`."""
    slug = re.sub(r"[^a-z0-9]+", "-", (sprint_name or "").lower()).strip("-")
    if not slug:
        slug = (today or datetime.now(timezone.utc)).date().isoformat()
    return review_path.parent / f"minutes-{slug}.md"


def _reason(err: Exception) -> str:
    return getattr(err, "strerror", None) or str(err)

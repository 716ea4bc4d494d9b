"""Actual hours from commit times: work sessions per author. Pure functions: no IO, no clock.

How the figure is made (both parameters come from the plan and are shown in the report):

- Commits are grouped by author e-mail after `.mailmap`, compared without case (`%aE` of git log);
  an empty e-mail falls back to the name.
- Each author's commits are sorted by instant (timezone offsets only change how a time is written:
  09:00+05:45 and 03:15Z are the same instant).
- Consecutive commits **strictly closer** than `max_gap` belong to one session; a gap of exactly
  `max_gap` starts a new one ("closer than 2 h" read literally).
- A session lasts from its first commit minus `lead_in` (the work before the first commit) to its
  last commit. A session of one commit lasts `lead_in`.
- Actual hours are the sum of every session of every author: person-hours, so two people working
  the same afternoon count twice.
- Merge commits count like any other commit: someone made them at that time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..sources.history import Commit

DEFAULT_MAX_GAP = timedelta(hours=2)
DEFAULT_LEAD_IN = timedelta(minutes=30)


@dataclass(frozen=True)
class WorkSession:
    author: str  # e-mail after .mailmap, as first seen (the grouping ignores case)
    start: datetime  # first commit time minus the lead-in
    end: datetime  # last commit time
    commits: int

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600


def work_sessions(
    commits: Sequence[Commit],
    max_gap: timedelta = DEFAULT_MAX_GAP,
    lead_in: timedelta = DEFAULT_LEAD_IN,
) -> tuple[WorkSession, ...]:
    """Sessions of every author, ordered by start (then author)."""
    if max_gap <= timedelta(0):
        raise ValueError(f"max_gap must be positive, not {max_gap}")
    if lead_in < timedelta(0):
        raise ValueError(f"lead_in must not be negative, not {lead_in}")
    by_author: dict[str, list[Commit]] = {}
    shown: dict[str, str] = {}
    for commit in commits:
        key = (commit.email or commit.author).casefold()
        by_author.setdefault(key, []).append(commit)
        shown.setdefault(key, commit.email or commit.author)
    sessions: list[WorkSession] = []
    for key, own in by_author.items():
        times = sorted(commit.authored_at for commit in own)
        first = last = times[0]
        count = 1
        for moment in times[1:]:
            if moment - last < max_gap:
                last = moment
                count += 1
                continue
            sessions.append(WorkSession(shown[key], first - lead_in, last, count))
            first = last = moment
            count = 1
        sessions.append(WorkSession(shown[key], first - lead_in, last, count))
    sessions.sort(key=lambda s: (s.start, s.author))
    return tuple(sessions)


def actual_hours(sessions: Iterable[WorkSession]) -> float:
    total = sum((session.end - session.start for session in sessions), timedelta())
    return total.total_seconds() / 3600


def commits_touching(
    commits: Iterable[Commit], matches: Callable[[str], bool]
) -> tuple[Commit, ...]:
    """Commits that changed at least one path `matches` accepts (for a task's `paths`).

    Merges carry no file list (see sources.history), so they never match.
    """
    return tuple(c for c in commits if any(matches(change.path) for change in c.files))

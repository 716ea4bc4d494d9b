"""Actual hours from commit times: table-driven on plain commits, then on a real repository."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from gitrepo import commit, init

from sprintcheck.analysis.hours import WorkSession, actual_hours, commits_touching, work_sessions
from sprintcheck.sources.history import Commit, FileChange, read_history

UTC = timezone.utc


def c(email: str, when: str, *paths: str) -> Commit:
    return Commit(
        sha=f"{email}@{when}", author=email.split("@")[0], email=email,
        authored_at=datetime.fromisoformat(when), subject="", is_merge=False,
        files=tuple(FileChange(p, 1, 0) for p in paths),
    )  # fmt: skip


CASES = [
    # (id, commits, expected hours)
    ("no commits", [], 0.0),
    ("one commit is the lead-in alone", [c("a@x", "2026-01-22T09:00:00+00:00")], 0.5),
    ("one hour apart: one session", [c("a@x", "2026-01-22T09:00:00+00:00"),
                                     c("a@x", "2026-01-22T10:00:00+00:00")], 1.5),
    ("a gap of exactly 2 h starts a new session", [c("a@x", "2026-01-22T09:00:00+00:00"),
                                                   c("a@x", "2026-01-22T11:00:00+00:00")], 1.0),
    ("1 h 59 min is still one session", [c("a@x", "2026-01-22T09:00:00+00:00"),
                                         c("a@x", "2026-01-22T10:59:00+00:00")], 0.5 + 119 / 60),
    ("order of input does not matter", [c("a@x", "2026-01-22T10:00:00+00:00"),
                                        c("a@x", "2026-01-22T09:00:00+00:00"),
                                        c("a@x", "2026-01-22T09:30:00+00:00")], 1.5),
    ("offsets only change how a time is written",
     [c("a@x", "2026-01-22T09:00:00+05:45"),    # 03:15 UTC
      c("a@x", "2026-01-21T16:45:00-11:00")],   # 03:45 UTC: 30 min later
     1.0),
    ("authors are counted apart (person-hours)",
     [c("a@x", "2026-01-22T09:00:00+00:00"), c("b@x", "2026-01-22T09:30:00+00:00"),
      c("a@x", "2026-01-22T10:00:00+00:00"), c("b@x", "2026-01-22T10:30:00+00:00")], 3.0),
    ("e-mails are compared without case", [c("Ann@X", "2026-01-22T09:00:00+00:00"),
                                           c("ann@x", "2026-01-22T10:00:00+00:00")], 1.5),
    ("a chain of short gaps is one long session",
     [c("a@x", f"2026-01-22T{h:02d}:00:00+00:00") for h in range(8, 18)], 9.5),
]


@pytest.mark.parametrize(("commits", "hours"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_actual_hours(commits: list[Commit], hours: float) -> None:
    assert actual_hours(work_sessions(commits)) == pytest.approx(hours, abs=1e-12)


def test_sessions_in_detail() -> None:
    commits = [
        c("b@x", "2026-01-22T14:00:00+01:00"),
        c("a@x", "2026-01-22T09:00:00+00:00"),
        c("a@x", "2026-01-22T09:45:00+00:00"),
        c("a@x", "2026-01-22T13:00:00+00:00"),
    ]
    assert work_sessions(commits) == (
        WorkSession("a@x", datetime(2026, 1, 22, 8, 30, tzinfo=UTC), datetime(2026, 1, 22, 9, 45, tzinfo=UTC), 2),
        WorkSession("a@x", datetime(2026, 1, 22, 12, 30, tzinfo=UTC), datetime(2026, 1, 22, 13, 0, tzinfo=UTC), 1),
        WorkSession("b@x", datetime(2026, 1, 22, 13, 30, tzinfo=timezone(timedelta(hours=1))),
                    datetime(2026, 1, 22, 14, 0, tzinfo=timezone(timedelta(hours=1))), 1),
    )  # fmt: skip
    assert [s.hours for s in work_sessions(commits)] == [1.25, 0.5, 0.5]


def test_parameters_change_the_figure() -> None:
    commits = [c("a@x", "2026-01-22T09:00:00+00:00"), c("a@x", "2026-01-22T12:00:00+00:00")]
    assert actual_hours(work_sessions(commits)) == 1.0  # 3 h apart: two sessions of 30 min
    assert actual_hours(work_sessions(commits, max_gap=timedelta(hours=4))) == 3.5
    assert actual_hours(work_sessions(commits, lead_in=timedelta(0))) == 0.0
    assert actual_hours(work_sessions(commits, max_gap=timedelta(hours=4), lead_in=timedelta(hours=1))) == 4.0


def test_nonsense_parameters_are_refused() -> None:
    with pytest.raises(ValueError, match="max_gap"):
        work_sessions([], max_gap=timedelta(0))
    with pytest.raises(ValueError, match="lead_in"):
        work_sessions([], lead_in=timedelta(minutes=-1))


def test_commits_touching_a_tasks_paths() -> None:
    commits = [
        c("a@x", "2026-01-22T09:00:00+00:00", "src/server.py"),
        c("a@x", "2026-01-22T09:30:00+00:00", "tests/e2e/test_flow.py", "docs/x.md"),
        c("a@x", "2026-01-22T15:00:00+00:00", "src/server.py", "tests/e2e/test_more.py"),
    ]
    picked = commits_touching(commits, lambda path: path.startswith("tests/e2e/"))
    assert picked == (commits[1], commits[2])
    assert actual_hours(work_sessions(picked)) == 1.0


def test_hours_on_a_real_repository_match_a_hand_computation(tmp_path: Path) -> None:
    repo = init(tmp_path / "r")
    ann = ("Ann", "ann@example.com")
    bob, bob_laptop = ("Bob", "bob@example.com"), ("bob", "bob@laptop.example")
    # Ann, in Nepal (+05:45):
    commit(repo, "2026-01-22T09:00:00+05:45", "a1", {"a1": "1\n"}, ann)  # 03:15 UTC
    commit(repo, "2026-01-22T10:30:00+05:45", "a2", {"a2": "1\n"}, ann)  # 04:45 UTC, 1 h 30 later
    commit(repo, "2026-01-22T12:30:00+05:45", "a3", {"a3": "1\n"}, ann)  # 06:45 UTC, exactly 2 h later
    commit(repo, "2026-01-22T13:00:00+05:45", "a4", {"a4": "1\n"}, ann)  # 07:15 UTC
    # Bob, in Niue (-11:00), from two addresses that .mailmap makes one:
    commit(repo, "2026-01-21T20:00:00-11:00", "b1", {"b1": "1\n"}, bob)  # 07:00 UTC on the 22nd
    commit(repo, "2026-01-21T21:40:00-11:00", "b2", {"b2": "1\n"}, bob_laptop)  # 08:40 UTC
    # The .mailmap itself, committed by Ann much later (a session of its own):
    commit(repo, "2026-01-23T09:00:00+05:45", "mailmap",
           {".mailmap": "Bob <bob@example.com> <bob@laptop.example>\n"}, ann)  # fmt: skip
    #
    # By hand, with max gap 2 h (strictly closer joins) and a 30 min lead-in:
    #   Ann 1: a1..a2  03:15 -> 04:45 UTC = 1 h 30 + 30 min = 2 h 00
    #   Ann 2: a3..a4  06:45 -> 07:15 UTC = 0 h 30 + 30 min = 1 h 00   (a2 -> a3 is exactly 2 h)
    #   Ann 3: mailmap 03:15 UTC on the 23rd                 = 0 h 30
    #   Bob 1: b1..b2  07:00 -> 08:40 UTC = 1 h 40 + 30 min = 2 h 10   (one author after .mailmap)
    #   total 2 h + 1 h + 30 min + 2 h 10 = 5 h 40 = 5.6667 h
    history = read_history(repo)
    sessions = work_sessions(history.commits)
    assert [(s.author, s.commits, s.hours) for s in sessions] == [
        ("ann@example.com", 2, 2.0),
        ("ann@example.com", 2, 1.0),
        ("bob@example.com", 2, 130 / 60),
        ("ann@example.com", 1, 0.5),
    ]
    assert actual_hours(sessions) == pytest.approx(5 + 40 / 60, abs=1e-12)
    # git reads .mailmap from the work tree: without it Bob is two authors with one-commit
    # sessions (30 min each), so 2 h + 1 h + 30 min + 30 min + 30 min = 4.5 h.
    (repo / ".mailmap").unlink()
    assert actual_hours(work_sessions(read_history(repo).commits)) == 4.5

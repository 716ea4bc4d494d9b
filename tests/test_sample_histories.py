"""The samples' history scripts: the hours their docstrings promise, deterministic and idempotent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from gitrepo import git

from sprintcheck.analysis.hours import actual_hours, work_sessions
from sprintcheck.sources.history import read_history
from sprintcheck.sources.timeline import read_test_timeline

SAMPLES = Path(__file__).resolve().parents[1] / "sample_runs"


def make_history(name: str, into: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SAMPLES / name / "make_history.py"), "--into", str(into)],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


def count_tests(content: bytes) -> int:
    return sum(1 for line in content.splitlines() if line.lstrip().startswith(b"def test_"))


def is_test_file(path: str) -> bool:
    return path.startswith("tests/") and path.rsplit("/", 1)[-1].startswith("test_")


@pytest.mark.parametrize(
    ("name", "hours", "created"),
    [
        ("sprint6", 10.0, {date(2026, 1, 22): 31, date(2026, 1, 24): 12}),
        ("honest", 14.0, {date(2026, 2, 2): 4, date(2026, 2, 4): 4, date(2026, 2, 10): 4}),
    ],
)
def test_a_sample_history_gives_the_hours_its_script_documents(
    tmp_path: Path, name: str, hours: float, created: dict[date, int]
) -> None:
    built = make_history(name, tmp_path / name)
    assert built.returncode == 0, built.stderr
    root = Path(built.stdout.strip())
    assert root == (tmp_path / name).resolve()
    sprint = tomllib.loads((root / "sprintcheck.toml").read_text())["sprint"]
    history = read_history(root, sprint["start"], sprint["end"])
    assert history.available and history.reason is None
    assert actual_hours(work_sessions(history.commits)) == hours
    assert read_test_timeline(root, history, is_test_file, count_tests).per_day == created
    # The repository holds the sample's own files, byte for byte, and nothing of the scripts.
    for rel in ("sprintcheck.toml", "reports/junit.xml", "tests/__init__.py"):
        assert (root / rel).read_bytes() == (SAMPLES / name / rel).read_bytes()
    assert not (root / "make_history.py").exists() and not (root / "README.md").exists()
    assert git(root, "status", "--porcelain") == ""


def test_sample_histories_are_deterministic_idempotent_and_careful(tmp_path: Path) -> None:
    first, second = make_history("sprint6", tmp_path / "a"), make_history("sprint6", tmp_path / "b")
    assert first.returncode == second.returncode == 0
    head = git(tmp_path / "a", "rev-parse", "HEAD")
    assert head == git(tmp_path / "b", "rev-parse", "HEAD")  # the same commit ids

    again = make_history("sprint6", tmp_path / "a")
    assert again.returncode == 0 and "is up to date" in again.stderr

    marker = tmp_path / "a" / ".git" / "sprintcheck-sample.json"
    marker.write_text(json.dumps({"sample": "sprint6", "hash": "stale"}))
    rebuilt = make_history("sprint6", tmp_path / "a")
    assert rebuilt.returncode == 0 and "built" in rebuilt.stderr
    assert git(tmp_path / "a", "rev-parse", "HEAD") == head

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep me\n")
    refused = make_history("sprint6", foreign)
    assert refused.returncode != 0
    assert "was not made by this script" in refused.stderr
    assert (foreign / "precious.txt").read_text() == "keep me\n"


def test_the_default_folder_is_in_the_cache_outside_the_checkout(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, str(SAMPLES / "honest" / "make_history.py")],
                          capture_output=True, text=True, timeout=60, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == tmp_path / "cache" / "sprintcheck" / "samples" / "honest"

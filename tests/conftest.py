"""Shared fixtures: real projects written to tmp folders, real pytest runs producing real JUnit XML."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_runs"
SUMMARY_WORDS = ("passed", "failed", "errors", "skipped", "xfailed", "xpassed")


def write_files(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


@dataclass(frozen=True)
class PytestRun:
    junit: Path
    summary: dict[str, int]
    stdout: str


def summary_counts(stdout: str) -> dict[str, int]:
    """pytest's own closing line, e.g. '1 failed, 6 passed, 1 error in 0.3s' -> counts by word."""
    last = [line for line in stdout.splitlines() if re.search(r" in [\d.]+s", line)][-1]
    counts = {word: 0 for word in SUMMARY_WORDS}
    for number, word in re.findall(r"(\d+) (\w+)", last):
        word = {"error": "errors"}.get(word, word)
        if word in counts:
            counts[word] = int(number)
    return counts


def run_pytest(project: Path, *args: str, junit_name: str = "reports/junit.xml") -> PytestRun:
    junit = project / junit_name
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--junitxml={junit}", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert junit.is_file(), completed.stdout + completed.stderr
    return PytestRun(junit, summary_counts(completed.stdout), completed.stdout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project folder with a pytest.ini, so pytest's rootdir is the project itself."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "pytest.ini").write_text("[pytest]\n")
    return root

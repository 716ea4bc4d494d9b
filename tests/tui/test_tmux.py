"""The real `sprintcheck` command in a real terminal (tmux), driven the way a person drives it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SPRINTCHECK = Path(sys.executable).parent / "sprintcheck"


def pane(session: str) -> str:
    return subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    ).stdout


def wait_for(session: str, text: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = pane(session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{pane(session)}")


@pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed, so no terminal to drive"
)
def test_open_the_demo_walk_to_a_finding_mark_it_and_quit(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    session = f"sprintcheck-test-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": os.environ["PATH"], "HOME": str(tmp_path), "XDG_CACHE_HOME": str(cache),
        "TERM": "xterm-256color", "LANG": "C.UTF-8",
    }  # fmt: skip
    command = f"{SPRINTCHECK} demo; echo exited-with-$?; sleep 30"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        env=env, check=True,
    )  # fmt: skip
    try:
        wait_for(session, "43 tests created, 7 executed, 6 passing")
        subprocess.run(["tmux", "send-keys", "-t", session, "2"], check=True)
        wait_for(session, "review  severity")
        subprocess.run(["tmux", "send-keys", "-t", session, "t"], check=True)
        wait_for(session, "❱ 3     assert response_before.status_code in [200, 400, 501]")
        subprocess.run(["tmux", "send-keys", "-t", session, "f"], check=True)
        screen = wait_for(session, "Review   to fix")
        assert "SC203 WARNING · honesty · smoke" in screen
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        wait_for(session, "exited-with-0")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    review = json.loads(
        (cache / "sprintcheck/samples/sprint6/.sprintcheck/review.json").read_text()
    )
    assert review["schema"] == "sprintcheck-review/1"
    [mark] = review["marks"]
    assert (mark["code"], mark["mark"], mark["note"]) == ("SC203", "to fix", "")
    assert mark["fingerprint"].startswith("SC203:smoke:")
    assert mark["title"] == "test_basic_inference accepts the failure it should catch"

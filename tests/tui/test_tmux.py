"""The real `sprintcheck` command in a real terminal (tmux), driven the way a person drives it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
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


def send(session: str, *keys: str) -> None:
    """Keys in one send-keys: they arrive together, as a fast typist's do."""
    subprocess.run(["tmux", "send-keys", "-t", session, *keys], check=True)


@contextmanager
def demo_session(home: Path, size: tuple[int, int], **env: str) -> Iterator[str]:
    """`sprintcheck demo` in a detached tmux session of `size`, its cache under `home`; yields
    the session once the first screen shows, and kills it on the way out."""
    session = f"sprintcheck-test-{uuid.uuid4().hex[:8]}"
    env = {
        "PATH": os.environ["PATH"], "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
        "TERM": "xterm-256color", "LANG": "C.UTF-8", **env,
    }  # fmt: skip
    command = f"{SPRINTCHECK} demo; echo exited-with-$?; sleep 30"
    width, height = size
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command],
        env=env, check=True,
    )  # fmt: skip
    try:
        wait_for(session, "43 tests created, 7 executed, 6 passing")
        yield session
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def review_file(home: Path) -> Path:
    """Where the demo keeps its review, the cache being under `home`."""
    return home / "cache/sprintcheck/samples/sprint6/.sprintcheck/review.json"


def review_marks(home: Path) -> list[dict]:
    review = json.loads(review_file(home).read_text())
    assert review["schema"] == "sprintcheck-review/1"
    return review["marks"]


@pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed, so no terminal to drive"
)
def test_open_the_demo_walk_to_a_finding_mark_it_and_quit(tmp_path: Path) -> None:
    with demo_session(tmp_path, (80, 24)) as session:
        send(session, "2")
        wait_for(session, "review  severity")
        send(session, "t")
        wait_for(session, "❱ 3     assert response_before.status_code in [200, 400, 501]")
        send(session, "f")
        screen = wait_for(session, "Review   to fix")
        assert "SC203 WARNING · honesty · smoke" in screen
        send(session, "q")
        wait_for(session, "exited-with-0")
    [mark] = review_marks(tmp_path)
    assert (mark["code"], mark["mark"], mark["note"]) == ("SC203", "to fix", "")
    assert mark["fingerprint"].startswith("SC203:smoke:")
    assert mark["title"] == "test_basic_inference accepts the failure it should catch"


def contrast_problems(screen: str) -> list[str]:
    """Text runs in a `capture-pane -e` screen whose 256-colour foreground and background are
    nearly the same brightness (grey on grey)."""

    def brightness(code: int) -> float:
        if code >= 232:
            return (8 + 10 * (code - 232)) / 255
        if code < 16:
            return 1.0 if code in (7, 15) else 0.5  # named colours: the terminal decides
        r, g, b = ((code - 16) // 36, (code - 16) // 6 % 6, (code - 16) % 6)
        level = [0, 95, 135, 175, 215, 255]
        return (0.299 * level[r] + 0.587 * level[g] + 0.114 * level[b]) / 255

    problems = []
    for line in screen.splitlines():
        fg = bg = None
        for codes, text in re.findall(r"\x1b\[([0-9;]*)m([^\x1b]*)", line):
            parts = codes.split(";")
            i = 0
            while i < len(parts):
                if parts[i] in ("38", "48") and parts[i + 1 : i + 2] == ["5"]:
                    if parts[i] == "38":
                        fg = int(parts[i + 2])
                    else:
                        bg = int(parts[i + 2])
                    i += 3
                    continue
                if parts[i] in ("0", ""):
                    fg = bg = None
                elif parts[i] == "39":
                    fg = None
                elif parts[i] == "49":
                    bg = None
                i += 1
            if fg is not None and bg is not None and re.search(r"\w", text):
                if abs(brightness(fg) - brightness(bg)) < 0.3:
                    problems.append(f"{fg} on {bg}: {text.strip()!r}")
    return problems


@pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed, so no terminal to drive"
)
def test_fast_keys_mark_the_row_under_the_cursor_and_no_color_stays_readable(
    tmp_path: Path,
) -> None:
    """`Down a` then `Down f`, each in one send-keys (as a fast typist's keys arrive), under
    NO_COLOR: the marks land on rows 2 and 3, and no word is drawn grey on grey."""
    written = review_file(tmp_path)
    with demo_session(tmp_path, (100, 30), NO_COLOR="1") as session:
        send(session, "2")
        wait_for(session, "review  severity")
        send(session, "Down", "a")
        send(session, "Down", "f")
        wait_for(session, "to fix")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if written.exists() and len(review_marks(tmp_path)) == 2:
                break
            time.sleep(0.1)
        screen = wait_for(session, "SC101 CRITICAL · execution · benchmark")  # the detail moved
        colours = subprocess.run(
            ["tmux", "capture-pane", "-e", "-p", "-t", session],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        send(session, "q")
        wait_for(session, "exited-with-0")
    marks = {m["fingerprint"]: m["mark"] for m in review_marks(tmp_path)}
    assert marks == {"SC101:stress:whole": "accepted", "SC101:benchmark:whole": "to fix"}, screen
    assert "critical" in screen and "to fix" in screen
    assert contrast_problems(colours) == []

"""Real git repositories for tests: `git init`, real commits with pinned dates, no mocks.

Every git command runs with the user's and the system's configuration shut out (GIT_CONFIG_GLOBAL,
GIT_CONFIG_NOSYSTEM), TZ=UTC, and a fixed identity, so commits and their ids are reproducible.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

DEFAULT_AUTHOR = ("Sprint Lead", "lead@example.com")


def git_env(extra: Mapping[str, str | bytes] | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        TZ="UTC",
        LC_ALL="C",
        GIT_AUTHOR_NAME=DEFAULT_AUTHOR[0],
        GIT_AUTHOR_EMAIL=DEFAULT_AUTHOR[1],
        GIT_COMMITTER_NAME=DEFAULT_AUTHOR[0],
        GIT_COMMITTER_EMAIL=DEFAULT_AUTHOR[1],
    )
    if extra:
        if any(isinstance(v, bytes) for v in extra.values()):
            env = {os.fsencode(k): os.fsencode(v) for k, v in env.items()}
            env.update({os.fsencode(k): os.fsencode(v) for k, v in extra.items()})
        else:
            env.update(extra)
    return env


def git(repo: Path, *args: str, env: Mapping[str, str | bytes] | None = None,
        input: bytes | None = None) -> str:  # fmt: skip
    """Run git in `repo`; return stdout (stripped). Fails the test with git's stderr on error."""
    done = subprocess.run(
        ["git", *args], cwd=repo, env=git_env(env), input=input, capture_output=True, timeout=120
    )
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    return done.stdout.decode("utf-8", "replace").strip()


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q")
    git(repo, "symbolic-ref", "HEAD", "refs/heads/main")
    return repo


def write(repo: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write (str or bytes) or delete (None) files in the work tree."""
    for name, content in files.items():
        path = repo / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


def commit(
    repo: Path,
    when: str,
    message: str = "work",
    files: Mapping[str, str | bytes | None] | None = None,
    author: tuple[str, str] = DEFAULT_AUTHOR,
    committed: str | None = None,
) -> str:
    """Commit `files` (written first; None deletes) at author date `when` (ISO 8601 with offset);
    the committer date is `committed` or the same. Returns the commit id."""
    if files:
        write(repo, files)
    git(repo, "add", "-A")
    env = {
        "GIT_AUTHOR_NAME": author[0],
        "GIT_AUTHOR_EMAIL": author[1],
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": committed or when,
    }
    git(repo, "commit", "-q", "--allow-empty", "-m", message, env=env)
    return git(repo, "rev-parse", "HEAD")


def lines(n: int, tag: str = "line") -> str:
    return "".join(f"{tag} {i}\n" for i in range(n))

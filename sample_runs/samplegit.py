"""Build a sample's git history in a cache folder outside the checkout (stdlib and git only).

Used by each sample's `make_history.py`. A sample is analysed against its own history, never the
history of the repository that holds `sample_runs/`, so the history is built elsewhere: a copy of the
sample's files, committed in the order and at the times its script lists, by one author.

- Deterministic: the same inputs give the same commit ids (pinned author and committer, dates with
  offsets, the user's and the system's git configuration shut out).
- Idempotent: `.git/sprintcheck-sample.json` records a hash of the inputs (the sample's files and
  the scripts); when it matches, nothing is done. When it does not, the folder is rebuilt from
  scratch. A folder that exists without that marker is never touched.
- Atomic: the repository is built beside the target and renamed into place.
- No network, no hooks, no signing.
"""

from __future__ import annotations

import re

import fnmatch
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

AUTHOR = ("Sprint Lead", "lead@example.com")
MARKER = "sprintcheck-sample.json"  # inside .git, so it is not a file of the project
# Not part of the project the sample stands for: the scripts that make it, and its own README.
EXCLUDED = ("make_*.py", "README.md")
EXCLUDED_DIRS = ("__pycache__", ".pytest_cache", ".git")


@dataclass(frozen=True)
class Step:
    """One commit: at `when` (ISO 8601 with offset), every sample file matching `take` that no
    earlier step took, plus `write` (generated files: path -> text)."""

    when: str
    message: str
    take: tuple[str, ...] = ()
    write: dict[str, str] = field(default_factory=dict)


def default_cache(name: str) -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "sprintcheck" / "samples" / name


def sample_files(sample: Path) -> list[str]:
    """The sample's files as POSIX paths, sorted, without the excluded ones."""
    found = []
    for folder, dirs, names in os.walk(sample):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_DIRS)
        for name in sorted(names):
            rel = Path(folder, name).relative_to(sample).as_posix()
            if "/" not in rel and any(fnmatch.fnmatchcase(rel, p) for p in EXCLUDED):
                continue
            found.append(rel)
    return sorted(found)


def inputs_hash(sample: Path, steps: list[Step], scripts: list[Path]) -> str:
    digest = hashlib.sha256()
    for script in scripts:
        digest.update(script.read_bytes())
    digest.update(repr(steps).encode())
    for rel in sample_files(sample):
        digest.update(rel.encode() + b"\0" + (sample / rel).read_bytes() + b"\0")
    return digest.hexdigest()


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        HOME=str(home),  # older git reads ~/.gitconfig even with GIT_CONFIG_GLOBAL unknown to it
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        LC_ALL="C",
        GIT_AUTHOR_NAME=AUTHOR[0],
        GIT_AUTHOR_EMAIL=AUTHOR[1],
        GIT_COMMITTER_NAME=AUTHOR[0],
        GIT_COMMITTER_EMAIL=AUTHOR[1],
    )
    return env


def _git(repo: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"make_history: git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def build(sample: Path, name: str, steps: list[Step], into: Path | None, scripts: list[Path]) -> Path:
    """Make (or keep, when up to date) the sample's repository; return its folder."""
    target = (into or default_cache(name)).resolve()
    digest = inputs_hash(sample, steps, scripts)
    marker = target / ".git" / MARKER
    if marker.is_file():
        try:
            recorded = json.loads(marker.read_text()).get("hash")
        except (OSError, ValueError):
            recorded = None
        if recorded == digest:
            print(f"make_history: {target} is up to date", file=sys.stderr)
            return target
    elif target.exists() and any(target.iterdir()):
        raise SystemExit(
            f"make_history: {target} exists and was not made by this script; "
            "choose another folder with --into"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=target.parent))
    try:
        _commit_steps(sample, steps, building)
        (building / ".git" / MARKER).write_text(json.dumps({"sample": name, "hash": digest}) + "\n")
        if target.exists():
            shutil.rmtree(target)
        building.rename(target)
    finally:
        if building.exists():
            shutil.rmtree(building)
    print(f"make_history: built {target}", file=sys.stderr)
    return target


def _commit_steps(sample: Path, steps: list[Step], repo: Path) -> None:
    files = sample_files(sample)
    taken: set[str] = set()
    with tempfile.TemporaryDirectory() as home:
        env = _env(Path(home))
        _git(repo, env, "init", "-q")
        _git(repo, env, "symbolic-ref", "HEAD", "refs/heads/main")
        for step in steps:
            paths = [
                rel for rel in files
                if rel not in taken and any(fnmatch.fnmatchcase(rel, p) for p in step.take)
            ]  # fmt: skip
            if step.take and not paths:
                raise SystemExit(f"make_history: step {step.message!r} takes no file: "
                                 f"nothing in {sample} matches {list(step.take)}")  # fmt: skip
            for rel in paths:
                (repo / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(sample / rel, repo / rel)
            for rel, text in step.write.items():
                (repo / rel).parent.mkdir(parents=True, exist_ok=True)
                (repo / rel).write_bytes(text.encode("utf-8"))  # the same bytes on every OS
            taken.update(paths)
            _git(repo, env, "add", "-A")
            dated = dict(env, GIT_AUTHOR_DATE=step.when, GIT_COMMITTER_DATE=step.when)
            done = subprocess.run(
                ["git", "-c", "commit.gpgSign=false", "-c", "core.hooksPath=" + os.devnull,
                 "commit", "-q", "--no-verify", "-m", step.message],
                cwd=repo, env=dated, capture_output=True, text=True,
            )  # fmt: skip
            if done.returncode != 0:
                raise SystemExit(f"make_history: commit {step.message!r} failed: {done.stderr.strip()}")
        missing = sorted(set(files) - taken)
        if missing:
            raise SystemExit(f"make_history: no step takes {missing}; add a catch-all last step")


def day_zero_plan(sample: Path, heading: str) -> str:
    """The sample's plan as committed on day 0: every task still to do, no claims yet."""
    text = (sample / "sprintcheck.toml").read_text(encoding="utf-8")
    text = re.sub(r'^status = "\w+"$', 'status = "todo"', text, flags=re.M)
    text = re.sub(r"^\[claims\]\n(?:[^\[\n].*\n|\n)*", "", text, flags=re.M)
    body = text[text.index("\n[") + 1 :]  # the header comments describe the status at the end
    return heading + "\n\n" + body


def build_for(script: Path, name: str, steps: list[Step], into: Path | None = None) -> Path:
    """The history repository of the sample that `script` (its make_history.py) belongs to."""
    script = script.resolve()
    return build(script.parent, name, steps, into, [Path(__file__).resolve(), script])


def main(script: Path, name: str, steps: list[Step], argv: list[str] | None = None) -> int:
    """The command line of a make_history.py: `[--into DIR]`; prints the repository's folder."""
    import argparse

    parser = argparse.ArgumentParser(description=f"Build the git history of the {name} sample.")
    parser.add_argument("--into", type=Path, help=f"folder to build in (default: {default_cache(name)})")
    args = parser.parse_args(argv)
    print(build_for(script, name, steps, args.into))
    return 0

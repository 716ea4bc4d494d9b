"""`sprintcheck init`: write a starter plan, or one imported from a Markdown plan, into a folder.

It writes one file and nothing else, atomically (a temporary file beside it, then a rename), and
never replaces an existing plan unless asked to.
"""

from __future__ import annotations

from pathlib import Path

from sprintcheck.atomic import write_atomically
from sprintcheck.errors import PlanError, UsageError
from sprintcheck.plan_writer import plan_from_markdown, starter_plan
from sprintcheck.sources.markdown_plan import read_markdown_plan
from sprintcheck.sources.plan import PLAN_FILE, find_plan


def run_init(target: Path, source: Path | None, force: bool, output: Path | None) -> Path:
    """Write the plan for the folder `target` and return its path.

    `source` is a Markdown plan to import; `output` the plan file to write (default
    `target/sprintcheck.toml`). It must sit in `target`, because every path in a plan is relative
    to the plan's own folder.
    """
    if not target.is_dir():
        problem = "is not a folder" if target.exists() else "no such folder"
        raise UsageError(problem, path=target)
    plan_path = output if output is not None else target / PLAN_FILE
    if plan_path.parent.resolve() != target.resolve():
        raise UsageError(
            f"must be in {target} (paths in a plan are relative to its folder)", path=plan_path
        )
    if not force:
        _refuse_to_replace(target, plan_path)
    if source is None:
        text = starter_plan(target)
    else:
        text = plan_from_markdown(read_markdown_plan(source), target, _shown(source, target))
    try:
        write_atomically(plan_path, text)
    except OSError as err:
        raise UsageError(f"cannot write ({err.strerror})", path=plan_path) from None
    return plan_path


def _refuse_to_replace(target: Path, plan_path: Path) -> None:
    if plan_path.exists():
        message = f"{plan_path.name} exists; use --force to replace it"
        raise UsageError(message, path=plan_path.parent)
    if plan_path.name != PLAN_FILE:
        return
    try:
        existing = find_plan(target)
    except PlanError:
        return  # a pyproject.toml that is not valid TOML holds no plan to hide
    if existing is not None:
        # sprintcheck.toml is read before [tool.sprintcheck], so writing it would hide that plan.
        raise UsageError(
            f"{existing.name} has a [tool.sprintcheck] plan that {PLAN_FILE} would replace; "
            "use --force to write it anyway",
            path=target,
        )


def _shown(source: Path, target: Path) -> str:
    """How the header names the document: relative to the plan when it is inside the folder."""
    try:
        return source.resolve().relative_to(target.resolve()).as_posix()
    except ValueError:
        return source.name

"""The command line: arguments -> inputs -> analyze() -> a report. The only place errors become exit codes.

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 unusable input or usage,
3 an internal error (a bug in sprintcheck: please report it with --debug output).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from sprintcheck import __version__
from sprintcheck.errors import SprintcheckError, UsageError
from sprintcheck.model import Severity, SprintReport
from sprintcheck.pipeline import Inputs, analyze

OK, FINDINGS, BAD_INPUT, INTERNAL = 0, 1, 2, 3
FAIL_ON = ("critical", "warning", "info", "never")
FORMATS = ("text", "markdown", "json")
DEMO = "demo"
DEMO_SAMPLE = "sprint6"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sprintcheck",
        description="Reality-check a sprint: is the evidence as good as the claim?",
        epilog="`sprintcheck demo` analyses the bundled sample (sample_runs/sprint6).",
    )
    parser.add_argument(
        "target",
        nargs="?",
        default=".",
        help="a folder with a plan (sprintcheck.toml or [tool.sprintcheck]), a plan file, "
        "or `demo` for the bundled sample (default: the current folder)",
    )
    parser.add_argument("--headless", action="store_true", help="print a summary instead of opening the app")
    parser.add_argument("--plan", type=Path, metavar="FILE", help="the plan file to use")
    parser.add_argument(
        "--junit",
        action="append",
        default=[],
        metavar="GLOB",
        help="JUnit XML results to read (repeatable; replaces the plan's results.junit)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="headless output format")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="critical",
        help="exit 1 when a finding is this severe or worse (default: critical)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    parser.add_argument("--version", action="version", version=f"sprintcheck {__version__}")
    return parser


def demo_folder() -> Path:
    """The bundled sample: inside the installed package, or beside src/ in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_runs" / DEMO_SAMPLE, here.parents[1] / "sample_runs" / DEMO_SAMPLE):
        if candidate.is_dir():
            return candidate
    raise UsageError("the bundled sample is missing from this installation", path=DEMO)


def demo_target() -> Path:
    """The demo sample's own git history, built into a cache folder on first use.

    The sample folder itself sits inside another repository (or inside site-packages), whose
    history is not the sample's; its make_history.py replays the sprint's commits elsewhere.
    """
    sample = demo_folder()
    script = sample / "make_history.py"
    spec = importlib.util.spec_from_file_location("sprintcheck_demo_history", script)
    writes_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # leave no __pycache__ in the installed sample
    try:
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return Path(module.build_history())
    except (Exception, SystemExit) as err:
        print(
            f"sprintcheck: the demo's git history could not be built ({err}); "
            "analysing the sample without it",
            file=sys.stderr,
        )
        return sample
    finally:
        sys.dont_write_bytecode = writes_bytecode


def exit_code(report: SprintReport, fail_on: str) -> int:
    if fail_on == "never":
        return OK
    threshold = Severity(fail_on).rank
    return FINDINGS if any(f.severity.rank >= threshold for f in report.findings) else OK


def render(report: SprintReport, fmt: str) -> str:
    """The report as text for a file or a pipe (plain, 80 columns for the text format)."""
    if fmt == "json":
        from sprintcheck.report.json_report import render_json

        return render_json(report) + "\n"
    if fmt == "markdown":
        from sprintcheck.report.markdown import render_markdown

        return render_markdown(report) + "\n"
    from rich.console import Console

    from sprintcheck.report.text import render as render_text

    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None, force_terminal=False).print(render_text(report))
    return buffer.getvalue()


def print_text(report: SprintReport) -> None:
    """Straight to stdout: rich picks colour and width, plain when piped, NO_COLOR honoured."""
    from rich.console import Console

    from sprintcheck.report.text import render as render_text

    Console().print(render_text(report))


def write_report(path: Path, text: str) -> None:
    """Replace a regular file atomically, so a reader never sees half a report.

    Anything else (a pipe, /dev/null, a terminal) is written in place: renaming over it would
    replace the device or pipe itself with a plain file.
    """
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as handle:
            handle.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def run(args: argparse.Namespace) -> int:
    target = demo_target() if args.target == DEMO else Path(args.target)
    report = analyze(Inputs(target=target, plan_file=args.plan, junit=tuple(args.junit)))
    if not args.headless:
        print(
            "sprintcheck: the interactive review is not built yet; showing the headless summary",
            file=sys.stderr,
        )
    if args.output is not None:
        try:
            write_report(args.output, render(report, args.format))
        except OSError as err:
            raise UsageError(f"cannot write the report ({err.strerror})", path=args.output) from None
    elif args.format == "text":
        print_text(report)
    else:
        sys.stdout.write(render(report, args.format))
    return exit_code(report, args.fail_on)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except SprintcheckError as err:
        if args.debug:
            raise
        print(f"sprintcheck: error: {err.one_line()}", file=sys.stderr)
        return BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # a bug: say so in one line, keep the traceback behind --debug
        if args.debug:
            raise
        print(
            f"sprintcheck: internal error: {type(err).__name__}: {err} (run with --debug for details)",
            file=sys.stderr,
        )
        return INTERNAL

"""The command line: arguments -> inputs -> analyze() -> a report. The only place errors become exit codes.

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 unusable input or usage,
3 an internal error (a bug in sprintcheck: please report it with --debug output).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sprintcheck import __version__
from sprintcheck.atomic import write_atomically
from sprintcheck.errors import ReviewError, SprintcheckError, UsageError
from sprintcheck.model import Severity, SprintReport
from sprintcheck.pipeline import Inputs, analyze
from sprintcheck.review import Review, default_review_path, load_review

if TYPE_CHECKING:
    from rich.console import RenderableType

OK, FINDINGS, BAD_INPUT, INTERNAL = 0, 1, 2, 3
FAIL_ON = ("critical", "warning", "info", "never")
FORMATS = ("text", "markdown", "json")
DEMO = "demo"
DEMO_SAMPLE = "sprint6"


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes in one line, as every other error: the full usage is under --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="sprintcheck",
        description="Reality-check a sprint: is the evidence as good as the claim?",
        epilog="`sprintcheck demo` opens the bundled sample (sample_runs/sprint6). Other commands: "
        "`sprintcheck init [--from PLAN.md]` writes a starter plan; `sprintcheck audit STATUS.md` "
        "checks a status document's claims (each has --help).",
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
    parser.add_argument(
        "--coverage",
        action="append",
        default=[],
        metavar="GLOB",
        help="coverage data to read: .coverage, coverage.xml or coverage.json "
        "(repeatable; replaces the plan's results.coverage)",
    )
    parser.add_argument(
        "--baseline-coverage",
        type=Path,
        metavar="FILE",
        help="coverage data from before the work, for before/after per module "
        "(replaces the plan's coverage.baseline)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="headless output format")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="critical",
        help="exit 1 when a finding is this severe or worse (default: critical)",
    )
    parser.add_argument(
        "--review",
        type=Path,
        metavar="FILE",
        help="the review marks file (default: .sprintcheck/review.json beside the plan)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="in the app, reload when the plan, results or coverage files change",
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


def plain(view: RenderableType) -> str:
    """A rich view as plain text for a file or a pipe: no colour, 80 columns."""
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None, force_terminal=False).print(view)
    return buffer.getvalue()


def deliver(
    output: Path | None,
    fmt: str,
    view: Callable[[], RenderableType],
    formatted: Callable[[str], str],
) -> None:
    """Send a report where it was asked for: the rich `view` for text, `formatted(fmt)` otherwise.

    On a terminal rich picks colour and width (NO_COLOR honoured); a file gets plain text.
    """
    if output is not None:
        text = plain(view()) if fmt == "text" else formatted(fmt)
        try:
            write_atomically(output, text)
        except OSError as err:
            raise UsageError(f"cannot write the report ({err.strerror})", path=output) from None
    elif fmt == "text":
        from rich.console import Console

        Console().print(view())
    else:
        sys.stdout.write(formatted(fmt))


def report_view(report: SprintReport, review: Review | None) -> RenderableType:
    from sprintcheck.report.text import render as render_text

    return render_text(report, review)


def formatted_report(report: SprintReport, review: Review | None, fmt: str) -> str:
    if fmt == "json":
        from sprintcheck.report.json_report import render_json

        return render_json(report, review) + "\n"
    from sprintcheck.report.markdown import render_markdown

    return render_markdown(report, review) + "\n"


def review_marks(report: SprintReport, target: Path, review_file: Path | None) -> Review | None:
    """The team's marks, when a review file exists. A broken one costs the marks, not the report."""
    path = review_file or default_review_path(report.snapshot.plan, target)
    if not path.exists():
        return None
    try:
        return load_review(path)
    except ReviewError as err:
        print(f"sprintcheck: review marks not shown: {err.one_line()}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    target = demo_target() if args.target == DEMO else Path(args.target)
    inputs = Inputs(
        target=target,
        plan_file=args.plan,
        junit=tuple(args.junit),
        coverage=tuple(args.coverage),
        baseline_coverage=args.baseline_coverage,
    )
    wants_app = not args.headless and args.output is None and args.format == "text"
    if wants_app and sys.stdin.isatty() and sys.stdout.isatty():
        from sprintcheck.tui.app import run_app  # Textual is loaded only for the app

        return run_app(inputs, args.review, args.watch)
    if wants_app:  # CI, a pipe: never wait for keys that will not come
        print("sprintcheck: not a terminal, so printing the headless summary", file=sys.stderr)
    report = analyze(inputs)
    review = review_marks(report, target, args.review)
    deliver(
        args.output,
        args.format,
        lambda: report_view(report, review),
        lambda fmt: formatted_report(report, review, fmt),
    )
    return exit_code(report, args.fail_on)


def build_init_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="sprintcheck init",
        description="Write a starter sprintcheck.toml for a repository: categories from its test "
        "folders, the results and coverage files it finds, or the tasks of a Markdown plan.",
    )
    parser.add_argument("target", nargs="?", default=".", type=Path, help="the repository folder")
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="PLAN.md",
        help="import phases and checkbox tasks with hour estimates from a Markdown plan",
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="the plan file to write")
    parser.add_argument("--force", action="store_true", help="replace an existing plan file")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def run_init_command(args: argparse.Namespace) -> int:
    from sprintcheck.init_command import run_init

    written = run_init(args.target, args.source, args.force, args.output)
    print(f"sprintcheck: wrote {written}; check it, then run `sprintcheck --headless {args.target}`")
    return OK


def build_audit_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="sprintcheck audit",
        description="Check the claims of a Markdown status document against the evidence: each "
        "claim with its line, the measured value and a verdict. Exit 1 when one is contradicted.",
    )
    parser.add_argument("document", type=Path, help="the status or review document (Markdown)")
    parser.add_argument(
        "target", nargs="?", default=".", help="the repository the document describes, or `demo`"
    )
    parser.add_argument("--plan", type=Path, metavar="FILE", help="the plan file to use")
    parser.add_argument("--junit", action="append", default=[], metavar="GLOB", help="results")
    parser.add_argument("--coverage", action="append", default=[], metavar="GLOB", help="coverage")
    parser.add_argument("--format", choices=FORMATS, default="text", help="output format")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the audit to FILE")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    return parser


def run_audit_command(args: argparse.Namespace) -> int:
    from sprintcheck.analysis.audit import audit
    from sprintcheck.report.audit_report import (
        render_audit_json,
        render_audit_markdown,
        render_audit_text,
    )
    from sprintcheck.sources.status_doc import read_status_claims

    claims = read_status_claims(args.document)  # a bad document stops before any analysis
    target = demo_target() if args.target == DEMO else Path(args.target)
    inputs = Inputs(target, args.plan, tuple(args.junit), tuple(args.coverage))
    lines = audit(claims, analyze(inputs))
    name = str(args.document)
    renderers = {"json": render_audit_json, "markdown": render_audit_markdown}
    deliver(
        args.output,
        args.format,
        lambda: render_audit_text(name, lines),
        lambda fmt: renderers[fmt](name, lines) + "\n",
    )
    return FINDINGS if any(line.verdict == "contradicted" for line in lines) else OK


COMMANDS = {
    "init": (build_init_parser, run_init_command),
    "audit": (build_audit_parser, run_audit_command),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        build, command = COMMANDS[argv[0]]
        return _guarded(command, build().parse_args(argv[1:]))
    return _guarded(run, build_parser().parse_args(argv))


def _guarded(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    try:
        return command(args)
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

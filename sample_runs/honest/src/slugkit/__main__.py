"""Command line: ``python -m slugkit slug TEXT`` or ``python -m slugkit seconds DURATION``."""

from __future__ import annotations

import argparse
import sys

from slugkit import parse_duration, slugify


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="slugkit")
    sub = parser.add_subparsers(dest="command", required=True)
    slug = sub.add_parser("slug", help="print the slug of TEXT")
    slug.add_argument("text")
    slug.add_argument("--sep", default="-")
    seconds = sub.add_parser("seconds", help="print the seconds in DURATION")
    seconds.add_argument("duration")
    args = parser.parse_args(argv)

    if args.command == "slug":
        print(slugify(args.text, sep=args.sep))
        return 0
    try:
        print(parse_duration(args.duration))
    except ValueError as exc:
        print(f"slugkit: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

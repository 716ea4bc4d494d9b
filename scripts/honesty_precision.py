#!/usr/bin/env python3
"""Precision study of the honesty checks on real test suites (issue 4: "measure false positives").

    .venv/bin/python scripts/honesty_precision.py DIR [DIR...] [--codes SC201,SC203,SC204]
    .venv/bin/python scripts/honesty_precision.py /tmp/verify_third_party/*/src/*

For each project folder: the inventory (`scan_tests` with the project's pytest configuration),
then `inspect_honesty` over it; prints the tests found and read, the issue counts per code
(suppressed ones apart), and every issue of the listed codes (default SC201, SC203, SC204: the
ones to classify by hand) as `path:line  CODE  test  | quote`. `--json FILE` writes the same as
JSON, for comparing runs.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from sprintcheck.sources.honesty import inspect_honesty
from sprintcheck.sources.inventory import scan_tests
from sprintcheck.sources.pytest_config import read_pytest_config

CODES = ("SC201", "SC202", "SC203", "SC204", "SC205", "SC206", "SC207")


def study(root: Path, listed: set[str]) -> dict[str, object]:
    started = time.perf_counter()
    inventory = scan_tests(root, read_pytest_config(root))
    found, problems = inspect_honesty(root, inventory.tests)
    seconds = time.perf_counter() - started
    counts: Counter[str] = Counter()
    suppressed: Counter[str] = Counter()
    names = {test.location: test.nodeid for test in inventory.tests}
    listing = []
    for location, honesty in sorted(found.items(), key=lambda kv: (kv[0].path, kv[0].line or 0)):
        for issue in honesty.issues:
            (suppressed if issue.suppressed else counts)[issue.code] += 1
            if issue.code in listed:
                listing.append(
                    {
                        "where": f"{location.path}:{issue.line}",
                        "code": issue.code,
                        "test": names[location].split("::", 1)[1],
                        "quote": issue.quote,
                        "suppressed": issue.suppressed,
                    }
                )
    return {
        "project": str(root),
        "tests": len(inventory.tests),
        "definitions": len({test.location for test in inventory.tests}),
        "read": len(found),
        "hollow": sum(h.hollow for h in found.values()),
        "seconds": round(seconds, 2),
        "counts": {code: counts[code] for code in CODES},
        "suppressed": {code: suppressed[code] for code in CODES if suppressed[code]},
        "problems": [str(p) for p in (*inventory.problems, *problems)],
        "listing": listing,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--codes", default="SC201,SC203,SC204", help="codes to list one by one")
    parser.add_argument("--json", type=Path, help="write the figures and listings here")
    args = parser.parse_args(argv)
    listed = {code.strip() for code in args.codes.split(",") if code.strip()}
    results = []
    for root in args.dirs:
        if not root.is_dir():
            print(f"{root}: not a folder", file=sys.stderr)
            return 2
        result = study(root.resolve(), listed)
        results.append(result)
        counts = "  ".join(f"{code} {n}" for code, n in result["counts"].items())  # type: ignore
        print(f"== {root}")
        print(
            f"   {result['tests']} tests ({result['definitions']} definitions, "
            f"{result['read']} read), {result['hollow']} hollow, {result['seconds']} s"
        )
        print(f"   {counts}")
        if result["suppressed"]:
            print(f"   suppressed: {result['suppressed']}")
        for problem in result["problems"]:  # type: ignore[union-attr]
            print(f"   problem: {problem}")
        for item in result["listing"]:  # type: ignore[union-attr]
            quote = item["quote"].replace("\n", " / ")
            print(f"   {item['where']}  {item['code']}  {item['test']}  | {quote}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

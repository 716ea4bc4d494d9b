#!/usr/bin/env python3
"""Build the git history of the Sprint 6 sample, in a cache folder outside the checkout.

    python sample_runs/sprint6/make_history.py [--into DIR]

Default folder: $XDG_CACHE_HOME/sprintcheck/samples/sprint6 (or ~/.cache/...). The script prints
the folder; analyse that folder (`sprintcheck DIR`), never sample_runs/sprint6 itself, which sits
inside the sprintcheck repository. Stdlib and git only, no network, deterministic (the same commit
ids every time), well under a second. Re-running does nothing unless the sample's files or these
scripts changed; then the folder is rebuilt from scratch (see ../samplegit.py).

The story of the review (sprint6-review.md): a sprint planned at 60 hours (2026-01-22..2026-02-01),
whose Days 0-7 were "done in ~10 hours": two hours of documents, two of test files, a server that
answers 501, and one run of the smoke suite, committed on the morning of the review (2026-01-25).
One author, Sprint Lead <lead@example.com>, in +01:00. All 43 tests are created in these commits:
31 on 2026-01-22 (smoke 7, e2e 12, stress 12) and 12 on 2026-01-24 (benchmarks).

Expected actual hours, with the defaults (sessions split where commits are 2 h apart or more, and
30 minutes of lead-in before each session's first commit):

    Thu 22  09:30 10:15 11:05 12:00    one session  09:00-12:00   3.0 h   plan, server, docs
    Thu 22  14:30 15:20 16:10 17:00    one session  14:00-17:00   3.0 h   helpers, smoke, e2e, stress
            (12:00 -> 14:30 is 2 h 30: a new session)
    Sat 24  10:00 11:00 12:00          one session  09:30-12:00   2.5 h   benchmarks, docs
    Sun 25  09:00 10:00                one session  08:30-10:00   1.5 h   smoke results, status
                                                                 ------
                                                                 10.0 h  -> 60 planned / 10 = 6.0x
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from samplegit import Step, build_for, day_zero_plan, main  # noqa: E402


def plan_at_start() -> str:
    return day_zero_plan(HERE, '# Plan for Sprint 6 of the inference server, as planned on 2026-01-22 (Day 0).')


PLAN_DOC = """\
# Sprint 6: the inference server, tested end to end

Goal: full system tested end-to-end with documented performance.

| day | work | estimate |
|-----|------|----------|
| D0 | server skeleton: /health, /v1/models, graceful shutdown | 3-5 h |
| D1 | model loading and /v1/messages | 6-10 h |
| D2 | smoke suite against the real server | 3-5 h |
| D3 | production hardening: CORS, error responses | 4-6 h |
| D4 | streaming (stream=true) | 4-8 h |
| D5 | e2e tests against the live server | 6-10 h |
| D6 | stress tests: 100+ workers, memory profiling | 8-12 h |
| D7 | latency and throughput benchmarks | 6-10 h |
| D8 | run every suite against the real model, debug failures | 4-6 h |
| D9 | performance report and sprint close | 1-3 h |

Planned: 60 hours over 3.5 days of focused work.
"""

ARCHITECTURE = """\
# Architecture

- `inference_server.server`: a stdlib HTTP server. `/health` and `/v1/models` answer 200.
- `POST /v1/messages` runs the model; until inference lands it answers 501 Not Implemented.
- OPTIONS answers 204 with CORS headers for browser clients.
- The model (`mlx-community/gemma-3-12b-it-4bit`) loads once at start-up: about 60 s.
- Streaming (`?stream=true`) sends server-sent events, one chunk per token.
- Shutdown drains open requests, then stops the model worker.
"""

TEST_STRATEGY = """\
# Test strategy

Every suite talks to a real server started as a subprocess (`live_server` fixture).

- smoke: 7 tests, one per endpoint and behaviour, run on every change.
- e2e: 12 tests, whole flows: messages, concurrency, cache persistence, streaming.
- stress: 12 tests, up to 100 workers, rapid requests, memory read from /proc.
- benchmark: 12 tests, latency by prompt length, throughput, start-up time.

A test passes only on a real model answer.
"""

BENCHMARKS = """\
# Benchmark methodology

- Latency: time to the last byte for prompts of 16, 256 and 2048 tokens, best of 5.
- Throughput: requests per second with 1, 8 and 32 concurrent clients over 60 s.
- Start-up: from process start to the first 200 on /health.
- Each figure is recorded with the model, the machine and the commit.
"""

PROGRESS = """\
# Progress, Days 0-7

- D0-D3 done: server, endpoints, CORS.
- D4 streaming in progress.
- D5-D7 done: e2e, stress and benchmark suites written (36 tests).
- Smoke suite to run against the real model next.
"""

# +01:00: the author's clock. See the docstring for the sessions these times make.
STEPS = [
    Step("2026-01-22T09:30:00+01:00", "Sprint 6 plan: Days 0-9 with estimates",
         take=(".gitignore", "pytest.ini"),
         write={"sprintcheck.toml": plan_at_start(), "docs/sprint6-plan.md": PLAN_DOC}),
    Step("2026-01-22T10:15:00+01:00", "D0/D1: server skeleton, /health, /v1/models, /v1/messages stub",
         take=("src/inference_server/*",)),
    Step("2026-01-22T11:05:00+01:00", "Architecture notes", write={"docs/architecture.md": ARCHITECTURE}),
    Step("2026-01-22T12:00:00+01:00", "Test strategy: smoke, e2e, stress, benchmark",
         write={"docs/test-strategy.md": TEST_STRATEGY}),
    Step("2026-01-22T14:30:00+01:00", "Test helpers: live server subprocess fixture",
         take=("tests/__init__.py", "tests/conftest.py", "tests/helpers.py")),
    Step("2026-01-22T15:20:00+01:00", "D2: smoke suite against the real server (7 tests)",
         take=("tests/smoke/*",)),
    Step("2026-01-22T16:10:00+01:00", "D5: e2e tests against the live server (12 tests)",
         take=("tests/e2e/*",)),
    Step("2026-01-22T17:00:00+01:00", "D6: stress tests: 100 workers, rapid requests, memory (12 tests)",
         take=("tests/stress/*",)),
    Step("2026-01-24T10:00:00+01:00", "D7: latency, throughput and start-up benchmarks (12 tests)",
         take=("tests/benchmarks/*",)),
    Step("2026-01-24T11:00:00+01:00", "Benchmark methodology", write={"docs/benchmarks.md": BENCHMARKS}),
    Step("2026-01-24T12:00:00+01:00", "Progress notes, Days 0-7", write={"docs/progress.md": PROGRESS}),
    Step("2026-01-25T09:00:00+01:00", "Smoke run against the real model: 6 passed, 1 failed",
         take=("reports/*",)),
    Step("2026-01-25T10:00:00+01:00", "Status for the review: Days 0-7 done, 78 % complete",
         take=("sprintcheck.toml", "*")),
]  # fmt: skip

def build_history(into: Path | None = None) -> Path:
    """Build (or reuse) the history repository; `sprintcheck demo` calls this."""
    return build_for(Path(__file__), "sprint6", STEPS, into)


if __name__ == "__main__":
    sys.exit(main(Path(__file__), "sprint6", STEPS))

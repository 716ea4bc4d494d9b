"""Stress fixtures: one server subprocess per module, worker pools, memory readings.

Memory is read from /proc (Linux, see tests.helpers.rss_kib) so no psutil is needed.
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest

from tests.helpers import (
    Client,
    free_port,
    start_server_process,
    stop_server_process,
    wait_until_healthy,
)


@dataclass
class LoadResult:
    statuses: list[int]
    errors: list[BaseException]
    elapsed_s: float

    @property
    def ok(self) -> int:
        return sum(1 for status in self.statuses if status == 200)


@pytest.fixture(scope="module")
def stress_server():
    if not sys.platform.startswith("linux"):
        pytest.skip("memory readings use /proc")
    port = free_port()
    proc = start_server_process(port)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url)
        yield proc, base_url
    finally:
        stop_server_process(proc)


@pytest.fixture
def run_load(stress_server):
    """run_load(workers, requests_per_worker, method, path, payload) -> LoadResult"""
    _, base_url = stress_server

    def run(workers, requests_per_worker, method="GET", path="/health", payload=None):
        client = Client(base_url, timeout=300.0)

        def one_worker(_):
            statuses, errors = [], []
            for _ in range(requests_per_worker):
                try:
                    statuses.append(client.request(method, path, json_body=payload).status_code)
                except Exception as exc:  # counted, not raised: the test asserts on them
                    errors.append(exc)
            return statuses, errors

        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(one_worker, range(workers)))
        elapsed = time.perf_counter() - t0
        return LoadResult(
            statuses=[s for statuses, _ in outcomes for s in statuses],
            errors=[e for _, errors in outcomes for e in errors],
            elapsed_s=elapsed,
        )

    return run

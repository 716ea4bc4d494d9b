"""Benchmark fixtures: a module-scoped live server and a small timing harness."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass

import pytest

from tests.helpers import (
    Client,
    free_port,
    start_server_process,
    stop_server_process,
    wait_until_healthy,
)


@dataclass
class Timing:
    name: str
    samples: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=20)[18]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples)


@pytest.fixture(scope="module")
def bench_server():
    port = free_port()
    proc = start_server_process(port)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url)
        yield base_url
    finally:
        stop_server_process(proc)


@pytest.fixture
def bench_client(bench_server) -> Client:
    return Client(bench_server, timeout=300.0)


@pytest.fixture
def measure(request, tmp_path):
    """measure(fn, runs, warmup) -> Timing; each timing is also saved as JSON."""

    def run(fn, runs=20, warmup=2):
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
        timing = Timing(request.node.name, samples)
        out = tmp_path / "timing.json"
        out.write_text(json.dumps({**asdict(timing), "p50": timing.p50}, indent=2))
        return timing

    return run

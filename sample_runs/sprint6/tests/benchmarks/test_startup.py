import time

import pytest

from tests.helpers import free_port, start_server_process, stop_server_process, wait_until_healthy

pytestmark = pytest.mark.benchmark


def _time_to_healthy() -> float:
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server_process(port)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}")
        return time.perf_counter() - t0
    finally:
        stop_server_process(proc)


def test_cold_start_time():
    assert _time_to_healthy() < 120.0


def test_warm_restart_faster_than_cold_start():
    cold = _time_to_healthy()
    warm = _time_to_healthy()  # weights now in the OS page cache
    assert warm < cold

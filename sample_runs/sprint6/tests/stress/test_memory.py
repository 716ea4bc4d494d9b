import pytest

from tests.helpers import rss_kib

pytestmark = pytest.mark.stress

MIB = 1024  # rss_kib() returns KiB


def test_rss_stable_after_1000_requests(stress_server, run_load, message_payload):
    proc, _ = stress_server
    run_load(10, 10, "POST", "/v1/messages", message_payload)  # warm-up
    before = rss_kib(proc.pid)
    result = run_load(10, 100, "POST", "/v1/messages", message_payload)
    after = rss_kib(proc.pid)
    assert result.ok == 1000
    assert after - before < 200 * MIB, f"RSS grew {(after - before) / MIB:.0f} MiB"


def test_no_leak_on_large_prompts(stress_server, run_load):
    proc, _ = stress_server
    payload = {
        "model": "mlx-community/gemma-3-12b-it-4bit",
        "max_tokens": 8,
        "messages": [{"role": "user", "content": "lorem ipsum " * 20000}],
    }
    readings = []
    for _ in range(5):
        result = run_load(4, 5, "POST", "/v1/messages", payload)
        assert result.ok == 20
        readings.append(rss_kib(proc.pid))
    assert readings[-1] - readings[1] < 100 * MIB


def test_rss_returns_after_burst(stress_server, run_load, message_payload):
    proc, _ = stress_server
    baseline = rss_kib(proc.pid)
    run_load(100, 2, "POST", "/v1/messages", message_payload)
    peak = rss_kib(proc.pid)
    run_load(1, 20)
    settled = rss_kib(proc.pid)
    assert peak >= baseline
    assert settled - baseline < 0.25 * (peak - baseline) + 50 * MIB


def test_memory_under_8gb_with_model_loaded(stress_server):
    proc, _ = stress_server
    assert rss_kib(proc.pid) < 8 * 1024 * MIB

import time

import pytest

pytestmark = pytest.mark.stress


def test_10_agents_50_rapid_requests(run_load, message_payload):
    result = run_load(10, 50, "POST", "/v1/messages", message_payload)
    assert result.errors == []
    assert result.ok == 500


def test_500_rapid_health_checks(run_load):
    result = run_load(1, 500)
    assert result.ok == 500
    assert result.elapsed_s / 500 < 0.05


def test_burst_after_idle(run_load, message_payload):
    warm = run_load(4, 1, "POST", "/v1/messages", message_payload)
    time.sleep(30)
    burst = run_load(40, 1, "POST", "/v1/messages", message_payload)
    assert warm.ok == 4
    assert burst.errors == []
    assert burst.ok == 40


def test_sustained_load_for_60_seconds(run_load, message_payload):
    deadline = time.monotonic() + 60
    rounds = 0
    while time.monotonic() < deadline:
        result = run_load(8, 1, "POST", "/v1/messages", message_payload)
        assert result.errors == []
        assert result.ok == 8
        rounds += 1
    assert rounds >= 3

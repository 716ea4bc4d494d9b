import pytest

pytestmark = pytest.mark.stress


def test_10_workers_health(run_load):
    result = run_load(workers=10, requests_per_worker=20)
    assert result.errors == []
    assert result.ok == 200


def test_50_workers_messages(run_load, message_payload):
    result = run_load(50, 2, "POST", "/v1/messages", message_payload)
    assert result.errors == []
    assert result.ok == 100


def test_100_workers_messages(run_load, message_payload):
    result = run_load(100, 1, "POST", "/v1/messages", message_payload)
    assert result.errors == []
    assert result.ok == 100
    assert result.elapsed_s < 600


def test_bad_requests_do_not_disturb_good_ones(run_load, message_payload):
    bad = run_load(20, 5, "POST", "/v1/messages", {"messages": "not a list"})
    good = run_load(20, 1, "POST", "/v1/messages", message_payload)
    assert set(bad.statuses) == {400}
    assert good.errors == []
    assert good.ok == 20

import threading

import pytest

pytestmark = pytest.mark.e2e

N_CLIENTS = 8


def _run_together(n, fn):
    """Start n threads that all call fn(i) at the same instant (threading.Barrier)."""
    barrier = threading.Barrier(n)
    results = [None] * n
    errors = []

    def worker(i):
        try:
            barrier.wait(timeout=30)
            results[i] = fn(i)
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results, errors


def test_concurrent_requests_all_succeed(client, message_payload):
    results, errors = _run_together(
        N_CLIENTS, lambda i: client.post("/v1/messages", json=message_payload)
    )
    assert errors == []
    assert [r.status_code for r in results] == [200] * N_CLIENTS


def test_concurrent_requests_do_not_mix_outputs(client):
    def ask(i):
        payload = {
            "model": "mlx-community/gemma-3-12b-it-4bit",
            "max_tokens": 16,
            "messages": [{"role": "user", "content": f"Repeat exactly: token-{i}"}],
        }
        return client.post("/v1/messages", json=payload)

    results, errors = _run_together(N_CLIENTS, ask)
    assert errors == []
    for i, response in enumerate(results):
        assert response.status_code == 200
        text = response.json()["content"][0]["text"]
        assert f"token-{i}" in text
        assert not any(f"token-{j}" in text for j in range(N_CLIENTS) if j != i)

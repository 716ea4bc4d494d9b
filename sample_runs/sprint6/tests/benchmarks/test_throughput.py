import time
from concurrent.futures import ThreadPoolExecutor

import pytest

PAYLOAD = {
    "model": "mlx-community/gemma-3-12b-it-4bit",
    "max_tokens": 128,
    "messages": [{"role": "user", "content": "Count from one to fifty in words."}],
}


def _requests_per_second(client, clients: int, total: int) -> float:
    def one(_):
        assert client.post("/v1/messages", json=PAYLOAD).status_code == 200

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, range(total)))
    return total / (time.perf_counter() - t0)


@pytest.mark.benchmark
class TestThroughput:
    def test_requests_per_second_single_client(self, bench_client):
        assert _requests_per_second(bench_client, clients=1, total=20) > 0.5

    def test_requests_per_second_8_clients(self, bench_client):
        single = _requests_per_second(bench_client, clients=1, total=16)
        eight = _requests_per_second(bench_client, clients=8, total=64)
        assert eight > 1.5 * single

    def test_output_tokens_per_second(self, bench_client):
        t0 = time.perf_counter()
        response = bench_client.post("/v1/messages", json=PAYLOAD)
        elapsed = time.perf_counter() - t0
        assert response.status_code == 200
        tokens = response.json()["usage"]["output_tokens"]
        assert tokens / elapsed > 20

    def test_streaming_tokens_per_second(self, bench_client):
        t0 = time.perf_counter()
        response = bench_client.post("/v1/messages?stream=true", json={**PAYLOAD, "stream": True})
        elapsed = time.perf_counter() - t0
        assert response.status_code == 200
        deltas = response.text.count("event: content_block_delta")
        assert deltas / elapsed > 20

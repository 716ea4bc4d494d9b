import time

import pytest

pytestmark = pytest.mark.e2e

LONG_PROMPT = "You are a careful assistant. " * 200


def _payload(question: str) -> dict:
    return {
        "model": "mlx-community/gemma-3-12b-it-4bit",
        "max_tokens": 8,
        "system": LONG_PROMPT,
        "messages": [{"role": "user", "content": question}],
    }


def test_cache_files_written(restartable_server):
    start, stop, cache_dir = restartable_server
    client = start()
    response = client.post("/v1/messages", json=_payload("First question?"))
    assert response.status_code == 200
    stop()
    cached = list(cache_dir.glob("*.safetensors"))
    assert cached, f"no prompt cache written to {cache_dir}"
    assert all(path.stat().st_size > 0 for path in cached)


def test_cache_survives_restart(restartable_server):
    start, stop, cache_dir = restartable_server
    client = start()
    assert client.post("/v1/messages", json=_payload("Warm the cache.")).status_code == 200
    stop()
    files_before = sorted(p.name for p in cache_dir.iterdir())

    client = start()
    response = client.post("/v1/messages", json=_payload("Second question?"))
    assert response.status_code == 200
    assert response.json()["usage"].get("cache_read_input_tokens", 0) > 0
    assert sorted(p.name for p in cache_dir.iterdir())[: len(files_before)] == files_before


def test_cache_hit_is_faster(client):
    payload = _payload("How fast is a cache hit?")
    t0 = time.perf_counter()
    assert client.post("/v1/messages", json=payload).status_code == 200
    cold = time.perf_counter() - t0

    t0 = time.perf_counter()
    assert client.post("/v1/messages", json=payload).status_code == 200
    warm = time.perf_counter() - t0

    assert warm < cold * 0.8, f"cache hit {warm:.2f}s not faster than miss {cold:.2f}s"

import pytest

from tests.helpers import parse_sse

pytestmark = pytest.mark.benchmark


def _ok(response):
    assert response.status_code == 200, response.text
    return response


def _payload(prompt: str, max_tokens: int = 32, stream: bool = False) -> dict:
    return {
        "model": "mlx-community/gemma-3-12b-it-4bit",
        "max_tokens": max_tokens,
        "stream": stream,
        "messages": [{"role": "user", "content": prompt}],
    }


def test_health_latency_p50(bench_client, measure):
    timing = measure(lambda: _ok(bench_client.get("/health")), runs=200)
    assert timing.p50 < 0.005


def test_models_latency_p95(bench_client, measure):
    timing = measure(lambda: _ok(bench_client.get("/v1/models")), runs=200)
    assert timing.p95 < 0.020


def test_time_to_first_token(bench_client, measure):
    def first_token():
        response = _ok(bench_client.post("/v1/messages?stream=true", json=_payload("Hi", 1, True)))
        assert any(name == "content_block_delta" for name, _ in parse_sse(response.text))

    timing = measure(first_token, runs=10)
    assert timing.p50 < 0.5


def test_message_latency_short_prompt(bench_client, measure):
    timing = measure(lambda: _ok(bench_client.post("/v1/messages", json=_payload("Hello!"))))
    assert timing.p95 < 2.0


def test_message_latency_long_prompt(bench_client, measure):
    prompt = "Summarise this paragraph. " + "The quick brown fox jumps over the lazy dog. " * 300
    timing = measure(lambda: _ok(bench_client.post("/v1/messages", json=_payload(prompt))), runs=5)
    assert timing.p50 < 10.0


@pytest.mark.parametrize("prompt_words", [32, 256, 1024])
def test_latency_by_prompt_length(bench_client, measure, prompt_words):
    prompt = " ".join(["token"] * prompt_words)
    payload = _payload(prompt, max_tokens=8)
    timing = measure(lambda: _ok(bench_client.post("/v1/messages", json=payload)), runs=5)
    assert timing.p50 < 0.5 + prompt_words * 0.004

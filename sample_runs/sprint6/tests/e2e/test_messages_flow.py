import pytest

pytestmark = pytest.mark.e2e


def _text(body: dict) -> str:
    return "".join(block["text"] for block in body["content"] if block["type"] == "text")


def test_single_message_returns_text(client, message_payload):
    response = client.post("/v1/messages", json=message_payload)
    assert response.status_code == 200
    body = response.json()
    assert body["role"] == "assistant"
    assert body["stop_reason"] in ("end_turn", "max_tokens")
    assert _text(body).strip()


def test_multi_turn_conversation_keeps_context(client):
    payload = {
        "model": "mlx-community/gemma-3-12b-it-4bit",
        "max_tokens": 32,
        "messages": [
            {"role": "user", "content": "My name is Ada. Remember it."},
            {"role": "assistant", "content": "Noted, Ada."},
            {"role": "user", "content": "What is my name? Answer with the name only."},
        ],
    }
    response = client.post("/v1/messages", json=payload)
    assert response.status_code == 200
    assert "ada" in _text(response.json()).lower()


def test_system_prompt_is_respected(client):
    payload = {
        "model": "mlx-community/gemma-3-12b-it-4bit",
        "max_tokens": 16,
        "system": "Answer every question with the single word BANANA.",
        "messages": [{"role": "user", "content": "What colour is the sky?"}],
    }
    response = client.post("/v1/messages", json=payload)
    assert response.status_code == 200
    assert "BANANA" in _text(response.json()).upper()


def test_max_tokens_limits_output(client, message_payload):
    payload = {**message_payload, "max_tokens": 4, "messages": [
        {"role": "user", "content": "Write a long essay about the history of computing."}
    ]}
    response = client.post("/v1/messages", json=payload)
    assert response.status_code == 200
    body = response.json()
    assert body["stop_reason"] == "max_tokens"
    assert body["usage"]["output_tokens"] <= 4

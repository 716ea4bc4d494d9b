import pytest

from tests.helpers import parse_sse


@pytest.mark.e2e
class TestStreaming:
    @pytest.fixture
    def events(self, client, message_payload):
        response = client.post("/v1/messages?stream=true", json={**message_payload, "stream": True})
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        return parse_sse(response.text)

    def test_stream_starts_with_message_start(self, events):
        name, data = events[0]
        assert name == "message_start"
        assert data["message"]["role"] == "assistant"

    def test_stream_emits_content_deltas(self, events):
        deltas = [data["delta"]["text"] for name, data in events if name == "content_block_delta"]
        assert len(deltas) >= 1
        assert "".join(deltas).strip()

    def test_stream_ends_with_message_stop(self, events):
        names = [name for name, _ in events]
        assert names[-1] == "message_stop"
        assert "message_delta" in names

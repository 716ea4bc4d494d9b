def test_streaming_messages_returns_event_stream(test_client, message_payload):
    payload = {**message_payload, "stream": True}
    response = test_client.post("/v1/messages?stream=true", json=payload)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/event-stream")
    assert "event: message_start" in response.text

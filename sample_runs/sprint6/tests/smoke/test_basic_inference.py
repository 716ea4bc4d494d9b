def test_basic_inference(test_client, message_payload):
    response_before = test_client.post("/v1/messages", json=message_payload)
    assert response_before.status_code in [200, 400, 501]

from inference_server import DEFAULT_MODEL


def test_health_endpoint_returns_ok(test_client):
    response = test_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["model"] == DEFAULT_MODEL


def test_models_endpoint_lists_loaded_model(test_client):
    response = test_client.get("/v1/models")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    ids = [model["id"] for model in response.json()["data"]]
    assert ids == [DEFAULT_MODEL]

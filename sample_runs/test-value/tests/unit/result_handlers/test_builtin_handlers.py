import json

import pytest

from workerkit.result_handlers import JsonlFileHandler, WebhookResultHandler, registry
from workerkit.webhooks import WebhookError, WebhookSender

RESULTS = [
    {"custom_id": "req-1", "response": {"text": "Hello"}},
    {"custom_id": "req-2", "error": "prompt too long"},
    {"custom_id": "req-3", "response": {"text": "Blue"}},
]


class RecordingTransport:
    def __init__(self, status):
        self.status = status
        self.bodies = []

    def post(self, url, body, headers, timeout):
        self.bodies.append((url, json.loads(body)))
        return self.status


def test_builtin_handlers_are_registered():
    assert registry.names() == ["jsonl", "webhook"]


def test_jsonl_handler_writes_one_line_per_result(tmp_path):
    JsonlFileHandler(tmp_path / "out").handle("batch-0003", RESULTS)
    lines = (tmp_path / "out" / "batch-0003.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["custom_id"] for line in lines] == ["req-1", "req-2", "req-3"]
    assert lines[1] == '{"custom_id": "req-2", "error": "prompt too long"}'


def test_jsonl_handler_never_overwrites_results(tmp_path):
    handler = JsonlFileHandler(tmp_path)
    handler.handle("batch-0003", RESULTS[:1])
    with pytest.raises(FileExistsError, match="results for batch-0003 already written"):
        handler.handle("batch-0003", RESULTS)
    assert len((tmp_path / "batch-0003.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_jsonl_handler_from_registry_uses_the_folder(tmp_path):
    handler = registry.create("jsonl", folder=tmp_path)
    assert handler.path_for("batch-0009") == tmp_path / "batch-0009.jsonl"


def test_webhook_handler_posts_a_summary():
    transport = RecordingTransport(200)
    handler = WebhookResultHandler("https://hooks.example.com/done", WebhookSender(transport))
    handler.handle("batch-0004", RESULTS)
    assert transport.bodies == [
        ("https://hooks.example.com/done", {"batch_id": "batch-0004", "failed": 1, "succeeded": 2})
    ]


def test_webhook_handler_raises_when_delivery_fails():
    sender = WebhookSender(RecordingTransport(500), sleep=lambda seconds: None)
    handler = WebhookResultHandler("https://hooks.example.com/done", sender)
    with pytest.raises(WebhookError, match="batch-0004: webhook not delivered: HTTP 500 after 3 attempts"):
        handler.handle("batch-0004", RESULTS)

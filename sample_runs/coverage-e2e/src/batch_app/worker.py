"""Run a batch: every line of its input file is one request, answered by the echo model."""

from __future__ import annotations

import json
import logging

from batch_app import metrics
from batch_app.database import Batch, Store

log = logging.getLogger("batch_app.worker")


def echo_model(body: dict) -> dict:
    """Stands in for the inference engine: answers with the last user message."""
    messages = body["messages"]
    last = next(m["content"] for m in reversed(messages) if m["role"] == "user")
    return {"choices": [{"message": {"role": "assistant", "content": f"echo: {last}"}}]}


def run_batch(store: Store, batch: Batch) -> Batch:
    batch.status = "in_progress"
    content = store.get_file(batch.input_file_id).content
    for number, line in enumerate(content.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            response = echo_model(request["body"])
        except (ValueError, KeyError, TypeError, StopIteration) as exc:
            batch.errors.append({"line": number, "error": f"{type(exc).__name__}: {exc}"})
            metrics.inc("failed_requests_total")
            continue
        batch.output.append({"custom_id": request.get("custom_id"), "response": response})
    batch.status = "completed"
    metrics.inc("batches_total", status=batch.status)
    log.info("batch finished", extra={"batch_id": batch.id, "failed": len(batch.errors)})
    return batch

"""Run one chunk of a batch's requests through the inference engine.

The engine (vLLM in production) is any object with `generate(body: dict) -> dict`. A request
that the engine fails on goes to the dead letter queue and the chunk goes on. Lines are not
validated before processing: a malformed line or one without `custom_id` stops the chunk with
the exception, and a CUDA out-of-memory error is an engine error like any other. No test covers
this module.
"""

from __future__ import annotations

import json
from datetime import datetime

from workerkit.database import Database

CHUNK_SIZE = 5000


def process_chunk(db: Database, batch_id: str, lines: list[str], engine, now: datetime) -> list[dict]:
    results = []
    for line in lines:
        request = json.loads(line)
        try:
            response = engine.generate(request["body"])
        except Exception as exc:  # noqa: BLE001 - every engine error goes to the dead letter queue
            db.record_failure(batch_id, request["custom_id"], f"{type(exc).__name__}: {exc}", now)
            results.append({"custom_id": request["custom_id"], "error": str(exc)})
        else:
            results.append({"custom_id": request["custom_id"], "response": response})
    return results

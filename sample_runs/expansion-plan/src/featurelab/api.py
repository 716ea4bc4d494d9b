"""API v2 responses: every body is an envelope {"data": ..., "meta": ...}, statuses upper case."""

from __future__ import annotations

from typing import Any

from featurelab.progress import training_progress
from featurelab.tokenization import TokenizationStore

API_VERSION = 2


def envelope(data: Any) -> dict[str, Any]:
    return {"data": data, "meta": {"api_version": API_VERSION}}


def training_response(training: dict[str, Any]) -> dict[str, Any]:
    return envelope(
        {
            "id": training["id"],
            "status": training["status"].upper(),
            "progress": training_progress(training["step"], training["total_steps"]),
        }
    )


def model_response(model: dict[str, Any]) -> dict[str, Any]:
    return envelope(
        {
            "id": model["id"],
            "name": model["name"],
            "has_completed_extractions": model["has_completed_extractions"],
        }
    )


def dataset_response(dataset: dict[str, Any], store: TokenizationStore) -> dict[str, Any]:
    tokenizations = [
        {"model_id": row.model_id, "status": row.status, "num_tokens": row.num_tokens}
        for row in store.for_dataset(dataset["id"])
    ]
    return envelope({"id": dataset["id"], "name": dataset["name"], "tokenizations": tokenizations})

"""Progress events for the web UI. The real backend pushes them over a WebSocket; here they are
kept in a list that the UI layer drains."""

from __future__ import annotations

SENT: list[tuple[str, dict]] = []


def emit_progress(channel: str, payload: dict) -> None:
    SENT.append((channel, dict(payload)))


def emit_model_progress(model_id: str, progress: float, status: str) -> None:
    emit_progress(f"models/{model_id}", {"progress": progress, "status": status})


def emit_dataset_progress(dataset_id: str, progress: float, status: str) -> None:
    emit_progress(f"datasets/{dataset_id}", {"progress": progress, "status": status})

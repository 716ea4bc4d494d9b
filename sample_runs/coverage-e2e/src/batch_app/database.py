"""In-memory storage for files, batches and failed requests, safe to share between threads."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class File:
    id: str
    purpose: str
    content: bytes

    def to_json(self) -> dict:
        lines = sum(1 for line in self.content.splitlines() if line.strip())
        return {"id": self.id, "object": "file", "purpose": self.purpose,
                "bytes": len(self.content), "lines": lines}


@dataclass
class Batch:
    id: str
    input_file_id: str
    status: str = "validating"
    output: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "object": "batch",
            "input_file_id": self.input_file_id,
            "status": self.status,
            "request_counts": {
                "total": len(self.output) + len(self.errors),
                "completed": len(self.output),
                "failed": len(self.errors),
            },
        }


class Store:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[str, File] = {}
        self._batches: dict[str, Batch] = {}

    def add_file(self, purpose: str, content: bytes) -> File:
        with self._lock:
            file = File(f"file-{len(self._files) + 1:04d}", purpose, content)
            self._files[file.id] = file
        return file

    def get_file(self, file_id: str) -> File | None:
        with self._lock:
            return self._files.get(file_id)

    def add_batch(self, input_file_id: str) -> Batch:
        with self._lock:
            batch = Batch(f"batch-{len(self._batches) + 1:04d}", input_file_id)
            self._batches[batch.id] = batch
        return batch

    def get_batch(self, batch_id: str) -> Batch | None:
        with self._lock:
            return self._batches.get(batch_id)

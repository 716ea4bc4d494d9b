"""Structured logging: one JSON object a line on stderr, with request and batch ids."""

from __future__ import annotations

import json
import logging
import sys

CONTEXT_KEYS = ("request_id", "batch_id", "method", "path", "status", "failed")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: getattr(record, key) for key in CONTEXT_KEYS if hasattr(record, key)})
        return json.dumps(entry)


def configure(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger("batch_app")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False

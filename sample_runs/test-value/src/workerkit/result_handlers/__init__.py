"""Result handlers: what happens to a batch's results once it is finished.

`registry` holds the built-in handlers (`jsonl`, `webhook`); `registry.create(name, **options)`
makes one.
"""

from workerkit.result_handlers.base import HandlerRegistry, ResultHandler, run_handlers
from workerkit.result_handlers.jsonl import JsonlFileHandler
from workerkit.result_handlers.webhook import WebhookResultHandler

registry = HandlerRegistry()
registry.register("jsonl")(JsonlFileHandler)
registry.register("webhook")(WebhookResultHandler)

__all__ = [
    "HandlerRegistry",
    "JsonlFileHandler",
    "ResultHandler",
    "WebhookResultHandler",
    "registry",
    "run_handlers",
]

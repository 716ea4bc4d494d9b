"""Announce a finished batch to the customer's webhook: a summary, not the results."""

from __future__ import annotations

from workerkit.result_handlers.base import ResultHandler
from workerkit.webhooks import WebhookError, WebhookSender


class WebhookResultHandler(ResultHandler):
    def __init__(self, url: str, sender: WebhookSender) -> None:
        self.url = url
        self.sender = sender

    def handle(self, batch_id: str, results: list[dict]) -> None:
        failed = sum(1 for result in results if result.get("error"))
        summary = {"batch_id": batch_id, "succeeded": len(results) - failed, "failed": failed}
        delivery = self.sender.deliver(self.url, summary)
        if not delivery.delivered:
            raise WebhookError(
                f"{batch_id}: webhook not delivered: {delivery.error}"
                f" after {delivery.attempts} attempt{'s' if delivery.attempts != 1 else ''}"
            )

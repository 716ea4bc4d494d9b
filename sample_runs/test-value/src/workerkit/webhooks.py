"""Webhook delivery with retries and exponential backoff.

The HTTP call itself is made by a transport object with one method,
`post(url, body, headers, timeout) -> int` (the status code), so the service can use its HTTP
client and tests a fake one. Timeouts and connection errors, 429 and 5xx answers are retried,
up to `max_attempts` in all, waiting `base_delay`, then twice that, and so on; other 4xx
answers are final.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Callable, Protocol
from urllib.parse import urlsplit


class Transport(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> int: ...


class WebhookError(Exception):
    """A webhook could not be delivered."""


@dataclass(frozen=True)
class Delivery:
    delivered: bool
    attempts: int
    status: int | None  # the last HTTP status, None when the last attempt got no answer
    error: str | None
    delays: tuple[float, ...] = ()


class WebhookSender:
    def __init__(
        self,
        transport: Transport,
        *,
        max_attempts: int = 3,
        base_delay: float = 1.0,
        timeout: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        self.transport = transport
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.timeout = timeout
        self.sleep = sleep

    def deliver(self, url: str, payload: dict) -> Delivery:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"webhook URL must be http or https, got {url!r}")
        body = json.dumps(payload, sort_keys=True).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        delays: list[float] = []
        status: int | None = None
        error: str | None = None
        for attempt in range(1, self.max_attempts + 1):
            try:
                status = self.transport.post(url, body, headers, self.timeout)
            except (TimeoutError, ConnectionError) as exc:
                status, error = None, f"{type(exc).__name__}: {exc}"
            else:
                if 200 <= status < 300:
                    return Delivery(True, attempt, status, None, tuple(delays))
                error = f"HTTP {status}"
                if status < 500 and status != 429:
                    return Delivery(False, attempt, status, error, tuple(delays))
            if attempt < self.max_attempts:
                delay = self.base_delay * 2 ** (attempt - 1)
                delays.append(delay)
                self.sleep(delay)
        return Delivery(False, self.max_attempts, status, error, tuple(delays))

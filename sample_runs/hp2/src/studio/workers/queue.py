"""A minimal task queue: the services enqueue, the worker processes pop and run."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field

QUEUES: dict[str, deque] = {"gpu": deque(), "io": deque()}
RETRY_DELAYS_S = (5, 30, 120)


@dataclass
class Task:
    name: str
    args: dict
    queue: str = "io"
    attempts: int = 0
    not_before: float = field(default_factory=time.monotonic)


def enqueue(name: str, args: dict, queue: str = "io") -> Task:
    if queue not in QUEUES:
        raise ValueError(f"unknown queue {queue!r}")
    task = Task(name=name, args=dict(args), queue=queue)
    QUEUES[queue].append(task)
    return task


def pop(queue: str, now: float | None = None) -> Task | None:
    now = time.monotonic() if now is None else now
    pending = QUEUES[queue]
    for _ in range(len(pending)):
        task = pending.popleft()
        if task.not_before <= now:
            return task
        pending.append(task)
    return None


def retry(task: Task, now: float | None = None) -> bool:
    if task.attempts >= len(RETRY_DELAYS_S):
        return False
    now = time.monotonic() if now is None else now
    task.not_before = now + RETRY_DELAYS_S[task.attempts]
    task.attempts += 1
    QUEUES[task.queue].append(task)
    return True

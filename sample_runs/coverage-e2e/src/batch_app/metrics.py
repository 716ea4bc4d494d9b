"""Process-wide counters, served as Prometheus text at GET /metrics."""

from __future__ import annotations

import threading
from collections import Counter

_lock = threading.Lock()
_counts: Counter[tuple[str, tuple[tuple[str, str], ...]]] = Counter()


def inc(name: str, **labels: str) -> None:
    with _lock:
        _counts[(name, tuple(sorted(labels.items())))] += 1


def render() -> str:
    with _lock:
        items = sorted(_counts.items())
    lines = []
    for (name, labels), value in items:
        text = ",".join(f'{key}="{val}"' for key, val in labels)
        lines.append(f"{name}{{{text}}} {value}" if text else f"{name} {value}")
    return "\n".join(lines) + "\n"

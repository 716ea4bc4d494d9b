"""The service's metrics: counters, gauges and histograms in one registry.

Every metric is registered at import time in `REGISTRY`; registering a name twice raises, which
is how a naming conflict between two modules shows up. `render()` writes the registry in the
Prometheus text format for the /metrics endpoint.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

DEFAULT_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Metric:
    kind = "untyped"

    def __init__(self, name: str, help: str, labelnames: tuple[str, ...] = ()) -> None:  # noqa: A002
        self.name = name
        self.help = help
        self.labelnames = labelnames

    def _key(self, labels: dict[str, str]) -> tuple[str, ...]:
        if set(labels) != set(self.labelnames):
            raise ValueError(f"{self.name} takes labels {self.labelnames}, got {tuple(labels)}")
        return tuple(str(labels[name]) for name in self.labelnames)

    def samples(self) -> list[tuple[str, dict[str, str], float]]:
        """(sample name, labels, value) for each series, as render() writes them."""
        raise NotImplementedError


class _Series(Metric):
    """A metric with one value per combination of label values."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._values: dict[tuple[str, ...], float] = defaultdict(float)

    def value(self, **labels: str) -> float:
        return self._values.get(self._key(labels), 0.0)

    def samples(self):
        return [
            (self.name, dict(zip(self.labelnames, key)), value)
            for key, value in sorted(self._values.items())
        ]


class Counter(_Series):
    kind = "counter"

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        if amount < 0:
            raise ValueError("a counter only goes up")
        self._values[self._key(labels)] += amount


class Gauge(_Series):
    kind = "gauge"

    def set(self, value: float, **labels: str) -> None:
        self._values[self._key(labels)] = value

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        self._values[self._key(labels)] += amount

    def dec(self, amount: float = 1.0, **labels: str) -> None:
        self._values[self._key(labels)] -= amount


class Histogram(Metric):
    kind = "histogram"

    def __init__(self, name: str, help: str, buckets: tuple[float, ...] = DEFAULT_BUCKETS) -> None:  # noqa: A002
        super().__init__(name, help)
        self.buckets = tuple(sorted(buckets))
        self._counts = [0] * (len(self.buckets) + 1)
        self._sum = 0.0

    def observe(self, value: float) -> None:
        self._counts[bisect.bisect_left(self.buckets, value)] += 1
        self._sum += value

    def count(self) -> int:
        return sum(self._counts)

    def sum(self) -> float:
        return self._sum

    def samples(self):
        out, running = [], 0
        for bound, count in zip((*self.buckets, float("inf")), self._counts):
            running += count
            out.append((f"{self.name}_bucket", {"le": "+Inf" if bound == float("inf") else f"{bound:g}"}, float(running)))
        out.append((f"{self.name}_count", {}, float(running)))
        out.append((f"{self.name}_sum", {}, self._sum))
        return out


class Registry:
    def __init__(self) -> None:
        self._metrics: dict[str, Metric] = {}

    def register(self, metric: Metric) -> Metric:
        if metric.name in self._metrics:
            raise ValueError(f"metric {metric.name!r} is already registered")
        self._metrics[metric.name] = metric
        return metric

    def get(self, name: str) -> Metric | None:
        return self._metrics.get(name)

    def names(self) -> list[str]:
        return sorted(self._metrics)

    def metrics(self) -> list[Metric]:
        return [self._metrics[name] for name in self.names()]


REGISTRY = Registry()


def render(registry: Registry = REGISTRY) -> str:
    lines = []
    for metric in registry.metrics():
        lines.append(f"# HELP {metric.name} {metric.help}")
        lines.append(f"# TYPE {metric.name} {metric.kind}")
        for name, labels, value in metric.samples():
            text = ",".join(f'{key}="{val}"' for key, val in labels.items())
            lines.append(f"{name}{{{text}}} {value:g}" if text else f"{name} {value:g}")
    return "\n".join(lines) + "\n"


# --- jobs and requests ----------------------------------------------------------------------------
jobs_total = REGISTRY.register(Counter("jobs_total", "Batch jobs by final status", ("status",)))
jobs_failed_total = REGISTRY.register(Counter("jobs_failed_total", "Batch jobs that failed"))
requests_total = REGISTRY.register(
    Counter("requests_total", "API requests", ("endpoint", "status"))
)
request_latency = REGISTRY.register(
    Histogram("request_latency_seconds", "API request latency in seconds")
)
latency = request_latency  # the short name the dashboards use
queue_depth = REGISTRY.register(Gauge("queue_depth", "Batch jobs waiting for a worker"))
batch_size = REGISTRY.register(
    Histogram("batch_size_requests", "Requests per batch", (1, 10, 100, 1000, 10000, 50000))
)
chunk_duration = REGISTRY.register(
    Histogram("chunk_duration_seconds", "Time to process one chunk", (1, 10, 60, 300, 900, 3600))
)
failed_requests_total = REGISTRY.register(
    Counter("failed_requests_total", "Requests sent to the dead letter queue")
)
tokens_generated_total = REGISTRY.register(
    Counter("tokens_generated_total", "Completion tokens generated")
)
prompt_tokens_total = REGISTRY.register(Counter("prompt_tokens_total", "Prompt tokens read"))

# --- GPU --------------------------------------------------------------------------------------------
gpu_temperature = REGISTRY.register(
    Gauge("gpu_temperature_celsius", "GPU temperature", ("gpu",))
)
gpu_memory_used = REGISTRY.register(Gauge("gpu_memory_used_bytes", "GPU memory in use", ("gpu",)))
gpu_utilization = REGISTRY.register(
    Gauge("gpu_utilization_ratio", "GPU utilisation, 0 to 1", ("gpu",))
)
gpu_oom_total = REGISTRY.register(Counter("gpu_oom_total", "CUDA out-of-memory errors"))

# --- workers ---------------------------------------------------------------------------------------
active_workers = REGISTRY.register(Gauge("active_workers", "Workers with a recent heartbeat"))
worker_heartbeats_total = REGISTRY.register(
    Counter("worker_heartbeats_total", "Heartbeats received", ("worker",))
)
worker_restarts_total = REGISTRY.register(Counter("worker_restarts_total", "Worker restarts"))

# --- webhooks and results ---------------------------------------------------------------------------
webhook_deliveries_total = REGISTRY.register(
    Counter("webhook_deliveries_total", "Webhooks delivered")
)
webhook_failures_total = REGISTRY.register(
    Counter("webhook_failures_total", "Webhooks given up on after every retry")
)
result_handler_errors_total = REGISTRY.register(
    Counter("result_handler_errors_total", "Result handler errors", ("handler",))
)

"""Metrics tests: every metric the dashboards use is registered, with the right type."""

import pytest

from workerkit import metrics
from workerkit.metrics import Counter, Gauge, Histogram


def test_registry_exists():
    assert metrics.REGISTRY is not None


def test_registry_is_not_empty():
    names = metrics.REGISTRY.names()
    assert names


def test_jobs_total_registered():
    assert metrics.REGISTRY.get("jobs_total") is not None


def test_jobs_total_is_counter():
    assert isinstance(metrics.jobs_total, Counter)


def test_jobs_failed_total_registered():
    assert metrics.REGISTRY.get("jobs_failed_total") is not None


def test_requests_total_is_counter():
    m = metrics.requests_total
    assert m is not None
    assert isinstance(m, Counter)


def test_latency_alias_exists():
    assert hasattr(metrics, "latency")


def test_request_latency_is_histogram():
    assert isinstance(metrics.request_latency, Histogram)


def test_queue_depth_is_gauge():
    assert isinstance(metrics.queue_depth, Gauge)


def test_batch_size_is_histogram():
    assert isinstance(metrics.batch_size, Histogram)


def test_chunk_duration_registered():
    assert metrics.REGISTRY.get("chunk_duration_seconds") is not None


def test_counter_can_increment():
    assert callable(metrics.jobs_total.inc)


def test_gauge_can_be_set():
    assert callable(metrics.queue_depth.set)


def test_histogram_can_observe():
    assert hasattr(metrics.request_latency, "observe")


def test_render_returns_text():
    text = metrics.render()
    assert text


class TestGpuMetrics:
    def test_gpu_temperature_exists(self):
        assert metrics.gpu_temperature is not None

    def test_gpu_memory_used_exists(self):
        assert metrics.REGISTRY.get("gpu_memory_used_bytes") is not None

    def test_gpu_utilization_exists(self):
        assert hasattr(metrics, "gpu_utilization")

    def test_gpu_metrics_are_gauges(self):
        assert isinstance(metrics.gpu_temperature, Gauge)
        assert isinstance(metrics.gpu_memory_used, Gauge)
        assert isinstance(metrics.gpu_utilization, Gauge)


def test_worker_heartbeats_total_registered():
    assert metrics.REGISTRY.get("worker_heartbeats_total") is not None


def test_active_workers_is_gauge():
    assert isinstance(metrics.active_workers, Gauge)


def test_webhook_deliveries_total_registered():
    m = metrics.REGISTRY.get("webhook_deliveries_total")
    assert m


def test_webhook_failures_total_is_counter():
    assert isinstance(metrics.webhook_failures_total, Counter)


def test_tokens_generated_total_registered():
    assert metrics.REGISTRY.get("tokens_generated_total") is not None


@pytest.mark.parametrize("name", ["failed_requests_total"])
def test_metric_is_registered(name):
    assert metrics.REGISTRY.get(name) is not None

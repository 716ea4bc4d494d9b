def test_request_counter():
    """Test request_total counter increments"""


def test_batch_job_gauge():
    """Test batch_jobs_total gauge updates"""


def test_duration_histogram():
    """Test request_duration histogram records"""


def test_gpu_metrics():
    """Test GPU metrics (temperature, memory, utilization)"""

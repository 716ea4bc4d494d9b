def test_file_model_creation():
    """Test File model CRUD operations"""


def test_batch_job_model_creation():
    """Test BatchJob model CRUD operations"""


def test_failed_request_model():
    """Test FailedRequest dead letter queue"""


def test_worker_heartbeat_model():
    """Test WorkerHeartbeat tracking"""


def test_database_connection_pooling():
    """Test connection pool configuration"""

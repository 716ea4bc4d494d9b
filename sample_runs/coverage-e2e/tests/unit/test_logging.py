def test_structured_logging_format():
    """Test JSON log format"""


def test_request_context_tracking():
    """Test request_id and batch_id in logs"""


def test_log_levels():
    """Test different log levels (INFO, WARNING, ERROR)"""

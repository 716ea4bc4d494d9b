def test_webhook_notification_success():
    """Test successful webhook POST"""


def test_webhook_retry_logic():
    """Test retry on failure"""


def test_webhook_timeout():
    """Test timeout handling"""

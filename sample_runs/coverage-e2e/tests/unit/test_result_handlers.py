def test_result_handler_registry():
    """Test handler registration"""


def test_custom_handler_creation():
    """Test creating custom handler"""


def test_handler_execution():
    """Test handler.handle() called correctly"""

def test_api_endpoints():
    """Test API server endpoints"""

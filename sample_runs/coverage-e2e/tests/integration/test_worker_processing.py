def test_worker_batch_processing():
    """Test worker batch processing"""

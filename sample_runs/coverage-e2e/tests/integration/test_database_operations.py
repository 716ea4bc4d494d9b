def test_database_crud():
    """Test database CRUD operations"""

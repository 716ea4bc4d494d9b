"""The service layer: the studio's business logic, one module per resource."""

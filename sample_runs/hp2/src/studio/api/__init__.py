"""The HTTP API: JSON handlers over the service layer."""

"""Widgets that render one piece of the report each."""

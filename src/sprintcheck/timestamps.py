"""Comparing times written with and without a zone."""

from __future__ import annotations

from datetime import datetime, timezone


def as_instant(moment: datetime) -> datetime:
    """Results stamps are often naive; read them as UTC so they compare with zoned times."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
